import { Link, useParams } from 'react-router';
import { formatDateTime, formatRupiah, useLang, useT } from '../i18n';
import { RequireSignIn } from '../seller/RequireSignIn';
import { useTenant } from '../session';
import { ErrorState, Loading } from '../ui';
import { type Order, useOrder } from './api';
import { DELIVERY_RUNNING, DeliveryStatus } from './Delivery';
import { orderStatusLabel, paymentMethodLabel, paymentStatusLabel, statusBadge } from './labels';
import { CancelOrder, ConfirmReceipt, Rating, Receipts, Reorder } from './OrderActions';
import { PayPanel } from './PayPanel';
import { hasQuestion, ReweighQuestions } from './Reweigh';
import { TitipSection } from './TitipLines';
import { Parts, Refunds, Timeline } from './Tracking';

/**
 * How often to re-read the order: every 5 s while CS, the QRIS app or the gateway may mark it
 * paid (or the deadline has passed and it is about to expire); every 10 s while a courier is on
 * the job or the buyer has a question about weighed goods to answer; every 30 s while sellers
 * move it along; never once it has arrived or ended.
 */
function pollInterval(order: Order | undefined): number | false {
  if (!order) return false;
  if (hasQuestion(order)) return 10_000;
  if (order.status === 'awaiting_payment') {
    const payment = order.payment;
    const othersToAct = payment && (payment.method === 'qris' || payment.method === 'gateway' || payment.status === 'submitted');
    return othersToAct || Date.parse(order.reservedUntil) <= Date.now() ? 5000 : false;
  }
  if (order.status !== 'confirmed' && order.status !== 'accepted' && order.status !== 'ready') return false;
  return order.delivery && DELIVERY_RUNNING.includes(order.delivery.status) ? 10_000 : 30_000;
}

function Summary({ order }: { order: Order }) {
  const t = useT();
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone;
  const { payment } = order;
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t('orders.summary')}</h2>
      <dl className="facts facts-stacked">
        <dt>{t('orders.goods')}</dt>
        <dd className="money">{formatRupiah(order.goodsTotal)}</dd>
        {order.deliveryFee > 0 && (
          <>
            <dt>{t('orders.deliveryFee')}</dt>
            <dd className="money">{formatRupiah(order.deliveryFee)}</dd>
          </>
        )}
        {order.shoppingFee > 0 && (
          <>
            <dt>{t('orders.shoppingFee')}</dt>
            <dd className="money">{formatRupiah(order.shoppingFee)}</dd>
          </>
        )}
        <dt>{t('orders.total')}</dt>
        <dd>
          <strong className="money">{formatRupiah(order.total)}</strong>
        </dd>
        {payment && (
          <>
            <dt>{t('orders.payment')}</dt>
            <dd>
              {paymentMethodLabel(t, payment.method)} · {paymentStatusLabel(t, payment.status)}
              {payment.paidAt && (
                <span className="muted">
                  {' '}
                  · <span className="money">{formatRupiah(payment.amount)}</span>, {formatDateTime(payment.paidAt, lang, timeZone)}
                </span>
              )}
            </dd>
          </>
        )}
        <dt>{t('field.address')}</dt>
        <dd>
          {order.address}
          {order.lat !== null && order.lng !== null && (
            <>
              {' '}
              <a
                className="small-link"
                href={`https://www.openstreetmap.org/?mlat=${order.lat}&mlon=${order.lng}#map=17/${order.lat}/${order.lng}`}
                target="_blank"
                rel="noopener noreferrer"
              >
                {t('home.map')}
              </a>
            </>
          )}
        </dd>
        {order.notes && (
          <>
            <dt>{t('checkout.notes')}</dt>
            <dd>{order.notes}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function OrderDetail() {
  const t = useT();
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone;
  const { orderId = '' } = useParams();
  const query = useOrder(orderId, pollInterval);
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const order = query.data;

  return (
    <article className="page narrow order-page">
      <p className="eyebrow">
        <Link to="/pesanan">{t('orders.mine')}</Link>
      </p>
      <h1>
        {t('orders.order')} <span className="order-number">{order.number}</span>
      </h1>
      <p className="order-status">
        <span className={statusBadge(order.status)}>{orderStatusLabel(t, order.status, order.payment?.method)}</span>{' '}
        <span className="muted">{formatDateTime(order.createdAt, lang, timeZone)}</span>
      </p>
      {order.status === 'awaiting_payment' && <PayPanel order={order} onTimeUp={() => void query.refetch()} />}
      <ReweighQuestions order={order} />
      <ConfirmReceipt order={order} />
      <DeliveryStatus order={order} />
      <Timeline order={order} />
      <Parts order={order} />
      <TitipSection order={order} note={t(order.payment?.method === 'cod' ? 'titip.codNote' : 'titip.refundNote')} />
      <Summary order={order} />
      <Refunds order={order} />
      <Rating order={order} />
      <div className="row order-actions">
        <Reorder order={order} />
        <CancelOrder order={order} />
      </div>
      <Receipts order={order} />
    </article>
  );
}

/** /pesanan/:orderId: paying (while it waits for money), then following the order to the door. */
export function OrderPage() {
  return (
    <RequireSignIn>
      <OrderDetail />
    </RequireSignIn>
  );
}
