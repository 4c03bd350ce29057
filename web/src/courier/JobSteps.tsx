import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { isApiError, type Job } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { formatRupiah, useT } from '../i18n';
import { PhotoPicker } from '../seller/PhotoPicker';
import { useTenant } from '../session';
import { PhoneLinks } from '../staff/parts';
import { ConfirmStep, cardError, type Flash } from '../staff/steps';
import { courierKey, type Point } from './api';
import { PendingNote } from './QueueBanner';
import { jobPath, useCourierStep, usePendingSteps } from './steps';

type Step = { action: 'advance'; to: 'shopping' | 'picked_up' | 'delivering' | 'returned' } | { action: 'fail' | 'drop'; reason: string };

/** Steps that move the job on: while one waits in the queue, the next cannot be known. */
const MOVES = ['advance', 'fail', 'drop', 'deliver'];

/** Leaving the market waits for these: said on the card, where the courier is looking. */
const WAIT_AT_MARKET = ['reweigh_pending', 'titip_unrecorded'];

/** Three wrong codes lock the hand-over: only CS can confirm it then, so their numbers are right here. */
function CodeLocked() {
  const t = useT();
  const programs = useTenant().data?.programs ?? [];
  return (
    <div className="notice notice-error" role="alert">
      <p>{t('courier.codeLocked')}</p>
      {programs.map(
        (program) =>
          program.whatsappPhone && (
            <p key={program.id}>
              {t('courier.callCs', { program: program.name })}: <PhoneLinks phone={program.whatsappPhone} />
            </p>
          ),
      )}
    </div>
  );
}

