import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type DeskPayment } from '../api';
import { FormAlert } from '../forms';
import { formatRupiah, useT } from '../i18n';
import { orderBadge, paymentMethodLabel, paymentStatusLabel } from '../staff/labels';
import { PaymentAmount, PhoneLinks, ProofThumb, SearchForm, Tabs, useDateTime } from '../staff/parts';
import { ConfirmStep, cardError, type Flash, FlashNotice, staffKey, useStep } from '../staff/steps';
import { parseRupiah } from '../storefront/catalog';
import { ErrorState, Loading } from '../ui';

type Step = { action: 'confirm'; reference: string } | { action: 'reject-proof'; reason: string };

function PaymentCard({ payment, onFlash }: { payment: DeskPayment; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const when = useDateTime();
  const number = payment.orderNumber;
  const step = useStep(
    ({ action, ...body }: Step) => api.post<void>(`/api/cs/payments/${encodeURIComponent(payment.id)}/${action}`, body),
    ({ action }) => t(action === 'confirm' ? 'cs.paymentConfirmed' : 'cs.proofRejected', { number }),
    onFlash,
  );
  const open = payment.status === 'pending' || payment.status === 'submitted';
  return (
    <li className="card">
      <div className="payment-head">
        {payment.proofUrl ? (
          <ProofThumb url={payment.proofUrl} orderNumber={number} />
        ) : (
          <span className="proof-none">{t('cs.noProof')}</span>
        )}
        <div>
          <PaymentAmount amount={payment.amount} uniqueCode={payment.uniqueCode} />
          <p>
            <span className={orderBadge(payment.status)}>{paymentStatusLabel(t, payment.status)}</span>
          </p>
          <p className="muted">{paymentMethodLabel(t, payment.method)}</p>
        </div>
      </div>
      <p>
        <Link to={`/cs/pesanan/${encodeURIComponent(payment.orderId)}`}>{number}</Link>
      </p>
      <p className="muted">{when(payment.createdAt)}</p>
      <p>
        {payment.buyerName && <strong>{payment.buyerName} </strong>}
        <PhoneLinks phone={payment.buyerPhone} />
      </p>
      {open && (
        <div className="row actions">
          <ConfirmStep
            label={t('cs.received')}
            question={t(payment.method === 'qris' ? 'cs.receivedQrisQuestion' : 'cs.receivedQuestion', {
              amount: formatRupiah(payment.amount),
              number,
            })}
            note={{ label: t('cs.reference'), hint: t('cs.referenceHint'), minLength: 1 }}
            confirmLabel={t('cs.receivedConfirm')}
            pending={step.isPending}
            error={step.error}
            onConfirm={(reference) => step.mutate({ action: 'confirm', reference })}
          />
          {payment.status === 'submitted' && (
            <ConfirmStep
              label={t('cs.rejectProof')}
              secondary
              danger
              note={{
                label: t('cs.rejectProofReason'),
                hint: t('cs.rejectProofHint'),
                minLength: 3,
                suggestions: [t('cs.proofReason.notIn'), t('cs.proofReason.wrongAmount'), t('cs.proofReason.unreadable')],
              }}
              confirmLabel={t('cs.rejectProof')}
              pending={step.isPending}
              error={step.error}
              onConfirm={(reason) => step.mutate({ action: 'reject-proof', reason })}
            />
          )}
        </div>
      )}
      <FormAlert error={cardError(step.error)} fields={['reason', 'reference']} />
    </li>
  );
}

/**
 * /cs/pembayaran: transfers and QRIS payments to check against the bank, proofs first; or find
 * one by the exact amount seen in the bank mutation.
 */
export function PaymentsPage() {
  const t = useT();
  const [params] = useSearchParams();
  const status = params.get('status') === 'paid' ? 'paid' : 'open';
  const amount = params.get('nominal') ?? '';
  const [flash, setFlash] = useState<Flash>(null);
  const payments = useQuery({
    queryKey: [...staffKey, 'payments', status, amount],
    queryFn: () => api.get<{ payments: DeskPayment[] }>(`/api/cs/payments?${new URLSearchParams({ status, ...(amount && { amount }) })}`),
    refetchInterval: 30_000,
  });

  return (
    <section>
      <h1>{t('cs.paymentsTitle')}</h1>
      <SearchForm
        param="nominal"
        label={t('cs.findAmount')}
        hint={t('cs.findAmountHint')}
        invalid={t('catalog.priceFormat')}
        inputMode="numeric"
        parse={(text) => {
          const wanted = parseRupiah(text);
          return wanted ? String(wanted) : null; // nobody transfers Rp 0
        }}
      />
      <Tabs
        label={t('cs.paymentsTitle')}
        param="status"
        current={status}
        tabs={[
          { value: 'open', label: t('cs.tab.toCheck') },
          { value: 'paid', label: t('cs.tab.paid') },
        ]}
      />
      <FlashNotice flash={flash} />
      {payments.isPending ? (
        <Loading />
      ) : payments.error ? (
        <ErrorState error={payments.error} onRetry={() => void payments.refetch()} />
      ) : payments.data.payments.length === 0 ? (
        <p className="muted">{t(amount ? 'cs.noAmountMatch' : status === 'open' ? 'cs.nothingToCheck' : 'cs.noPaid')}</p>
      ) : (
        <ul className="cards">
          {payments.data.payments.map((payment) => (
            <PaymentCard key={payment.id} payment={payment} onFlash={setFlash} />
          ))}
        </ul>
      )}
    </section>
  );
}
