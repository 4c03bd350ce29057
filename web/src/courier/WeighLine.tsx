import { type FormEvent, useState } from 'react';
import { formatQuantity, linePrice, parseQuantity, type Unit } from '../../../src/shared/quantity';
import type { Job } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { useLang, useT } from '../i18n';
import { formatCountdown, useSecondsLeft } from '../orders/countdown';
import { cardError, type Flash } from '../staff/steps';
import { parseRupiah, quantityText, unitLabel } from '../storefront/catalog';
import { rupiahInText, useClock } from './format';
import { PendingNote } from './QueueBanner';
import { jobPath, useCourierStep, usePendingSteps } from './steps';

// What the shopper bought at the market, per line: the weighed quantity and price, a substitute
// (always the buyer's choice), or that the trader did not have it. A titip line (the buyer's own
// words, bought at any stall) takes just what it cost. The server decides whether a figure
// applies at once or the buyer is asked.

type JobLine = Job['stops'][number]['lines'][number];
type Mode = 'weigh' | 'substitute' | 'unavailable';

/** One tap of − or +: 50 g on the scale for weights, a whole piece for counted goods. */
const STEP: Partial<Record<Unit, number>> = { kg: 50, liter: 50, ons: 500, gram: 50_000 };

/** The seconds the buyer has left to answer, ticking. */
function DecideLeft({ until }: { until: string }) {
  const t = useT();
  const seconds = useSecondsLeft(until);
  return (
    <span className="decide-left" role="timer">
      {t('courier.decideLeft', { time: formatCountdown(seconds) })}
    </span>
  );
}

/** What the shopper recorded for the line, as the server has it now. */
export function WeighState({ line }: { line: JobLine }) {
  const t = useT();
  const { lang } = useLang();
  const clock = useClock();
  const titip = line.kind === 'request';
  const final = { quantity: quantityText(t, lang, line.finalQuantityMilli ?? 0, line.unit), total: rupiahInText(line.finalLineTotal ?? 0) };
  switch (line.reweighStatus) {
    case 'adjusted':
      return <p className="weigh-state">{titip ? t('courier.titip.bought', final) : t('courier.weigh.adjusted', final)}</p>;
    case 'accepted': {
      let text = t('courier.weigh.accepted', final);
      if (titip) text = t('courier.titip.accepted', final);
      else if (line.substituteName) text = t('courier.sub.accepted', { ...final, name: line.substituteName });
      return <p className="weigh-state">{text}</p>;
    }
    case 'asked': {
      const proposed = {
        quantity: quantityText(t, lang, line.proposedQuantityMilli ?? 0, line.unit),
        total: rupiahInText(line.proposedLineTotal ?? 0),
        until: line.decideBy ? clock(line.decideBy) : '',
      };
      let text = t('courier.weigh.asked', proposed);
      if (titip) text = t('courier.titip.asked', proposed);
      else if (line.proposedName) text = t('courier.sub.asked', { ...proposed, name: line.proposedName });
      return (
        <p className="weigh-state weigh-waiting">
          {text}
          {line.decideBy && (
            <>
              <br />
              <DecideLeft until={line.decideBy} />
            </>
          )}
        </p>
      );
    }
    case 'removed':
      return <p className="weigh-state weigh-gone">{t('courier.weigh.removed')}</p>;
    case 'unavailable':
      return <p className="weigh-state weigh-gone">{t('courier.weigh.notAvailable')}</p>;
    default:
      return null;
  }
}

/**
 * "Timbang" or "Ganti barang" on a catalogue line, "Catat harga" on a titip line: opens the
 * form in place. While the step waits in the queue the line says so instead.
 */
