import type { Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { randomDigits } from '../../shared/crypto.ts';
import { newId } from '../../shared/ids.ts';
import { type JobStatus, MAX_CODE_ATTEMPTS } from './tables.ts';

/**
 * A delivery job's lifecycle. `waiting` and `offered` cycle while the dispatcher looks for a
 * courier; a courier who drops a job sends it back to `waiting`. A market trip goes through
 * `shopping`; a plain delivery is picked up straight away.
 */
export const JOB_TRANSITIONS: Record<JobStatus, readonly JobStatus[]> = {
  waiting: ['offered', 'accepted', 'cancelled'],
  offered: ['waiting', 'accepted', 'cancelled'],
  accepted: ['shopping', 'picked_up', 'waiting', 'cancelled'],
  shopping: ['picked_up', 'waiting', 'cancelled'],
  picked_up: ['delivering', 'cancelled'],
  delivering: ['delivered', 'failed'],
  failed: ['returned', 'delivering'],
  delivered: [],
  returned: [],
  cancelled: [],
};

export function canTransitionJob(from: JobStatus, to: JobStatus): boolean {
  return JOB_TRANSITIONS[from].includes(to);
}

/** An event that changes no status (a refused code, a hand-over to a partner, a failed request), for the record. */
export async function recordJobNote(
  ctx: Ctx,
  job: { id: string; status: JobStatus },
  reason: string,
  at?: { lat: number; lng: number },
): Promise<void> {
  await ctx.db
    .insertInto('job_events')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId('jev'),
      job_id: job.id,
      from_status: job.status,
      to_status: job.status,
      actor: ctx.actor?.userId ?? 'system',
      reason: reason.slice(0, 500),
      lat: at?.lat ?? null,
      lng: at?.lng ?? null,
    })
    .execute();
}

/**
 * A wrong hand-over code, by a courier or a partner's driver: counted and recorded (the caller
 * commits it even though the step is refused). Returns the tries left before only CS can confirm.
 */
export async function countWrongCode(ctx: Ctx, job: JobRow, at?: { lat: number; lng: number }): Promise<number> {
  await ctx.db
    .updateTable('delivery_jobs')
    .set({ code_attempts: job.code_attempts + 1 })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', job.id)
    .execute();
  await recordJobNote(ctx, job, 'wrong_code', at);
  return MAX_CODE_ATTEMPTS - job.code_attempts - 1;
}

export type JobRow = Awaited<ReturnType<typeof lockJob>>;

/** A job of this tenant, locked for the caller's transaction. */
export async function lockJob(ctx: Ctx, jobId: string) {
  const job = await ctx.db
    .selectFrom('delivery_jobs')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', jobId)
    .forUpdate()
    .executeTakeFirst();
  if (!job) throw new AppError('not_found');
  return job;
}

/** Moves a locked job with its event (who, why, where). */
export async function moveJob(
  ctx: Ctx,
  job: { id: string; status: JobStatus },
  to: JobStatus,
  event: { reason?: string; courierId?: string | null; at?: { lat: number; lng: number } } = {},
): Promise<void> {
  const from = job.status;
  if (!canTransitionJob(from, to)) throw new AppError('invalid_transition', { params: { status: from, to } });
  const now = new Date();
  await ctx.db
    .updateTable('delivery_jobs')
    .set({
      status: to,
      updated_at: now,
      ...(event.courierId !== undefined ? { courier_id: event.courierId } : {}),
      ...(to === 'delivered' ? { delivered_at: now } : {}),
    })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', job.id)
    .execute();
  job.status = to;
  await ctx.db
    .insertInto('job_events')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId('jev'),
      job_id: job.id,
      from_status: from,
      to_status: to,
      actor: ctx.actor?.userId ?? 'system',
      reason: event.reason ?? '',
      lat: event.at?.lat ?? null,
      lng: event.at?.lng ?? null,
    })
    .execute();
}

/** Closes the job's open offer (accepted, declined, expired or withdrawn). */
export async function closeOpenOffer(ctx: Ctx, jobId: string, status: 'accepted' | 'declined' | 'expired' | 'withdrawn') {
  return ctx.db
    .updateTable('job_offers')
    .set({ status, answered_at: new Date() })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('job_id', '=', jobId)
    .where('status', '=', 'open')
    .returning('courier_id')
    .executeTakeFirst();
}

/**
 * The delivery job of a newly confirmed order whose parts the program's couriers deliver,
 * inside the caller's transaction; none when nothing is delivered by courier. A market trip
 * when every part comes from traders of one market: the courier shops there.
 */
export async function createDeliveryJob(ctx: Ctx, orderId: string): Promise<string | null> {
  const parts = await ctx.db
    .selectFrom('fulfilments as f')
    .innerJoin('sellers as s', (join) => join.onRef('s.tenant_id', '=', 'f.tenant_id').onRef('s.id', '=', 'f.seller_id'))
    .leftJoin('markets as m', (join) => join.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.id', '=', 's.market_id'))
    .select(['s.market_id', 'm.lat', 'm.lng'])
    .where('f.tenant_id', '=', ctx.tenant.id)
    .where('f.order_id', '=', orderId)
    .where('f.method', '=', 'delivery')
    .execute();
  if (parts.length === 0) return null;
  const order = await ctx.db
    .selectFrom('orders')
    .select(['program_id', 'delivery_fee', 'shopping_fee', 'lat', 'lng'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  const markets = new Set(parts.map((p) => p.market_id));
  const oneMarket = markets.size === 1 && parts[0]?.market_id ? parts[0] : null;
  const start = parts.find((p) => p.lat !== null && p.lng !== null);
  const id = newId('job');
  // An order has one job; a second call (a retried step) creates nothing.
  const created = await ctx.db
    .insertInto('delivery_jobs')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      order_id: orderId,
      program_id: order.program_id,
      kind: oneMarket ? 'market_trip' : 'delivery',
      market_id: oneMarket?.market_id ?? null,
      pickup_lat: start ? Number(start.lat) : null,
      pickup_lng: start ? Number(start.lng) : null,
      dropoff_lat: order.lat === null ? null : Number(order.lat),
      dropoff_lng: order.lng === null ? null : Number(order.lng),
      status: 'waiting',
      courier_id: null,
      partner: null,
      partner_ref: null,
      // What the courier earns: delivery, and on a market trip the shopping.
      fee: order.delivery_fee + order.shopping_fee,
      proof_code: randomDigits(4),
      proof_media_id: null,
      delivered_at: null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'order_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!created) return null;
  await ctx.db
    .insertInto('job_events')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId('jev'),
      job_id: id,
      from_status: null,
      to_status: 'waiting',
      actor: ctx.actor?.userId ?? 'system',
    })
    .execute();
  return id;
}

/** The order was cancelled: its job, if still running, is cancelled and any open offer withdrawn. */
export async function cancelDeliveryJob(ctx: Ctx, orderId: string, reason: string): Promise<void> {
  const job = await ctx.db
    .selectFrom('delivery_jobs')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
  if (!job || !canTransitionJob(job.status, 'cancelled')) return;
  await closeOpenOffer(ctx, job.id, 'withdrawn');
  await moveJob(ctx, job, 'cancelled', { reason });
}
