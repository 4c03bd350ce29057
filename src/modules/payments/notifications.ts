// Midtrans HTTP notifications: checked (signature, payment, amount), applied at most once and
// recorded whether accepted or not. The webhook and the demo gateway page both come here.
import { type Ctx, inTransaction } from '../../http/context.ts';
import { lockOrder } from '../orders/states.ts';
import { type MidtransNotification, midtransAmount, midtransOutcome, verifyMidtransSignature } from './midtrans.ts';
import { bookPaymentReceived, lockPayment, type PaymentRow } from './service.ts';
import { movePayment, recordPaymentEvent } from './states.ts';

export type NotificationResult =
  /** The payment moved: paid (or a late payment booked and refunded), or failed. */
  | 'applied'
  /** Genuine but nothing to change: pending, a challenged capture, a refund, or news older than the payment's state. */
  | 'recorded'
  /** Already applied or recorded under the same id; recorded as a rejection. */
  | 'duplicate'
  | 'amount_mismatch'
  | 'bad_signature'
  | 'unknown_payment';

/**
 * Handles one notification for this tenant. Nothing changes unless it is signed with the
 * gateway's server key and names one of the tenant's gateway payments for its exact amount;
 * a payment never moves backwards (an `expire` after a `settlement` stays paid).
 */
export async function receiveMidtransNotification(
  ctx: Ctx,
  notification: MidtransNotification,
  serverKey: string,
): Promise<NotificationResult> {
  const payment = await gatewayPayment(ctx, notification.order_id);
  const eventId = providerEventId(notification);
  if (!verifyMidtransSignature(notification, serverKey)) {
    if (payment) await reject(ctx, payment, 'bad_signature', eventId, notification);
    return 'bad_signature';
  }
  if (!payment) return 'unknown_payment';
  if (wholeRupiah(notification.gross_amount) !== payment.amount) {
    await reject(ctx, payment, 'amount_mismatch', eventId, notification);
    return 'amount_mismatch';
  }

  return inTransaction(ctx, async (tx) => {
    // The order before the payment, as checkout and expiry lock them, so they never deadlock.
    await lockOrder(tx, payment.order_id);
    const locked = await lockPayment(tx, payment.id);
    if (await seen(tx, locked.id, eventId)) {
      await reject(tx, locked, 'duplicate', eventId);
      return 'duplicate';
    }
    await apply(tx, locked, notification, eventId);
    if (await seen(tx, locked.id, eventId)) return 'applied';
    // Recorded under its id even when it changes nothing, so a replay is recognised.
    await recordPaymentEvent(tx, {
      paymentId: locked.id,
      from: locked.status,
      to: locked.status,
      kind: 'notification',
      reason: notification.transaction_status,
      providerEventId: eventId,
      payload: notification,
    });
    return 'recorded';
  });
}

/** What the notification says, applied when the payment can still take it. */
async function apply(ctx: Ctx, payment: PaymentRow, notification: MidtransNotification, eventId: string): Promise<void> {
  const outcome = midtransOutcome(notification);
  const event = { kind: 'notification', providerEventId: eventId, payload: notification };
  // Money for a cancelled or failed payment is booked too, and refunded (a late payment).
  if (outcome === 'paid' && payment.status !== 'paid') {
    await bookPaymentReceived(ctx, payment, { ...event, reference: notification.transaction_id });
  }
  if (outcome === 'failed' && payment.status === 'pending') {
    await movePayment(ctx, payment, 'failed', { ...event, reason: notification.transaction_status });
  }
  // Pending, a capture waiting for fraud review, and refunds (staff start those) are only recorded.
}

/**
 * One id per step of one Midtrans transaction: a replay carries the same id, while a capture
 * under review (status 201) and its later acceptance (200) differ.
 */
function providerEventId(notification: MidtransNotification): string {
  const transaction = notification.transaction_id || notification.order_id;
  return `${transaction}:${notification.transaction_status}:${notification.status_code}`;
}

function wholeRupiah(grossAmount: string): bigint | null {
  try {
    return midtransAmount(grossAmount);
  } catch {
    return null;
  }
}

async function gatewayPayment(ctx: Ctx, paymentId: string): Promise<PaymentRow | undefined> {
  return ctx.db
    .selectFrom('payments')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', paymentId)
    .where('method', '=', 'gateway')
    .executeTakeFirst();
}

async function seen(ctx: Ctx, paymentId: string, eventId: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('payment_events')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('payment_id', '=', paymentId)
    .where('provider_event_id', '=', eventId)
    .where('accepted', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/** A notification kept for reconciliation but not applied. */
async function reject(ctx: Ctx, payment: PaymentRow, reason: string, eventId: string, payload?: MidtransNotification): Promise<void> {
  await recordPaymentEvent(ctx, {
    paymentId: payment.id,
    from: payment.status,
    to: payment.status,
    kind: 'notification',
    accepted: false,
    reason,
    providerEventId: eventId,
    payload,
  });
}