export function WeighLine({ jobId, line, item, onFlash }: { jobId: string; line: JobLine; item: string; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const { lang } = useLang();
  const titip = line.kind === 'request';
  const path = jobPath(jobId, `lines/${line.position}`);
  const pending = usePendingSteps(jobId).find((step) => step.path === path);
  const [mode, setMode] = useState<Mode | null>(null);
  const [quantity, setQuantity] = useState('');
  const [price, setPrice] = useState('');
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const save = useCourierStep(
    (body: Record<string, unknown>) => ({ jobId, path, body, label: stepLabel(body) }),
    (body) => t(body.substitute ? 'courier.sub.saved' : titip ? 'courier.titip.saved' : 'courier.weigh.saved', { item }),
    onFlash,
  );

  const milli = titip ? 1000 : parseQuantity(quantity);
  const unitPrice = parseRupiah(price);
  const total = milli !== null && unitPrice !== null ? Number(linePrice(BigInt(unitPrice), milli)) : null;

  /** What was recorded: "0,48 kg, Rp 18.240", "Bawang putih lokal 1 kg, Rp 30.000", or not available. */
  function recorded(body: Record<string, unknown>) {
    if (body.unavailable) return t('courier.weigh.notAvailable');
    const sent = Number(body.quantityMilli);
    const cost = rupiahInText(linePrice(BigInt(Number(body.unitPrice ?? line.unitPrice)), sent));
    const figures = titip ? cost : `${quantityText(t, lang, sent, line.unit)}, ${cost}`;
    return body.substitute ? `${String(body.substitute)} ${figures}` : figures;
  }

  /** What was tapped, for the banner: the line and what was recorded. */
  function stepLabel(body: Record<string, unknown>) {
    const title = t(titip ? 'courier.titip.formTitle' : body.substitute ? 'courier.sub.title' : 'courier.weigh.title', { item });
    return `${title} — ${recorded(body)}`;
  }

  function open(next: Mode) {
    setMode(next);
    setTried(false);
    setName('');
    setReason('');
    setQuantity(formatQuantity(line.finalQuantityMilli || line.quantityMilli));
    // A titip line is priced as a whole: its cost is typed, not taken from the cap.
    setPrice(titip ? (line.finalLineTotal ? String(line.finalLineTotal) : '') : String(line.unitPrice));
  }

  // The buyer's answer is final: nothing left to weigh.
  const decided = line.reweighStatus === 'accepted' || line.reweighStatus === 'removed';
  if (mode === null || decided) {
    return (
      <>
        <WeighState line={line} />
        {pending ? (
          <PendingNote text={recorded(pending.body)} />
        ) : (
          !decided && (
            <div className="row line-actions">
              <button type="button" className="button button-secondary button-small" onClick={() => open('weigh')}>
                {titip
                  ? t(line.reweighStatus ? 'courier.titip.again' : 'courier.titip.open')
                  : t(line.reweighStatus ? 'courier.weigh.again' : 'courier.weigh.open')}
              </button>
              {!titip && (
                <button type="button" className="button button-secondary button-small" onClick={() => open('substitute')}>
                  {t('courier.sub.open')}
                </button>
              )}
            </div>
          )
        )}
      </>
    );
  }

  const step = STEP[line.unit] ?? 1000;
  const stepText = quantityText(t, lang, step, line.unit);
  const unit = unitLabel(t, line.unit);
  const priceError = titip ? t('courier.titip.costFormat') : t('courier.weigh.priceFormat');
  const clientErrors = tried
    ? {
        quantityMilli: milli === null ? t('courier.weigh.quantityFormat') : undefined,
        unitPrice: unitPrice === null || unitPrice < 1 ? priceError : undefined,
        substitute: mode === 'substitute' && name.trim().length < 2 ? t('courier.sub.nameFormat') : undefined,
      }
    : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    // Sent or queued, the form is done; a refusal keeps it open with the server's reason.
    const close = { onSuccess: () => setMode(null) };
    if (mode === 'unavailable') {
      save.mutate({ quantityMilli: 0, unavailable: true, reason }, close);
      return;
    }
    if (milli === null || unitPrice === null || unitPrice < 1) return;
    if (mode === 'substitute') {
      if (name.trim().length < 2) return;
      save.mutate({ quantityMilli: milli, unitPrice, substitute: name.trim(), reason }, close);
      return;
    }
    // The ordered price is the default on the server: send one only when the trader charged another.
    save.mutate({ quantityMilli: milli, reason, ...(unitPrice === line.unitPrice && !titip ? {} : { unitPrice }) }, close);
  }

  const stepBy = (delta: number) => {
    setQuantity(formatQuantity(Math.max(0, (milli ?? 0) + delta)));
    setTried(false);
  };
  const toggle = (next: Mode) => {
    setMode(mode === next ? 'weigh' : next);
    setTried(false);
  };
  const title = titip ? 'courier.titip.formTitle' : mode === 'substitute' ? 'courier.sub.title' : 'courier.weigh.title';
  return (
    <form className="confirm-step weigh-form" onSubmit={submit} noValidate>
      <p className="confirm-question">{t(title, { item })}</p>
      {mode === 'substitute' && (
        <TextField
          label={t('courier.sub.name')}
          hint={t('courier.sub.nameHint')}
          maxLength={200}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setTried(false);
          }}
          error={fieldError(save.error, 'substitute', clientErrors)}
        />
      )}
      {mode !== 'unavailable' && titip && (
        <TextField
          label={t('courier.titip.cost')}
          hint={t('courier.titip.costHint', { cap: rupiahInText(line.lineTotal) })}
          inputMode="numeric"
          autoComplete="off"
          value={price}
          onChange={(event) => {
            setPrice(event.target.value);
            setTried(false);
          }}
          error={fieldError(save.error, 'unitPrice', clientErrors)}
        />
      )}
      {mode !== 'unavailable' && !titip && (
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
            hint={mode === 'substitute' ? undefined : t('courier.weigh.priceHint')}
            inputMode="numeric"
            autoComplete="off"
            value={price}
            onChange={(event) => {
              setPrice(event.target.value);
              setTried(false);
            }}
            error={fieldError(save.error, 'unitPrice', clientErrors)}
          />
          {total !== null && (
            <p className="weigh-total" aria-live="polite">
              {t('courier.weigh.total', { total: rupiahInText(total) })}
            </p>
          )}
        </>
      )}
      <div className="row">
        {!titip && (
          <button type="button" className="chip chip-choice" aria-pressed={mode === 'substitute'} onClick={() => toggle('substitute')}>
            {t('courier.sub.open')}
          </button>
        )}
        <button type="button" className="chip" aria-pressed={mode === 'unavailable'} onClick={() => toggle('unavailable')}>
          {t('courier.weigh.unavailable')}
        </button>
      </div>
      {mode === 'unavailable' && (
        <TextField
          label={t('courier.weigh.reason')}
          value={reason}
          maxLength={300}
          onChange={(event) => setReason(event.target.value)}
          error={fieldError(save.error, 'reason')}
        />
      )}
      <FormAlert error={cardError(save.error)} fields={['quantityMilli', 'unitPrice', 'substitute', 'reason']} />
      <div className="row">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('courier.sending') : t('courier.weigh.save')}
        </button>
        <button type="button" className="button button-secondary" disabled={save.isPending} onClick={() => setMode(null)}>
          {t('cs.neverMind')}
        </button>
      </div>
    </form>
  );
}
