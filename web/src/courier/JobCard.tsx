import { useState } from 'react';
import type { Job } from '../api';
import { formatRupiah, useLang, useT } from '../i18n';
import { jobStatusLabel, orderBadge } from '../staff/labels';
import { MapLinks, PhoneLinks } from '../staff/parts';
import type { Flash } from '../staff/steps';
import { quantityText } from '../storefront/catalog';
import { type Point, pointOf } from './api';
import { JobSteps } from './JobSteps';
import { WeighLine, WeighState } from './WeighLine';

/**
 * What to buy or collect, stall by stall in walking order. The ticks are the shopper's own
 * notes on this phone (not sent): which items are already in the bag. What was weighed is
 * sent: it can change what the buyer pays.
 */
function PickList({ job, tickable, onFlash }: { job: Job; tickable: boolean; onFlash: (flash: Flash) => void }) {
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
          <li key={`${stop.sellerName}-${stop.stall}`} className="stop">
            <p>
              {stop.stall && <strong className="stall">{stop.stall}</strong>} <strong>{stop.sellerName}</strong>
            </p>
            {stop.sellerPhone && <PhoneLinks phone={stop.sellerPhone} />}
            <ul className="pick-list">
              {stop.lines.map((line, l) => {
                const key = `${s}:${l}`;
                const item = `${quantityText(t, lang, line.quantityMilli, line.unit)} ${line.productTitle}${line.variantName ? ` (${line.variantName})` : ''}`;
                const text = (
                  <span>
                    {item} — <span className="money">{formatRupiah(line.lineTotal)}</span>
                  </span>
                );
                return (
                  <li key={key}>
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

/** A job I am running: where to shop or collect, who to bring it to, the cash to take, and the next step. */
export function JobCard({ job, position, onFlash }: { job: Job; position: Point | null; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const market = job.market && pointOf(job.market);
  const dropoff = pointOf(job.dropoff);
  // Before the goods are picked up the list is a shopping list; after, a list to hand over.
  const shopping = job.status === 'accepted' || job.status === 'shopping';

  return (
    <li className="card job-card">
      <div className="card-head">
        <h3 className="card-title">{job.orderNumber}</h3>
        <span className={orderBadge(job.status)}>{jobStatusLabel(t, job.status)}</span>
      </div>
      <p className="muted">
        {t(`courier.kind.${job.kind}`)} · {t('courier.fee')} <span className="money">{formatRupiah(job.fee)}</span>
      </p>

      <h4 className="job-section">{t(job.market ? 'courier.shopAt' : 'courier.pickUpAt')}</h4>
      {job.market && (
        <p>
          <strong>{job.market.name}</strong>, {job.market.address} {market && <MapLinks {...market} />}
        </p>
      )}
      <PickList job={job} tickable={shopping} onFlash={onFlash} />

      <h4 className="job-section">{t('courier.deliverTo')}</h4>
      <p>
        <strong>{job.buyer.name}</strong> <PhoneLinks phone={job.buyer.phone} />
      </p>
      <p>{job.dropoff.address}</p>
      {job.dropoff.notes && (
        <p>
          {t('sellerOrders.notes')}: {job.dropoff.notes}
        </p>
      )}
      {dropoff && <MapLinks {...dropoff} />}

      {job.cashToCollect > 0 && (
        <div className="collect">
          <p>{t('courier.collect')}</p>
          <p className="amount-big money">{formatRupiah(job.cashToCollect)}</p>
        </div>
      )}
      <JobSteps job={job} position={position} onFlash={onFlash} />
    </li>
  );
}
