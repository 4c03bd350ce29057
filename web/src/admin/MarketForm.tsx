import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Market, marketKinds } from '../api';
import { FormAlert, fieldError, SelectField, TextField } from '../forms';
import { useLang, useT } from '../i18n';
import { marketKindLabel } from '../labels';
import { tenantKey } from '../session';
import { weekdayName } from '../storefront/catalog';

export const adminMarketsKey = ['admin', 'markets'] as const;

/** ISO weekdays, Monday first. */
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'];
const empty = {
  name: '',
  kind: 'traditional_market',
  address: '',
  areaCode: '',
  lat: '',
  lng: '',
  hours: '',
  marketDays: WEEKDAYS.join(''),
  orderCutoff: '',
};
type Draft = typeof empty;
const fields = Object.keys(empty);

const toDraft = (market: Market): Draft => ({
  name: market.name,
  kind: market.kind,
  address: market.address,
  areaCode: market.areaCode,
  lat: market.lat === null ? '' : String(market.lat),
  lng: market.lng === null ? '' : String(market.lng),
  hours: market.hours,
  marketDays: market.marketDays,
  orderCutoff: market.orderCutoff ?? '',
});

/** "" -> null (optional); accepts a decimal comma, as Indonesians write it. */
function parseCoordinate(text: string): number | null | 'invalid' {
  const trimmed = text.trim().replace(',', '.');
  if (!trimmed) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : 'invalid';
}

/** The days the market trades, Sen … Min, each a finger-sized box. */
function MarketDays(props: { value: string; onChange: (days: string) => void; error?: string }) {
  const t = useT();
  const { lang } = useLang();
  const toggle = (day: string, on: boolean) => props.onChange(WEEKDAYS.filter((d) => (d === day ? on : props.value.includes(d))).join(''));
  return (
    <fieldset className="choice">
      <legend>{t('marketForm.days')}</legend>
      <p className="hint">{t('marketForm.daysHint')}</p>
      <div className="weekday-checks">
        {WEEKDAYS.map((day) => (
          <label key={day} className="check">
            <input
              type="checkbox"
              aria-label={weekdayName(Number(day), lang)}
              checked={props.value.includes(day)}
              onChange={(event) => toggle(day, event.target.checked)}
            />
            <span aria-hidden="true">{weekdayName(Number(day), lang, 'short')}</span>
          </label>
        ))}
      </div>
      {props.error && (
        <p className="field-error" role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

/** A new market, or `market` changed (`onSaved` and `onCancel` then close the form). */
export function MarketForm({ market, onSaved, onCancel }: { market?: Market; onSaved?: (market: Market) => void; onCancel?: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => (market ? toDraft(market) : empty));
  const [clientErrors, setClientErrors] = useState<Record<string, string | undefined>>({});
  const [savedName, setSavedName] = useState<string | null>(null);

  const save = useMutation({
    // Every field is sent, so a change is the whole market as the form shows it.
    mutationFn: (body: Record<string, unknown>) =>
      market
        ? api.patch<{ market: Market }>(`/api/admin/markets/${encodeURIComponent(market.id)}`, body)
        : api.post<{ market: Market }>('/api/admin/markets', body),
    onSuccess: ({ market: saved }) => {
      // The storefront lists markets too.
      void queryClient.invalidateQueries({ queryKey: adminMarketsKey });
      void queryClient.invalidateQueries({ queryKey: tenantKey });
      if (onSaved) onSaved(saved);
      else {
        setSavedName(saved.name);
        setDraft(empty);
      }
    },
  });

  const change = (key: keyof Draft, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSavedName(null);
  };
  const set = (key: keyof Draft) => (event: { target: { value: string } }) => change(key, event.target.value);

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
      marketDays: draft.marketDays ? undefined : t('marketForm.pickDay'),
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
      lat,
      lng,
      marketDays: draft.marketDays,
      orderCutoff: draft.orderCutoff || null,
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
      <MarketDays value={draft.marketDays} onChange={(days) => change('marketDays', days)} error={errorFor('marketDays')} />
      <TextField
        label={t('marketForm.cutoff')}
        hint={t('marketForm.cutoffHint')}
        type="time"
        name="orderCutoff"
        value={draft.orderCutoff}
        onChange={set('orderCutoff')}
        error={errorFor('orderCutoff')}
      />
      {/* Next to the button, where the eye is after tapping it on a phone. */}
      <FormAlert error={save.error} fields={fields} />
      {savedName && (
        <p className="notice notice-ok" role="status">
          {t('admin.saved', { name: savedName })}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button" disabled={save.isPending}>
          {t('admin.save')}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('marketForm.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
