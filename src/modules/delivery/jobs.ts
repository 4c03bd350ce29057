import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { assertMediaExists } from '../media/service.ts';
import { courierPickedUp, deliverOrder } from '../orders/lifecycle.ts';
import { notifyBuyer } from '../orders/notifications.ts';
import { weighLine } from '../orders/reweigh.ts';
import { offerNext } from './dispatch.ts';
import { closeOpenOffer, countWrongCode, type JobRow, lockJob, moveJob } from './job-states.ts';
import { type JobStatus, MAX_CODE_ATTEMPTS } from './tables.ts';

// What couriers and CS do to delivery jobs. Every step locks the job, checks who may take it
// and where it stands, and writes an event; refusals change nothing.

type Where = { lat: number; lng: number } | undefined;

/** The signed-in courier's registration in the job's program; another courier's job is not found. */
async function courierFor(ctx: Ctx, job: JobRow) {
  const courier = await ctx.db
    .selectFrom('couriers')
    .select(['id', 'name', 'user_id', 'active'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('program_id', '=', job.program_id)
    .where('user_id', '=', ctx.actor?.userId ?? '')
    .executeTakeFirst();
  if (!courier) throw new AppError('not_found');
  return courier;
}

export async function lockMyJob(ctx: Ctx, jobId: string) {
  const job = await lockJob(ctx, jobId);
  const courier = await courierFor(ctx, job);
  if (job.courier_id !== courier.id) throw new AppError('not_found');
  return { job, courier };
}

/** A job goes to a courier: their turn counter restarts, so the next job goes to someone else. */
async function assign(ctx: Ctx, job: JobRow, courierId: string, reason: string) {
  await moveJob(ctx, job, 'accepted', { courierId, reason });
  await ctx.db
    .updateTable('couriers')
    .set({ last_job_at: new Date() })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', courierId)
    .execute();
}

/** The courier takes the job offered to them; too late (expired, or someone else has it) is a 409 and changes nothing. */
export async function acceptJob(ctx: Ctx, jobId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const job = await lockJob(tx, jobId);
    const courier = await courierFor(tx, job);
    const offer = await tx.db
      .selectFrom('job_offers')
      .select(['status', 'expires_at'])
      .where('tenant_id', '=', tx.tenant.id)
      .where('job_id', '=', job.id)
      .where('courier_id', '=', courier.id)
      .executeTakeFirst();
    // A courier suspended since the offer was made cannot take it either.
    if (!courier.active || offer?.status !== 'open' || offer.expires_at <= new Date() || job.status !== 'offered') {
      throw new AppError('job_taken');
    }
    await closeOpenOffer(tx, job.id, 'accepted');
    await assign(tx, job, courier.id, 'offer_accepted');
  });
}

/** The courier says no: the job is offered to the next courier straight away. */
export async function declineJob(ctx: Ctx, jobId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const job = await lockJob(tx, jobId);
    const courier = await courierFor(tx, job);
    const open = await tx.db
      .selectFrom('job_offers')
      .select('courier_id')
      .where('tenant_id', '=', tx.tenant.id)
      .where('job_id', '=', job.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open?.courier_id !== courier.id) throw new AppError('job_taken');
    await closeOpenOffer(tx, job.id, 'declined');
    await offerNext(tx, job);
  });
}

/** The courier cannot do a job they took (breakdown, rain): it goes back to dispatch, without them. */
export async function dropJob(ctx: Ctx, jobId: string, reason: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { job } = await lockMyJob(tx, jobId);
    if (job.status !== 'accepted' && job.status !== 'shopping')
      throw new AppError('invalid_transition', { params: { status: job.status, to: 'waiting' } });
    await moveJob(tx, job, 'waiting', { courierId: null, reason: `dropped: ${reason}` });
    await offerNext(tx, job);
  });
}

const COURIER_STEPS: Partial<Record<JobStatus, JobStatus[]>> = {
  accepted: ['shopping', 'picked_up'],
  shopping: ['picked_up'],
  picked_up: ['delivering'],
  failed: ['delivering', 'returned'],
};

/**
 * The courier's progress: shopping at the market, picked up (the sellers' parts count as handed
 * over), on the way, or back at the market after a failed delivery.
 */
export async function advanceJob(
  ctx: Ctx,
  jobId: string,
  to: 'shopping' | 'picked_up' | 'delivering' | 'returned',
  at?: Where,
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { job } = await lockMyJob(tx, jobId);
    if (!COURIER_STEPS[job.status]?.includes(to) || (to === 'shopping' && job.kind !== 'market_trip')) {
      throw new AppError('invalid_transition', { params: { status: job.status, to } });
    }
    if (to === 'picked_up') await courierPickedUp(tx, job.order_id);
    await moveJob(tx, job, to, { at });
    if (to === 'delivering') await tellBuyerOnTheWay(tx, job.id);
  });
}

