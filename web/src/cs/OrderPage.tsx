import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type OrderView, type PaymentView } from '../api';
import { FormAlert } from '../forms';
import { formatRupiah, useT } from '../i18n';
import { TitipSection } from '../orders/TitipLines';
import { useSession, useTenant } from '../session';
import {
  fulfilmentStatusLabel,
  methodLabel,
  orderBadge,
  orderStatusLabel,
  paymentMethodLabel,
  paymentStatusLabel,
  reasonLabel,
} from '../staff/labels';
import { LineList, mapLink, PaymentAmount, PhoneLinks, ProofThumb, useDateTime } from '../staff/parts';
import { ConfirmStep, cardError, type Flash, FlashNotice, FulfilmentActions, staffKey, useStep } from '../staff/steps';
import { ErrorState, Loading } from '../ui';
import { DeliveryCard } from './DeliveryCard';

/** Staff may cancel until the goods are handed over. */
const CANCELLABLE = ['awaiting_payment', 'confirmed', 'accepted', 'ready'];

function Payment({ payment, number }: { payment: PaymentView | null; number: string }) {
  const t = useT();
  const when = useDateTime();
  if (!payment) return <p className="muted">{t('cs.noPaymentYet')}</p>;
  const open = payment.status === 'pending' || payment.status === 'submitted';
  return (
    <div className="card">
      <div className="payment-head">
        {payment.proofUrl && <ProofThumb url={payment.proofUrl} orderNumber={number} />}
        <div>
          <PaymentAmount amount={payment.amount} uniqueCode={payment.uniqueCode} />
          <p>
            <span className={orderBadge(payment.status)}>{paymentStatusLabel(t, payment.status)}</span>{' '}
            {paymentMethodLabel(t, payment.method)}
          </p>
        </div>
      </div>
      {payment.paidAt && <p className="muted">{t('cs.paidAt', { time: when(payment.paidAt) })}</p>}
      {open && <p className="muted">{t('cs.payBy', { time: when(payment.expiresAt) })}</p>}
      {payment.rejectedReason && <p className="text-danger">{t('cs.proofRejectedBecause', { reason: payment.rejectedReason })}</p>}
      {open && (payment.method === 'transfer' || payment.method === 'qris') && (
        <Link to={`/cs/pembayaran?nominal=${payment.amount}`} className="small-link">
          {t('cs.checkPayment')}
        </Link>
      )}
    </div>
  );
}

