import { z } from 'zod';
import { type Actor, type Ctx, inTransaction } from '../../../http/context.ts';
import { AppError } from '../../../http/errors.ts';
import { courierPickedUp, deliverOrder } from '../../orders/lifecycle.ts';
import { notifyBuyer } from '../../orders/notifications.ts';
import { offerNext } from '../dispatch.ts';
import { canTransitionJob, countWrongCode, type JobRow, lockJob, moveJob, recordJobNote } from '../job-states.ts';
import { type JobStatus, MAX_CODE_ATTEMPTS } from '../tables.ts';

// A partner's status callbacks, applied to the job it was handed: each is checked against the
// job's state (out of order: 409, nothing changes), applied at most once per event id, and
// written as a job event by `partner:<name>`.

const driver = z.object({
  name: z.string().trim().min(2).max(100),
  plate: z.string().trim().min(2).max(20),
  phone: z.string().trim().min(8).max(20),
});
const reason = z.string().trim().min(3).max(300);
const common = {
  /** The partner's id for this callback: a replay carries the same id and changes nothing. */
  eventId: z.string().regex(/^[A-Za-z0-9_.:-]{8,100}$/),
  /** Our job id, as sent in the request. */
  jobId: z.string().max(40),
  /** The partner's booking reference. */
  ref: z.string().trim().min(1).max(100),
};

// Unknown fields are dropped, not refused: a partner adding one must not break the callbacks.
export const partnerEvent = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('accepted'), driver }),
  z.object({ ...common, type: z.literal('picked_up') }),
  z.object({ ...common, type: z.literal('delivering'), driver }),
  z.object({
    ...common,
    type: z.literal('delivered'),
    proofCode: z
      .string()
      .regex(/^[0-9]{4}$/)
      .describe('The 4-digit code the buyer read out to the driver'),
  }),
  z.object({ ...common, type: z.literal('failed'), reason }),
  z.object({ ...common, type: z.literal('returned'), reason: reason.optional() }),
  z.object({ ...common, type: z.literal('cancelled'), reason }),
]);
export type PartnerEvent = z.infer<typeof partnerEvent>;

export type PartnerEventResult =
  | { result: 'applied' }
  /** This event id was received before. */
  | { result: 'duplicate' }
  /** Delivered with a wrong code: recorded and counted, the job is not delivered. */
  | { result: 'wrong_code'; attemptsLeft: number };

/** Who acts when a partner's callback is applied: written on job, order and ledger records. */
export function partnerActor(name: string): Actor {
  return { userId: `partner:${name}`, name: `Mitra antar ${name}`, phone: '', roles: [], sessionId: '' };
}

/** Where each step takes the job; `cancelled` by the partner is handled apart (back to dispatch). */
const STEP_TO: Record<Exclude<PartnerEvent['type'], 'cancelled'>, JobStatus> = {
  accepted: 'accepted',
  picked_up: 'picked_up',
  delivering: 'delivering',
  delivered: 'delivered',
  failed: 'failed',
  returned: 'returned',
};

/** Applies one signed callback from `partnerName`; ctx.actor must be partnerActor(partnerName). */
export async function receivePartnerEvent(ctx: Ctx, partnerName: string, event: PartnerEvent): Promise<PartnerEventResult> {
  return inTransaction(ctx, async (tx) => {
    const job = await lockJob(tx, event.jobId);
    if (!(await firstTime(tx, partnerName, event.eventId))) return { result: 'duplicate' };
    // Only a job this partner holds: not one it gave back, nor one CS gave to a courier.
    if (job.partner !== partnerName || job.courier_id !== null) throw new AppError('not_found');
    // The callback may beat our storing of the booking reference (requests.ts).
    if (job.partner_ref === null) await setPartnerRef(tx, job, event.ref);

    if (event.type === 'cancelled') {
      await giveBack(tx, job, event.reason);
      return { result: 'applied' };
    }
    const to = STEP_TO[event.type];
    if (!canTransitionJob(job.status, to)) throw new AppError('invalid_transition', { params: { status: job.status, to } });
    switch (event.type) {
      case 'accepted':
        await moveJob(tx, job, to, { reason: `driver: ${event.driver.name}, ${event.driver.plate}, ${event.driver.phone}` });
        break;
      case 'picked_up':
        // The sellers' parts count as handed over, as when a courier picks up.
        await courierPickedUp(tx, job.order_id);
        await moveJob(tx, job, to);
        break;
      case 'delivering':
        await moveJob(tx, job, to, { reason: `driver: ${event.driver.name}, ${event.driver.plate}` });
        await notifyBuyer(tx, job.order_id, { kind: 'on_the_way', courier: event.driver.name, plate: event.driver.plate });
        break;
      case 'delivered':
        return handOver(tx, job, event.proofCode);
      case 'failed':
      case 'returned':
        await moveJob(tx, job, to, { reason: event.reason });
        break;
    }
    return { result: 'applied' };
  });
}

/**
 * Keeps the event id (in the table that answers repeated Idempotency-Keys), inside the step's
 * transaction: a step refused with an error rolls it back, so the partner may send it again.
 */
async function firstTime(ctx: Ctx, partnerName: string, eventId: string): Promise<boolean> {
  const kept = await ctx.db
    .insertInto('idempotent_requests')
    .values({
      tenant_id: ctx.tenant.id,
      user_id: `partner:${partnerName}`,
      key: eventId,
      route: `POST /api/webhooks/delivery/${partnerName}`,
      status_code: 200,
      body: '',
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return kept !== undefined;
}

export async function setPartnerRef(ctx: Ctx, job: JobRow, ref: string): Promise<void> {
  await ctx.db
    .updateTable('delivery_jobs')
    .set({ partner_ref: ref, updated_at: new Date() })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', job.id)
    .execute();
  job.partner_ref = ref;
}

/** The buyer's code proves the hand-over, as with a courier (jobs.ts deliverJob): wrong codes are counted and lock it. */
async function handOver(ctx: Ctx, job: JobRow, code: string): Promise<PartnerEventResult> {
  if (job.code_attempts >= MAX_CODE_ATTEMPTS) throw new AppError('proof_code_locked');
  if (code !== job.proof_code) return { result: 'wrong_code', attemptsLeft: await countWrongCode(ctx, job) };
  await moveJob(ctx, job, 'delivered', { reason: 'code_ok' });
  // Never cash on delivery (handover.ts), so no cash is booked to the partner.
  await deliverOrder(ctx, job.order_id, { userId: ctx.actor?.userId ?? 'system', name: ctx.actor?.name ?? '' });
  return { result: 'applied' };
}

/**
 * The partner calls it off before the pickup: the job is waiting again without a partner, and
 * is offered to the program's couriers at once (else the dispatcher retries, or CS assigns).
 * After the pickup the goods are with the partner's driver: that is for CS, not a callback.
 */
async function giveBack(ctx: Ctx, job: JobRow, reason: string): Promise<void> {
  const why = `cancelled_by_partner (${job.partner_ref}): ${reason}`;
  if (job.status === 'waiting') await recordJobNote(ctx, job, why);
  else if (job.status === 'accepted') await moveJob(ctx, job, 'waiting', { reason: why });
  else throw new AppError('invalid_transition', { params: { status: job.status, to: 'waiting' } });
  await ctx.db
    .updateTable('delivery_jobs')
    .set({ partner: null, partner_ref: null, updated_at: new Date() })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', job.id)
    .execute();
  job.partner = null;
  job.partner_ref = null;
  await offerNext({ ...ctx, actor: null }, job);
}