/** The shopper records what was bought for one line of the job's order (see orders/reweigh.ts). */
export async function weighJobLine(ctx: Ctx, jobId: string, input: Omit<Parameters<typeof weighLine>[1], 'orderId'>): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { job } = await lockMyJob(tx, jobId);
    if (job.status !== 'accepted' && job.status !== 'shopping')
      throw new AppError('invalid_transition', { params: { status: job.status, to: 'reweighed' } });
    await weighLine(tx, { ...input, orderId: job.order_id });
  });
}

/** The buyer was not there or refused: the job failed, the courier brings the goods back or tries again. */
export async function failJob(ctx: Ctx, jobId: string, reason: string, at?: Where): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { job } = await lockMyJob(tx, jobId);
    await moveJob(tx, job, 'failed', { reason, at });
  });
}

/**
 * Handed over at the door: the buyer's 4-digit code proves it (a photo may be added). A wrong
 * code is recorded and counted; after three, only CS can confirm the hand-over.
 */
export async function deliverJob(ctx: Ctx, jobId: string, input: { code: string; proofMediaId?: string; at?: Where }): Promise<void> {
  if (input.proofMediaId) await assertMediaExists(ctx, [input.proofMediaId], 'proofMediaId');
  const outcome = await inTransaction(ctx, async (tx) => {
    const { job, courier } = await lockMyJob(tx, jobId);
    if (job.status !== 'delivering') throw new AppError('invalid_transition', { params: { status: job.status, to: 'delivered' } });
    if (job.code_attempts >= MAX_CODE_ATTEMPTS) throw new AppError('proof_code_locked');
    // Committed even though the step is refused: the count must survive the error.
    if (input.code !== job.proof_code) return countWrongCode(tx, job, input.at);
    await handOver(tx, job, { userId: courier.user_id, name: courier.name }, input.proofMediaId ?? null, 'code_ok', input.at);
    return null;
  });
  if (outcome !== null) throw fieldError('code', outcome > 0 ? 'proof_code_wrong' : 'proof_code_locked', { left: outcome });
}

async function handOver(
  ctx: Ctx,
  job: JobRow,
  courier: { userId: string; name: string },
  proofMediaId: string | null,
  reason: string,
  at?: Where,
) {
  if (proofMediaId) {
    await ctx.db
      .updateTable('delivery_jobs')
      .set({ proof_media_id: proofMediaId })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', job.id)
      .execute();
  }
  await moveJob(ctx, job, 'delivered', { reason, at });
  await deliverOrder(ctx, job.order_id, courier);
}

/** CS assigns a job by hand (or moves it from a courier who dropped out) to a courier of the program. */
export async function assignJob(ctx: Ctx, jobId: string, courierId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const job = await lockJob(tx, jobId);
    const courier = await tx.db
      .selectFrom('couriers')
      .select(['id', 'active', 'id_checked_at'])
      .where('tenant_id', '=', tx.tenant.id)
      .where('program_id', '=', job.program_id)
      .where('id', '=', courierId)
      .executeTakeFirst();
    if (!courier?.active || !courier.id_checked_at) throw fieldError('courierId', 'courier_not_cleared');
    if (job.status === 'accepted' || job.status === 'shopping') {
      await moveJob(tx, job, 'waiting', { courierId: null, reason: 'reassigned_by_cs' });
    }
    if (job.status !== 'waiting' && job.status !== 'offered')
      throw new AppError('invalid_transition', { params: { status: job.status, to: 'accepted' } });
    await closeOpenOffer(tx, job.id, 'withdrawn');
    await assign(tx, job, courier.id, 'assigned_by_cs');
  });
}

/** CS confirms a hand-over the code could not prove (locked after wrong codes, a buyer without a phone). */
export async function confirmDeliveryByStaff(ctx: Ctx, jobId: string, reason: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const job = await lockJob(tx, jobId);
    if (job.status !== 'delivering' || (!job.courier_id && !job.partner))
      throw new AppError('invalid_transition', { params: { status: job.status, to: 'delivered' } });
    // A partner's driver delivered it: the partner is who handed it over.
    const courier = job.courier_id
      ? await tx.db
          .selectFrom('couriers')
          .select(['user_id', 'name'])
          .where('tenant_id', '=', tx.tenant.id)
          .where('id', '=', job.courier_id)
          .executeTakeFirstOrThrow()
      : { user_id: `partner:${job.partner}`, name: `Mitra antar ${job.partner}` };
    await handOver(tx, job, { userId: courier.user_id, name: courier.name }, null, `confirmed_by_cs: ${reason}`);
  });
}

/** The buyer is told who is coming once a courier is on the way. */
async function tellBuyerOnTheWay(ctx: Ctx, jobId: string): Promise<void> {
  const job = await ctx.db
    .selectFrom('delivery_jobs as j')
    .innerJoin('couriers as c', (join) => join.onRef('c.tenant_id', '=', 'j.tenant_id').onRef('c.id', '=', 'j.courier_id'))
    .select(['j.order_id', 'c.name', 'c.vehicle_plate'])
    .where('j.tenant_id', '=', ctx.tenant.id)
    .where('j.id', '=', jobId)
    .executeTakeFirst();
  if (job) await notifyBuyer(ctx, job.order_id, { kind: 'on_the_way', courier: job.name, plate: job.vehicle_plate });
}
