import type { Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { releaseStock } from '../catalog/reservations.ts';
import type { FulfilmentStatus, OrderStatus } from './tables.ts';

/**
 * The order lifecycle: from status -> the statuses it may move to. Anything not listed is
 * forbidden. `confirmed` means paid, or cash on delivery chosen: the sellers may start.
 */
export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  awaiting_payment: ['confirmed', 'cancelled', 'expired'],
  confirmed: ['accepted', 'rejected', 'cancelled'],
  accepted: ['ready', 'cancelled'],
  ready: ['delivered', 'cancelled'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
  expired: [],
  rejected: [],
};

/** One seller's part of an order. */
export const FULFILMENT_TRANSITIONS: Record<FulfilmentStatus, readonly FulfilmentStatus[]> = {
  pending: ['accepted', 'rejected'],
  accepted: ['ready'],
  ready: ['delivered'],
  rejected: [],
  delivered: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function canTransitionFulfilment(from: FulfilmentStatus, to: FulfilmentStatus): boolean {
  return FULFILMENT_TRANSITIONS[from].includes(to);
}

/**
 * An order cancelled or expired before the goods left the sellers gives its stock back
 * (a rejected part gives its own back when the seller rejects it).
 */
export function releasesStock(from: OrderStatus, to: OrderStatus): boolean {
  return canTransition(from, to) && (to === 'cancelled' || to === 'expired');
}

/**
 * Gives back the stock of an order's lines, inside the caller's transaction: of one seller
 * (who just rejected their part), or of every part not rejected (those gave theirs back then).
 */
export async function releaseOrderStock(ctx: Ctx, orderId: string, sellerId?: string): Promise<void> {
  const lines = await ctx.db
    .selectFrom('order_lines as l')
    .innerJoin('fulfilments as f', (join) =>
      join.onRef('f.tenant_id', '=', 'l.tenant_id').onRef('f.order_id', '=', 'l.order_id').onRef('f.seller_id', '=', 'l.seller_id'),
    )
    .select(['l.variant_id', 'l.quantity_milli'])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.order_id', '=', orderId)
    .$if(sellerId !== undefined, (q) => q.where('l.seller_id', '=', sellerId as string))
    .$if(sellerId === undefined, (q) => q.where('f.status', '<>', 'rejected'))
    // The same lock order as checkout, so the two cannot deadlock.
    .orderBy('l.variant_id')
    .execute();
  // Joined through the sellers' parts, so titip lines (no variant, no stock) are not among them.
  for (const line of lines) if (line.variant_id) await releaseStock(ctx, line.variant_id, line.quantity_milli);
}

/** The event row of a status change, inside the caller's transaction; `from` is null when the order is created. */
export async function recordOrderEvent(
  ctx: Ctx,
  event: { orderId: string; from: string | null; to: string; reason?: string; fulfilmentId?: string },
): Promise<void> {
  await ctx.db
    .insertInto('order_events')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId('oev'),
      order_id: event.orderId,
      fulfilment_id: event.fulfilmentId ?? null,
      from_status: event.from,
      to_status: event.to,
      actor: ctx.actor?.userId ?? 'system',
      reason: event.reason ?? '',
    })
    .execute();
}

/** The order row, locked for the rest of the caller's transaction. */
export async function lockOrder(ctx: Ctx, orderId: string) {
  const order = await ctx.db
    .selectFrom('orders')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
  if (!order) throw new AppError('not_found');
  return order;
}

/**
 * Moves a locked order along the lifecycle inside the caller's transaction: checks the table,
 * saves the status and its event, and gives reserved stock back when an unpaid order ends.
 * Returns the status it came from.
 */
export async function moveOrder(ctx: Ctx, order: { id: string; status: OrderStatus }, to: OrderStatus, reason = ''): Promise<OrderStatus> {
  if (!ctx.db.isTransaction) throw new Error('moveOrder runs inside a transaction that locked the order');
  const from = order.status;
  if (!canTransition(from, to)) throw new AppError('invalid_transition', { params: { status: from, to } });
  const now = new Date();
  await ctx.db
    .updateTable('orders')
    .set({
      status: to,
      updated_at: now,
      ...(to === 'delivered' ? { delivered_at: now } : {}),
      ...(to === 'completed' ? { completed_at: now } : {}),
    })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', order.id)
    .execute();
  order.status = to;
  await recordOrderEvent(ctx, { orderId: order.id, from, to, reason });
  if (releasesStock(from, to)) await releaseOrderStock(ctx, order.id);
  return from;
}

/** Moves one fulfilment inside the caller's transaction (which locked its order), with its event. */
export async function moveFulfilment(
  ctx: Ctx,
  fulfilment: { id: string; orderId: string; status: FulfilmentStatus },
  to: FulfilmentStatus,
  reason = '',
): Promise<void> {
  const from = fulfilment.status;
  if (!canTransitionFulfilment(from, to)) throw new AppError('invalid_transition', { params: { status: from, to } });
  await ctx.db
    .updateTable('fulfilments')
    .set({ status: to, updated_at: new Date(), ...(to === 'rejected' ? { reason } : {}) })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', fulfilment.id)
    .execute();
  fulfilment.status = to;
  await recordOrderEvent(ctx, { orderId: fulfilment.orderId, fulfilmentId: fulfilment.id, from, to, reason });
}

/**
 * The buyer may call an order off while nobody has started on it: unpaid, or paid with every
 * seller still to accept and no courier at the market yet (a shopper may already be paying
 * traders from the float). Staff may cancel later.
 */
export function buyerMayCancel(order: { status: OrderStatus; partStatuses: string[]; jobStatus: string | null }): boolean {
  if (order.status === 'awaiting_payment') return true;
  const noCourierYet = order.jobStatus === null || order.jobStatus === 'waiting' || order.jobStatus === 'offered';
  return order.status === 'confirmed' && noCourierYet && order.partStatuses.every((status) => status === 'pending');
}
