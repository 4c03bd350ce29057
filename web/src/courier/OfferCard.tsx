import { useEffect } from 'react';
import type { Job } from '../api';
import { FormAlert } from '../forms';
import { formatRupiah, useLang, useT } from '../i18n';
import { formatCountdown, useSecondsLeft } from '../orders/countdown';
import { formatKm, metresBetween } from '../orders/distance';
import { cardError, type Flash } from '../staff/steps';
import { type Point, pointOf } from './api';
import { DeliverOn } from './DeliverOn';
import { PendingNote } from './QueueBanner';
import { jobPath, useCourierStep, usePendingSteps } from './steps';

/** How far the courier is from where the job starts (the market, else the buyer), and the trip itself. */
function Distances({ job, position }: { job: Job; position: Point | null }) {
  const t = useT();
  const { lang } = useLang();
  const market = job.market && pointOf(job.market);
  const dropoff = pointOf(job.dropoff);
  const start = market ?? dropoff;
  const parts = [
    position && start && t('courier.fromYou', { km: formatKm(metresBetween(position, start), lang) }),
    market && dropoff && t('courier.trip', { km: formatKm(metresBetween(market, dropoff), lang) }),
  ].filter(Boolean);
  return parts.length > 0 ? <p>{parts.join(' · ')}</p> : null;
}

/** A job offered to me: what, where, for how much, and the seconds left to take it. */
export function OfferCard(props: { job: Job; position: Point | null; onFlash: (flash: Flash) => void; onGone: () => void }) {
  const t = useT();
  const { job, onGone } = props;
  const seconds = useSecondsLeft(job.offerExpiresAt ?? '');
  const gone = seconds === 0;
  const answered = usePendingSteps(job.id)[0];
  const answer = useCourierStep(
    (action: 'accept' | 'decline') => ({
      jobId: job.id,
      path: jobPath(job.id, action),
      body: {},
      label: `${t(action === 'accept' ? 'courier.accept' : 'courier.decline')} · ${job.orderNumber}`,
    }),
    (action) => t(action === 'accept' ? 'courier.accepted' : 'courier.declined', { number: job.orderNumber }),
    props.onFlash,
  );
  // The offer has passed to the next courier: read the list again.
  useEffect(() => {
    if (gone) onGone();
  }, [gone, onGone]);

  return (
    <li className="card offer-card">
      <div className="card-head">
        <h3 className="card-title">{t(`courier.kind.${job.kind}`)}</h3>
        <span className={job.cashToCollect > 0 ? 'badge badge-warn' : 'badge'}>
          {t(job.cashToCollect > 0 ? 'courier.cod' : 'courier.prepaid')}
        </span>
      </div>
      <p className="amount-big money">{formatRupiah(job.fee)}</p>
      <DeliverOn date={job.deliverOn} />
      {gone ? (
        <p className="text-danger">{t('courier.offerGone')}</p>
      ) : (
        <p className="offer-timer">
          {t('courier.timeLeft')} <strong role="timer">{formatCountdown(seconds)}</strong>
        </p>
      )}
      <dl className="facts">
        {job.market && (
          <>
            <dt>{t('courier.shopAt')}</dt>
            <dd>{job.market.name}</dd>
          </>
        )}
        <dt>{t('courier.deliverTo')}</dt>
        <dd>{job.dropoff.address}</dd>
      </dl>
      <Distances job={job} position={props.position} />
      {job.cashToCollect > 0 && (
        <p>
          {t('courier.collect')}: <strong className="money">{formatRupiah(job.cashToCollect)}</strong>
        </p>
      )}
      <p className="muted">{job.orderNumber}</p>
      {answered ? (
        <PendingNote text={answered.label} />
      ) : (
        <div className="row actions">
          <button type="button" className="button" disabled={gone || answer.isPending} onClick={() => answer.mutate('accept')}>
            {t('courier.accept')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={gone || answer.isPending}
            onClick={() => answer.mutate('decline')}
          >
            {t('courier.decline')}
          </button>
        </div>
      )}
      <FormAlert error={cardError(answer.error)} fields={[]} />
    </li>
  );
}
