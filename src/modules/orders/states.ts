import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { releaseStock } from '../catalog/reservations.ts';
import type { OrderStatus } from './tables.ts';

/** The order lifecycle: from status -> the statuses it may move to. Anything not listed is forbidden. */
export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  awaiting_payment: ['paid', 'cancelled', 'expired'],
  paid: ['accepted', 'rejected', 'refunded'],
  accepted: ['ready'],
  ready: ['delivered'],
  delivered: ['completed'],
  cancelled: [],
  expired: [],
  rejected: [],
  refunded: [],
  completed: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** An unpaid order that ends gives its reserved stock back; once paid, the stock is sold. */
export function releasesStock(from: OrderStatus, to: OrderStatus): boolean {
  return from === 'awaiting_payment' && (to === 'cancelled' || to === 'expired');
}

/** The event row of a status change, inside the caller's transaction; `from` is null when the order is created. */
export async function recordOrderEvent(
  ctx: Ctx,
  event: { orderId: string; from: OrderStatus | null; to: OrderStatus; reason?: string },
): Promise<void> {
  await ctx.db
    .insertInto('order_events')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId('oev'),
      order_id: event.orderId,
      from_status: event.from,
      to_status: event.to,
      actor: ctx.actor?.userId ?? 'system',
      reason: event.reason ?? '',
    })
    .execute();
}

/**
 * Moves an order along the lifecycle in one transaction: locks it, checks the table, saves
 * the status and its event, and gives reserved stock back when an unpaid order ends.
 */
export async function transitionOrder(ctx: Ctx, input: { orderId: string; to: OrderStatus; reason?: string }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const order = await tx.db
      .selectFrom('orders')
      .select('status')
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', input.orderId)
      .forUpdate()
      .executeTakeFirst();
    if (!order) throw new AppError('not_found');
    if (!canTransition(order.status, input.to)) {
      throw new AppError('invalid_transition', { params: { status: order.status, to: input.to } });
    }
    await tx.db
      .updateTable('orders')
      .set({ status: input.to, updated_at: new Date() })
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', input.orderId)
      .execute();
    await recordOrderEvent(tx, { orderId: input.orderId, from: order.status, to: input.to, reason: input.reason });
    if (releasesStock(order.status, input.to)) {
      const lines = await tx.db
        .selectFrom('order_lines')
        .select(['variant_id', 'quantity_milli'])
        .where('tenant_id', '=', tx.tenant.id)
        .where('order_id', '=', input.orderId)
        // The same lock order as checkout, so the two cannot deadlock.
        .orderBy('variant_id')
        .execute();
      for (const line of lines) await releaseStock(tx, line.variant_id, line.quantity_milli);
    }
  });
}

/**
 * Expires unpaid orders whose reservation ran out and gives their stock back, one order per
 * transaction; for the worker. An order paid meanwhile is left alone. Returns how many expired.
 */
export async function expireUnpaidOrders(ctx: Ctx, now = new Date()): Promise<number> {
  const due = await ctx.db
    .selectFrom('orders')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('status', '=', 'awaiting_payment')
    .where('reserved_until', '<=', now)
    .orderBy('reserved_until')
    .limit(500)
    .execute();
  let expired = 0;
  for (const { id } of due) {
    try {
      await transitionOrder(ctx, { orderId: id, to: 'expired', reason: 'payment_timeout' });
      expired += 1;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'invalid_transition')) throw error;
    }
  }
  return expired;
}
