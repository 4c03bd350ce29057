import type { Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { PaymentStatus } from './tables.ts';

/**
 * The payment lifecycle. `submitted` is a transfer whose proof waits for CS; a rejected proof
 * sends it back to `pending`. A paid payment stays paid: money going back is a refund.
 */
export const PAYMENT_TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  pending: ['submitted', 'paid', 'failed', 'cancelled'],
  submitted: ['paid', 'pending', 'cancelled'],
  paid: [],
  failed: [],
  cancelled: [],
};

export function canTransitionPayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}

export interface PaymentEventInput {
  paymentId: string;
  from: PaymentStatus | null;
  to: PaymentStatus | null;
  kind: string;
  accepted?: boolean;
  reason?: string;
  providerEventId?: string;
  payload?: unknown;
}

/** Records a payment step or a notification (accepted or not) inside the caller's transaction. */
export async function recordPaymentEvent(ctx: Ctx, event: PaymentEventInput): Promise<void> {
  await ctx.db
    .insertInto('payment_events')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId('pev'),
      payment_id: event.paymentId,
      from_status: event.from,
      to_status: event.to,
      kind: event.kind,
      provider_event_id: event.providerEventId ?? null,
      accepted: event.accepted ?? true,
      reason: event.reason ?? '',
      payload: event.payload === undefined ? null : JSON.stringify(event.payload),
      actor: ctx.actor?.userId ?? 'system',
    })
    .execute();
}

/** Moves a payment (locked by the caller) with its event; refuses steps the table does not allow. */
export async function movePayment(
  ctx: Ctx,
  payment: { id: string; status: PaymentStatus },
  to: PaymentStatus,
  event: {
    kind: string;
    reason?: string;
    providerEventId?: string;
    payload?: unknown;
    set?: { provider_ref?: string | null; proof_media_id?: string | null };
  },
): Promise<void> {
  const from = payment.status;
  if (!canTransitionPayment(from, to)) throw new AppError('invalid_transition', { params: { status: from, to } });
  await ctx.db
    .updateTable('payments')
    .set({ status: to, updated_at: new Date(), paid_at: to === 'paid' ? new Date() : null, ...event.set })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', payment.id)
    .execute();
  payment.status = to;
  await recordPaymentEvent(ctx, { paymentId: payment.id, from, to, ...event });
}

/** The order's payments, newest first, locked for the caller's transaction. */
export async function lockPaymentsOfOrder(ctx: Ctx, orderId: string) {
  return ctx.db
    .selectFrom('payments')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .orderBy('created_at', 'desc')
    .forUpdate()
    .execute();
}

/** Cancels the order's open payments (the order ended before money came); inside the caller's transaction. */
export async function cancelOpenPayments(ctx: Ctx, orderId: string, reason: string): Promise<void> {
  for (const payment of await lockPaymentsOfOrder(ctx, orderId)) {
    if (payment.status === 'pending' || payment.status === 'submitted') {
      await movePayment(ctx, payment, 'cancelled', { kind: 'order_ended', reason });
    }
  }
}
