import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Market, marketKinds } from '../api';
import { FormAlert, fieldError, SelectField, TextField } from '../forms';
import { useT } from '../i18n';
import { marketKindLabel } from '../labels';
import { tenantKey } from '../session';

export const adminMarketsKey = ['admin', 'markets'] as const;

const empty = { name: '', kind: 'traditional_market', address: '', areaCode: '', lat: '', lng: '', hours: '' };
type Draft = typeof empty;
const fields = Object.keys(empty);

/** "" -> undefined (optional); accepts a decimal comma, as Indonesians write it. */
function parseCoordinate(text: string): number | undefined | 'invalid' {
  const trimmed = text.trim().replace(',', '.');
  if (!trimmed) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : 'invalid';
}

export function MarketForm() {
  const t = useT();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(empty);
  const [clientErrors, setClientErrors] = useState<Record<string, string | undefined>>({});
  const [savedName, setSavedName] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<{ market: Market }>('/api/admin/markets', body),
    onSuccess: ({ market }) => {
      setSavedName(market?.name ?? draft.name);
      setDraft(empty);
      // The storefront lists markets too.
      void queryClient.invalidateQueries({ queryKey: adminMarketsKey });
      void queryClient.invalidateQueries({ queryKey: tenantKey });
    },
  });

  const set = (key: keyof Draft) => (event: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [key]: event.target.value }));
    setSavedName(null);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const lat = parseCoordinate(draft.lat);
    const lng = parseCoordinate(draft.lng);
    const required = t('form.required');
    const errors = {
      name: draft.name.trim() ? undefined : required,
      areaCode: draft.areaCode.trim() ? undefined : required,
      lat: lat === 'invalid' ? t('field.notNumber') : undefined,
      lng: lng === 'invalid' ? t('field.notNumber') : undefined,
    };
    setClientErrors(errors);
    if (Object.values(errors).some(Boolean) || lat === 'invalid' || lng === 'invalid') {
      save.reset();
      return;
    }
    save.mutate({
      name: draft.name.trim(),
      kind: draft.kind,
      address: draft.address.trim(),
      areaCode: draft.areaCode.trim(),
      hours: draft.hours.trim(),
      // Optional: left out rather than sent as null when empty.
      ...(lat === undefined ? {} : { lat }),
      ...(lng === undefined ? {} : { lng }),
    });
  }

  const errorFor = (field: string) => fieldError(save.error, field, clientErrors);
  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField label={t('field.name')} name="name" value={draft.name} onChange={set('name')} error={errorFor('name')} />
      <SelectField label={t('field.kind')} name="kind" value={draft.kind} onChange={set('kind')} error={errorFor('kind')}>
        {marketKinds.map((kind) => (
          <option key={kind} value={kind}>
            {marketKindLabel(t, kind)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('field.address')}
        name="address"
        autoComplete="street-address"
        value={draft.address}
        onChange={set('address')}
        error={errorFor('address')}
      />
      <TextField
        label={t('field.areaCode')}
        hint={t('field.areaCodeHint')}
        name="areaCode"
        inputMode="decimal"
        value={draft.areaCode}
        onChange={set('areaCode')}
        error={errorFor('areaCode')}
      />
      <div className="row row-fields">
        <TextField
          label={t('field.lat')}
          hint={t('field.latHint')}
          name="lat"
          value={draft.lat}
          onChange={set('lat')}
          error={errorFor('lat')}
        />
        <TextField
          label={t('field.lng')}
          hint={t('field.lngHint')}
          name="lng"
          value={draft.lng}
          onChange={set('lng')}
          error={errorFor('lng')}
        />
      </div>
      <TextField
        label={t('field.hours')}
        hint={t('field.hoursHint')}
        name="hours"
        value={draft.hours}
        onChange={set('hours')}
        error={errorFor('hours')}
      />
      {/* Next to the button, where the eye is after tapping it on a phone. */}
      <FormAlert error={save.error} fields={fields} />
      {savedName && (
        <p className="notice notice-ok" role="status">
          {t('admin.saved', { name: savedName })}
        </p>
      )}
      <button type="submit" className="button" disabled={save.isPending}>
        {t('admin.save')}
      </button>
    </form>
  );
}
