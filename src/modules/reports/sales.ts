import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { OrderStatus } from '../orders/tables.ts';
import type { SalesReport } from './schemas.ts';

// The sales report counts completed orders, on the day they completed in the tenant's time zone,
// at their final figures: reweighed and substituted lines, rejected parts left out. It reads the
// rollups (migration 0013) that each completion adds to, so a year of a busy program is a few
// hundred rows, not a million orders.

/** The completed orders to add up: one as it completes, or all of a tenant's for a rebuild. */
type Which = { orderId: string } | 'all';

/** `sold`: one row per order and seller (null seller: titip lines); `sold_orders`: one per order. */
function soldOrders(tenantId: string, which: Which): RawBuilder<unknown> {
  const oneOrder = which === 'all' ? sql`` : sql`AND o.id = ${which.orderId}`;
  return sql`
    sold AS (
      SELECT o.program_id, o.id AS order_id, o.buyer_user_id, o.delivery_fee + o.shopping_fee AS fees,
             (o.completed_at AT TIME ZONE t.time_zone)::date AS day, l.seller_id,
             sum(coalesce(l.final_line_total, l.line_total)) AS goods
      FROM orders o
      JOIN tenants t ON t.id = o.tenant_id
      JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id
      LEFT JOIN fulfilments f ON f.tenant_id = l.tenant_id AND f.order_id = l.order_id AND f.seller_id = l.seller_id
      WHERE o.tenant_id = ${tenantId} AND o.status = 'completed' ${oneOrder}
        AND f.status IS DISTINCT FROM 'rejected'
      GROUP BY 1, 2, 3, 4, 5, 6
    ),
    sold_orders AS (
      SELECT program_id, order_id, buyer_user_id, fees, day, sum(goods) AS goods FROM sold GROUP BY 1, 2, 3, 4, 5
    )`;
}

/** Months are bits from January 2000 (migration 0013): 1200 of them reach December 2099. */
const MONTH_BITS = 1200;
const FIRST_YEAR = 2000;
const NO_MONTHS = sql`B'0'::bit(1200)`;
/** The bit number of the month a date falls in. */
const monthBit = (date: RawBuilder<unknown>) =>
  sql`((extract(year FROM ${date})::int - ${FIRST_YEAR}) * 12 + extract(month FROM ${date})::int - 1)`;

/** A bit string with the months from..to ('YYYY-MM') set, to test sales_customers.months against. */
function monthsMask(from: string, to: string): string {
  const bitOf = (month: string) => {
    const [year, number] = month.split('-').map(Number) as [number, number];
    return (year - FIRST_YEAR) * 12 + number - 1;
  };
  const [first, last] = [bitOf(from), bitOf(to)];
  return Array.from({ length: MONTH_BITS }, (_, bit) => (bit >= first && bit <= last ? '1' : '0')).join('');
}

/**
 * Adds completed orders to the rollups. The program's day row is taken first, so completions in
 * one program queue there and cannot deadlock over sellers or customers; seller rows are
 * upserted in key order all the same.
 */
async function addSales(db: Executor, tenantId: string, which: Which): Promise<void> {
  const sold = soldOrders(tenantId, which);
  await sql`
    WITH ${sold}
    INSERT INTO sales_days (tenant_id, program_id, day, orders, goods, fees)
    SELECT ${tenantId}, program_id, day, count(*), sum(goods), sum(fees) FROM sold_orders GROUP BY 2, 3 ORDER BY 2, 3
    ON CONFLICT (tenant_id, program_id, day) DO UPDATE SET
      orders = sales_days.orders + excluded.orders,
      goods = sales_days.goods + excluded.goods,
      fees = sales_days.fees + excluded.fees`.execute(db);
  // One statement for the rest, so the orders are read once more, not twice. A customer's
  // months gain the new bits; those bits (added) count them in each month they are new to.
  await sql`
    WITH ${sold},
    sellers AS (
      INSERT INTO sales_seller_months (tenant_id, program_id, month, seller_id, orders, goods)
      SELECT ${tenantId}, program_id, date_trunc('month', day)::date, seller_id, count(*), sum(goods)
      FROM sold WHERE seller_id IS NOT NULL GROUP BY 2, 3, 4 ORDER BY 2, 3, 4
      ON CONFLICT (tenant_id, program_id, month, seller_id) DO UPDATE SET
        orders = sales_seller_months.orders + excluded.orders,
        goods = sales_seller_months.goods + excluded.goods
    ),
    customers AS (
      INSERT INTO sales_customers AS c (tenant_id, program_id, buyer_user_id, months, added)
      SELECT ${tenantId}, program_id, buyer_user_id, bits, bits
      FROM (
        SELECT program_id, buyer_user_id, bit_or(set_bit(${NO_MONTHS}, ${monthBit(sql`day`)}, 1)) AS bits
        FROM sold_orders GROUP BY 1, 2
      ) bought
      ORDER BY 2, 3
      ON CONFLICT (tenant_id, program_id, buyer_user_id) DO UPDATE SET
        months = c.months | excluded.months,
        added = excluded.months & ~c.months
      RETURNING program_id, added
    ),
    months AS (SELECT DISTINCT program_id, ${monthBit(sql`day`)} AS bit FROM sold_orders)
    INSERT INTO sales_months (tenant_id, program_id, month, customers)
    SELECT ${tenantId}, m.program_id, make_date(${FIRST_YEAR} + m.bit / 12, m.bit % 12 + 1, 1), count(*)
    FROM months m JOIN customers c ON c.program_id = m.program_id AND get_bit(c.added, m.bit) = 1
    GROUP BY 2, 3 ORDER BY 2, 3
    ON CONFLICT (tenant_id, program_id, month) DO UPDATE SET customers = sales_months.customers + excluded.customers`.execute(db);
}

