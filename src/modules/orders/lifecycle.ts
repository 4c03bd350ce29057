import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { cancelDeliveryJob } from '../delivery/job-states.ts';
import type { Role } from '../identity/roles.ts';
import { refundableAmount, requestRefund } from '../payments/refunds.ts';
import { collectCash } from '../payments/service.ts';
import { settleOrder } from '../payments/settlement.ts';
import { cancelOpenPayments, lockPaymentsOfOrder } from '../payments/states.ts';
import { recordCompletedOrder } from '../reports/sales.ts';
import { notifyBuyer } from './notifications.ts';
import { settleReweighing } from './reweigh.ts';
import { buyerMayCancel, lockOrder, moveFulfilment, moveOrder, releaseOrderStock } from './states.ts';
import type { FulfilmentStatus, OrderStatus } from './tables.ts';

// Everything that happens to an order after checkout: sellers accept or reject their part,
// get it ready and hand it over; the buyer confirms receipt (or it completes by itself);
// anyone allowed may cancel. Money follows: refunds for what will not be delivered, and the
// split to sellers once the buyer has the goods.

type LockedOrder = Awaited<ReturnType<typeof lockOrder>>;

/** Staff who may act for any seller of the tenant (traders registered by staff often have no account). */
const ACTING_STAFF: readonly Role[] = ['cs_agent', 'program_admin'];

function isActingStaff(ctx: Ctx): boolean {
  return ctx.actor?.roles.some((role) => ACTING_STAFF.includes(role)) ?? false;
}

