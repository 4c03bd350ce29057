import { type ApiError, requestHeaders, toApiError } from '../api';

// Every courier step (take an offer, weigh a line, pay a stall, leave the market, hand over…)
// goes through this queue, because at a market or on the road the signal comes and goes.
// A step is kept in localStorage (it survives a reload) until the server answers it, and is
// sent again in order on reconnecting and every 15 s. Its Idempotency-Key is made when the
// courier taps, not when it is sent: when a step reached the server but the answer was lost,
// the resend carries the same key, and the server answers it again instead of applying it twice.

/** A step to send: POST `path` with `body`; `label` says what it was, in the banner. */
export type Step = { jobId: string; path: string; body: Record<string, unknown>; label: string };
export type QueuedStep = Step & { key: string };
/** A queued step the server refused once it got through (4xx): shown until dismissed. */
export type Refusal = { key: string; label: string; message: string };
/** `awaited`: steps whose tap still waits for the first try (its screen shows it sending); the rest are queued. */
export type QueueState = { steps: QueuedStep[]; awaited: ReadonlySet<string>; refusals: Refusal[]; sending: boolean };
/** 'sent': the server applied it. 'queued': no answer yet; it goes later by itself. */
export type Outcome = 'sent' | 'queued';

const STORAGE_KEY = 'lp.courier.steps';
const RETRY_MS = 15_000;
const TIMEOUT_MS = 20_000;

function stored(): QueuedStep[] {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as QueuedStep[];
  } catch {
    return [];
  }
}

/** Taps whose screen still waits for the answer; once a step is queued, its answer goes to the banner. */
const waiting = new Map<string, { resolve: (outcome: Outcome) => void; reject: (error: ApiError) => void }>();
let state: QueueState = { steps: stored(), awaited: new Set(), refusals: [], sending: false };
const listeners = new Set<() => void>();
let answeredLater = () => {};

function update(next: Partial<Omit<QueueState, 'awaited'>>) {
  state = { ...state, ...next, awaited: new Set(waiting.keys()) };
  if (next.steps) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(state.steps));
    } catch {
      // storage blocked or full: the step still goes from memory during this visit
    }
  }
  for (const listener of listeners) listener();
}

export const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
export const snapshot = (): QueueState => state;
/** Steps waiting for a later try: not sent, or sent without an answer. */
export const queuedSteps = ({ steps, awaited }: QueueState) => steps.filter((step) => !awaited.has(step.key));
export const dismiss = (key: string) => update({ refusals: state.refusals.filter((r) => r.key !== key) });

// randomUUID needs a secure context; a regency may serve the app over plain http on its LAN.
const newKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Queues the step the courier just tapped and sends it (after any still queued). Rejects with the server's 4xx. */
export function sendStep(step: Step): Promise<Outcome> {
  const queued = { ...step, key: newKey() };
  const answer = new Promise<Outcome>((resolve, reject) => waiting.set(queued.key, { resolve, reject }));
  update({ steps: [...state.steps, queued] });
  void flush();
  return answer;
}

/** The server's answer: null when applied, its error when refused; 'unanswered' when it may go through later. */
async function post(step: QueuedStep): Promise<ApiError | null | 'unanswered'> {
  if (!navigator.onLine) return 'unanswered';
  const headers = { ...requestHeaders('POST', true), 'Idempotency-Key': step.key };
  let response: Response;
  try {
    response = await fetch(step.path, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: JSON.stringify(step.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return 'unanswered';
  }
  if (response.ok) return null;
  if (response.status >= 500) return 'unanswered';
  return toApiError(response);
}

function settle(step: QueuedStep, error: ApiError | null) {
  const waiter = waiting.get(step.key);
  waiting.delete(step.key);
  if (waiter) {
    if (error) waiter.reject(error);
    else waiter.resolve('sent');
    return;
  }
  if (error) {
    const message = error.details.length > 0 ? error.details.map((d) => d.message).join(' ') : error.message;
    update({ refusals: [...state.refusals, { key: step.key, label: step.label, message }] });
  }
  answeredLater();
}

let flushing: Promise<void> | null = null;

/** Sends the queued steps one by one, in the order they were tapped, until one gets no answer. */
export function flush(): Promise<void> {
  flushing ??= sendInOrder().finally(() => {
    flushing = null;
  });
  return flushing;
}

async function sendInOrder() {
  update({ sending: true });
  try {
    for (let step = state.steps[0]; step; step = state.steps[0]) {
      const answer = await post(step);
      if (answer === 'unanswered') break;
      const { key } = step;
      update({ steps: state.steps.filter((s) => s.key !== key) });
      settle(step, answer);
    }
  } finally {
    // What is left waits for the next try; the screens that tapped it stop waiting now.
    for (const waiter of waiting.values()) waiter.resolve('queued');
    waiting.clear();
    update({ sending: false });
  }
}

/**
 * While the courier app is open: resend on reconnecting and every 15 s. `onAnswered` runs when
 * a step queued earlier got its answer (to reread the jobs). Returns the stop function.
 */
export function runQueue(onAnswered: () => void): () => void {
  answeredLater = onAnswered;
  const retry = () => {
    if (state.steps.length > 0) void flush();
  };
  window.addEventListener('online', retry);
  const timer = setInterval(retry, RETRY_MS);
  retry();
  return () => {
    window.removeEventListener('online', retry);
    clearInterval(timer);
    answeredLater = () => {};
  };
}