/** Adds an order to the report, inside the transaction that completes it (its final figures are set by then). */
export async function recordCompletedOrder(ctx: Ctx, orderId: string): Promise<void> {
  await addSales(ctx.db, ctx.tenant.id, { orderId });
}

/** Recomputes a tenant's rollups from its completed orders (after an upgrade, or bulk-loaded data); returns how many it counted. */
export async function rebuildSalesReport(db: Kysely<DB>, tenantId: string): Promise<{ orders: number }> {
  return db.transaction().execute(async (tx) => {
    for (const table of ['sales_days', 'sales_seller_months', 'sales_customers', 'sales_months'] as const) {
      await tx.deleteFrom(table).where('tenant_id', '=', tenantId).execute();
    }
    await addSales(tx, tenantId, 'all');
    const counted = await tx
      .selectFrom('sales_days')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<bigint>('orders'), eb.lit(0)).as('orders'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return { orders: Number(counted.orders) };
  });
}

/** The 'YYYY-MM' after `month`. */
function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

/** 'YYYY-MM' months from..to, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = nextMonth(month)) months.push(month);
  return months;
}

const OPEN: Record<keyof SalesReport['open'], readonly OrderStatus[]> = {
  awaitingPayment: ['awaiting_payment'],
  inProgress: ['confirmed', 'accepted', 'ready'],
  delivered: ['delivered'],
};

/**
 * A program's sales for whole months `from`..`to` ('YYYY-MM'): totals, every month (zeros
 * included), the days with sales, the top sellers (all of them when `topSellers` is null),
 * markets, and the orders still open right now.
 */
