import { sql } from 'kysely';
import type { Ctx } from '../../http/context.ts';
import { todayIn } from '../../shared/dates.ts';
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
    .innerJoin('fulfilments as f', (join) =>
      join.onRef('f.tenant_id', '=', 'l.tenant_id').onRef('f.order_id', '=', 'l.order_id').onRef('f.seller_id', '=', 'l.seller_id'),
    )
    .innerJoin('sellers as s', (join) => join.onRef('s.tenant_id', '=', 'l.tenant_id').onRef('s.id', '=', 'l.seller_id'))
    .select([
      'l.order_id',
      'l.seller_id',
      'l.position',
      'l.product_title',
      'l.variant_name',
      'l.unit',
      'l.unit_price',
      'l.quantity_milli',
      'l.line_total',
      'l.reweigh_status',
      'l.final_quantity_milli',
      'l.final_line_total',
      'l.proposed_quantity_milli',
      'l.proposed_line_total',
      'l.decide_by',
      's.business_name',
      's.phone',
      's.stall_type',
      's.stall_block',
      's.stall_number',
    ])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where(
      'l.order_id',
      'in',
      rows.map((r) => r.order_id),
    )
    .where('f.method', '=', 'delivery')
    .where('f.status', '<>', 'rejected')
    // Walking order through the market: by block and stall number.
    .orderBy('s.stall_block')
    .orderBy('s.stall_number')
    .orderBy('l.position')
    .execute();
  return rows.map((row) => {
    const stops = new Map<string, JobView['stops'][number]>();
    for (const line of lines.filter((l) => l.order_id === row.order_id)) {
      const stop = stops.get(line.seller_id) ?? {
        sellerName: line.business_name,
        sellerPhone: line.phone,
        stall: stallLabel({ type: line.stall_type, block: line.stall_block, number: line.stall_number }),
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
        reweighStatus: line.reweigh_status,
        finalQuantityMilli: line.final_quantity_milli,
        finalLineTotal: line.final_line_total === null ? null : Number(line.final_line_total),
        proposedQuantityMilli: line.proposed_quantity_milli,
        proposedLineTotal: line.proposed_line_total === null ? null : Number(line.proposed_line_total),
        decideBy: line.decide_by?.toISOString() ?? null,
      });
      stops.set(line.seller_id, stop);
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
  return { date, delivered: Number(jobs.n), fees: Number(jobs.fees), cashCollected: Number(cash.cash) };
}
