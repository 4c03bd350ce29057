import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type DeliveryTariff, deliveryPartners, type ProgramDeliverySettings } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { type Lang, type Translate, useLang, useT } from '../i18n';
import type { MessageKey } from '../messages';
import { tenantKey, useTenant } from '../session';
import { ProgramSelect, useChosenProgram } from '../staff/parts';
import { parseRupiah } from '../storefront/catalog';
import { ErrorState, Loading } from '../ui';
import { Choice } from './Choice';
import { decimalText, parseDecimal, parsePercent, percentText, rupiahText, wholeNumber } from './numbers';

const settingsKey = ['admin', 'delivery-settings'] as const;

type ZoneDraft = { key: number; area: string; fee: string };
let nextZoneKey = 0;
const emptyZone = (): ZoneDraft => ({ key: nextZoneKey++, area: '', fee: '' });

/** The settings as the form's text fields; both kinds of tariff are kept, so switching back loses nothing. */
function toDraft(settings: ProgramDeliverySettings, lang: Lang) {
  const { tariff } = settings;
  const bands = tariff.kind === 'bands' ? tariff : undefined;
  const zones = tariff.kind === 'zones' ? tariff : undefined;
  const rupiah = (value: number | undefined) => (value === undefined ? '' : rupiahText(value));
  const decimal = (value: number | undefined) => (value === undefined ? '' : decimalText(value, lang));
  return {
    kind: tariff.kind,
    baseFee: rupiah(bands?.baseFee),
    baseKm: decimal(bands?.baseKm),
    perKm: rupiah(bands?.perKm),
    maxFee: rupiah(bands?.maxFee),
    roadFactor: decimal(bands?.roadFactor),
    maxKm: decimal(bands?.maxKm),
    zones: zones ? zones.zones.map((zone) => ({ key: nextZoneKey++, area: zone.area, fee: rupiahText(zone.fee) })) : [emptyZone()],
    otherDelivered: zones ? zones.otherFee !== null : true,
    otherFee: rupiah(zones?.otherFee ?? undefined),
    offerSeconds: String(settings.courierOfferSeconds),
    maxJobs: String(settings.courierMaxJobs),
    tolerance: percentText(settings.reweighToleranceBp, lang),
    decisionMinutes: String(settings.reweighDecisionMinutes),
    reweighDefault: settings.reweighDefault,
    titipEnabled: settings.titipEnabled,
    titipMaxCap: rupiahText(settings.titipMaxCap),
    shoppingFee: rupiahText(settings.shoppingFee),
    partner: (settings.deliveryPartner ?? OWN_COURIERS) as PartnerChoice,
  };
}
type Draft = ReturnType<typeof toDraft>;
/** The partner choice's value for "the program's own couriers" (deliveryPartner null). */
const OWN_COURIERS = 'own' as const;
type PartnerChoice = typeof OWN_COURIERS | (typeof deliveryPartners)[number];

/** The draft's typed-in fields (not the choices and the zone rows). */
type TextKey = { [K in keyof Draft]: Draft[K] extends string ? K : never }[keyof Draft];

/**
 * The draft as the settings to save, over the loaded ones (fields this form does not know go
 * back unchanged), with a message for each field that is not a number; the server checks ranges.
 */
