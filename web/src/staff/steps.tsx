import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { api, type FulfilmentMethod, type FulfilmentStatus, isApiError, type OrderStatus } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { useT } from '../i18n';

// Steps staff take on orders and payments, shared by the seller, CS and courier pages.

/** Every staff list of orders, payments and refunds: one step can move an order in several. */
export const staffKey = ['staff'] as const;

/** What the last step did, shown above the list: the card it was taken on may have left the list. */
export type Flash = { ok: boolean; text: string } | null;

export function FlashNotice({ flash }: { flash: Flash }) {
  if (!flash) return null;
  return (
    <p className={flash.ok ? 'notice notice-ok' : 'notice notice-error'} role={flash.ok ? 'status' : 'alert'}>
      {flash.text}
    </p>
  );
}

/**
 * One staff step. Afterwards every staff list reloads. When someone else moved the order on
 * meanwhile (409), the lists reload too and the server's message goes to the page's flash.
 */
export function useStep<V>(send: (input: V) => Promise<unknown>, done: (input: V) => string, onFlash: (flash: Flash) => void) {
  const t = useT();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onMutate: () => onFlash(null),
    // The message comes with the reloaded lists, so what it says is what the page shows.
    onSuccess: async (_, input) => {
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

/** A step's error for the card itself; a 409 is already on the page's flash. */
export const cardError = (error: unknown) => (isApiError(error, 409) ? null : error);

type Note = { label: string; hint?: string; minLength: number; suggestions?: string[] };

/**
 * A button that asks again in place before an irreversible step, with the note it needs
 * (a reason, a bank reference) when `note` is given.
 */
export function ConfirmStep(props: {
  label: string;
  question?: string;
  note?: Note;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  secondary?: boolean;
  /** The step takes something away (rejects, cancels): its confirm button is red. */
  danger?: boolean;
  onConfirm: (note: string) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // The button that opened it is gone: put the focus where the next tap goes.
  useEffect(() => {
    if (open) form.current?.querySelector<HTMLElement>('input, button[type="submit"]')?.focus();
  }, [open]);

  if (!open) {
    return (
      <button type="button" className={props.secondary ? 'button button-secondary' : 'button'} onClick={() => setOpen(true)}>
        {props.label}
      </button>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const note = text.trim();
    const short = props.note !== undefined && note.length < props.note.minLength;
    setTooShort(short);
    if (!short) props.onConfirm(note);
  }

  // The server names the note `reason` or `reference`; either is shown under the one input.
  const serverError = fieldError(props.error, 'reason') ?? fieldError(props.error, 'reference');
  return (
    <form ref={form} className="confirm-step" onSubmit={submit} noValidate>
      {props.question && <p className="confirm-question">{props.question}</p>}
      {props.note && (
        <TextField
          label={props.note.label}
          hint={props.note.hint}
          value={text}
          maxLength={200}
          onChange={(event) => {
            setText(event.target.value);
            setTooShort(false);
          }}
          error={tooShort ? t('cs.noteTooShort', { minimum: props.note.minLength }) : serverError}
        />
      )}
      {props.note?.suggestions && (
        <div className="suggestions">
          {props.note.suggestions.map((suggestion) => (
            <button
              key={suggestion}
              type="button"
              className="chip"
              onClick={() => {
                setText(suggestion);
                setTooShort(false);
              }}
            >
              {suggestion}
            </button>
          ))}
        </div>
      )}
      <div className="row">
        <button type="submit" className={props.danger ? 'button button-danger' : 'button'} disabled={props.pending}>
          {props.confirmLabel}
        </button>
        <button type="button" className="button button-secondary" disabled={props.pending} onClick={() => setOpen(false)}>
          {t('cs.neverMind')}
        </button>
      </div>
    </form>
  );
}

type Action = 'accept' | 'reject' | 'ready' | 'hand-over';

/**
 * A seller's steps on their part of an order, by its status and the order's: accept or reject a
 * paid order, mark it ready once every seller accepted, hand it over (pickup and seller shipping;
 * couriers mark deliveries). CS takes the same steps for traders without the app (`desk`).
 */
export function FulfilmentActions(props: {
  part: { id: string; method: FulfilmentMethod; status: FulfilmentStatus };
  orderStatus: OrderStatus;
  orderNumber: string;
  desk?: boolean;
  onFlash: (flash: Flash) => void;
}) {
  const t = useT();
  const { part, orderStatus, orderNumber } = props;
  const base = props.desk ? '/api/cs' : '/api/seller';
  const step = useStep(
    ({ action, reason = '' }: { action: Action; reason?: string }) =>
      api.post<void>(`${base}/fulfilments/${encodeURIComponent(part.id)}/${action}`, { reason }),
    ({ action }) => t(`sellerOrders.done.${action}`, { number: orderNumber }),
    props.onFlash,
  );
  const handOverLabel = t(part.method === 'pickup' ? 'sellerOrders.pickedUp' : 'sellerOrders.shipped');

  // A cancelled, expired or rejected order leaves nothing to do, whatever its parts said last.
  if (orderStatus === 'cancelled' || orderStatus === 'expired' || orderStatus === 'rejected') return null;
  let buttons: ReactNode = null;
  let waiting: string | null = null;
  if (part.status === 'pending' && orderStatus === 'confirmed') {
    buttons = (
      <>
        <button type="button" className="button" disabled={step.isPending} onClick={() => step.mutate({ action: 'accept' })}>
          {t('sellerOrders.accept')}
        </button>
        <ConfirmStep
          label={t('sellerOrders.reject')}
          secondary
          danger
          note={{
            label: t('sellerOrders.rejectReason'),
            hint: t('sellerOrders.rejectHint'),
            minLength: 3,
            suggestions: [t('sellerOrders.reason.soldOut'), t('sellerOrders.reason.closed'), t('sellerOrders.reason.tooFar')],
          }}
          confirmLabel={t('sellerOrders.rejectConfirm')}
          pending={step.isPending}
          error={step.error}
          onConfirm={(reason) => step.mutate({ action: 'reject', reason })}
        />
      </>
    );
  } else if (part.status === 'pending' && orderStatus === 'awaiting_payment') {
    waiting = t('sellerOrders.waitPayment');
  } else if (part.status === 'accepted') {
    // Each seller works at their own pace: no waiting for the other sellers of the order.
    buttons = (
      <button type="button" className="button" disabled={step.isPending} onClick={() => step.mutate({ action: 'ready' })}>
        {t('sellerOrders.ready')}
      </button>
    );
  } else if (part.status === 'ready' && part.method === 'delivery') {
    waiting = t('sellerOrders.waitCourier');
  } else if (part.status === 'ready') {
    buttons = (
      <ConfirmStep
        label={handOverLabel}
        question={t('sellerOrders.handOverQuestion', { number: orderNumber })}
        confirmLabel={handOverLabel}
        pending={step.isPending}
        error={step.error}
        onConfirm={() => step.mutate({ action: 'hand-over' })}
      />
    );
  }

  if (!buttons && !waiting) return null;
  return (
    <>
      {waiting && <p className="muted">{waiting}</p>}
      {buttons && <div className="row actions">{buttons}</div>}
      <FormAlert error={cardError(step.error)} fields={['reason']} />
    </>
  );
}
