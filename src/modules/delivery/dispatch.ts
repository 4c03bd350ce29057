import { sql } from 'kysely';
import { type Ctx, inTransaction } from '../../http/context.ts';
import { todayIn } from '../../shared/dates.ts';
import { formatRupiah } from '../../shared/format.ts';
import { enqueueText } from '../messaging/service.ts';
import { type CourierCandidate, chooseCourier } from './choose.ts';
import { closeOpenOffer, createDeliveryJob, type JobRow, lockJob, moveJob } from './job-states.ts';
import { handToPartner } from './partners/handover.ts';

// Offering jobs to couriers one at a time: the best available courier gets the offer and a
// deadline; declining or letting it run out passes it to the next. Nobody left: the job waits
// (the job runner tries again, and CS can assign by hand).

const RUNNING = ['accepted', 'shopping', 'picked_up', 'delivering'] as const;

/** Couriers of the program who may take a job now, with their load; for the chooser. */
export async function courierCandidates(ctx: Ctx, programId: string, maxJobs: number): Promise<CourierCandidate[]> {
  const rows = await ctx.db
    .selectFrom('couriers as c')
    .select((eb) => [
      'c.id',
      'c.lat',
      'c.lng',
      'c.last_job_at',
      eb
        .selectFrom('delivery_jobs as j')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('j.tenant_id', '=', 'c.tenant_id')
        .whereRef('j.courier_id', '=', 'c.id')
        .where('j.status', 'in', RUNNING)
        .as('load'),
    ])
    .where('c.tenant_id', '=', ctx.tenant.id)
    .where('c.program_id', '=', programId)
    .where('c.available', '=', true)
    .where('c.active', '=', true)
    .where('c.id_checked_at', 'is not', null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    point: r.lat === null || r.lng === null ? null : { lat: Number(r.lat), lng: Number(r.lng) },
    lastJobAt: r.last_job_at,
    load: Number(r.load ?? 0),
    maxJobs,
  }));
}

/**
 * Offers a waiting (or just declined/expired) job to the next best courier, inside the
 * caller's transaction with the job locked. Returns the courier offered, or null.
 */
export async function offerNext(ctx: Ctx, job: JobRow): Promise<string | null> {
  if (job.status !== 'waiting' && job.status !== 'offered') return null;
  // Ordered after the market's cut-off or for another market day: it waits for that day.
  const order = await ctx.db
    .selectFrom('orders')
    .select('deliver_on')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', job.order_id)
    .executeTakeFirstOrThrow();
  if (order.deliver_on !== null && order.deliver_on > todayIn(ctx.tenant.timeZone)) return null;
  const program = await ctx.db
    .selectFrom('programs')
    .select(['courier_offer_seconds', 'courier_max_jobs'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', job.program_id)
    .executeTakeFirstOrThrow();
  const asked = await ctx.db
    .selectFrom('job_offers')
    .select('courier_id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('job_id', '=', job.id)
    .execute();
  const origin = job.pickup_lat === null || job.pickup_lng === null ? null : { lat: Number(job.pickup_lat), lng: Number(job.pickup_lng) };
  const candidates = await courierCandidates(ctx, job.program_id, program.courier_max_jobs);
  const chosen = chooseCourier(origin, candidates, new Set(asked.map((a) => a.courier_id)));
  if (!chosen) {
    if (job.status === 'offered') await moveJob(ctx, job, 'waiting', { reason: 'no_courier_left' });
    return null;
  }
  await ctx.db
    .insertInto('job_offers')
    .values({
      tenant_id: ctx.tenant.id,
      job_id: job.id,
      courier_id: chosen,
      status: 'open',
      expires_at: new Date(Date.now() + program.courier_offer_seconds * 1000),
      answered_at: null,
    })
    .execute();
  if (job.status === 'waiting') await moveJob(ctx, job, 'offered', { reason: chosen });
  await tellCourier(ctx, chosen, job, program.courier_offer_seconds);
  return chosen;
}

/** The offer reaches the courier's phone too, in case the app is closed. */
async function tellCourier(ctx: Ctx, courierId: string, job: JobRow, seconds: number) {
  const courier = await ctx.db
    .selectFrom('couriers as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select('u.phone')
    .where('c.tenant_id', '=', ctx.tenant.id)
    .where('c.id', '=', courierId)
    .executeTakeFirstOrThrow();
  const what = job.kind === 'market_trip' ? 'Belanja pasar + antar' : 'Antar pesanan';
  await enqueueText(ctx.db, {
    tenantId: ctx.tenant.id,
    phone: courier.phone,
    body: `Tawaran kerja: ${what}, ongkos ${formatRupiah(job.fee)}. Buka aplikasi kurir dalam ${seconds} detik untuk menerima.`,
  });
}

/**
 * An order was confirmed (paid, or cash on delivery): its courier parts become a job, handed to
 * the program's delivery partner if it has one (see partners/handover.ts), else offered at once
 * to the best courier; inside the caller's transaction.
 */
export async function startDelivery(ctx: Ctx, orderId: string): Promise<void> {
  const jobId = await createDeliveryJob(ctx, orderId);
  if (!jobId) return;
  const job = await lockJob(ctx, jobId);
  if (!(await handToPartner(ctx, job))) await offerNext(ctx, job);
}

/**
 * For the job runner: offers that ran out pass to the next courier, and waiting jobs are
 * offered again (a courier may have come online). Returns how many offers were made.
 */
export async function redispatch(ctx: Ctx, now = new Date()): Promise<number> {
  const expired = await ctx.db
    .selectFrom('job_offers')
    .select('job_id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('status', '=', 'open')
    .where('expires_at', '<=', now)
    .execute();
  const today = todayIn(ctx.tenant.timeZone, now);
  const waiting = await ctx.db
    .selectFrom('delivery_jobs as j')
    .innerJoin('orders as o', (join) => join.onRef('o.tenant_id', '=', 'j.tenant_id').onRef('o.id', '=', 'j.order_id'))
    .select('j.id as job_id')
    .where('j.tenant_id', '=', ctx.tenant.id)
    .where('j.status', '=', 'waiting')
    .where('j.partner', 'is', null)
    // Orders for a later market day are not offered yet (and must not crowd out today's).
    .where((eb) => eb.or([eb('o.deliver_on', 'is', null), eb('o.deliver_on', '<=', today)]))
    .orderBy('j.created_at')
    .limit(200)
    .execute();
  let offered = 0;
  for (const { job_id } of [...expired, ...waiting]) {
    const made = await inTransaction(ctx, async (tx) => {
      const job = await lockJob(tx, job_id);
      // Re-check under the lock: the courier may have answered meanwhile.
      const open = await tx.db
        .selectFrom('job_offers')
        .select('expires_at')
        .where('tenant_id', '=', tx.tenant.id)
        .where('job_id', '=', job.id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (open && open.expires_at > now) return null;
      if (open) await closeOpenOffer(tx, job.id, 'expired');
      return offerNext(tx, job);
    });
    if (made) offered += 1;
  }
  return offered;
}
