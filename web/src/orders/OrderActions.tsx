import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { FormAlert, fieldError, TextAreaField } from '../forms';
import { useT } from '../i18n';
import { type Order, receiptUrl, useOrderAction, useReorder } from './api';

/** Cancelling takes a second tap, with an optional reason for the sellers and CS. */
export function CancelOrder({ order }: { order: Order }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useOrderAction<string>(order.id, (path, why) => api.post(`${path}/cancel`, { reason: why }));
  if (!order.buyerCanCancel) return null;
  if (!asking) {
    return (
      <button type="button" className="button button-secondary button-danger" onClick={() => setAsking(true)}>
        {t('orders.cancel')}
      </button>
    );
  }
  return (
    <form
      className="card form confirm-box"
      onSubmit={(event) => {
        event.preventDefault();
        cancel.mutate(reason.trim());
      }}
    >
      <p>
        <strong>{t('orders.cancelConfirm')}</strong>
      </p>
      <p>{t(order.status === 'awaiting_payment' ? 'orders.cancelUnpaid' : 'orders.cancelPaid')}</p>
      <TextAreaField
        label={t('orders.cancelReason')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={fieldError(cancel.error, 'reason')}
      />
      <FormAlert error={cancel.error} fields={['reason']} />
      <div className="row">
        <button type="submit" className="button button-danger" disabled={cancel.isPending}>
          {t('orders.cancelYes')}
        </button>
        <button type="button" className="button button-secondary" disabled={cancel.isPending} onClick={() => setAsking(false)}>
          {t('orders.cancelNo')}
        </button>
      </div>
    </form>
  );
}

/** Delivered: the buyer says the goods arrived, which completes the order and pays the sellers. */
export function ConfirmReceipt({ order }: { order: Order }) {
  const t = useT();
  const confirm = useOrderAction<void>(order.id, (path) => api.post(`${path}/confirm-receipt`));
  if (order.status !== 'delivered') return null;
  return (
    <div className="notice">
      <p>{t('orders.receivedHelp')}</p>
      <button type="button" className="button button-block" disabled={confirm.isPending} onClick={() => confirm.mutate()}>
        {t('orders.received')}
      </button>
      <FormAlert error={confirm.error} fields={[]} />
    </div>
  );
}

/** One to five stars and a comment, for a delivered or completed order; saving again changes it. */
export function Rating({ order }: { order: Order }) {
  const t = useT();
  const [stars, setStars] = useState(order.rating?.stars ?? 0);
  const [comment, setComment] = useState(order.rating?.comment ?? '');
  const [saved, setSaved] = useState(false);
  const rate = useOrderAction<{ stars: number; comment: string }>(order.id, (path, rating) => api.put(`${path}/rating`, rating));
  if (order.status !== 'delivered' && order.status !== 'completed') return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    rate.mutate({ stars, comment: comment.trim() }, { onSuccess: () => setSaved(true) });
  }

  return (
    <section aria-labelledby="rating-heading">
      <h2 id="rating-heading">{t('orders.rate')}</h2>
      <form className="form" onSubmit={submit}>
        <fieldset className="choice">
          <legend>{t('orders.stars')}</legend>
          <div className="stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className={n <= stars ? 'star star-on' : 'star'}>
                <input type="radio" name="stars" value={n} checked={stars === n} onChange={() => setStars(n)} className="visually-hidden" />
                <span aria-hidden="true">★</span>
                <span className="visually-hidden">{t('orders.starsN', { n })}</span>
              </label>
            ))}
          </div>
          {fieldError(rate.error, 'stars') && <p className="field-error">{fieldError(rate.error, 'stars')}</p>}
        </fieldset>
        <TextAreaField
          label={t('orders.comment')}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          error={fieldError(rate.error, 'comment')}
        />
        <FormAlert error={rate.error} fields={['stars', 'comment']} />
        <button type="submit" className="button" disabled={stars === 0 || rate.isPending}>
          {t('orders.saveRating')}
        </button>
        {saved && !rate.isPending && (
          <p className="hint" role="status">
            {t('orders.thanks')}
          </p>
        )}
      </form>
    </section>
  );
}

/** "Pesan lagi": the same items back in the cart at today's prices; the cart lists what could not come back. */
export function Reorder({ order }: { order: Order }) {
  const t = useT();
  const navigate = useNavigate();
  const reorder = useReorder(order.id);
  // An unpaid order is still in the making: nothing to order again yet.
  if (order.status === 'awaiting_payment') return null;
  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        disabled={reorder.isPending}
        onClick={() => reorder.mutate(undefined, { onSuccess: ({ skipped }) => void navigate('/keranjang', { state: { skipped } }) })}
      >
        {t('orders.reorder')}
      </button>
      <FormAlert error={reorder.error} fields={[]} />
    </>
  );
}

/** PDF receipts: A4 to print or keep, 58 mm for a thermal printer. */
export function Receipts({ order }: { order: Order }) {
  const t = useT();
  if (order.status === 'awaiting_payment' || order.status === 'expired') return null;
  return (
    <p className="row receipts">
      <a className="small-link" href={receiptUrl(order.id, 'a4')} target="_blank" rel="noopener noreferrer">
        {t('orders.receiptA4')}
      </a>
      <a className="small-link" href={receiptUrl(order.id, '58mm')} target="_blank" rel="noopener noreferrer">
        {t('orders.receipt58')}
      </a>
    </p>
  );
}
