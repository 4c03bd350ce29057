import { fulfilmentMethods, fulfilmentStatuses, jobStatuses, orderStatuses, paymentMethods, paymentStatuses } from '../api';
import type { Translate } from '../i18n';
import type { MessageKey } from '../messages';

// Order and payment codes shown as words on the staff pages; an unknown code (a newer server)
// is shown as it is.

function known(t: Translate, prefix: string, codes: readonly string[], code: string): string {
  return codes.includes(code) ? t(`${prefix}.${code}` as MessageKey) : code;
}

export const orderStatusLabel = (t: Translate, status: string) => known(t, 'cs.orderStatus', orderStatuses, status);
export const fulfilmentStatusLabel = (t: Translate, status: string) => known(t, 'sellerOrders.status', fulfilmentStatuses, status);
export const methodLabel = (t: Translate, method: string) => known(t, 'sellerOrders.method', fulfilmentMethods, method);
export const paymentMethodLabel = (t: Translate, method: string) => known(t, 'cs.paymentMethod', paymentMethods, method);
export const paymentStatusLabel = (t: Translate, status: string) => known(t, 'cs.paymentStatus', paymentStatuses, status);
export const jobStatusLabel = (t: Translate, status: string) => known(t, 'courier.status', jobStatuses, status);

/** Reasons the server writes as codes (refunds, automatic steps); what people typed is shown as typed. */
const reasonCodes = [
  'seller_rejected',
  'order_cancelled',
  'order_rejected',
  'late_payment',
  'all_sellers_rejected',
  'cash_on_delivery',
  'payment_timeout',
  'buyer_cancelled',
  'buyer_confirmed',
  'auto_confirmed',
];
export function reasonLabel(t: Translate, reason: string): string {
  const paidBy = /^paid:(\w+)$/.exec(reason)?.[1];
  if (paidBy) return t('cs.reason.paid', { method: paymentMethodLabel(t, paidBy) });
  return known(t, 'cs.reason', reasonCodes, reason);
}

/** Badge colour: waiting for someone, moving fine, or stopped. */
export function orderBadge(status: string): string {
  if (['cancelled', 'expired', 'rejected', 'failed', 'returned'].includes(status)) return 'badge badge-danger';
  if (['awaiting_payment', 'pending', 'submitted', 'waiting', 'offered'].includes(status)) return 'badge badge-warn';
  return 'badge';
}
