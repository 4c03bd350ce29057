import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Job } from '../api';
import { formatRupiah, useT } from '../i18n';
import { jobStatusLabel, orderBadge } from '../staff/labels';
import { Tabs } from '../staff/parts';
import { type Flash, FlashNotice } from '../staff/steps';
import { ErrorState, Loading } from '../ui';
import { type Point, pointOf, useJobs, useMe, useSharedPosition } from './api';
import { CashCard, DutySwitch } from './DutyCard';
import { JobCard } from './JobCard';
import { OfferCard } from './OfferCard';

function DoneCard({ job }: { job: Job }) {
  const t = useT();
  return (
    <li className="card">
      <div className="card-head">
        <h3 className="card-title">{job.orderNumber}</h3>
        <span className={orderBadge(job.status)}>{jobStatusLabel(t, job.status)}</span>
      </div>
      <p>{[job.buyer.name, job.dropoff.address].filter(Boolean).join(' · ')}</p>
      <p className="muted">
        {t('courier.fee')} <span className="money">{formatRupiah(job.fee)}</span>
      </p>
    </li>
  );
}

/**
 * Offers first (they run out), then the jobs running; each heading only when there is something
 * under it, so a running job is near the top of a small screen.
 */
function Jobs({ position, onFlash }: { position: Point | null; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const offers = useJobs('offers');
  const active = useJobs('active');
  const refetchOffers = useCallback(() => void offers.refetch(), [offers.refetch]);
  if (offers.isPending || active.isPending) return <Loading />;
  if (offers.error) return <ErrorState error={offers.error} onRetry={refetchOffers} />;
  if (active.error) return <ErrorState error={active.error} onRetry={() => void active.refetch()} />;

  return (
    <>
      {offers.data.jobs.length > 0 && (
        <>
          <h2>{t('courier.offers')}</h2>
          <ul className="cards">
            {offers.data.jobs.map((job) => (
              <OfferCard key={job.id} job={job} position={position} onFlash={onFlash} onGone={refetchOffers} />
            ))}
          </ul>
        </>
      )}
      {active.data.jobs.length > 0 && (
        <>
          <h2>{t('courier.active')}</h2>
          <ul className="cards">
            {active.data.jobs.map((job) => (
              <JobCard key={job.id} job={job} position={position} onFlash={onFlash} />
            ))}
          </ul>
        </>
      )}
      {offers.data.jobs.length + active.data.jobs.length === 0 && <p className="muted">{t('courier.noJobs')}</p>}
      <p className="hint">{t('courier.autoRefresh')}</p>
    </>
  );
}

/** Jobs finished, newest first: delivered, returned or cancelled. */
function Done() {
  const t = useT();
  const done = useJobs('done');
  if (done.isPending) return <Loading />;
  if (done.error) return <ErrorState error={done.error} onRetry={() => void done.refetch()} />;
  if (done.data.jobs.length === 0) return <p className="muted">{t('courier.noDone')}</p>;
  return (
    <ul className="cards">
      {done.data.jobs.map((job) => (
        <DoneCard key={job.id} job={job} />
      ))}
    </ul>
  );
}

/** /kurir: on or off duty, the cash carried, offers to take, jobs to run, and the day's finished ones. */
export function JobsPage() {
  const t = useT();
  const me = useMe();
  const [params] = useSearchParams();
  const tab = params.get('tab') === 'selesai' ? 'selesai' : 'pekerjaan';
  const [flash, setFlash] = useState<Flash>(null);
  const { position, refused } = useSharedPosition(me.data?.courier.available ?? false);

  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  const { courier } = me.data;
  return (
    <section className="courier-app">
      <h1>{t('courier.jobsTitle')}</h1>
      <DutySwitch courier={courier} refused={refused} />
      <CashCard />
      <Tabs
        label={t('courier.jobsTitle')}
        param="tab"
        current={tab}
        tabs={[
          { value: 'pekerjaan', label: t('courier.tab.jobs') },
          { value: 'selesai', label: t('courier.tab.done') },
        ]}
      />
      <FlashNotice flash={flash} />
      {tab === 'selesai' ? (
        <Done />
      ) : (
        // Until this phone has a fix, the position the server last had.
        <Jobs position={position ?? pointOf(courier)} onFlash={setFlash} />
      )}
    </section>
  );
}
