import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { FormAlert, fieldError, SelectField, TextField } from '../forms';
import { useT } from '../i18n';
import { type Certificate, certificateKinds, EXPIRY_WARNING_DAYS, photoUrl } from './api';
import { certificateKindLabel, expiryText } from './labels';
import { PhotoPicker } from './PhotoPicker';

/** P-IRT, halal, BPOM: expiring ones stand out. */
export function CertificateList({ certificates }: { certificates: Certificate[] }) {
  const t = useT();
  if (certificates.length === 0) return <p className="muted">{t('sellers.cert.none')}</p>;
  return (
    <ul className="plain-list">
      {certificates.map((certificate) => {
        const soon = certificate.daysLeft !== null && certificate.daysLeft <= EXPIRY_WARNING_DAYS;
        return (
          <li key={certificate.id}>
            <strong>{certificateKindLabel(t, certificate.kind)}</strong> <span className="code">{certificate.number}</span>
            <br />
            <span className={soon ? 'text-danger' : 'muted'}>{expiryText(t, certificate)}</span>
            {certificate.photoId && (
              <>
                {' · '}
                <a href={photoUrl(certificate.photoId)} target="_blank" rel="noopener noreferrer">
                  {t('sellers.cert.photo')}
                </a>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

const empty = { kind: 'pirt', number: '', expiresOn: '', photoIds: [] as string[] };

/** Adds a certificate to a seller (the seller themself, or a program admin). */
export function CertificateForm({ sellerId, onAdded }: { sellerId: string; onAdded: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState(empty);
  const [missing, setMissing] = useState(false);
  const add = useMutation({
    mutationFn: () =>
      api.post(`/api/sellers/${sellerId}/certificates`, {
        kind: draft.kind,
        number: draft.number.trim(),
        ...(draft.expiresOn ? { expiresOn: draft.expiresOn } : {}),
        ...(draft.photoIds[0] ? { photoId: draft.photoIds[0] } : {}),
      }),
    onSuccess: () => {
      setDraft(empty);
      onAdded();
    },
  });
  const set = (key: 'kind' | 'number' | 'expiresOn') => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: event.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!draft.number.trim());
    if (draft.number.trim()) add.mutate();
    else add.reset();
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <SelectField label={t('sellers.cert.kind')} value={draft.kind} onChange={set('kind')} error={fieldError(add.error, 'kind')}>
        {certificateKinds.map((kind) => (
          <option key={kind} value={kind}>
            {certificateKindLabel(t, kind)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('sellers.cert.number')}
        value={draft.number}
        onChange={set('number')}
        error={fieldError(add.error, 'number', { number: missing ? t('form.required') : undefined })}
      />
      <TextField
        label={t('sellers.cert.expiresOn')}
        hint={t('sellers.cert.expiresOnHint')}
        type="date"
        value={draft.expiresOn}
        onChange={set('expiresOn')}
        error={fieldError(add.error, 'expiresOn')}
      />
      <PhotoPicker
        label={t('sellers.cert.photo')}
        ids={draft.photoIds}
        max={1}
        onChange={(photoIds) => setDraft((d) => ({ ...d, photoIds }))}
        error={fieldError(add.error, 'photoId')}
      />
      <FormAlert error={add.error} fields={['kind', 'number', 'expiresOn', 'photoId']} />
      <button type="submit" className="button button-secondary" disabled={add.isPending}>
        {t('sellers.cert.add')}
      </button>
    </form>
  );
}
