import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { isApiError } from '../api';
import { useT } from '../i18n';
import { type Flash, staffKey } from '../staff/steps';
import { type QueuedStep, queuedSteps, type Step, sendStep, snapshot, subscribe } from './queue';

// The courier's steps as the screens use them: sent through the queue (queue.ts), and what is
// still waiting there.

export const useQueue = () => useSyncExternalStore(subscribe, snapshot);

/** Steps tapped on this job that wait in the queue for the server's answer. */
export function usePendingSteps(jobId: string): QueuedStep[] {
  return queuedSteps(useQueue()).filter((step) => step.jobId === jobId);
}

/**
 * One courier step, like the staff pages' useStep: after it is applied every list reloads and
 * `done` goes to the page's flash; a 409 (someone moved the job on) reloads and is flashed. A
 * step that could not be sent stays queued: the mutation ends ('queued') and the job card and
 * the banner show it waiting.
 */
export function useCourierStep<V>(toStep: (input: V) => Step, done: (input: V) => string, onFlash: (flash: Flash) => void) {
  const t = useT();
  const queryClient = useQueryClient();
  return useMutation({
    // Offline is the queue's business: the step must be queued (with its key) now, not paused in memory.
    networkMode: 'always',
    mutationFn: (input: V) => sendStep(toStep(input)),
    onMutate: () => onFlash(null),
    onSuccess: async (outcome, input) => {
      if (outcome === 'queued') return;
      await queryClient.invalidateQueries({ queryKey: staffKey });
      onFlash({ ok: true, text: done(input) });
    },
    onError: async (error) => {
      if (!isApiError(error, 409)) return;
      await queryClient.invalidateQueries({ queryKey: staffKey });
      onFlash({ ok: false, text: `${error.message} ${t('cs.reloaded')}` });
    },
  });
}

/** The API path of a step on a job. */
export const jobPath = (jobId: string, step: string) => `/api/courier/jobs/${encodeURIComponent(jobId)}/${step}`;