function readDraft(t: Translate, draft: Draft, loaded: ProgramDeliverySettings) {
  const errors: Record<string, string> = {};
  // A value that did not parse notes its field's message; the settings are then not sent.
  const read = <T,>(field: string, value: T | null, message: MessageKey): T => {
    if (value === null) errors[field] = t(message);
    return value as T;
  };
  const rupiah = (field: string, text: string) => read(field, parseRupiah(text), 'deliverySettings.rupiahFormat');
  const decimal = (field: string, text: string) => read(field, parseDecimal(text), 'deliverySettings.numberFormat');
  const whole = (field: string, text: string) => read(field, wholeNumber(text), 'paymentSettings.wholeNumber');
  const tariff: DeliveryTariff =
    draft.kind === 'bands'
      ? {
          kind: 'bands',
          baseFee: rupiah('tariff.baseFee', draft.baseFee),
          baseKm: decimal('tariff.baseKm', draft.baseKm),
          perKm: rupiah('tariff.perKm', draft.perKm),
          maxFee: rupiah('tariff.maxFee', draft.maxFee),
          roadFactor: decimal('tariff.roadFactor', draft.roadFactor),
          maxKm: decimal('tariff.maxKm', draft.maxKm),
        }
      : {
          kind: 'zones',
          zones: draft.zones.map((zone, index) => ({ area: zone.area.trim(), fee: rupiah(`tariff.zones.${index}.fee`, zone.fee) })),
          otherFee: draft.otherDelivered ? rupiah('tariff.otherFee', draft.otherFee) : null,
        };
  const settings: ProgramDeliverySettings = {
    ...loaded,
    tariff,
    courierOfferSeconds: whole('courierOfferSeconds', draft.offerSeconds),
    courierMaxJobs: whole('courierMaxJobs', draft.maxJobs),
    reweighToleranceBp: read('reweighToleranceBp', parsePercent(draft.tolerance), 'deliverySettings.percentFormat'),
    reweighDecisionMinutes: whole('reweighDecisionMinutes', draft.decisionMinutes),
    reweighDefault: draft.reweighDefault,
    titipEnabled: draft.titipEnabled,
    titipMaxCap: rupiah('titipMaxCap', draft.titipMaxCap),
    shoppingFee: rupiah('shoppingFee', draft.shoppingFee),
    deliveryPartner: draft.partner === OWN_COURIERS ? null : draft.partner,
  };
  return { settings, errors };
}

