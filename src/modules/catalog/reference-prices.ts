import { sql } from 'kysely';
import { actorLabel, type Ctx, inTransaction } from '../../http/context.ts';
import { fieldError } from '../../http/errors.ts';
import { writeCsv } from '../../shared/csv.ts';
import { todayIn } from '../../shared/dates.ts';
import { recordAudit } from '../audit/service.ts';
import { listMarkets } from '../tenancy/service.ts';
import { COMMODITIES, findCommodity } from './commodities.ts';
import type { ReferencePriceRange, ReferencePricesInput, ReferencePriceView } from './schemas.ts';
import { commodityName } from './views.ts';

// The dinas' daily reference prices for staples, per market: published by program
// admins, shown beside traders' prices, and exported as CSV for anyone to check.

/** A price older than this is not shown as today's reference: dinas publish on working days. */
const MAX_AGE_DAYS = 7;

function referenceRows(ctx: Ctx) {
  return ctx.db
    .selectFrom('reference_prices as r')
    .innerJoin('markets as m', (join) => join.onRef('m.tenant_id', '=', 'r.tenant_id').onRef('m.id', '=', 'r.market_id'))
    .select(['r.market_id', 'm.name as market_name', 'r.commodity_slug', 'r.unit', 'r.price', 'r.price_date', 'r.published_at'])
    .where('r.tenant_id', '=', ctx.tenant.id);
}

type ReferenceRow = Awaited<ReturnType<ReturnType<typeof referenceRows>['execute']>>[number];

function toView(ctx: Ctx, row: ReferenceRow): ReferencePriceView {
  return {
    marketId: row.market_id,
    marketName: row.market_name,
    commodity: row.commodity_slug,
    commodityName: commodityName(row.commodity_slug, ctx.lang),
    unit: row.unit,
    price: Number(row.price),
    date: row.price_date,
  };
}

const commodityOrder = (slug: string) => COMMODITIES.findIndex((c) => c.slug === slug);

/** The latest price on or before `date` (and not older than a week) per market and staple. */
function latestAsOf(ctx: Ctx, date: string) {
  return referenceRows(ctx)
    .distinctOn(['r.market_id', 'r.commodity_slug'])
    .where('r.price_date', '<=', date)
    .where('r.price_date', '>', sql<string>`${date}::date - ${sql.lit(MAX_AGE_DAYS)}`)
    .orderBy('r.market_id')
    .orderBy('r.commodity_slug')
    .orderBy('r.price_date', 'desc');
}

/** Reference prices for (market, staple) pairs as of a day, keyed "marketId:commodity". */
export async function referencePricesFor(ctx: Ctx, pairs: { marketId: string; commodity: string }[], date: string) {
  const found = new Map<string, ReferencePriceView>();
  if (pairs.length === 0) return found;
  const rows = await latestAsOf(ctx, date)
    .where((eb) =>
      eb(
        eb.refTuple('r.market_id', 'r.commodity_slug'),
        'in',
        pairs.map((p) => eb.tuple(p.marketId, p.commodity)),
      ),
    )
    .execute();
  for (const row of rows) found.set(`${row.market_id}:${row.commodity_slug}`, toView(ctx, row));
  return found;
}

/** The board as of a day (default today): one market, or every market. */
export async function referenceBoard(ctx: Ctx, options: { marketId?: string; date?: string }): Promise<ReferencePriceView[]> {
  let query = latestAsOf(ctx, options.date ?? todayIn(ctx.tenant.timeZone));
  if (options.marketId) query = query.where('r.market_id', '=', options.marketId);
  const rows = (await query.execute()).map((row) => toView(ctx, row));
  return rows.sort((a, b) => a.marketName.localeCompare(b.marketName) || commodityOrder(a.commodity) - commodityOrder(b.commodity));
}

/** Publishes a day's prices for one market; a staple published again that day is corrected. */
export async function publishReferencePrices(ctx: Ctx, input: ReferencePricesInput): Promise<ReferencePriceView[]> {
  const today = todayIn(ctx.tenant.timeZone);
  const date = input.date ?? today;
  if (date > today) throw fieldError('date', 'date_in_future');
  const market = (await listMarkets(ctx)).find((m) => m.id === input.marketId);
  if (!market) throw fieldError('marketId', 'unknown_market');
  return inTransaction(ctx, async (tx) => {
    const publishedBy = tx.actor?.userId ?? null;
    await tx.db
      .insertInto('reference_prices')
      .values(
        input.prices.map((row) => ({
          tenant_id: tx.tenant.id,
          market_id: market.id,
          commodity_slug: row.commodity,
          price_date: date,
          unit: findCommodity(row.commodity)?.unit ?? 'kg',
          price: row.price,
          published_by: publishedBy,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'market_id', 'commodity_slug', 'price_date']).doUpdateSet((eb) => ({
          price: eb.ref('excluded.price'),
          published_by: eb.ref('excluded.published_by'),
          published_at: new Date(),
        })),
      )
      .execute();
    await recordAudit(tx.db, {
      tenantId: tx.tenant.id,
      actorUserId: publishedBy,
      actorLabel: actorLabel(tx),
      action: 'reference_price.publish',
      entityType: 'market',
      entityId: market.id,
      data: { date, prices: input.prices },
    });
    return referenceBoard(tx, { marketId: market.id, date });
  });
}

/** Every published price in a date range (default the last 30 days), oldest first. */
export async function referencePriceHistory(ctx: Ctx, range: ReferencePriceRange) {
  const today = todayIn(ctx.tenant.timeZone);
  let query = referenceRows(ctx)
    .where('r.price_date', '<=', range.to ?? today)
    .orderBy('r.price_date')
    .orderBy('m.name')
    .orderBy('r.commodity_slug')
    .limit(20_000);
  query = range.from ? query.where('r.price_date', '>=', range.from) : query.where('r.price_date', '>', sql<string>`${today}::date - 30`);
  if (range.marketId) query = query.where('r.market_id', '=', range.marketId);
  return (await query.execute()).map((row) => ({ ...toView(ctx, row), publishedAt: row.published_at.toISOString() }));
}

const CSV_HEADERS = {
  id: ['tanggal', 'pasar', 'kode_komoditas', 'komoditas', 'satuan', 'harga_rupiah', 'diterbitkan'],
  en: ['date', 'market', 'commodity_code', 'commodity', 'unit', 'price_rupiah', 'published_at'],
};

/** The history as CSV with a byte-order mark, so spreadsheet programs read it as UTF-8. */
export async function referencePricesCsv(ctx: Ctx, range: ReferencePriceRange): Promise<string> {
  const rows = await referencePriceHistory(ctx, range);
  const lines = [
    CSV_HEADERS[ctx.lang],
    ...rows.map((r) => [r.date, r.marketName, r.commodity, r.commodityName, r.unit, String(r.price), r.publishedAt]),
  ];
  return writeCsv(lines);
}