/** At the door: the buyer's 4-digit code (and a photo if wanted) proves the hand-over. */
function HandOver({
  job,
  position,
  onFlash,
  onClose,
}: {
  job: Job;
  position: Point | null;
  onFlash: (flash: Flash) => void;
  onClose: () => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [badFormat, setBadFormat] = useState(false);
  const amount = formatRupiah(job.cashToCollect);
  const deliver = useCourierStep(
    () => ({
      jobId: job.id,
      path: jobPath(job.id, 'deliver'),
      body: { code, ...(photos[0] ? { proofMediaId: photos[0] } : {}), ...position },
      label: `${t('courier.handOver')} · ${job.orderNumber}`,
    }),
    () => t(job.cashToCollect > 0 ? 'courier.deliveredCash' : 'courier.delivered', { number: job.orderNumber, amount }),
    onFlash,
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const wrongFormat = !/^\d{4}$/.test(code);
    setBadFormat(wrongFormat);
    if (wrongFormat) return;
    deliver.mutate(undefined, {
      // Queued without signal: the card shows it waiting instead of the form.
      onSuccess: (outcome) => outcome === 'queued' && onClose(),
      // A wrong code uses up a try: reread the job so the count (and the lock) show.
      onError: () => void queryClient.invalidateQueries({ queryKey: courierKey }),
    });
  }

  return (
    <form className="confirm-step hand-over" onSubmit={submit} noValidate>
      <h4 className="job-section">{t('courier.handOverTitle')}</h4>
      {job.cashToCollect > 0 && <p className="confirm-question">{t('courier.handOverCash', { amount })}</p>}
      <TextField
        label={t('courier.code')}
        hint={t('courier.codeHint')}
        className="code-input"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        maxLength={4}
        value={code}
        onChange={(event) => {
          setCode(event.target.value.replace(/\D/g, ''));
          setBadFormat(false);
        }}
        error={badFormat ? t('courier.codeFormat') : fieldError(deliver.error, 'code')}
      />
      <PhotoPicker label={t('courier.photo')} hint={t('courier.photoHint')} ids={photos} onChange={setPhotos} max={1} />
      {/* A refused code is said under the input; the form's own "check the marked field" adds nothing. */}
      {!fieldError(deliver.error, 'code') && <FormAlert error={cardError(deliver.error)} fields={['code']} />}
      <div className="row">
        <button type="submit" className="button" disabled={deliver.isPending}>
          {deliver.isPending ? t('courier.sending') : t('courier.confirmHandOver')}
        </button>
        <button type="button" className="button button-secondary" disabled={deliver.isPending} onClick={onClose}>
          {t('cs.neverMind')}
        </button>
      </div>
    </form>
  );
}

/** The one next step of a running job, big; and the ways out (failed at the door, return, give it up). */
export function JobSteps({ job, position, onFlash }: { job: Job; position: Point | null; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const [handingOver, setHandingOver] = useState(false);
  const moving = usePendingSteps(job.id).find((pending) => MOVES.some((move) => pending.path === jobPath(job.id, move)));
  // From a failed try, "delivering" is the second try.
  const advanceLabel = (to: Extract<Step, { action: 'advance' }>['to']) =>
    t(job.status === 'failed' && to === 'delivering' ? 'courier.step.retry' : `courier.step.${to}`);
  const step = useCourierStep(
    (input: Step) => ({
      jobId: job.id,
      path: jobPath(job.id, input.action),
      body:
        input.action === 'advance' ? { to: input.to, ...position } : { reason: input.reason, ...(input.action === 'fail' ? position : {}) },
      label: `${input.action === 'advance' ? advanceLabel(input.to) : t(input.action === 'fail' ? 'courier.fail' : 'courier.drop')} · ${job.orderNumber}`,
    }),
    (input) => {
      const number = job.orderNumber;
      if (input.action !== 'advance') return t(input.action === 'fail' ? 'courier.failed' : 'courier.dropped', { number });
      return t(job.status === 'failed' && input.to === 'delivering' ? 'courier.done.retry' : `courier.done.${input.to}`, { number });
    },
    onFlash,
  );
  const advance = (to: Extract<Step, { action: 'advance' }>['to']) => (
    <button type="button" className="button button-block" disabled={step.isPending} onClick={() => step.mutate({ action: 'advance', to })}>
      {advanceLabel(to)}
    </button>
  );
  const drop = (
    <ConfirmStep
      label={t('courier.drop')}
      secondary
      danger
      question={t('courier.dropQuestion', { number: job.orderNumber })}
      note={{
        label: t('courier.dropReason'),
        minLength: 3,
        suggestions: [t('courier.dropReason.breakdown'), t('courier.dropReason.rain'), t('courier.dropReason.sick')],
      }}
      confirmLabel={t('courier.drop')}
      pending={step.isPending}
      error={step.error}
      onConfirm={(reason) => step.mutate({ action: 'drop', reason })}
    />
  );

  let steps: ReactNode = null;
  if (moving) {
    steps = <PendingNote text={moving.label} />;
  } else if (job.status === 'accepted') {
    steps = (
      <>
        {job.kind === 'market_trip' ? advance('shopping') : advance('picked_up')}
        {drop}
      </>
    );
  } else if (job.status === 'shopping') {
    steps = (
      <>
        {advance('picked_up')}
        {drop}
      </>
    );
  } else if (job.status === 'picked_up') {
    steps = advance('delivering');
  } else if (job.status === 'delivering') {
    steps = (
      <>
        {job.codeAttemptsLeft === 0 ? (
          <CodeLocked />
        ) : handingOver ? (
          <HandOver job={job} position={position} onFlash={onFlash} onClose={() => setHandingOver(false)} />
        ) : (
          <button type="button" className="button button-block" onClick={() => setHandingOver(true)}>
            {t('courier.handOver')}
          </button>
        )}
        <ConfirmStep
          label={t('courier.fail')}
          secondary
          danger
          note={{
            label: t('courier.failReason'),
            minLength: 3,
            suggestions: [t('courier.failReason.notHome'), t('courier.failReason.refused'), t('courier.failReason.notFound')],
          }}
          confirmLabel={t('courier.failConfirm')}
          pending={step.isPending}
          error={step.error}
          onConfirm={(reason) => step.mutate({ action: 'fail', reason })}
        />
      </>
    );
  } else if (job.status === 'failed') {
    steps = (
      <>
        {advance('delivering')}
        <ConfirmStep
          label={t('courier.step.returned')}
          secondary
          question={t('courier.returnQuestion', { number: job.orderNumber })}
          confirmLabel={t('courier.step.returned')}
          pending={step.isPending}
          error={step.error}
          onConfirm={() => step.mutate({ action: 'advance', to: 'returned' })}
        />
      </>
    );
  }
  if (!steps) return null;
  return (
    <>
      <div className="row actions job-steps">{steps}</div>
      <FormAlert error={cardError(step.error)} fields={['reason']} />
      {/* Not only on the page's flash: the courier is at this card, waiting to leave the market. */}
      {isApiError(step.error) && WAIT_AT_MARKET.includes(step.error.code) && (
        <p className="notice notice-error" role="alert">
          {step.error.message}
        </p>
      )}
    </>
  );
}
