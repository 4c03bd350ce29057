import { sql } from 'kysely';
import type { Ctx } from '../../http/context.ts';
import { todayIn } from '../../shared/dates.ts';
import { mediaUrls } from '../media/service.ts';
import { marketLineOf } from '../orders/views.ts';
import { courierFloat } from '../payments/accounts.ts';
import { stallLabel } from '../sellers/lookup.ts';
import type { JobView } from './schemas.ts';
import type { JobStatus } from './tables.ts';

// What the courier app shows: offers with their deadline, running jobs with the stops and
// lines, and the day's recap.

const num = (value: string | null) => (value === null ? null : Number(value));

/** Jobs shown to a courier: offered to them now, or theirs, by status; newest first. */
export async function courierJobs(
  ctx: Ctx,
  courierIds: string[],
  statuses: readonly JobStatus[],
  attemptsAllowed: number,
): Promise<JobView[]> {
  if (courierIds.length === 0) return [];
  const now = new Date();
  const rows = await ctx.db
    .selectFrom('delivery_jobs as j')
    .innerJoin('orders as o', (join) => join.onRef('o.tenant_id', '=', 'j.tenant_id').onRef('o.id', '=', 'j.order_id'))
    .innerJoin('users as u', 'u.id', 'o.buyer_user_id')
    .leftJoin('markets as m', (join) => join.onRef('m.tenant_id', '=', 'j.tenant_id').onRef('m.id', '=', 'j.market_id'))
    .leftJoin('job_offers as f', (join) =>
      join
        .onRef('f.tenant_id', '=', 'j.tenant_id')
        .onRef('f.job_id', '=', 'j.id')
        .on('f.status', '=', 'open')
        .on('f.courier_id', 'in', courierIds)
        .on('f.expires_at', '>', now),
    )
    .select([
      'j.id',
      'j.order_id',
      'j.program_id',
      'j.delivered_at',
      'j.pickup_lat',
      'j.pickup_lng',
      'j.kind',
      'j.status',
      'j.fee',
      'j.code_attempts',
      'j.dropoff_lat',
      'j.dropoff_lng',
      'o.number',
      'o.address',
      'o.area_code',
      'o.notes',
      'o.deliver_on',
      'u.name as buyer_name',
      'u.phone as buyer_phone',
      'm.name as market_name',
      'm.address as market_address',
      'm.lat as market_lat',
      'm.lng as market_lng',
      'f.expires_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('payments as p')
        .select(sql<string>`coalesce(sum(p.amount), 0)`.as('cod'))
        .whereRef('p.tenant_id', '=', 'j.tenant_id')
        .whereRef('p.order_id', '=', 'j.order_id')
        .where('p.method', '=', 'cod')
        .where('p.status', '=', 'pending')
        .as('cod'),
    )
    .where('j.tenant_id', '=', ctx.tenant.id)
    .where((eb) => eb.or([eb('j.courier_id', 'in', courierIds), eb('f.courier_id', 'is not', null)]))
    .where('j.status', 'in', statuses)
    .orderBy('j.created_at', 'desc')
    .limit(50)
    .execute();
  if (rows.length === 0) return [];
  const lines = await ctx.db
    .selectFrom('order_lines as l')
    .leftJoin('fulfilments as f', (join) =>
      join.onRef('f.tenant_id', '=', 'l.tenant_id').onRef('f.order_id', '=', 'l.order_id').onRef('f.seller_id', '=', 'l.seller_id'),
    )
    .leftJoin('sellers as s', (join) => join.onRef('s.tenant_id', '=', 'l.tenant_id').onRef('s.id', '=', 'l.seller_id'))
    .selectAll('l')
    .select(['s.business_name', 's.phone', 's.stall_type', 's.stall_block', 's.stall_number'])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where(
      'l.order_id',
      'in',
      rows.map((r) => r.order_id),
    )
    // Titip lines ride with the trip; catalogue lines when the courier brings that seller's part.
    .where((eb) => eb.or([eb('l.kind', '=', 'request'), eb.and([eb('f.method', '=', 'delivery'), eb('f.status', '<>', 'rejected')])]))
    // Walking order through the market: by block and stall number; titip lines last.
    .orderBy(sql`s.stall_block nulls last`)
    .orderBy('s.stall_number')
    .orderBy('l.position')
    .execute();
  const paidAtStalls = await ctx.db
    .selectFrom('stall_payments')
    .select(['job_id', 'seller_id', 'amount', 'media_id', 'created_at'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where(
      'job_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('created_at')
    .execute();
  return rows.map((row) => {
    const stops = new Map<string, JobView['stops'][number]>();
    for (const line of lines.filter((l) => l.order_id === row.order_id)) {
      const key = line.seller_id ?? '';
      const stop = stops.get(key) ?? {
        sellerId: line.seller_id,
        sellerName: line.business_name ?? '',
        sellerPhone: line.phone,
        stall: line.seller_id ? stallLabel({ type: line.stall_type, block: line.stall_block, number: line.stall_number }) : null,
        lines: [],
      };
      stop.lines.push({
        position: line.position,
        productTitle: line.product_title,
        variantName: line.variant_name,
        unit: line.unit,
        unitPrice: Number(line.unit_price),
        quantityMilli: line.quantity_milli,
        lineTotal: Number(line.line_total),
        ...marketLineOf(line),
      });
      stops.set(key, stop);
    }
    return {
      id: row.id,
      orderId: row.order_id,
      orderNumber: row.number,
      programId: row.program_id,
      kind: row.kind,
      status: row.status,
      fee: Number(row.fee),
      offerExpiresAt: row.expires_at?.toISOString() ?? null,
      deliveredAt: row.delivered_at?.toISOString() ?? null,
      pickup: row.pickup_lat === null || row.pickup_lng === null ? null : { lat: Number(row.pickup_lat), lng: Number(row.pickup_lng) },
      market: row.market_name
        ? { name: row.market_name, address: row.market_address ?? '', lat: num(row.market_lat), lng: num(row.market_lng) }
        : null,
      dropoff: { address: row.address, areaCode: row.area_code, notes: row.notes, lat: num(row.dropoff_lat), lng: num(row.dropoff_lng) },
      buyer: { name: row.buyer_name, phone: row.buyer_phone },
      cashToCollect: Number(row.cod ?? 0),
      codeAttemptsLeft: Math.max(0, attemptsAllowed - row.code_attempts),
      deliverOn: row.deliver_on,
      stallPayments: paidAtStalls
        .filter((p) => p.job_id === row.id)
        .map((p) => ({
          sellerId: p.seller_id,
          amount: Number(p.amount),
          photoUrl: p.media_id ? mediaUrls(p.media_id).url : null,
          at: p.created_at.toISOString(),
        })),
      stops: [...stops.values()],
    };
  });
}

/** A courier's day: jobs delivered, fees earned and cash collected, in the regency's calendar. */
export async function courierRecap(ctx: Ctx, courier: { ids: string[]; userId: string }, date = todayIn(ctx.tenant.timeZone)) {
  const day = sql<boolean>`(j.delivered_at AT TIME ZONE ${ctx.tenant.timeZone})::date = ${date}::date`;
  const jobs = await ctx.db
    .selectFrom('delivery_jobs as j')
    .select([sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(j.fee), 0)`.as('fees')])
    .where('j.tenant_id', '=', ctx.tenant.id)
    .where('j.courier_id', 'in', courier.ids.length ? courier.ids : [''])
    .where('j.status', '=', 'delivered')
    .where(day)
    .executeTakeFirstOrThrow();
  const cash = await ctx.db
    .selectFrom('ledger_postings as p')
    .innerJoin('ledger_accounts as a', (join) => join.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.id', '=', 'p.account_id'))
    .innerJoin('ledger_transactions as t', (join) => join.onRef('t.tenant_id', '=', 'p.tenant_id').onRef('t.id', '=', 'p.transaction_id'))
    .select(sql<string>`coalesce(sum(p.amount), 0)`.as('cash'))
    .where('p.tenant_id', '=', ctx.tenant.id)
    .where('a.code', '=', `cash:courier:${courier.userId}`)
    .where('t.kind', '=', 'cash_collected')
    .where(sql<boolean>`(t.occurred_at AT TIME ZONE ${ctx.tenant.timeZone})::date = ${date}::date`)
    .executeTakeFirstOrThrow();
  const float = await ctx.db
    .selectFrom('ledger_postings as p')
    .innerJoin('ledger_accounts as a', (join) => join.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.id', '=', 'p.account_id'))
    .select(sql<string>`coalesce(sum(p.amount), 0)`.as('float'))
    .where('p.tenant_id', '=', ctx.tenant.id)
    .where('a.code', 'in', courier.ids.length ? courier.ids.map((id) => courierFloat(id, '').code) : [''])
    .executeTakeFirstOrThrow();
  return { date, delivered: Number(jobs.n), fees: Number(jobs.fees), cashCollected: Number(cash.cash), float: Number(float.float) };
}