async function fulfilmentsOf(ctx: Ctx, orderId: string) {
  const rows = await ctx.db
    .selectFrom('fulfilments')
    .select(['id', 'order_id as orderId', 'seller_id as sellerId', 'method', 'status'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .orderBy('seller_id')
    .execute();
  return rows;
}

/** The goods of one seller in the order, reweighed totals when set. */
async function sellerGoods(ctx: Ctx, orderId: string, sellerId: string): Promise<bigint> {
  const lines = await ctx.db
    .selectFrom('order_lines')
    .select(['line_total', 'final_line_total'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .where('seller_id', '=', sellerId)
    .execute();
  return lines.reduce((sum, line) => sum + (line.final_line_total ?? line.line_total), 0n);
}

/** Opens a refund of `amount` (or of everything left) if the order was paid, inside the caller's transaction; returns the amount. */
async function refundPaid(ctx: Ctx, orderId: string, reason: string, amount?: bigint): Promise<bigint> {
  const paid = (await lockPaymentsOfOrder(ctx, orderId)).find((p) => p.status === 'paid');
  if (!paid) return 0n;
  const refund = amount ?? (await refundableAmount(ctx, paid));
  await requestRefund(ctx, { orderId, paymentId: paid.id, amount: refund, reason });
  return refund;
}

/**
 * Moves the order to match its fulfilments, inside the caller's transaction: all rejected ->
 * rejected (and refunded); none waiting -> accepted; all kept ones ready -> ready; all kept
 * ones handed over -> delivered.
 */
async function followFulfilments(ctx: Ctx, order: LockedOrder): Promise<void> {
  const kept = (await fulfilmentsOf(ctx, order.id)).filter((f) => f.status !== 'rejected');
  const all = (status: FulfilmentStatus) => kept.every((f) => f.status === status);
  if (order.status === 'confirmed' && kept.length === 0) {
    await moveOrder(ctx, order, 'rejected', 'all_sellers_rejected');
    await cancelDeliveryJob(ctx, order.id, 'order_rejected');
    await cancelOpenPayments(ctx, order.id, 'order_rejected');
    await refundPaid(ctx, order.id, 'order_rejected');
    return;
  }
  if (order.status === 'confirmed' && kept.every((f) => f.status !== 'pending')) await moveOrder(ctx, order, 'accepted');
  if (order.status === 'accepted' && kept.every((f) => f.status === 'ready' || f.status === 'delivered')) {
    await moveOrder(ctx, order, 'ready');
  }
  if (order.status === 'ready' && all('delivered')) {
    await moveOrder(ctx, order, 'delivered');
    await notifyBuyer(ctx, order.id, { kind: 'delivered' });
  }
}

/** A fulfilment and its order, locked; the caller must run it or act for it. */
async function lockFulfilment(ctx: Ctx, fulfilmentId: string) {
  const found = await ctx.db
    .selectFrom('fulfilments as f')
    .innerJoin('sellers as s', (join) => join.onRef('s.tenant_id', '=', 'f.tenant_id').onRef('s.id', '=', 'f.seller_id'))
    .select(['f.order_id', 's.user_id'])
    .where('f.tenant_id', '=', ctx.tenant.id)
    .where('f.id', '=', fulfilmentId)
    .executeTakeFirst();
  const mine = found && (found.user_id === ctx.actor?.userId || isActingStaff(ctx));
  if (!found || !mine) throw new AppError('not_found');
  // Order first, then fulfilment: every path locks in that order.
  const order = await lockOrder(ctx, found.order_id);
  const fulfilment = (await fulfilmentsOf(ctx, order.id)).find((f) => f.id === fulfilmentId);
  if (!fulfilment) throw new AppError('not_found');
  return { order, fulfilment };
}

/** Order statuses in which sellers work on their parts. */
const IN_PROGRESS: OrderStatus[] = ['confirmed', 'accepted', 'ready'];

export type SellerAction = 'accept' | 'reject' | 'ready' | 'hand_over';

/**
 * A seller's step on their part of an order. Rejecting refunds that part (or the whole order
 * when nobody is left); handing over is for pickup and seller shipping, since the program's
 * courier marks deliveries.
 */
export async function actOnFulfilment(ctx: Ctx, input: { fulfilmentId: string; action: SellerAction; reason?: string }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { order, fulfilment } = await lockFulfilment(tx, input.fulfilmentId);
    const refuse = () => new AppError('invalid_transition', { params: { status: order.status, to: input.action } });
    switch (input.action) {
      case 'accept':
        if (order.status !== 'confirmed') throw refuse();
        await moveFulfilment(tx, fulfilment, 'accepted');
        break;
      case 'reject': {
        if (order.status !== 'confirmed') throw refuse();
        const reason = input.reason?.trim() ?? '';
        // The buyer is told why; "no reason" is not an answer they can act on.
        if (reason.length < 3) throw fieldError('reason', 'required');
        await moveFulfilment(tx, fulfilment, 'rejected', reason);
        await releaseOrderStock(tx, order.id, fulfilment.sellerId);
        const othersKept = (await fulfilmentsOf(tx, order.id)).some((f) => f.status !== 'rejected');
        if (othersKept) {
          const refund = await refundPaid(tx, order.id, 'seller_rejected', await sellerGoods(tx, order.id, fulfilment.sellerId));
          const seller = await tx.db
            .selectFrom('sellers')
            .select('business_name')
            .where('tenant_id', '=', tx.tenant.id)
            .where('id', '=', fulfilment.sellerId)
            .executeTakeFirstOrThrow();
          await notifyBuyer(tx, order.id, { kind: 'part_rejected', seller: seller.business_name, reason, refund });
        } else {
          // The last one out: followFulfilments rejects the order and refunds everything left.
          await notifyBuyer(tx, order.id, { kind: 'cancelled', reason });
        }
        break;
      }
      // Each seller works at their own pace: a part can be ready, or handed over at the stall,
      // while another seller has not decided yet.
      case 'ready':
        if (!IN_PROGRESS.includes(order.status)) throw refuse();
        await moveFulfilment(tx, fulfilment, 'ready');
        break;
      case 'hand_over':
        if (fulfilment.method === 'delivery' || !IN_PROGRESS.includes(order.status)) throw refuse();
        await moveFulfilment(tx, fulfilment, 'delivered');
        break;
    }
    await followFulfilments(tx, order);
  });
}

/**
 * The courier took the goods (a market trip: bought them at the stalls). Delivery parts the
 * sellers have not answered are accepted and readied on their behalf, as the traders handed
 * the goods over; inside the caller's transaction.
 */
export async function courierPickedUp(ctx: Ctx, orderId: string): Promise<void> {
  const order = await lockOrder(ctx, orderId);
  if (!IN_PROGRESS.includes(order.status)) throw new AppError('invalid_transition', { params: { status: order.status, to: 'picked_up' } });
  await settleReweighing(ctx, order.id);
  for (const part of await fulfilmentsOf(ctx, order.id)) {
    if (part.method !== 'delivery') continue;
    if (part.status === 'pending') await moveFulfilment(ctx, part, 'accepted', 'picked_up_by_courier');
    if (part.status === 'accepted') await moveFulfilment(ctx, part, 'ready', 'picked_up_by_courier');
  }
  await followFulfilments(ctx, order);
}

/**
 * The courier hands the delivery over at the door, inside the caller's transaction: every ready
 * delivery part is marked delivered and, for cash on delivery, the cash goes into that courier's
 * balance.
 */
export async function deliverOrder(ctx: Ctx, orderId: string, courier: { userId: string; name: string }): Promise<void> {
  const order = await lockOrder(ctx, orderId);
  const deliveries = (await fulfilmentsOf(ctx, order.id)).filter((f) => f.method === 'delivery' && f.status === 'ready');
  if (!IN_PROGRESS.includes(order.status) || deliveries.length === 0) {
    throw new AppError('invalid_transition', { params: { status: order.status, to: 'delivered' } });
  }
  for (const fulfilment of deliveries) await moveFulfilment(ctx, fulfilment, 'delivered');
  const cod = (await lockPaymentsOfOrder(ctx, order.id)).find((p) => p.method === 'cod' && p.status === 'pending');
  if (cod) await collectCash(ctx, order.id, courier);
  await followFulfilments(ctx, order);
}

/** Completes a delivered order, books its split to the sellers and counts it in the sales report; inside the caller's transaction. */
async function complete(ctx: Ctx, order: LockedOrder, reason: string): Promise<void> {
  await moveOrder(ctx, order, 'completed', reason);
  await settleOrder(ctx, { id: order.id, number: order.number, programId: order.program_id });
  await recordCompletedOrder(ctx, order.id);
}

/** The buyer has the goods: the order completes and the sellers become payable. */
export async function confirmReceipt(ctx: Ctx, orderId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (order.buyer_user_id !== tx.actor?.userId) throw new AppError('not_found');
    if (order.status !== 'delivered') throw new AppError('invalid_transition', { params: { status: order.status, to: 'completed' } });
    await complete(tx, order, 'buyer_confirmed');
  });
}

