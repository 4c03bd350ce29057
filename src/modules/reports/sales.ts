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
  // One statement for the rest, so the orders are read once more, not twice. Completions come in
  // time order, so a customer's new months all follow their last one: each customer whose last
  // month moves on (a new customer, or one back in a new month) is counted in each new month,
  // under the month they had bought in before it.
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
    bought AS (SELECT DISTINCT program_id, buyer_user_id, date_trunc('month', day)::date AS month FROM sold_orders),
    customers AS (
      INSERT INTO sales_customers AS c (tenant_id, program_id, buyer_user_id, last_month)
      SELECT ${tenantId}, program_id, buyer_user_id, max(month) FROM bought GROUP BY 2, 3 ORDER BY 2, 3
      ON CONFLICT (tenant_id, program_id, buyer_user_id) DO UPDATE SET
        previous_month = c.last_month,
        last_month = excluded.last_month
      WHERE c.last_month < excluded.last_month
      -- On a first insert previous_month is null: this customer had never bought.
      RETURNING program_id, buyer_user_id, previous_month
    ),
    visits AS (
      SELECT b.program_id, b.month,
             coalesce(lag(b.month) OVER (PARTITION BY b.program_id, b.buyer_user_id ORDER BY b.month), c.previous_month) AS previous_month
      FROM bought b JOIN customers c ON c.program_id = b.program_id AND c.buyer_user_id = b.buyer_user_id
    )
    INSERT INTO sales_customer_months (tenant_id, program_id, month, previous_month, customers)
    SELECT ${tenantId}, program_id, month, previous_month, count(*) FROM visits GROUP BY 2, 3, 4 ORDER BY 2, 3, 4
    ON CONFLICT (tenant_id, program_id, month, previous_month) DO UPDATE SET
      customers = sales_customer_months.customers + excluded.customers`.execute(db);
}

/** Adds an order to the report, inside the transaction that completes it (its final figures are set by then). */
export async function recordCompletedOrder(ctx: Ctx, orderId: string): Promise<void> {
  await addSales(ctx.db, ctx.tenant.id, { orderId });
}

/** Recomputes a tenant's rollups from its completed orders (after an upgrade, or bulk-loaded data); returns how many it counted. */
export async function rebuildSalesReport(db: Kysely<DB>, tenantId: string): Promise<{ orders: number }> {
  return db.transaction().execute(async (tx) => {
    for (const table of ['sales_days', 'sales_seller_months', 'sales_customers', 'sales_customer_months'] as const) {
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
function monthsBetween(from: string, to: string): string[] {
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
  const customerMonths = () =>
    ctx.db
      .selectFrom('sales_customer_months')
      .where('tenant_id', '=', inProgram.tenant)
      .where('program_id', '=', inProgram.program)
      .where('month', '>=', start)
      .where('month', '<', end);
  // Independent reads: on PostgreSQL they run side by side on the pool.
  const [days, customersByMonth, customers, sellersByMonth, bySeller, open] = await Promise.all([
    ctx.db
      .selectFrom('sales_days')
      .select(['day', 'orders', 'goods', 'fees'])
      .where('tenant_id', '=', inProgram.tenant)
      .where('program_id', '=', inProgram.program)
      .where('day', '>=', start)
      .where('day', '<', end)
      .orderBy('day')
      .execute(),
    customerMonths()
      .select((eb) => [sql<string>`to_char(month, 'YYYY-MM')`.as('month'), eb.fn.sum<bigint>('customers').as('count')])
      .groupBy('month')
      .execute(),
    // Each customer of the period once: in the first month of it they bought in.
    customerMonths()
      .select((eb) => eb.fn.coalesce(eb.fn.sum<bigint>('customers'), eb.lit(0)).as('count'))
      .where((eb) => eb.or([eb('previous_month', 'is', null), eb('previous_month', '<', start)]))
      .executeTakeFirstOrThrow(),
    sellerMonths()
      .select((eb) => [sql<string>`to_char(sm.month, 'YYYY-MM')`.as('month'), eb.fn.countAll<bigint>().as('count')])
      .groupBy('sm.month')
      .execute(),
    // Each seller's period first, then their names: a year is a thousand sellers, not twelve thousand rows to join.
    ctx.db
      .selectFrom(
        sellerMonths()
          .select((eb) => ['sm.seller_id', eb.fn.sum<bigint>('sm.orders').as('orders'), eb.fn.sum<bigint>('sm.goods').as('goods')])
          .groupBy('sm.seller_id')
          .as('t'),
      )
      .innerJoin('sellers as s', (join) => join.on('s.tenant_id', '=', inProgram.tenant).onRef('s.id', '=', 't.seller_id'))
      .leftJoin('markets as m', (join) => join.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.id', '=', 's.market_id'))
      .select([
        't.seller_id as sellerId',
        's.business_name as name',
        's.market_id as marketId',
        'm.name as marketName',
        't.orders',
        't.goods',
      ])
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
  const sellers = bySeller
    .map((row) => ({ ...row, orders: Number(row.orders), goods: Number(row.goods) }))
    .sort((a, b) => b.goods - a.goods || (a.sellerId < b.sellerId ? -1 : 1));
  const markets = new Map<string | null, { marketId: string | null; name: string | null; sellers: number; goods: number }>();
  for (const seller of sellers) {
    const market = markets.get(seller.marketId) ?? { marketId: seller.marketId, name: seller.marketName, sellers: 0, goods: 0 };
    market.sellers += 1;
    market.goods += seller.goods;
    markets.set(seller.marketId, market);
  }
  const openCount = (statuses: readonly OrderStatus[]) =>
    open.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + Number(row.count), 0);
  return {
    programId: program.id,
    programName: program.name,
    from: input.from,
    to: input.to,
    timeZone: ctx.tenant.timeZone,
    totals: {
      orders: totals.orders,
      goods: Number(totals.goods),
      fees: Number(totals.fees),
      customers: Number(customers.count),
      sellers: sellers.length,
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
    sellers: sellers
      .slice(0, input.topSellers === null ? undefined : (input.topSellers ?? 10))
      .map(({ sellerId, name, marketName, orders, goods }) => ({ sellerId, name, marketName, orders, goods })),
    markets: [...markets.values()].sort((a, b) => b.goods - a.goods || String(a.marketId).localeCompare(String(b.marketId))),
    open: {
      awaitingPayment: openCount(OPEN.awaitingPayment),
      inProgress: openCount(OPEN.inProgress),
      delivered: openCount(OPEN.delivered),
    },
    generatedAt: new Date().toISOString(),
  };
}