/** The zone table: one row per district or village code with its fee. */
function ZoneTable(props: { zones: ZoneDraft[]; onChange: (zones: ZoneDraft[]) => void; errorFor: (field: string) => string | undefined }) {
  const t = useT();
  const { zones, onChange, errorFor } = props;
  const edit = (key: number, change: Partial<ZoneDraft>) =>
    onChange(zones.map((zone) => (zone.key === key ? { ...zone, ...change } : zone)));
  return (
    <fieldset className="choice">
      <legend>{t('deliverySettings.zones')}</legend>
      <p className="hint">{t('deliverySettings.zonesHint')}</p>
      <table className="zone-table">
        <thead>
          <tr>
            <th scope="col">{t('deliverySettings.areaColumn')}</th>
            <th scope="col">{t('deliverySettings.feeColumn')}</th>
            <td />
          </tr>
        </thead>
        <tbody>
          {zones.map((zone, index) => {
            const areaError = errorFor(`tariff.zones.${index}.area`);
            const feeError = errorFor(`tariff.zones.${index}.fee`);
            return (
              <tr key={zone.key}>
                <td>
                  <input
                    aria-label={t('deliverySettings.zoneArea', { n: index + 1 })}
                    aria-invalid={areaError ? true : undefined}
                    inputMode="decimal"
                    className="code"
                    value={zone.area}
                    onChange={(event) => edit(zone.key, { area: event.target.value })}
                  />
                  {areaError && <p className="field-error">{areaError}</p>}
                </td>
                <td>
                  <input
                    aria-label={t('deliverySettings.zoneFee', { n: index + 1 })}
                    aria-invalid={feeError ? true : undefined}
                    inputMode="numeric"
                    value={zone.fee}
                    onChange={(event) => edit(zone.key, { fee: event.target.value })}
                  />
                  {feeError && <p className="field-error">{feeError}</p>}
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-small button-secondary"
                    aria-label={t('deliverySettings.removeZone', { n: index + 1 })}
                    disabled={zones.length === 1}
                    onClick={() => onChange(zones.filter((other) => other.key !== zone.key))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {errorFor('tariff.zones') && <p className="field-error">{errorFor('tariff.zones')}</p>}
      <button type="button" className="button button-small button-secondary add-zone" onClick={() => onChange([...zones, emptyZone()])}>
        {t('deliverySettings.addZone')}
      </button>
    </fieldset>
  );
}

function SettingsForm(props: { programId: string; programName: string; settings: ProgramDeliverySettings }) {
  const { programId, programName, settings } = props;
  const t = useT();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings, lang));
  const [clientErrors, setClientErrors] = useState<Record<string, string | undefined>>({});
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: (body: ProgramDeliverySettings) =>
      api.put<{ settings: ProgramDeliverySettings }>(`/api/admin/programs/${encodeURIComponent(programId)}/delivery-settings`, body),
    onSuccess: (result) => {
      queryClient.setQueryData([...settingsKey, programId], result);
      // Checkout reads whether titip belanja is on from the public program info.
      void queryClient.invalidateQueries({ queryKey: tenantKey });
      setDraft(toDraft(result.settings, lang));
      setSaved(true);
    },
  });

  const change = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(false);
  };
  const set = (key: keyof Draft) => (event: { target: { value: string } }) => change({ [key]: event.target.value });
  const errorFor = (field: string) => fieldError(save.error, field, clientErrors);
  const numberField = (key: TextKey, field: string, label: MessageKey, hint?: MessageKey, inputMode: 'numeric' | 'decimal' = 'numeric') => (
    <TextField
      label={t(label)}
      hint={hint && t(hint)}
      inputMode={inputMode}
      value={draft[key]}
      onChange={set(key)}
      error={errorFor(field)}
    />
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const { settings: next, errors } = readDraft(t, draft, settings);
    setClientErrors(errors);
    setSaved(false);
    if (Object.keys(errors).length > 0) {
      save.reset();
      return;
    }
    save.mutate(next);
  }

  const fields = [
    ...['baseFee', 'baseKm', 'perKm', 'maxFee', 'roadFactor', 'maxKm', 'zones', 'otherFee'].map((name) => `tariff.${name}`),
    ...draft.zones.flatMap((_, index) => [`tariff.zones.${index}.area`, `tariff.zones.${index}.fee`]),
    'courierOfferSeconds',
    'courierMaxJobs',
    'reweighToleranceBp',
    'reweighDecisionMinutes',
    'titipMaxCap',
  ];
  return (
    <form className="form" onSubmit={submit} noValidate>
      <h2>{t('deliverySettings.tariffTitle')}</h2>
      <Choice
        legend={t('deliverySettings.tariffKind')}
        name="tariff-kind"
        value={draft.kind}
        options={(['bands', 'zones'] as const).map((kind) => ({
          value: kind,
          label: t(`deliverySettings.kind.${kind}`),
          hint: t(`deliverySettings.kindHint.${kind}`),
        }))}
        onChange={(kind) => change({ kind })}
      />
      {draft.kind === 'bands' ? (
        <>
          <div className="row row-fields">
            {numberField('baseFee', 'tariff.baseFee', 'deliverySettings.baseFee')}
            {numberField('baseKm', 'tariff.baseKm', 'deliverySettings.baseKm', 'deliverySettings.baseKmHint', 'decimal')}
          </div>
          <div className="row row-fields">
            {numberField('perKm', 'tariff.perKm', 'deliverySettings.perKm')}
            {numberField('maxFee', 'tariff.maxFee', 'deliverySettings.maxFee')}
          </div>
          <div className="row row-fields">
            {numberField('roadFactor', 'tariff.roadFactor', 'deliverySettings.roadFactor', 'deliverySettings.roadFactorHint', 'decimal')}
            {numberField('maxKm', 'tariff.maxKm', 'deliverySettings.maxKm', undefined, 'decimal')}
          </div>
        </>
      ) : (
        <>
          <ZoneTable zones={draft.zones} onChange={(zones) => change({ zones })} errorFor={errorFor} />
          <Choice
            legend={t('deliverySettings.otherAreas')}
            name="other-areas"
            value={draft.otherDelivered ? 'delivered' : 'not'}
            options={[
              { value: 'delivered', label: t('deliverySettings.otherDelivered') },
              { value: 'not', label: t('deliverySettings.otherNotDelivered') },
            ]}
            onChange={(value) => change({ otherDelivered: value === 'delivered' })}
          >
            {draft.otherDelivered && numberField('otherFee', 'tariff.otherFee', 'deliverySettings.otherFee')}
          </Choice>
        </>
      )}

      {numberField('shoppingFee', 'shoppingFee', 'deliverySettings.shoppingFee', 'deliverySettings.shoppingFeeHint')}

      <h2>{t('deliverySettings.dispatchTitle')}</h2>
      <div className="row row-fields">
        {numberField('offerSeconds', 'courierOfferSeconds', 'deliverySettings.offerSeconds', 'deliverySettings.offerSecondsHint')}
        {numberField('maxJobs', 'courierMaxJobs', 'deliverySettings.maxJobs')}
      </div>

      <Choice
        legend={t('deliverySettings.partner')}
        name="delivery-partner"
        value={draft.partner}
        options={([OWN_COURIERS, ...deliveryPartners] as PartnerChoice[]).map((value) => ({
          value,
          label: value === OWN_COURIERS ? t('deliverySettings.partner.own') : t('deliverySettings.partner.named', { name: value }),
          hint: value === OWN_COURIERS ? undefined : t('deliverySettings.partner.hint'),
        }))}
        onChange={(partner) => change({ partner })}
      />

      <h2>{t('deliverySettings.reweighTitle')}</h2>
      <div className="row row-fields">
        {numberField('tolerance', 'reweighToleranceBp', 'deliverySettings.tolerance', 'deliverySettings.toleranceHint', 'decimal')}
        {numberField('decisionMinutes', 'reweighDecisionMinutes', 'deliverySettings.decisionMinutes')}
      </div>
      <Choice
        legend={t('deliverySettings.default')}
        name="reweigh-default"
        value={draft.reweighDefault}
        options={(['accept', 'remove'] as const).map((value) => ({ value, label: t(`deliverySettings.default.${value}`) }))}
        onChange={(reweighDefault) => change({ reweighDefault })}
      />

      <h2>{t('deliverySettings.titipTitle')}</h2>
      <label className="check">
        <input type="checkbox" checked={draft.titipEnabled} onChange={(event) => change({ titipEnabled: event.target.checked })} />
        <span>
          {t('deliverySettings.titipEnabled')}
          <br />
          <span className="hint">{t('deliverySettings.titipEnabledHint')}</span>
        </span>
      </label>
      {numberField('titipMaxCap', 'titipMaxCap', 'deliverySettings.titipMaxCap')}

      <FormAlert error={save.error} fields={fields} />
      {saved && (
        <p className="notice notice-ok" role="status">
          {t('deliverySettings.saved', { program: programName })}
        </p>
      )}
      <button type="submit" className="button" disabled={save.isPending}>
        {t('deliverySettings.save')}
      </button>
    </form>
  );
}