/** Which statuses a buyer may still cancel from: before paying, or paid but no seller has started. */
/** The order's parts and courier job as buyerMayCancel (states.ts) weighs them. */
async function buyerMayCancelNow(ctx: Ctx, order: LockedOrder): Promise<boolean> {
  const job = await ctx.db
    .selectFrom('delivery_jobs')
    .select('status')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', order.id)
    .executeTakeFirst();
  const parts = await fulfilmentsOf(ctx, order.id);
  return buyerMayCancel({ status: order.status, partStatuses: parts.map((f) => f.status), jobStatus: job?.status ?? null });
}

/**
 * Cancels an order: the buyer before any seller has accepted, staff until it is delivered.
 * Unpaid stock goes back on sale; paid money is opened for refund.
 */
export async function cancelOrder(ctx: Ctx, input: { orderId: string; reason: string; asStaff: boolean }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    if (!input.asStaff) {
      if (order.buyer_user_id !== tx.actor?.userId) throw new AppError('not_found');
      if (!(await buyerMayCancelNow(tx, order)))
        throw new AppError('invalid_transition', { params: { status: order.status, to: 'cancelled' } });
    }
    await moveOrder(tx, order, 'cancelled', input.reason);
    await cancelDeliveryJob(tx, order.id, 'order_cancelled');
    await cancelOpenPayments(tx, order.id, 'order_cancelled');
    await refundPaid(tx, order.id, 'order_cancelled');
    // A buyer who cancels knows; one cancelled by staff is told why.
    if (input.asStaff) await notifyBuyer(tx, order.id, { kind: 'cancelled', reason: input.reason });
  });
}

/**
 * Expires unpaid orders whose reservation ran out and gives their stock back, one order per
 * transaction; for the job runner. An order paid meanwhile is left alone. Returns how many expired.
 */
export async function expireUnpaidOrders(ctx: Ctx, now = new Date()): Promise<number> {
  return eachDue(ctx, 'awaiting_payment', 'reserved_until', now, async (tx, order) => {
    await moveOrder(tx, order, 'expired', 'payment_timeout');
    await cancelOpenPayments(tx, order.id, 'payment_timeout');
    await notifyBuyer(tx, order.id, { kind: 'expired' });
  });
}

/** Completes delivered orders the buyer did not confirm within the program's time; for the job runner. */
export async function autoCompleteOrders(ctx: Ctx, now = new Date()): Promise<number> {
  const programs = await ctx.db
    .selectFrom('programs')
    .select(['id', 'auto_confirm_hours'])
    .where('tenant_id', '=', ctx.tenant.id)
    .execute();
  let done = 0;
  for (const program of programs) {
    const due = new Date(now.getTime() - program.auto_confirm_hours * 3_600_000);
    done += await eachDue(ctx, 'delivered', 'delivered_at', due, (tx, order) => complete(tx, order, 'auto_confirmed'), program.id);
  }
  return done;
}

/** Runs `step` on each order in `status` whose `column` is at or before `due`, one transaction each, rechecking under lock. */
async function eachDue(
  ctx: Ctx,
  status: OrderStatus,
  column: 'reserved_until' | 'delivered_at',
  due: Date,
  step: (tx: Ctx, order: LockedOrder) => Promise<void>,
  programId?: string,
): Promise<number> {
  const rows = await ctx.db
    .selectFrom('orders')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('status', '=', status)
    .where(column, '<=', due)
    .$if(programId !== undefined, (q) => q.where('program_id', '=', programId as string))
    .orderBy(column)
    .limit(500)
    .execute();
  let done = 0;
  for (const { id } of rows) {
    const moved = await inTransaction(ctx, async (tx) => {
      const order = await lockOrder(tx, id);
      const at = order[column];
      if (order.status !== status || !at || at > due) return false;
      await step(tx, order);
      return true;
    });
    if (moved) done += 1;
  }
  return done;
}
