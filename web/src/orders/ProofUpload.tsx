import { type ChangeEvent, useId, useState } from 'react';
import { ApiError, api, uploadWithProgress } from '../api';
import { useT } from '../i18n';
import { type Order, useOrderAction } from './api';

/**
 * The photo of the transfer receipt: uploaded with a progress bar (slow mobile data), then
 * attached to the payment, which then waits for CS to find the money in the bank.
 */
export function ProofUpload({ order, replacing }: { order: Order; replacing: boolean }) {
  const t = useT();
  const id = useId();
  const [progress, setProgress] = useState(0);
  const send = useOrderAction<File>(order.id, async (path, file) => {
    setProgress(0);
    const form = new FormData();
    form.append('file', file);
    const { media } = await uploadWithProgress<{ media: { id: string } }>('/api/media', form, setProgress);
    return api.post<{ order: Order }>(`${path}/payments/proof`, { mediaId: media.id });
  });

  function pick(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = ''; // picking the same photo again still fires a change
    if (file) send.mutate(file);
  }

  const error = send.error instanceof ApiError ? send.error.message : send.error ? t('error.generic') : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{t(replacing ? 'pay.proofReplace' : 'pay.proof')}</label>
      <input
        id={id}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        onChange={pick}
        disabled={send.isPending}
        aria-describedby={`${id}-hint`}
      />
      <p className="hint" id={`${id}-hint`}>
        {t('pay.proofHint')}
      </p>
      {send.isPending && (
        <div role="status" className="upload-progress">
          <progress max={1} value={progress} aria-label={t('pay.uploading')} />
          <span>{progress < 1 ? t('pay.uploadingPercent', { percent: Math.round(progress * 100) }) : t('pay.attaching')}</span>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
