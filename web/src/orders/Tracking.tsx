import { formatDateTime, formatPhone, formatRupiah, useLang, useT, whatsappLink } from '../i18n';
import { useTenant } from '../session';
import type { Order, OrderStatus } from './api';
import { LineSummary } from './common';
import { fulfilmentMethodLabel, orderStatusLabel, partStatusLabel, reasonLabel, refundStatusLabel, statusBadge } from './labels';

/** The way an order normally goes; cancelled, expired and rejected end it early. */
const HAPPY_PATH: OrderStatus[] = ['awaiting_payment', 'confirmed', 'accepted', 'ready', 'delivered', 'completed'];

/** Steps done (with when), the one the order is at, and those still ahead. */
export function Timeline({ order }: { order: Order }) {
  const t = useT();
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone;
  const orderEvents = order.events.filter((event) => event.fulfilmentId === null);
  const ended = !HAPPY_PATH.includes(order.status);
  const steps = HAPPY_PATH.map((status) => ({ status, event: orderEvents.find((event) => event.to === status) }))
    // An order that ended early shows what happened, not what no longer will.
    .filter((step) => !ended || step.event);
  const endEvent = ended ? orderEvents.findLast((event) => event.to === order.status) : undefined;

  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('orders.tracking')}</h2>
      <ol className="timeline">
        {steps.map(({ status, event }) => (
          <li key={status} className={event ? 'done' : 'ahead'} aria-current={status === order.status ? 'step' : undefined}>
            <span className="timeline-label">
              {status === 'awaiting_payment' ? t('orders.created') : orderStatusLabel(t, status, order.payment?.method)}
            </span>
            {event && <time dateTime={event.at}>{formatDateTime(event.at, lang, timeZone)}</time>}
            {event?.reason && <span className="muted">{reasonLabel(t, event.reason)}</span>}
          </li>
        ))}
        {ended && (
          <li className="done stopped" aria-current="step">
            <span className="timeline-label">{orderStatusLabel(t, order.status)}</span>
            {endEvent && <time dateTime={endEvent.at}>{formatDateTime(endEvent.at, lang, timeZone)}</time>}
            {endEvent?.reason && <span className="muted">{reasonLabel(t, endEvent.reason)}</span>}
          </li>
        )}
      </ol>
    </section>
  );
}

/** One part per seller: how it is handed over, where it is, why a seller said no, and what is in it. */
export function Parts({ order }: { order: Order }) {
  const t = useT();
  return (
    <section aria-labelledby="parts-heading">
      <h2 id="parts-heading">{t('orders.parts')}</h2>
      <ul className="cards">
        {order.fulfilments.map((part) => (
          <li key={part.id} className="card">
            <div className="card-head">
              <h3 className="card-title">{part.sellerName}</h3>
              <span className={statusBadge(part.status)}>{partStatusLabel(t, part.status)}</span>
            </div>
            <p className="muted">{fulfilmentMethodLabel(t, part.method)}</p>
            {part.status === 'rejected' && part.reason && (
              <p className="notice notice-error">{t('orders.rejectedBecause', { reason: part.reason })}</p>
            )}
            <ul className="cart-lines">
              {order.lines
                .filter((line) => line.sellerId === part.sellerId)
                .map((line) => (
                  // Weighed goods: what was weighed (by the seller or the shopper) is what counts.
                  <li key={line.variantId} className="cart-line">
                    <LineSummary line={line} />
                  </li>
                ))}
            </ul>
            {part.sellerPhone && (
              <p>
                <a href={whatsappLink(part.sellerPhone)} target="_blank" rel="noopener noreferrer" className="small-link phone">
                  {t('orders.contactSeller', { phone: formatPhone(part.sellerPhone) })}
                </a>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Money given back (a seller said no, a cancelled paid order, money that came too late). */
export function Refunds({ order }: { order: Order }) {
  const t = useT();
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone;
  if (order.refunds.length === 0) return null;
  return (
    <section aria-labelledby="refunds-heading">
      <h2 id="refunds-heading">{t('orders.refunds')}</h2>
      <ul className="cards">
        {order.refunds.map((refund) => (
          <li key={refund.id} className="card">
            <div className="card-head">
              <strong className="money">{formatRupiah(refund.amount)}</strong>
              <span className={refund.status === 'paid' ? 'badge' : 'badge badge-warn'}>{refundStatusLabel(t, refund.status)}</span>
            </div>
            <p>{reasonLabel(t, refund.reason)}</p>
            {refund.paidAt && (
              <p className="muted">
                {t('orders.refundPaid', { date: formatDateTime(refund.paidAt, lang, timeZone), reference: refund.reference ?? '' })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
