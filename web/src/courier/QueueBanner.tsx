import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useT } from '../i18n';
import { staffKey } from '../staff/steps';
import { dismiss, flush, queuedSteps, runQueue } from './queue';
import { useQueue } from './steps';

/** Resends queued steps while the signed-in courier has the app open; an answer rereads the jobs. */
export function useQueueRunner() {
  const queryClient = useQueryClient();
  useEffect(() => runQueue(() => void queryClient.invalidateQueries({ queryKey: staffKey })), [queryClient]);
}

/** A step tapped but not answered yet, where it was tapped: visibly not done. */
export function PendingNote({ text }: { text: string }) {
  const t = useT();
  return (
    <p className="step-pending" role="status">
      <span className="spinner" aria-hidden="true" /> {t('courier.queue.stepPending', { step: text })}
    </p>
  );
}

/**
 * Steps tapped but not yet answered by the server, said plainly at the top of the app, and the
 * ones the server refused once they got through.
 */
export function QueueBanner() {
  const t = useT();
  const queue = useQueue();
  const { refusals, sending } = queue;
  const steps = queuedSteps(queue);
  if (steps.length === 0 && refusals.length === 0) return null;
  return (
    // In view while scrolling the pick list, so kept compact: each step also shows waiting where it was tapped.
    <div className="queue-banner">
      {steps.length > 0 && (
        <div className="notice queue-pending" role="status">
          <div className="queue-head">
            <span className="spinner" aria-hidden="true" />
            <p>{t('courier.queue.pending', { count: steps.length })}</p>
          </div>
          <button type="button" className="button button-secondary button-small" disabled={sending} onClick={() => void flush()}>
            {t(sending ? 'courier.queue.sending' : 'courier.queue.sendNow')}
          </button>
        </div>
      )}
      {refusals.map((refusal) => (
        <div key={refusal.key} className="notice notice-error queue-refused" role="alert">
          <p>
            <strong>{t('courier.queue.refused', { step: refusal.label })}</strong>
          </p>
          <p>{refusal.message}</p>
          <button type="button" className="button button-secondary button-small" onClick={() => dismiss(refusal.key)}>
            {t('courier.queue.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
