// Midtrans HTTP notifications: signature check and what a status means. Pure; the webhook
// route and the payment state machine (issue 4) build on these. See shared/SPECS.md.
import { createHash } from 'node:crypto';
import { safeEqual } from '../../shared/crypto.ts';

export interface MidtransNotification {
  order_id: string;
  status_code: string;
  /** Exactly as sent ("73500.00"): the signature covers the text, not the number. */
  gross_amount: string;
  signature_key: string;
  transaction_status: string;
  transaction_id?: string;
  fraud_status?: string;
  payment_type?: string;
}

/** hex(SHA-512(order_id + status_code + gross_amount + server_key)) */
export function midtransSignature(orderId: string, statusCode: string, grossAmount: string, serverKey: string): string {
  return createHash('sha512')
    .update(orderId + statusCode + grossAmount + serverKey)
    .digest('hex');
}

/** True when the notification was signed with our server key; compared in constant time. */
export function verifyMidtransSignature(notification: MidtransNotification, serverKey: string): boolean {
  const expected = midtransSignature(notification.order_id, notification.status_code, notification.gross_amount, serverKey);
  return typeof notification.signature_key === 'string' && safeEqual(notification.signature_key.toLowerCase(), expected);
}

export type MidtransOutcome = 'paid' | 'pending' | 'failed' | 'refunded' | 'review';

/** Paid means settlement, or capture with fraud_status accept; a challenged capture waits for review. */
export function midtransOutcome(notification: Pick<MidtransNotification, 'transaction_status' | 'fraud_status'>): MidtransOutcome {
  switch (notification.transaction_status) {
    case 'settlement':
      return 'paid';
    case 'capture':
      return notification.fraud_status === 'accept' ? 'paid' : notification.fraud_status === 'challenge' ? 'review' : 'failed';
    case 'pending':
    case 'authorize':
      return 'pending';
    case 'refund':
    case 'partial_refund':
    case 'chargeback':
    case 'partial_chargeback':
      return 'refunded';
    default:
      // deny, cancel, expire, failure
      return 'failed';
  }
}

/** "73500.00" -> 73500n; refuses fractions of a rupiah, which IDR never has. */
export function midtransAmount(grossAmount: string): bigint {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(grossAmount);
  if (!match || Number(match[2] ?? 0) !== 0) throw new Error(`not a whole-rupiah amount: ${grossAmount}`);
  return BigInt(match[1] as string);
}
