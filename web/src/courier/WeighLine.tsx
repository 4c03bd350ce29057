import { type FormEvent, useState } from 'react';
import { formatQuantity, linePrice, parseQuantity, type Unit } from '../../../src/shared/quantity';
import { api, type Job } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { formatRupiah, useLang, useT } from '../i18n';
import { useDateTime } from '../staff/parts';
import { cardError, type Flash, useStep } from '../staff/steps';
import { parseRupiah, quantityText, unitLabel } from '../storefront/catalog';

// Weighed goods at the market: the shopper records what the trader actually had, per line.
// The server decides whether it applies at once or the buyer is asked.

type JobLine = Job['stops'][number]['lines'][number];

/** One tap of − or +: 50 g on the scale for weights, a whole piece for counted goods. */
const STEP: Partial<Record<Unit, number>> = { kg: 50, liter: 50, ons: 500, gram: 50_000 };

/** What the shopper recorded for the line, as the server has it now. */
export function WeighState({ line }: { line: JobLine }) {
  const t = useT();
  const { lang } = useLang();
  const dateTime = useDateTime();
  const figures = {
    quantity: quantityText(t, lang, line.finalQuantityMilli ?? 0, line.unit),
    total: formatRupiah(line.finalLineTotal ?? 0),
  };
  switch (line.reweighStatus) {
    case 'adjusted':
      return <p className="weigh-state">{t('courier.weigh.adjusted', figures)}</p>;
    case 'accepted':
      return <p className="weigh-state">{t('courier.weigh.accepted', figures)}</p>;
    case 'asked':
      return (
        <p className="weigh-state weigh-waiting">
          {t('courier.weigh.asked', {
            quantity: quantityText(t, lang, line.proposedQuantityMilli ?? 0, line.unit),
            total: formatRupiah(line.proposedLineTotal ?? 0),
            until: line.decideBy ? dateTime(line.decideBy) : '',
          })}
        </p>
      );
    case 'removed':
      return <p className="weigh-state weigh-gone">{t('courier.weigh.removed')}</p>;
    case 'unavailable':
      return <p className="weigh-state weigh-gone">{t('courier.weigh.notAvailable')}</p>;
    default:
      return null;
  }
}

/** "Timbang": the actual quantity and price of one line, or that the trader did not have it. */
export function WeighLine({ jobId, line, item, onFlash }: { jobId: string; line: JobLine; item: string; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const { lang } = useLang();
  const [open, setOpen] = useState(false);
  const [quantity, setQuantity] = useState(formatQuantity(line.finalQuantityMilli || line.quantityMilli));
  const [price, setPrice] = useState(String(line.unitPrice));
  const [unavailable, setUnavailable] = useState(line.reweighStatus === 'unavailable');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const save = useStep(
    (body: object) => api.post(`/api/courier/jobs/${encodeURIComponent(jobId)}/lines/${line.position}`, body),
    () => t('courier.weigh.saved', { item }),
    onFlash,
  );

  // The buyer's answer is final: nothing left to weigh.
  const decided = line.reweighStatus === 'accepted' || line.reweighStatus === 'removed';
  if (!open || decided) {
    return (
      <>
        <WeighState line={line} />
        {!decided && (
          <button type="button" className="button button-secondary button-small" onClick={() => setOpen(true)}>
            {t(line.reweighStatus ? 'courier.weigh.again' : 'courier.weigh.open')}
          </button>
        )}
      </>
    );
  }

  const milli = parseQuantity(quantity);
  const unitPrice = parseRupiah(price);
  const step = STEP[line.unit] ?? 1000;
  const stepText = quantityText(t, lang, step, line.unit);
  const clientErrors = tried
    ? {
        quantityMilli: milli === null ? t('courier.weigh.quantityFormat') : undefined,
        unitPrice: unitPrice === null || unitPrice < 1 ? t('courier.weigh.priceFormat') : undefined,
      }
    : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (unavailable) {
      save.mutate({ quantityMilli: 0, unavailable: true, reason }, { onSuccess: () => setOpen(false) });
      return;
    }
    if (milli === null || unitPrice === null || unitPrice < 1) return;
    // The ordered price is the default on the server: send one only when the trader charged another.
    const body = { quantityMilli: milli, reason, ...(unitPrice === line.unitPrice ? {} : { unitPrice }) };
    save.mutate(body, { onSuccess: () => setOpen(false) });
  }

  const stepBy = (delta: number) => {
    setQuantity(formatQuantity(Math.max(0, (milli ?? 0) + delta)));
    setTried(false);
  };
  const unit = unitLabel(t, line.unit);
  return (
    <form className="confirm-step weigh-form" onSubmit={submit} noValidate>
      <p className="confirm-question">{t('courier.weigh.title', { item })}</p>
      {!unavailable && (
        <>
          <TextField
            label={t('courier.weigh.quantity', { unit })}
            hint={t('courier.weigh.quantityHint', { quantity: quantityText(t, lang, line.quantityMilli, line.unit) })}
            inputMode="decimal"
            autoComplete="off"
            value={quantity}
            onChange={(event) => {
              setQuantity(event.target.value);
              setTried(false);
            }}
            error={fieldError(save.error, 'quantityMilli', clientErrors)}
          />
          {/* Under the input, not beside it: a 360 px card leaves the input too narrow otherwise. */}
          <div className="row">
            <button
              type="button"
              className="chip"
              aria-label={t('courier.weigh.less', { step: stepText })}
              disabled={milli === null || milli < step}
              onClick={() => stepBy(-step)}
            >
              − {stepText}
            </button>
            <button type="button" className="chip" aria-label={t('courier.weigh.more', { step: stepText })} onClick={() => stepBy(step)}>
              + {stepText}
            </button>
          </div>
          <TextField
            label={t('courier.weigh.price', { unit })}
            hint={t('courier.weigh.priceHint')}
            inputMode="numeric"
            autoComplete="off"
            value={price}
            onChange={(event) => {
              setPrice(event.target.value);
              setTried(false);
            }}
            error={fieldError(save.error, 'unitPrice', clientErrors)}
          />
          {milli !== null && unitPrice !== null && (
            <p className="weigh-total" aria-live="polite">
              {t('courier.weigh.total', { total: formatRupiah(Number(linePrice(BigInt(unitPrice), milli))) })}
            </p>
          )}
        </>
      )}
      <button type="button" className="chip" aria-pressed={unavailable} onClick={() => setUnavailable(!unavailable)}>
        {t('courier.weigh.unavailable')}
      </button>
      {unavailable && (
        <TextField
          label={t('courier.weigh.reason')}
          value={reason}
          maxLength={300}
          onChange={(event) => setReason(event.target.value)}
          error={fieldError(save.error, 'reason')}
        />
      )}
      <FormAlert error={cardError(save.error)} fields={['quantityMilli', 'unitPrice', 'reason']} />
      <div className="row">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('courier.sending') : t('courier.weigh.save')}
        </button>
        <button type="button" className="button button-secondary" disabled={save.isPending} onClick={() => setOpen(false)}>
          {t('cs.neverMind')}
        </button>
      </div>
    </form>
  );
}
