import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, useId } from 'react';
import { ApiError, api } from '../api';
import { useT } from '../i18n';
import { thumbUrl } from './api';

type Uploaded = { media: { id: string } };

/** Uploads photos one by one as they are picked (POST /api/media) and keeps their ids. */
export function PhotoPicker(props: {
  label: string;
  hint?: string;
  ids: string[];
  onChange: (ids: string[]) => void;
  max?: number;
  error?: string;
}) {
  const { label, hint, ids, onChange, max = 8 } = props;
  const t = useT();
  const id = useId();
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      const added: string[] = [];
      for (const file of files) {
        const form = new FormData();
        form.append('file', file);
        added.push((await api.post<Uploaded>('/api/media', form)).media.id);
      }
      return added;
    },
    onSuccess: (added) => onChange([...ids, ...added].slice(0, max)),
  });

  function pick(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])].slice(0, max - ids.length);
    event.target.value = ''; // picking the same photo again still fires a change
    if (files.length > 0) upload.mutate(files);
  }

  const error = props.error ?? (upload.error instanceof ApiError ? upload.error.message : upload.error ? t('error.generic') : undefined);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {ids.length > 0 && (
        <ul className="photos">
          {ids.map((mediaId, index) => (
            <li key={mediaId}>
              <img src={thumbUrl(mediaId)} alt={t('sellers.photoN', { n: index + 1 })} />
              <button
                type="button"
                className="button button-small button-secondary"
                onClick={() => onChange(ids.filter((x) => x !== mediaId))}
              >
                {t('sellers.photoRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {ids.length < max && (
        <input
          id={id}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple={max > 1}
          onChange={pick}
          disabled={upload.isPending}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
      )}
      {upload.isPending && <p role="status">{t('sellers.photoUploading')}</p>}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
