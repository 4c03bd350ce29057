import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../http/context.ts';
import { fieldError } from '../../http/errors.ts';
import { todayIn } from '../../shared/dates.ts';
import { referencePricesFor } from './reference-prices.ts';
import type { ProductCard, ProductQuery, Sort } from './schemas.ts';
import { expandQuery, tsQueryText } from './search.ts';
import { correctWords } from './search-words.ts';
import { photoViews, stallLabel } from './views.ts';

// The storefront's product list: listed products of approved sellers, found by filters
// and search, one keyset page at a time. Sellers and markets are joined read-only for
// their display names.

export function listedProducts(ctx: Ctx) {
  return ctx.db
    .selectFrom('products as p')
    .innerJoin('sellers as s', (join) => join.onRef('s.tenant_id', '=', 'p.tenant_id').onRef('s.id', '=', 'p.seller_id'))
    .leftJoin('markets as m', (join) => join.onRef('m.tenant_id', '=', 'p.tenant_id').onRef('m.id', '=', 'p.market_id'))
    .select([
      'p.id',
      'p.title',
      'p.category_slug',
      'p.commodity_slug',
      'p.photo_ids',
      'p.min_price',
      'p.price_unit',
      'p.sold_out_until',
      'p.name_key',
      'p.seller_id',
      'p.market_id',
      's.business_name',
      's.stall_type',
      's.stall_block',
      's.stall_number',
      'm.name as market_name',
    ])
    .where('p.tenant_id', '=', ctx.tenant.id)
    .where('p.listed', '=', true)
    .where('s.status', '=', 'approved');
}

type ListedRow = Awaited<ReturnType<ReturnType<typeof listedProducts>['execute']>>[number];

export async function toCards(ctx: Ctx, rows: ListedRow[], today: string): Promise<ProductCard[]> {
  const references = await referencePricesFor(
    ctx,
    rows.flatMap((r) => (r.market_id && r.commodity_slug ? [{ marketId: r.market_id, commodity: r.commodity_slug }] : [])),
    today,
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    category: row.category_slug,
    photo: photoViews(row.photo_ids.slice(0, 1))[0] ?? null,
    price: Number(row.min_price),
    unit: row.price_unit,
    inStock: row.sold_out_until === null || row.sold_out_until < today,
    seller: {
      id: row.seller_id,
      name: row.business_name,
      stall: stallLabel({ stallType: row.stall_type, stallBlock: row.stall_block, stallNumber: row.stall_number }),
    },
    market: row.market_id ? { id: row.market_id, name: row.market_name ?? '' } : null,
    referencePrice: references.get(`${row.market_id}:${row.commodity_slug}`) ?? null,
  }));
}

/**
 * Products having all the words of any phrasing (the query and its synonyms; the last word
 * as a prefix, since people search while typing), tenant included in the same full-text
 * index lookup. Rank, lower is better and a whole number so the keyset cursor compares
 * exactly: the title starts with a phrasing, then contains it, then the rest (words found
 * in the category or the seller's name).
 */
function searchTerms(ctx: Ctx, phrasings: string[]) {
  const tsquery = sql`(to_tsquery('simple', ${tsQueryText(phrasings)}) && ${`'@${ctx.tenant.id}'`}::tsquery)`;
  // Phrasings are normalised to [a-z0-9 ]: no LIKE wildcard can come from the user.
  const title = (pattern: (phrasing: string) => string) =>
    sql.join(
      phrasings.map((phrasing) => sql`p.name_key LIKE ${pattern(phrasing)}`),
      sql` OR `,
    );
  return {
    matches: sql<boolean>`p.search_vector @@ ${tsquery}`,
    rank: sql<number>`(CASE WHEN ${title((p) => `${p}%`)} THEN 0 WHEN ${title((p) => `%${p}%`)} THEN 1 ELSE 2 END)`,
  };
}

/** Sort keys, all ascending, the id last so every row has one place. */
function sortKeys(sort: Sort, rank: RawBuilder<number> | null): RawBuilder<unknown>[] {
  if (sort === 'relevance' && rank) return [rank, sql`p.name_key`, sql`p.id`];
  if (sort === 'price') return [sql`p.min_price`, sql`p.id`];
  return [sql`p.name_key`, sql`p.id`];
}

/** What each cursor key must look like, so a forged cursor is a 400 and never a database error. */
const CURSOR_SHAPES: Record<Sort, RegExp[]> = {
  relevance: [/^\d{1,4}$/, /^[\s\S]{0,200}$/, /^\w{1,40}$/],
  name: [/^[\s\S]{0,200}$/, /^\w{1,40}$/],
  price: [/^\d{1,10}$/, /^\w{1,40}$/],
};

/** As typed, or with misspelt words corrected (when nothing matched as typed). */
type SearchMode = 'typed' | 'corrected';

interface Cursor {
  mode: SearchMode | null;
  keys: string[];
}

function encodeCursor(sort: Sort, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([sort, cursor.mode ?? '', ...cursor.keys])).toString('base64url');
}

function decodeCursor(text: string, sort: Sort): Cursor {
  try {
    const [cursorSort, mode, ...keys] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const shapes = CURSOR_SHAPES[sort];
    if (
      cursorSort === sort &&
      (mode === '' || mode === 'typed' || mode === 'corrected') &&
      keys.length === shapes.length &&
      keys.every((k, i) => typeof k === 'string' && shapes[i]?.test(k))
    ) {
      return { mode: mode || null, keys: keys as string[] };
    }
  } catch {
    // falls through to the field error
  }
  throw fieldError('cursor', 'invalid_cursor');
}

