import { useEffect, useEffectEvent, useState } from 'react';
import { api } from '../api';
import { FormAlert, fieldError } from '../forms';
import { formatDateTime, formatRupiah, useLang, useT } from '../i18n';
import { useTenant } from '../session';
import { type Order, type Payment, type PaymentMethod, paymentMethods, qrisImageUrl, useOrderAction } from './api';
import { formatCountdown, useSecondsLeft } from './countdown';
import { paymentMethodLabel } from './labels';
import { ProofUpload } from './ProofUpload';

/** Time left to pay, ticking each second; at zero the order expires and its stock goes back on sale. */
function Countdown({ until, onEnd }: { until: string; onEnd: () => void }) {
  const t = useT();
  const seconds = useSecondsLeft(until);
  const ended = seconds === 0;
  // Ask the server once the time is up: it moves the order to "expired".
  const end = useEffectEvent(onEnd);
  useEffect(() => {
    if (ended) end();
  }, [ended]);

  if (ended) return <p className="notice notice-error">{t('pay.timeUp')}</p>;
  return (
    <p className="countdown">
      {t('pay.timeLeft')}{' '}
      <strong className="countdown-time" role="timer">
        {formatCountdown(seconds)}
      </strong>
    </p>
  );
}

/** Copies a number (amount, account) to paste into the bank app; only where the browser allows it. */
function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  if (!navigator.clipboard) return null;
  return (
    <button
      type="button"
      className="button button-small button-secondary"
      onClick={() =>
        void navigator.clipboard.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        })
      }
    >
      {copied ? t('pay.copied') : label}
    </button>
  );
}

function TransferPanel({ order, payment }: { order: Order; payment: Payment }) {
  const t = useT();
  return (
    <>
      <p className="pay-amount-label">{t('pay.transferExactly')}</p>
      <p className="pay-amount">
        <strong className="money">{formatRupiah(payment.amount)}</strong>
        <CopyButton text={String(payment.amount)} label={t('pay.copyAmount')} />
      </p>
      <p>{t('pay.uniqueCode', { code: payment.uniqueCode, total: formatRupiah(order.total) })}</p>
      {payment.bank && (
        <dl className="facts facts-stacked">
          <dt>{t('pay.bank')}</dt>
          <dd>{payment.bank.name}</dd>
          <dt>{t('pay.account')}</dt>
          <dd className="bank-account">
            <strong className="code">{payment.bank.accountNumber}</strong>
            <CopyButton text={payment.bank.accountNumber} label={t('pay.copyAccount')} />
          </dd>
          <dt>{t('pay.holder')}</dt>
          <dd>{payment.bank.accountHolder}</dd>
        </dl>
      )}
      {payment.status === 'submitted' ? (
        <div className="notice notice-ok" role="status">
          <p>
            <strong>{t('pay.status.submitted')}</strong>
          </p>
          <p>{t('pay.submittedHelp')}</p>
          {payment.proofUrl && (
            <a href={payment.proofUrl} target="_blank" rel="noopener noreferrer">
              <img className="proof-photo" src={payment.proofUrl} alt={t('pay.proofPhoto')} />
            </a>
          )}
        </div>
      ) : (
        payment.rejectedReason && (
          <div className="notice notice-error" role="alert">
            <p>{t('pay.proofRejected')}</p>
            <p>
              <strong>{payment.rejectedReason}</strong>
            </p>
          </div>
        )
      )}
      <ProofUpload order={order} replacing={payment.status === 'submitted'} />
    </>
  );
}

function QrisPanel({ order, payment }: { order: Order; payment: Payment }) {
  const t = useT();
  return (
    <>
      <p className="pay-amount-label">{t('pay.qrisScan')}</p>
      <p className="pay-amount">
        <strong className="money">{formatRupiah(payment.amount)}</strong>
      </p>
      {/* The payment id in the address: a new QRIS payment never shows the old image from cache. */}
      <img
        className="qris-image"
        src={`${qrisImageUrl(order.id)}?payment=${payment.id}`}
        alt={t('pay.qrisAlt', { amount: formatRupiah(payment.amount) })}
        width={260}
        height={260}
      />
      <p className="hint">{t('pay.qrisSamePhone')}</p>
      <p className="notice" role="status">
        {t('pay.qrisWait')}
      </p>
    </>
  );
}

function GatewayPanel({ payment }: { payment: Payment }) {
  const t = useT();
  return (
    <>
      <p className="pay-amount">
        <strong className="money">{formatRupiah(payment.amount)}</strong>
      </p>
      <p>{t('pay.gatewayHelp')}</p>
      {payment.redirectUrl && (
        <a className="button button-block" href={payment.redirectUrl}>
          {t('pay.gatewayContinue')}
        </a>
      )}
    </>
  );
}

/** An order awaiting payment: how to pay, the method's instructions, and the time left. */
export function PayPanel({ order, onTimeUp }: { order: Order; onTimeUp: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone;
  const pay = useOrderAction<PaymentMethod>(order.id, (path, method) => api.post(`${path}/payments`, { method }));
  const payment = order.payment;
  const open = payment && (payment.status === 'pending' || payment.status === 'submitted') ? payment : null;
  const [changing, setChanging] = useState(false);
  const choosing = !open || changing;
  const change = (to: boolean) => {
    pay.reset();
    setChanging(to);
  };

  return (
    <section className="card pay-panel" aria-labelledby="pay-heading">
      <h2 id="pay-heading" className="card-title">
        {t('pay.title')}
      </h2>
      <Countdown until={order.reservedUntil} onEnd={onTimeUp} />
      {choosing ? (
        <fieldset className="choice" disabled={pay.isPending}>
          <legend>{t('pay.choose')}</legend>
          {payment?.status === 'failed' && <p className="text-danger">{t('pay.failedBefore')}</p>}
          <div className="method-list">
            {paymentMethods.map((method) => (
              <button
                key={method}
                type="button"
                className="method-button"
                aria-pressed={open?.method === method}
                onClick={() => pay.mutate(method, { onSuccess: () => setChanging(false) })}
              >
                <strong>{t(`pay.method.${method}`)}</strong>
                <span className="muted">{t(`pay.methodHint.${method}`)}</span>
              </button>
            ))}
          </div>
          {pay.isPending && <p role="status">{t('common.loading')}</p>}
          {open && (
            <button type="button" className="link-button" onClick={() => change(false)}>
              {t('pay.keep', { method: paymentMethodLabel(t, open.method) })}
            </button>
          )}
          {fieldError(pay.error, 'method') && <p className="field-error">{fieldError(pay.error, 'method')}</p>}
          <FormAlert error={pay.error} fields={['method']} />
        </fieldset>
      ) : (
        <>
          {open.method === 'transfer' && <TransferPanel order={order} payment={open} />}
          {open.method === 'qris' && <QrisPanel order={order} payment={open} />}
          {open.method === 'gateway' && <GatewayPanel payment={open} />}
          <p className="pay-method">
            {t('pay.payingWith', { method: paymentMethodLabel(t, open.method) })}{' '}
            {open.status === 'pending' && (
              <button type="button" className="link-button" onClick={() => change(true)}>
                {t('pay.change')}
              </button>
            )}
          </p>
        </>
      )}
      <p className="hint">{t('pay.deadline', { date: formatDateTime(order.reservedUntil, lang, timeZone) })}</p>
    </section>
  );
}
