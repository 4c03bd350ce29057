import type { FastifyBaseLogger as Logger } from 'fastify';
import { type NotNull, sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import { type Ctx, inTransaction, type TenantRef } from '../../../http/context.ts';
import { ticker } from '../../../shared/ticker.ts';
import { offerNext } from '../dispatch.ts';
import { lockJob, recordJobNote } from '../job-states.ts';
import { setPartnerRef } from './events.ts';
import type { DeliveryPartners, PartnerJobRequest } from './partner.ts';

// Talking to partners happens here, after the job's transaction committed, never inside one.
// Like an outbox: a job marked for a partner without a booking reference is asked for on every
// tick until the partner answers. A crash between the partner's answer and storing the reference
// loses nothing: the job is asked for again, and the partner answers the same booking (idempotent
// by job id). Several app nodes may do this at once for the same reason.

/** Bookings no longer needed whose partner is still to be told are retried for this long. */
const CANCEL_RETRY_DAYS = 7;

interface PendingJob {
  id: string;
  partner: string;
  partnerRef: string | null;
  tenant: TenantRef;
}

function systemCtx(db: Db, tenant: TenantRef): Ctx {
  return { db, tenant, actor: null, lang: 'id' };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Jobs handed to a partner, of every tenant, oldest first. */
function partnerJobs(db: Db) {
  return db
    .selectFrom('delivery_jobs as j')
    .innerJoin('tenants as t', 't.id', 'j.tenant_id')
    .select(['j.id', 'j.partner', 'j.partner_ref', 't.id as tenantId', 't.slug', 't.name', 't.area_code', 't.time_zone'])
    .where('j.partner', 'is not', null)
    .$narrowType<{ partner: NotNull }>()
    .orderBy('j.created_at')
    .limit(100);
}

/** partnerJobs narrowed by the caller (to book, to call off). */
async function pendingJobs(
  db: Db,
  narrow: (query: ReturnType<typeof partnerJobs>) => ReturnType<typeof partnerJobs>,
): Promise<PendingJob[]> {
  const rows = await narrow(partnerJobs(db)).execute();
  return rows.map((r) => ({
    id: r.id,
    partner: r.partner,
    partnerRef: r.partner_ref,
    tenant: { id: r.tenantId, slug: r.slug, name: r.name, areaCode: r.area_code, timeZone: r.time_zone },
  }));
}

/** Asks partners for the jobs handed to them and not booked yet; returns how many were booked. */
export async function requestPartnerDeliveries(db: Db, partners: DeliveryPartners): Promise<number> {
  const jobs = await pendingJobs(db, (query) => query.where('j.status', '=', 'waiting').where('j.partner_ref', 'is', null));
  let booked = 0;
  for (const job of jobs) {
    const ctx = systemCtx(db, job.tenant);
    const partner = partners.get(job.partner);
    if (!partner) {
      await backToDispatch(ctx, job);
      continue;
    }
    let ref: string;
    try {
      ({ ref } = await partner.requestDelivery(await requestOf(ctx, job.id)));
    } catch (error) {
      await noteOn(ctx, job.id, `partner_request_failed: ${errorText(error)}`);
      continue;
    }
    const stored = await inTransaction(ctx, async (tx) => {
      const locked = await lockJob(tx, job.id);
      // Kept even if the order was cancelled meanwhile: the booking must then be called off.
      // Already set: the partner's first callback brought it.
      if (locked.partner !== partner.name || locked.partner_ref !== null) return false;
      await setPartnerRef(tx, locked, ref);
      await recordJobNote(tx, locked, `partner_booked: ${ref}`);
      return true;
    });
    if (stored) booked += 1;
  }
  return booked;
}

/**
 * The program names a partner this installation does not run (the simulated one outside demo
 * mode, or an adapter since removed): the program's couriers take the job instead.
 */
async function backToDispatch(ctx: Ctx, job: PendingJob): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const locked = await lockJob(tx, job.id);
    if (locked.partner !== job.partner || locked.partner_ref !== null || locked.status !== 'waiting') return;
    await tx.db
      .updateTable('delivery_jobs')
      .set({ partner: null, updated_at: new Date() })
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', locked.id)
      .execute();
    locked.partner = null;
    await recordJobNote(tx, locked, `partner_unavailable: ${job.partner}`);
    await offerNext(tx, locked);
  });
}

/**
 * Calls off bookings no longer needed: the order was cancelled, or CS gave the job to one of the
 * program's couriers (the partner's callbacks are refused from then on). Returns how many were told.
 */
