import { useState } from 'react';
import type { Job } from '../api';
import { formatRupiah, useLang, useT } from '../i18n';
import { PhoneLinks } from '../staff/parts';
import type { Flash } from '../staff/steps';
import { quantityText } from '../storefront/catalog';
import { rupiahInText } from './format';
import { StallPayments } from './StallPayments';
import { WeighLine, WeighState } from './WeighLine';

type Stop = Job['stops'][number];
type JobLine = Stop['lines'][number];

/** Who to find: the trader at their stall, or, for the buyer's titip lines, any stall. */
function StopHead({ stop }: { stop: Stop }) {
  const t = useT();
  if (stop.sellerId === null) {
    return (
      <>
        <p>
          <strong>{t('courier.titip.title')}</strong>
        </p>
        <p className="hint">{t('courier.titip.hint')}</p>
      </>
    );
  }
  return (
    <>
      <p>
        {stop.stall && <strong className="stall">{stop.stall}</strong>} <strong>{stop.sellerName}</strong>
      </p>
      {stop.sellerPhone && <PhoneLinks phone={stop.sellerPhone} />}
    </>
  );
}

/** "0,5 kg Bawang merah Brebes — Rp 19.000"; a titip line in the buyer's words, with their estimate and cap. */
function LineText({ line, item }: { line: JobLine; item: string }) {
  const t = useT();
  if (line.kind === 'request') {
    const cap = rupiahInText(line.lineTotal);
    return (
      <span>
        {item}{' '}
        <span className="titip-limits">
          {line.estimate === null
            ? t('courier.titip.cap', { cap })
            : t('courier.titip.limits', { estimate: rupiahInText(line.estimate), cap })}
        </span>
      </span>
    );
  }
  return (
    <span>
      {item} — <span className="money">{formatRupiah(line.lineTotal)}</span>
    </span>
  );
}

/**
 * What to buy or collect, stall by stall in walking order, the buyer's titip lines last. The
 * ticks are the shopper's own notes on this phone (not sent): which items are already in the
 * bag. What was weighed and paid is sent: it changes what the buyer pays and the cash float.
 */
export function PickList({ job, tickable, onFlash }: { job: Job; tickable: boolean; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const { lang } = useLang();
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const total = job.stops.reduce((sum, stop) => sum + stop.lines.length, 0);
  const toggle = (key: string, on: boolean) =>
    setTicked((keys) => {
      const next = new Set(keys);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  return (
    <>
      <ol className="stops">
        {job.stops.map((stop, s) => (
          <li key={stop.sellerId ?? 'titip'} className={stop.sellerId === null ? 'stop stop-titip' : 'stop'}>
            <StopHead stop={stop} />
            <ul className="pick-list">
              {stop.lines.map((line, l) => {
                const key = `${s}:${l}`;
                const item =
                  line.kind === 'request'
                    ? line.productTitle
                    : `${quantityText(t, lang, line.quantityMilli, line.unit)} ${line.productTitle}${line.variantName ? ` (${line.variantName})` : ''}`;
                const text = <LineText line={line} item={item} />;
                return (
                  <li key={line.position}>
                    {tickable ? (
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={ticked.has(key)}
                          onChange={(event) => toggle(key, event.target.checked)}
                          aria-label={t('courier.tick', { item })}
                        />
                        {text}
                      </label>
                    ) : (
                      text
                    )}
                    {tickable ? <WeighLine jobId={job.id} line={line} item={item} onFlash={onFlash} /> : <WeighState line={line} />}
                  </li>
                );
              })}
            </ul>
            {job.kind === 'market_trip' && <StallPayments job={job} stop={stop} onFlash={onFlash} />}
          </li>
        ))}
      </ol>
      {tickable && (
        <p className="hint" aria-live="polite">
          {t('courier.ticked', { done: ticked.size, total })}
        </p>
      )}
    </>
  );
}
