import type { Job } from '../api';
import { formatRupiah, useT } from '../i18n';
import { jobStatusLabel, orderBadge } from '../staff/labels';
import { MapLinks, PhoneLinks } from '../staff/parts';
import type { Flash } from '../staff/steps';
import { type Point, pointOf } from './api';
import { DeliverOn } from './DeliverOn';
import { JobSteps } from './JobSteps';
import { PickList } from './PickList';

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
      <DeliverOn date={job.deliverOn} />

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