/** /admin/pengantaran: how a program delivers — its tariff, offers to couriers, reweighing rules and titip belanja. */
export function DeliverySettingsPage() {
  const t = useT();
  const tenant = useTenant();
  const { programs, program, choose } = useChosenProgram();
  const settings = useQuery({
    queryKey: [...settingsKey, program?.id],
    queryFn: () =>
      api.get<{ settings: ProgramDeliverySettings }>(`/api/admin/programs/${encodeURIComponent(program?.id ?? '')}/delivery-settings`),
    enabled: program !== undefined,
  });

  if (tenant.isPending) return <Loading />;
  if (tenant.error) return <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />;
  return (
    <section className="narrow">
      <h1>{t('deliverySettings.title')}</h1>
      <p className="muted">{t('deliverySettings.intro')}</p>
      {!program ? (
        <p className="muted">{t('home.noPrograms')}</p>
      ) : (
        <>
          <ProgramSelect programs={programs} value={program.id} onChange={choose} />
          {settings.isPending ? (
            <Loading />
          ) : settings.error ? (
            <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
          ) : (
            // Keyed by program: switching programs starts from that program's saved settings.
            <SettingsForm key={program.id} programId={program.id} programName={program.name} settings={settings.data.settings} />
          )}
        </>
      )}
    </section>
  );
}