/** Listed products narrowed by the query's filters (not its words). */
function filteredProducts(ctx: Ctx, query: ProductQuery, today: string) {
  let select = listedProducts(ctx);
  if (query.programId) select = select.where('p.program_id', '=', query.programId);
  if (query.marketId) select = select.where('p.market_id', '=', query.marketId);
  if (query.sellerId) select = select.where('p.seller_id', '=', query.sellerId);
  if (query.category) select = select.where('p.category_slug', '=', query.category);
  if (query.minPrice !== undefined) select = select.where('p.min_price', '>=', BigInt(query.minPrice));
  if (query.maxPrice !== undefined) select = select.where('p.min_price', '<=', BigInt(query.maxPrice));
  if (query.inStock) select = select.where((eb) => eb.or([eb('p.sold_out_until', 'is', null), eb('p.sold_out_until', '<', today)]));
  return select;
}

/**
 * The page when enough titles begin with what was typed (rank 0): each phrasing walks the
 * name index from its prefix, and the walks are merged. A common word matches thousands of
 * products, and ranking them all is what makes a search slow; this reads a page's worth.
 * Null when those titles do not fill the page: then every match must be ranked.
 */
async function titlePrefixPage(ctx: Ctx, query: ProductQuery, phrasings: string[], after: string[] | null, today: string) {
  if (after && after[0] !== '0') return null;
  const walks = await Promise.all(
    phrasings.map((phrasing) => {
      // A title that begins with a phrasing has all its words (the last as a prefix): it
      // matches the full-text query too, so the walk needs no full-text condition, which
      // would tempt the planner away from the name order.
      let select = filteredProducts(ctx, query, today).select(sql<number>`0`.as('rank')).where('p.name_key', 'like', `${phrasing}%`);
      if (after) select = select.where(sql<boolean>`(p.name_key, p.id) > (${after[1]}, ${after[2]})`);
      return select
        .orderBy('p.name_key')
        .orderBy('p.id')
        .limit(query.limit + 1)
        .execute();
    }),
  );
  const byId = new Map(walks.flat().map((row) => [row.id, row]));
  const rows = [...byId.values()]
    .sort((a, b) => (a.name_key < b.name_key ? -1 : a.name_key > b.name_key ? 1 : a.id < b.id ? -1 : 1))
    .slice(0, query.limit + 1);
  return rows.length > query.limit ? rows : null;
}

/** One page (plus one row, to know there is more) for a sort and the phrasings searched. */
async function fetchPage(ctx: Ctx, query: ProductQuery, sort: Sort, phrasings: string[], after: string[] | null, today: string) {
  const terms = phrasings.length > 0 ? searchTerms(ctx, phrasings) : null;
  if (terms && sort === 'relevance') {
    const page = await titlePrefixPage(ctx, query, phrasings, after, today);
    if (page) return page;
  }
  let select = filteredProducts(ctx, query, today).select((terms?.rank ?? sql<number>`0`).as('rank'));
  if (terms) select = select.where(terms.matches);
  const keys = sortKeys(sort, terms?.rank ?? null);
  if (after) select = select.where(sql<boolean>`(${sql.join(keys)}) > (${sql.join(after)})`);
  for (const key of keys) select = select.orderBy(key);
  return select.limit(query.limit + 1).execute();
}

export interface ProductPage {
  products: ProductCard[];
  nextCursor: string | null;
  correctedQuery: string | null;
}

export async function listProducts(ctx: Ctx, query: ProductQuery): Promise<ProductPage> {
  const typed = query.q ? expandQuery(query.q) : [];
  // Relevance needs words to rank by; without them the list is by name.
  const wanted = query.sort ?? (typed.length > 0 ? 'relevance' : 'name');
  const sort: Sort = wanted === 'relevance' && typed.length === 0 ? 'name' : wanted;
  const cursor = query.cursor ? decodeCursor(query.cursor, sort) : null;
  const today = todayIn(ctx.tenant.timeZone);

  // The words as typed first; only when nothing matches them are misspelt words corrected
  // ("bawang merh"). The cursor remembers which, so later pages continue the same list.
  let mode: SearchMode | null = typed.length > 0 ? (cursor?.mode ?? 'typed') : null;
  const corrected = async () => {
    const words = await correctWords(ctx, typed[0] ?? '');
    return words === typed[0] ? null : words;
  };
  let correctedQuery = mode === 'corrected' ? await corrected() : null;
  let rows = await fetchPage(ctx, query, sort, correctedQuery ? expandQuery(correctedQuery) : typed, cursor?.keys ?? null, today);
  if (!cursor && mode === 'typed' && rows.length === 0) {
    correctedQuery = await corrected();
    if (correctedQuery) {
      mode = 'corrected';
      rows = await fetchPage(ctx, query, sort, expandQuery(correctedQuery), null, today);
    }
  }

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const keysOf = (row: (typeof rows)[number]) =>
    sort === 'relevance'
      ? [String(row.rank), row.name_key, row.id]
      : sort === 'price'
        ? [String(row.min_price), row.id]
        : [row.name_key, row.id];
  return {
    products: await toCards(ctx, page, today),
    nextCursor: rows.length > query.limit && last ? encodeCursor(sort, { mode, keys: keysOf(last) }) : null,
    correctedQuery: mode === 'corrected' ? correctedQuery : null,
  };
}
