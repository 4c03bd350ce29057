import type { Translate } from '../i18n';
import type { MessageKey } from '../messages';
import { fulfilmentMethods, fulfilmentStatuses, orderStatuses, paymentMethods, paymentStatuses } from './api';

// Order codes shown as plain Indonesian (or English); an unknown code (a newer server) is shown as it is.

function known(t: Translate, prefix: string, codes: readonly string[], code: string): string {
  return codes.includes(code) ? t(`${prefix}.${code}` as MessageKey) : code;
}

/** "Menunggu pembayaran"…; a cash-on-delivery order is confirmed without being paid yet. */
export function orderStatusLabel(t: Translate, status: string, paymentMethod?: string | null): string {
  if (status === 'confirmed' && paymentMethod === 'cod') return t('orders.status.confirmedCod');
  return known(t, 'orders.status', orderStatuses, status);
}

export const partStatusLabel = (t: Translate, status: string) => known(t, 'orders.part', fulfilmentStatuses, status);
export const fulfilmentMethodLabel = (t: Translate, method: string) => known(t, 'checkout.method', fulfilmentMethods, method);
export const paymentMethodLabel = (t: Translate, method: string) => known(t, 'pay.method', paymentMethods, method);
export const paymentStatusLabel = (t: Translate, status: string) => known(t, 'pay.status', paymentStatuses, status);
export const refundStatusLabel = (t: Translate, status: string) => known(t, 'orders.refund', ['pending', 'paid'], status);

/** Codes the server writes as reasons (events, refunds); anything else is a person's own words. */
const reasonCodes = [
  'payment_timeout',
  'cash_on_delivery',
  'buyer_cancelled',
  'all_sellers_rejected',
  'buyer_confirmed',
  'auto_confirmed',
  'order_cancelled',
  'order_rejected',
  'seller_rejected',
  'late_payment',
  'reweighed',
];

export function reasonLabel(t: Translate, reason: string): string {
  // "paid:qris": paid, and how.
  if (reason.startsWith('paid:')) return t('orders.reason.paid', { method: paymentMethodLabel(t, reason.slice(5)) });
  return known(t, 'orders.reason', reasonCodes, reason);
}

/** Badge colour: waiting for the buyer, going fine, or ended without the goods. */
export function statusBadge(status: string): string {
  if (status === 'awaiting_payment') return 'badge badge-warn';
  if (status === 'cancelled' || status === 'expired' || status === 'rejected') return 'badge badge-danger';
  return 'badge';
}