export async function cancelPartnerBookings(db: Db, partners: DeliveryPartners, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - CANCEL_RETRY_DAYS * 86_400_000);
  const jobs = await pendingJobs(db, (query) =>
    query
      .where((eb) => eb.or([eb('j.status', '=', 'cancelled'), eb('j.courier_id', 'is not', null)]))
      .where('j.partner_ref', 'is not', null)
      .where('j.updated_at', '>=', since)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('job_events as e')
              .select(sql`1`.as('one'))
              .whereRef('e.tenant_id', '=', 'j.tenant_id')
              .whereRef('e.job_id', '=', 'j.id')
              .where('e.reason', '=', 'partner_cancel_sent'),
          ),
        ),
      ),
  );
  let told = 0;
  for (const job of jobs) {
    const partner = partners.get(job.partner);
    if (!partner || !job.partnerRef) continue;
    const ctx = systemCtx(db, job.tenant);
    try {
      await partner.cancel(job.partnerRef);
    } catch (error) {
      await noteOn(ctx, job.id, `partner_cancel_failed: ${errorText(error)}`);
      continue;
    }
    await noteOn(ctx, job.id, 'partner_cancel_sent');
    told += 1;
  }
  return told;
}

async function noteOn(ctx: Ctx, jobId: string, reason: string): Promise<void> {
  await inTransaction(ctx, async (tx) => recordJobNote(tx, await lockJob(tx, jobId), reason));
}

/** The job as the partner needs it: pickup, the sellers to collect from, the buyer's address. */
async function requestOf(ctx: Ctx, jobId: string): Promise<PartnerJobRequest> {
  const job = await ctx.db
    .selectFrom('delivery_jobs as j')
    .innerJoin('orders as o', (join) => join.onRef('o.tenant_id', '=', 'j.tenant_id').onRef('o.id', '=', 'j.order_id'))
    .innerJoin('users as u', 'u.id', 'o.buyer_user_id')
    .select([
      'j.id',
      'j.order_id',
      'j.pickup_lat',
      'j.pickup_lng',
      'o.number',
      'o.address',
      'o.area_code',
      'o.notes',
      'o.lat',
      'o.lng',
      'u.name as buyerName',
      'u.phone as buyerPhone',
    ])
    .where('j.tenant_id', '=', ctx.tenant.id)
    .where('j.id', '=', jobId)
    .executeTakeFirstOrThrow();
  const stops = await ctx.db
    .selectFrom('fulfilments as f')
    .innerJoin('sellers as s', (join) => join.onRef('s.tenant_id', '=', 'f.tenant_id').onRef('s.id', '=', 'f.seller_id'))
    .select(['s.business_name', 's.phone', 's.address'])
    .where('f.tenant_id', '=', ctx.tenant.id)
    .where('f.order_id', '=', job.order_id)
    .where('f.method', '=', 'delivery')
    .where('f.status', '<>', 'rejected')
    .orderBy('s.business_name')
    .execute();
  const number = (value: string | null) => (value === null ? null : Number(value));
  return {
    jobId: job.id,
    tenant: ctx.tenant,
    orderNumber: job.number,
    pickup: job.pickup_lat === null || job.pickup_lng === null ? null : { lat: Number(job.pickup_lat), lng: Number(job.pickup_lng) },
    stops: stops.map((s) => ({ seller: s.business_name, phone: s.phone, address: s.address })),
    dropoff: { address: job.address, areaCode: job.area_code, notes: job.notes, lat: number(job.lat), lng: number(job.lng) },
    buyer: { name: job.buyerName, phone: job.buyerPhone },
  };
}

export interface PartnerJobs {
  /** One pass: book jobs handed to partners, call off bookings no longer needed. */
  runOnce(now?: Date): Promise<{ booked: number; cancelled: number }>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

/** The partner steps on a timer, beside the order jobs (orders/jobs.ts); stopping also stops the partners' own timers. */
export function createPartnerJobs(db: Db, partners: DeliveryPartners, log: Logger): PartnerJobs {
  async function runOnce(now = new Date()) {
    const totals = { booked: await requestPartnerDeliveries(db, partners), cancelled: await cancelPartnerBookings(db, partners, now) };
    if (totals.booked || totals.cancelled) log.info(totals, 'delivery partner jobs');
    return totals;
  }

  const timer = ticker(runOnce, (error) => log.error({ err: error }, 'delivery partner jobs failed'));
  return {
    runOnce,
    start: (intervalMs = 10_000) => timer.start(intervalMs),
    async stop() {
      await timer.stop();
      for (const partner of partners.values()) partner.stop?.();
    },
  };
}
