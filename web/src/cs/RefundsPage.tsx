import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type DeskRefund } from '../api';
import { FormAlert } from '../forms';
import { formatRupiah, useT } from '../i18n';
import { paymentMethodLabel, reasonLabel } from '../staff/labels';
import { PhoneLinks, Tabs, useDateTime } from '../staff/parts';
import { ConfirmStep, cardError, type Flash, FlashNotice, staffKey, useStep } from '../staff/steps';
import { ErrorState, Loading } from '../ui';

function RefundCard({ refund, onFlash }: { refund: DeskRefund; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const when = useDateTime();
  const step = useStep(
    (reference: string) => api.post<void>(`/api/cs/refunds/${encodeURIComponent(refund.id)}/paid`, { reference }),
    () => t('cs.refundPaid', { amount: formatRupiah(refund.amount), number: refund.orderNumber }),
    onFlash,
  );
  return (
    <li className="card">
      <div className="card-head">
        <p className="amount-big money">{formatRupiah(refund.amount)}</p>
        <span className={refund.status === 'paid' ? 'badge' : 'badge badge-warn'}>{t(`cs.refundStatus.${refund.status}`)}</span>
      </div>
      <p>{reasonLabel(t, refund.reason)}</p>
      <p>
        <Link to={`/cs/pesanan/${encodeURIComponent(refund.orderId)}`}>{refund.orderNumber}</Link>
      </p>
      <p className="muted">{when(refund.createdAt)}</p>
      <p>
        {refund.buyerName && <strong>{refund.buyerName} </strong>}
        <PhoneLinks phone={refund.buyerPhone} />
      </p>
      <p className="muted">{t('cs.paidWith', { method: paymentMethodLabel(t, refund.method) })}</p>
      {refund.status === 'paid' ? (
        <p className="muted">
          {refund.paidAt && `${when(refund.paidAt)} · `}
          {t('cs.referenceIs', { reference: refund.reference ?? '' })}
        </p>
      ) : (
        <>
          <p className="hint">{t('cs.refundHow')}</p>
          <div className="row actions">
            <ConfirmStep
              label={t('cs.refunded')}
              question={t('cs.refundedQuestion', { amount: formatRupiah(refund.amount), number: refund.orderNumber })}
              note={{ label: t('cs.refundReference'), hint: t('cs.refundReferenceHint'), minLength: 1 }}
              confirmLabel={t('cs.refunded')}
              pending={step.isPending}
              error={step.error}
              onConfirm={(reference) => step.mutate(reference)}
            />
          </div>
          <FormAlert error={cardError(step.error)} fields={['reference']} />
        </>
      )}
    </li>
  );
}

/** /cs/pengembalian: money to send back to buyers (a seller rejected, an order was cancelled), oldest first. */
export function RefundsPage() {
  const t = useT();
  const [params] = useSearchParams();
  const status = params.get('status') === 'paid' ? 'paid' : 'pending';
  const [flash, setFlash] = useState<Flash>(null);
  const refunds = useQuery({
    queryKey: [...staffKey, 'refunds', status],
    queryFn: () => api.get<{ refunds: DeskRefund[] }>(`/api/cs/refunds?status=${status}`),
  });
  return (
    <section>
      <h1>{t('cs.refundsTitle')}</h1>
      <Tabs
        label={t('cs.refundsTitle')}
        param="status"
        current={status}
        tabs={[
          { value: 'pending', label: t('cs.tab.toRefund') },
          { value: 'paid', label: t('cs.tab.refunded') },
        ]}
      />
      <FlashNotice flash={flash} />
      {refunds.isPending ? (
        <Loading />
      ) : refunds.error ? (
        <ErrorState error={refunds.error} onRetry={() => void refunds.refetch()} />
      ) : refunds.data.refunds.length === 0 ? (
        <p className="muted">{t(status === 'pending' ? 'cs.noRefunds' : 'cs.noRefundsPaid')}</p>
      ) : (
        <ul className="cards">
          {refunds.data.refunds.map((refund) => (
            <RefundCard key={refund.id} refund={refund} onFlash={setFlash} />
          ))}
        </ul>
      )}
    </section>
  );
}