export async function salesReport(
  ctx: Ctx,
  input: { programId: string; from: string; to: string; topSellers?: number | null },
): Promise<SalesReport> {
  const program = await ctx.db
    .selectFrom('programs')
    .select(['id', 'name'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', input.programId)
    .executeTakeFirst();
  if (!program) throw new AppError('not_found');
  const months = monthsBetween(input.from, input.to);
  const start = `${input.from}-01`;
  const end = `${nextMonth(input.to)}-01`;
  const inProgram = { tenant: ctx.tenant.id, program: program.id };
  const sellerMonths = () =>
    ctx.db
      .selectFrom('sales_seller_months as sm')
      .where('sm.tenant_id', '=', inProgram.tenant)
      .where('sm.program_id', '=', inProgram.program)
      .where('sm.month', '>=', start)
      .where('sm.month', '<', end);
  const withSeller = sellerMonths()
    .innerJoin('sellers as s', (join) => join.onRef('s.tenant_id', '=', 'sm.tenant_id').onRef('s.id', '=', 'sm.seller_id'))
    .leftJoin('markets as m', (join) => join.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.id', '=', 's.market_id'));

  // Independent reads: on PostgreSQL they run side by side on the pool.
  const [tenant, days, customersByMonth, customers, sellersByMonth, sellers, top, markets, open] = await Promise.all([
    ctx.db.selectFrom('tenants').select('time_zone').where('id', '=', ctx.tenant.id).executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('sales_days')
      .select(['day', 'orders', 'goods', 'fees'])
      .where('tenant_id', '=', inProgram.tenant)
      .where('program_id', '=', inProgram.program)
      .where('day', '>=', start)
      .where('day', '<', end)
      .orderBy('day')
      .execute(),
    ctx.db
      .selectFrom('sales_months')
      .select([sql<string>`to_char(month, 'YYYY-MM')`.as('month'), 'customers as count'])
      .where('tenant_id', '=', inProgram.tenant)
      .where('program_id', '=', inProgram.program)
      .where('month', '>=', start)
      .where('month', '<', end)
      .execute(),
    ctx.db
      .selectFrom('sales_customers')
      .select((eb) => eb.fn.countAll<bigint>().as('count'))
      .where('tenant_id', '=', inProgram.tenant)
      .where('program_id', '=', inProgram.program)
      .where(sql<boolean>`months & ${monthsMask(input.from, input.to)}::bit(1200) <> ${NO_MONTHS}`)
      .executeTakeFirstOrThrow(),
    sellerMonths()
      .select((eb) => [sql<string>`to_char(sm.month, 'YYYY-MM')`.as('month'), eb.fn.countAll<bigint>().as('count')])
      .groupBy('sm.month')
      .execute(),
    sellerMonths()
      .select((eb) => eb.fn.count<bigint>('sm.seller_id').distinct().as('count'))
      .executeTakeFirstOrThrow(),
    withSeller
      .select((eb) => [
        'sm.seller_id as sellerId',
        's.business_name as name',
        'm.name as marketName',
        eb.fn.sum<bigint>('sm.orders').as('orders'),
        eb.fn.sum<bigint>('sm.goods').as('goods'),
      ])
      .groupBy(['sm.seller_id', 's.business_name', 'm.name'])
      .orderBy('goods', 'desc')
      .orderBy('sm.seller_id')
      .$if(input.topSellers !== null, (q) => q.limit(input.topSellers ?? 10))
      .execute(),
    withSeller
      .select((eb) => [
        's.market_id as marketId',
        'm.name as name',
        eb.fn.count<bigint>('sm.seller_id').distinct().as('sellers'),
        eb.fn.sum<bigint>('sm.goods').as('goods'),
      ])
      .groupBy(['s.market_id', 'm.name'])
      .orderBy('goods', 'desc')
      .orderBy('s.market_id')
      .execute(),
    ctx.db
      .selectFrom('orders')
      .select((eb) => ['status', eb.fn.countAll<bigint>().as('count')])
      .where('tenant_id', '=', inProgram.tenant)
      .where('program_id', '=', inProgram.program)
      .where('status', 'in', Object.values(OPEN).flat())
      .groupBy('status')
      .execute(),
  ]);

  const byMonth = new Map(months.map((month) => [month, { orders: 0, goods: 0n, fees: 0n }]));
  for (const day of days) {
    const month = byMonth.get(day.day.slice(0, 7));
    if (!month) continue;
    month.orders += day.orders;
    month.goods += BigInt(day.goods);
    month.fees += BigInt(day.fees);
  }
  const countOf = (rows: { month: string; count: bigint | number }[], month: string) =>
    Number(rows.find((r) => r.month === month)?.count ?? 0);
  const totals = [...byMonth.values()].reduce(
    (sum, m) => ({ orders: sum.orders + m.orders, goods: sum.goods + m.goods, fees: sum.fees + m.fees }),
    { orders: 0, goods: 0n, fees: 0n },
  );
  const openCount = (statuses: readonly OrderStatus[]) =>
    open.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + Number(row.count), 0);
  return {
    programId: program.id,
    programName: program.name,
    from: input.from,
    to: input.to,
    timeZone: tenant.time_zone,
    totals: {
      orders: totals.orders,
      goods: Number(totals.goods),
      fees: Number(totals.fees),
      customers: Number(customers.count),
      sellers: Number(sellers.count),
      // What a transaction is worth to the buyer on average, goods and fees, in whole rupiah.
      averageOrder: totals.orders ? Number((totals.goods + totals.fees) / BigInt(totals.orders)) : 0,
    },
    months: [...byMonth].map(([month, m]) => ({
      month,
      orders: m.orders,
      goods: Number(m.goods),
      fees: Number(m.fees),
      customers: countOf(customersByMonth, month),
      sellers: countOf(sellersByMonth, month),
    })),
    days: days.map((d) => ({ day: d.day, orders: d.orders, goods: Number(d.goods), fees: Number(d.fees) })),
    sellers: top.map((s) => ({ ...s, orders: Number(s.orders), goods: Number(s.goods) })),
    markets: markets.map((m) => ({ ...m, sellers: Number(m.sellers), goods: Number(m.goods) })),
    open: {
      awaitingPayment: openCount(OPEN.awaitingPayment),
      inProgress: openCount(OPEN.inProgress),
      delivered: openCount(OPEN.delivered),
    },
    generatedAt: new Date().toISOString(),
  };
}
