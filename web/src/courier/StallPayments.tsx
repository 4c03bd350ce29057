import { type FormEvent, useState } from 'react';
import type { Job } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { formatRupiah, useT } from '../i18n';
import { PhotoPicker } from '../seller/PhotoPicker';
import { cardError, type Flash } from '../staff/steps';
import { parseRupiah } from '../storefront/catalog';
import { rupiahInText, useClock } from './format';
import { PendingNote } from './QueueBanner';
import type { QueuedStep } from './queue';
import { jobPath, useCourierStep, usePendingSteps } from './steps';

type Stop = Job['stops'][number];

/**
 * What the stall's lines still cost: the shopper's final figures where recorded, else as
 * ordered; less what was paid there on this trip, or is queued to be.
 */
function stillOwed(job: Job, stop: Stop, queued: QueuedStep[]): number {
  const cost = stop.lines.reduce((sum, line) => sum + (line.finalLineTotal ?? line.lineTotal), 0);
  const paid = job.stallPayments.filter((p) => p.sellerId === stop.sellerId).reduce((sum, p) => sum + p.amount, 0);
  const sending = queued.reduce((sum, step) => sum + Number(step.body.amount), 0);
  return Math.max(0, cost - paid - sending);
}

/**
 * The shopper paid the trader in cash from the program's float (dana talangan): what was paid at
 * this stop, and a small form to record the next payment, prefilled with what is still owed.
 */
export function StallPayments({ job, stop, onFlash }: { job: Job; stop: Stop; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const clock = useClock();
  const path = jobPath(job.id, 'stall-payments');
  const queued = usePendingSteps(job.id).filter((step) => step.path === path && step.body.sellerId === stop.sellerId);
  const payments = job.stallPayments.filter((p) => p.sellerId === stop.sellerId);
  const left = stillOwed(job, stop, queued);
  const stall = stop.sellerName || t('courier.titip.title');
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const pay = useCourierStep(
    (input: { amount: number; mediaId?: string }) => ({
      jobId: job.id,
      path,
      body: { sellerId: stop.sellerId, ...input },
      label: t('courier.pay.label', { amount: rupiahInText(input.amount), stall }),
    }),
    (input) => t('courier.pay.saved', { amount: formatRupiah(input.amount), stall }),
    onFlash,
  );
  // The server takes payments only while shopping.
  const shopping = job.status === 'accepted' || job.status === 'shopping';
  const typed = parseRupiah(amount);
  const clientErrors = tried && (typed === null || typed < 1) ? { amount: t('courier.pay.amountFormat') } : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (typed === null || typed < 1) return;
    pay.mutate({ amount: typed, ...(photos[0] ? { mediaId: photos[0] } : {}) }, { onSuccess: () => setOpen(false) });
  }

  return (
    <div className="stall-pay">
      {payments.length + queued.length > 0 && (
        <>
          <p className="stall-pay-title">{t('courier.pay.paid')}</p>
          <ul className="stall-pay-list">
            {payments.map((payment) => (
              <li key={payment.at}>
                <span className="money">{t('courier.pay.paidAt', { amount: formatRupiah(payment.amount), time: clock(payment.at) })}</span>
                {payment.photoUrl && (
                  <>
                    {' · '}
                    <a href={payment.photoUrl} target="_blank" rel="noopener noreferrer">
                      {t('courier.pay.note')}
                    </a>
                  </>
                )}
              </li>
            ))}
            {queued.map((step) => (
              <li key={step.key}>
                <PendingNote text={rupiahInText(Number(step.body.amount))} />
              </li>
            ))}
          </ul>
        </>
      )}
      {shopping && !open && left === 0 && payments.length > 0 && <p className="hint">{t('courier.pay.settled')}</p>}
      {shopping && !open && left > 0 && (
        <div className="row">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              setAmount(String(left));
              setPhotos([]);
              setTried(false);
              setOpen(true);
            }}
          >
            {t('courier.pay.open')}
          </button>
        </div>
      )}
      {shopping && open && (
        <form className="confirm-step pay-form" onSubmit={submit} noValidate>
          <p className="confirm-question">{t('courier.pay.title', { stall })}</p>
          <TextField
            label={t('courier.pay.amount')}
            hint={t('courier.pay.amountHint', { left: rupiahInText(left) })}
            inputMode="numeric"
            autoComplete="off"
            value={amount}
            onChange={(event) => {
              setAmount(event.target.value);
              setTried(false);
            }}
            error={fieldError(pay.error, 'amount', clientErrors)}
          />
          <PhotoPicker label={t('courier.pay.photo')} ids={photos} onChange={setPhotos} max={1} error={fieldError(pay.error, 'mediaId')} />
          <FormAlert error={cardError(pay.error)} fields={['amount', 'mediaId']} />
          <div className="row">
            <button type="submit" className="button" disabled={pay.isPending}>
              {pay.isPending ? t('courier.sending') : t('courier.pay.save')}
            </button>
            <button type="button" className="button button-secondary" disabled={pay.isPending} onClick={() => setOpen(false)}>
              {t('cs.neverMind')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