function Cancel({ order, onFlash }: { order: OrderView; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const cancel = useStep(
    (reason: string) => api.post(`/api/cs/orders/${encodeURIComponent(order.id)}/cancel`, { reason }),
    () => t('cs.cancelled', { number: order.number }),
    onFlash,
  );
  return (
    <>
      <ConfirmStep
        label={t('cs.cancelOrder')}
        secondary
        danger
        question={t(order.payment?.status === 'paid' ? 'cs.cancelPaidQuestion' : 'cs.cancelQuestion', { number: order.number })}
        note={{ label: t('cs.cancelReason'), hint: t('cs.cancelHint'), minLength: 3 }}
        confirmLabel={t('cs.cancelOrder')}
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={(reason) => cancel.mutate(reason)}
      />
      <FormAlert error={cardError(cancel.error)} fields={['reason']} />
    </>
  );
}

/** /cs/pesanan/:orderId: everything about one order, with the steps CS may take for sellers and the buyer. */
export function OrderPage() {
  const t = useT();
  const when = useDateTime();
  const { orderId = '' } = useParams();
  const roles = useSession().data?.roles ?? [];
  const programs = useTenant().data?.programs ?? [];
  const [flash, setFlash] = useState<Flash>(null);
  const detail = useQuery({
    queryKey: [...staffKey, 'order', orderId],
    queryFn: () => api.get<{ order: OrderView }>(`/api/cs/orders/${encodeURIComponent(orderId)}`),
  });
  if (detail.isPending) return <Loading />;
  if (detail.error) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const { order } = detail.data;
  // Treasurers read; CS and program admins act.
  const canAct = roles.some((role) => role === 'cs_agent' || role === 'program_admin' || role === 'platform_admin');
  const sellerName = (fulfilmentId: string | null) => order.fulfilments.find((f) => f.id === fulfilmentId)?.sellerName;

  return (
    <section>
      <p>
        <Link to="/cs/pesanan" className="small-link">
          {t('cs.backToOrders')}
        </Link>
      </p>
      <div className="card-head">
        <h1>{order.number}</h1>
        <span className={orderBadge(order.status)}>{orderStatusLabel(t, order.status)}</span>
      </div>
      <p className="muted">
        {when(order.createdAt)}
        {programs.length > 1 && ` · ${programs.find((p) => p.id === order.programId)?.name ?? ''}`}
      </p>
      <FlashNotice flash={flash} />
      <dl className="facts facts-stacked">
        <dt>{t('cs.col.buyer')}</dt>
        <dd>
          {order.buyer.name && <strong>{order.buyer.name} </strong>}
          <PhoneLinks phone={order.buyer.phone} />
        </dd>
        <dt>{t('cs.address')}</dt>
        <dd>
          {order.address}
          {order.lat !== null && order.lng !== null && (
            <>
              {' · '}
              <a href={mapLink(order.lat, order.lng)} target="_blank" rel="noopener noreferrer">
                {t('courier.map')}
              </a>
            </>
          )}
        </dd>
        {order.notes && (
          <>
            <dt>{t('sellerOrders.notes')}</dt>
            <dd>{order.notes}</dd>
          </>
        )}
        <dt>{t('cs.goods')}</dt>
        <dd className="money">{formatRupiah(order.goodsTotal)}</dd>
        <dt>{t('cs.deliveryFee')}</dt>
        <dd className="money">{formatRupiah(order.deliveryFee)}</dd>
        {order.shoppingFee > 0 && (
          <>
            <dt>{t('orders.shoppingFee')}</dt>
            <dd className="money">{formatRupiah(order.shoppingFee)}</dd>
          </>
        )}
        <dt>{t('cs.col.total')}</dt>
        <dd className="money">
          <strong>{formatRupiah(order.total)}</strong>
        </dd>
      </dl>

      <h2>{t('cs.payment')}</h2>
      <Payment payment={order.payment} number={order.number} />

      <DeliveryCard order={order} canAct={canAct} onFlash={setFlash} />

      <h2>{t('cs.sellers', { count: order.fulfilments.length })}</h2>
      <ul className="cards">
        {order.fulfilments.map((part) => (
          <li key={part.id} className="card">
            <div className="card-head">
              <h3 className="card-title">{part.sellerName}</h3>
              <span className={orderBadge(part.status)}>{fulfilmentStatusLabel(t, part.status)}</span>
            </div>
            <p className="muted">{methodLabel(t, part.method)}</p>
            {part.sellerPhone && (
              <p>
                <PhoneLinks phone={part.sellerPhone} />
              </p>
            )}
            <LineList lines={order.lines.filter((line) => line.sellerId === part.sellerId)} />
            {part.status === 'rejected' && part.reason && (
              <p className="muted">
                {t('sellerOrders.rejectedBecause')}: {part.reason}
              </p>
            )}
            {canAct && <FulfilmentActions part={part} orderStatus={order.status} orderNumber={order.number} desk onFlash={setFlash} />}
          </li>
        ))}
      </ul>
      {/* The buyer's titip lines have no seller, so no part above lists them. */}
      <TitipSection order={order} />

      {order.refunds.length > 0 && (
        <>
          <h2>{t('cs.refundsTitle')}</h2>
          <ul className="plain-list">
            {order.refunds.map((refund) => (
              <li key={refund.id}>
                <strong className="money">{formatRupiah(refund.amount)}</strong> · {reasonLabel(t, refund.reason)} ·{' '}
                {t(`cs.refundStatus.${refund.status}`)}
                {refund.reference && ` · ${t('cs.referenceIs', { reference: refund.reference })}`}
              </li>
            ))}
          </ul>
          {order.refunds.some((refund) => refund.status === 'pending') && (
            <Link to="/cs/pengembalian" className="small-link">
              {t('cs.toRefunds')}
            </Link>
          )}
        </>
      )}

      <h2>{t('cs.timeline')}</h2>
      <ol className="timeline">
        {order.events.map((event) => (
          <li key={`${event.at}-${event.fulfilmentId}-${event.to}`}>
            <span className="muted">{when(event.at)}</span>
            <br />
            <strong>
              {event.fulfilmentId
                ? `${sellerName(event.fulfilmentId) ?? ''}: ${fulfilmentStatusLabel(t, event.to)}`
                : orderStatusLabel(t, event.to)}
            </strong>
            {event.reason && ` · ${reasonLabel(t, event.reason)}`}
          </li>
        ))}
      </ol>

      {canAct && CANCELLABLE.includes(order.status) && (
        <div className="row actions">
          <Cancel order={order} onFlash={setFlash} />
        </div>
      )}
    </section>
  );
}
