import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import type { DB } from '../src/db/schema.ts';
import { normalizeSearchText, productSearchText } from '../src/modules/catalog/search.ts';
import { CATEGORIES } from '../src/modules/catalog/taxonomy.ts';
import { MARKET_NAMES, OWNER_NAMES, PRODUCTS, QUALIFIERS } from './names.ts';
import { type Random, seededRandom } from './random.ts';

export interface Scale {
  name: string;
  tenants: number;
  marketsPerTenant: number;
  sellersPerTenant: number;
  productsTotal: number;
}

export const SCALES: Record<string, Scale> = {
  smoke: { name: 'smoke', tenants: 2, marketsPerTenant: 2, sellersPerTenant: 10, productsTotal: 200 },
  small: { name: 'small', tenants: 2, marketsPerTenant: 3, sellersPerTenant: 100, productsTotal: 5_000 },
  regency: { name: 'regency', tenants: 5, marketsPerTenant: 8, sellersPerTenant: 1_000, productsTotal: 100_000 },
  national: { name: 'national', tenants: 50, marketsPerTenant: 10, sellersPerTenant: 1_000, productsTotal: 1_000_000 },
};

export interface Generated {
  hosts: string[];
  productIds: string[];
  searchTerms: string[];
  counts: Record<string, number>;
}

const pad = (n: number, width = 16) => String(n).padStart(width, '0');

/** The loader writes rows shaped like the migrations, table by table, 1,000 rows a statement. */
async function insertBatched<T extends Record<string, unknown>>(database: Database, table: keyof DB, rows: T[], batch = 1000) {
  for (let i = 0; i < rows.length; i += batch) {
    await database.db
      .insertInto(table)
      .values(rows.slice(i, i + batch) as never)
      .execute();
  }
}

/** Deterministic regency data: same seed, same rows. */
export async function generate(database: Database, scale: Scale, seed = 2026): Promise<Generated> {
  const random: Random = seededRandom(seed);
  const tenants = Array.from({ length: scale.tenants }, (_, i) => ({
    id: `ten_bench${pad(i, 11)}`,
    slug: `bench-${i + 1}`,
    name: `Kabupaten Bench ${i + 1}`,
    area_code: `33.${pad(i + 1, 2)}`,
  }));
  await insertBatched(database, 'tenants', tenants);
  const programs = tenants.map((t) => ({ tenant_id: t.id, id: `prg_${t.id.slice(4)}`, slug: 'pasar-daring', name: 'Pasar Daring' }));
  await insertBatched(database, 'programs', programs);
  const markets = tenants.flatMap((t) =>
    Array.from({ length: scale.marketsPerTenant }, (_, m) => ({
      tenant_id: t.id,
      id: `mkt_${t.id.slice(9)}${pad(m, 5)}`,
      name: `${MARKET_NAMES[m % MARKET_NAMES.length]} ${m + 1}`,
      kind: 'traditional_market',
      area_code: `${t.area_code}.01`,
      lat: -7.3 - random.next() / 10,
      lng: 109.3 + random.next() / 10,
      hours: 'Setiap hari 04.00–12.00',
    })),
  );
  await insertBatched(database, 'markets', markets);
  const sellers = tenants.flatMap((t, ti) =>
    Array.from({ length: scale.sellersPerTenant }, (_, s) => {
      const market = markets[ti * scale.marketsPerTenant + (s % scale.marketsPerTenant)];
      const owner = random.pick(OWNER_NAMES);
      return {
        tenant_id: t.id,
        id: `slr_${t.id.slice(9)}${pad(s, 5)}`,
        program_id: programs[ti]?.id,
        kind: 'trader',
        status: 'approved',
        business_name: `Lapak ${owner} ${s + 1}`,
        owner_name: owner,
        market_id: market?.id,
        stall_type: 'kios',
        stall_block: String.fromCharCode(65 + (s % 6)),
        stall_number: String(s + 1),
      };
    }),
  );
  await insertBatched(database, 'sellers', sellers);

  const generated: Generated = {
    hosts: tenants.map((t) => `${t.slug}.localhost`),
    productIds: [],
    searchTerms: ['bawang merh', 'brambang', 'cabe rawit', 'lombok', 'telur', 'beras premium', 'ikan nila', 'tempe'],
    counts: { tenants: tenants.length, markets: markets.length, sellers: sellers.length, products: 0 },
  };
  generated.productIds = await generateProducts(database, scale, sellers, random);
  generated.counts.products = generated.productIds.length;
  // A live database has planner statistics (autovacuum); a freshly bulk-loaded one not yet.
  await sql`ANALYZE`.execute(database.db);
  return generated;
}

const WEIGHED = new Set(['kg', 'gram', 'ons']);

/**
 * Products with Indonesian titles spread over the sellers (a few sellers with many products,
 * most with a handful), one or two variants each, written with the same derived columns the
 * catalog service writes (search text, name key, cheapest price, vocabulary).
 */
async function generateProducts(
  database: Database,
  scale: Scale,
  sellers: { tenant_id: string; id: string; program_id?: string; market_id?: string; business_name: string }[],
  random: Random,
): Promise<string[]> {
  const ids: string[] = [];
  const perTenant = Math.ceil(scale.productsTotal / scale.tenants);
  const byTenant = new Map<string, typeof sellers>();
  for (const seller of sellers) byTenant.set(seller.tenant_id, [...(byTenant.get(seller.tenant_id) ?? []), seller]);
  let serial = 0;
  for (const [tenantId, tenantSellers] of byTenant) {
    const products: Record<string, unknown>[] = [];
    const variants: Record<string, unknown>[] = [];
    const words = new Set<string>();
    for (let n = 0; n < perTenant; n++) {
      const seller = random.skewed(tenantSellers);
      const [base, category, unit, basePrice] = random.pick(PRODUCTS);
      const title = `${base} ${random.pick(QUALIFIERS)}`;
      const price = Math.round((basePrice * (0.8 + random.next() * 0.5)) / 500) * 500;
      const id = `prd_b${pad(serial++, 15)}`;
      const searchText = productSearchText([title, categoryLabel(category), seller.business_name]);
      for (const word of searchText.split(' ')) if (word.length >= 3) words.add(word);
      const weighed = WEIGHED.has(unit);
      products.push({
        tenant_id: tenantId,
        id,
        seller_id: seller.id,
        program_id: seller.program_id,
        market_id: seller.market_id,
        category_slug: category,
        title,
        description: `${title} dari ${seller.business_name}.`,
        listed: true,
        min_price: price,
        price_unit: unit,
        name_key: normalizeSearchText(title),
        search_text: searchText,
      });
      variants.push({
        tenant_id: tenantId,
        id: `var_b${pad(serial, 15)}`,
        product_id: id,
        position: 0,
        unit,
        step_milli: weighed ? 250 : 1000,
        minimum_milli: weighed ? 250 : 1000,
        price,
        stock_mode: weighed ? 'daily' : 'counted',
        stock_milli: weighed ? 0 : random.int(0, 50) * 1000,
        weight_grams: weighed ? null : random.int(100, 2000),
      });
      ids.push(id);
    }
    await insertBatched(database, 'products', products);
    await insertBatched(database, 'variants', variants);
    await insertBatched(
      database,
      'search_words',
      [...words].map((word) => ({ tenant_id: tenantId, word })),
    );
  }
  return ids;
}

function categoryLabel(slug: string): string {
  return CATEGORIES.find((c) => c.slug === slug)?.id ?? slug;
}
