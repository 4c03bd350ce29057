import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type PaymentMethod, type PaymentSettings, paymentMethods } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { type Lang, useLang, useT } from '../i18n';
import { useTenant } from '../session';
import { paymentMethodLabel } from '../staff/labels';
import { ProgramSelect, useChosenProgram } from '../staff/parts';
import { ErrorState, Loading } from '../ui';
import { parsePercent, percentText, wholeNumber } from './numbers';

const settingsKey = ['admin', 'payment-settings'] as const;
const fields = [
  'methods',
  'bankName',
  'bankAccountNumber',
  'bankAccountHolder',
  'qrisPayload',
  'feeBasisPoints',
  'paymentTimeoutMinutes',
  'autoConfirmHours',
];

function toDraft(settings: PaymentSettings, lang: Lang) {
  return {
    methods: settings.methods,
    bankName: settings.bankName ?? '',
    bankAccountNumber: settings.bankAccountNumber ?? '',
    bankAccountHolder: settings.bankAccountHolder ?? '',
    qrisPayload: settings.qrisPayload ?? '',
    fee: percentText(settings.feeBasisPoints, lang),
    timeout: String(settings.paymentTimeoutMinutes),
    autoConfirm: String(settings.autoConfirmHours),
  };
}
type Draft = ReturnType<typeof toDraft>;

function SettingsForm(props: { programId: string; programName: string; settings: PaymentSettings; readOnly: boolean }) {
  const { programId, programName, settings, readOnly } = props;
  const t = useT();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings, lang));
  const [clientErrors, setClientErrors] = useState<Record<string, string | undefined>>({});
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: (body: PaymentSettings) =>
      api.put<{ settings: PaymentSettings }>(`/api/admin/programs/${encodeURIComponent(programId)}/payment-settings`, body),
    onSuccess: (result) => {
      queryClient.setQueryData([...settingsKey, programId], result);
      setDraft(toDraft(result.settings, lang));
      setSaved(true);
    },
  });

  const set = (key: keyof Draft) => (event: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [key]: event.target.value }));
    setSaved(false);
  };
  const toggle = (method: PaymentMethod, on: boolean) => {
    setDraft((d) => ({ ...d, methods: on ? [...d.methods, method] : d.methods.filter((m) => m !== method) }));
    setSaved(false);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const fee = parsePercent(draft.fee);
    const timeout = wholeNumber(draft.timeout);
    const autoConfirm = wholeNumber(draft.autoConfirm);
    const errors = {
      methods: draft.methods.length === 0 ? t('paymentSettings.pickMethod') : undefined,
      feeBasisPoints: fee === null || fee > 3000 ? t('paymentSettings.feeFormat') : undefined,
      paymentTimeoutMinutes: timeout === null ? t('paymentSettings.wholeNumber') : undefined,
      autoConfirmHours: autoConfirm === null ? t('paymentSettings.wholeNumber') : undefined,
    };
    setClientErrors(errors);
    setSaved(false);
    if (Object.values(errors).some(Boolean) || fee === null || timeout === null || autoConfirm === null) {
      save.reset();
      return;
    }
    const optional = (text: string) => text.trim() || null;
    save.mutate({
      // In the order they are offered to buyers.
      methods: paymentMethods.filter((m) => draft.methods.includes(m)),
      bankName: optional(draft.bankName),
      bankAccountNumber: optional(draft.bankAccountNumber.replace(/[\s.-]/g, '')),
      bankAccountHolder: optional(draft.bankAccountHolder),
      qrisPayload: optional(draft.qrisPayload),
      feeBasisPoints: fee,
      paymentTimeoutMinutes: timeout,
      autoConfirmHours: autoConfirm,
    });
  }

  const errorFor = (field: string) => fieldError(save.error, field, clientErrors);
  return (
    <form className="form" onSubmit={submit} noValidate>
      {/* Read-only: every input is disabled at once, and there is nothing to save. */}
      <fieldset className="form-fieldset" disabled={readOnly}>
        <fieldset className="choice">
          <legend>{t('paymentSettings.methods')}</legend>
          {paymentMethods.map((method) => (
            <label key={method} className="check">
              <input type="checkbox" checked={draft.methods.includes(method)} onChange={(e) => toggle(method, e.target.checked)} />
              <span>
                {paymentMethodLabel(t, method)}
                <br />
                <span className="hint">{t(`paymentSettings.methodHint.${method}`)}</span>
              </span>
            </label>
          ))}
          {errorFor('methods') && (
            <p className="field-error" role="alert">
              {errorFor('methods')}
            </p>
          )}
        </fieldset>

        <h2>{t('paymentSettings.bankTitle')}</h2>
        <TextField
          label={t('paymentSettings.bankName')}
          hint={t('sellers.payoutBankHint')}
          value={draft.bankName}
          onChange={set('bankName')}
          error={errorFor('bankName')}
        />
        <TextField
          label={t('paymentSettings.accountNumber')}
          inputMode="numeric"
          value={draft.bankAccountNumber}
          onChange={set('bankAccountNumber')}
          error={errorFor('bankAccountNumber')}
        />
        <TextField
          label={t('paymentSettings.accountHolder')}
          value={draft.bankAccountHolder}
          onChange={set('bankAccountHolder')}
          error={errorFor('bankAccountHolder')}
        />

        <h2>{t('paymentSettings.qrisTitle')}</h2>
        <TextField
          label={t('paymentSettings.qris')}
          hint={t('paymentSettings.qrisHint')}
          className="code"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          value={draft.qrisPayload}
          onChange={set('qrisPayload')}
          error={errorFor('qrisPayload')}
        />

        <h2>{t('paymentSettings.rulesTitle')}</h2>
        <TextField
          label={t('paymentSettings.fee')}
          hint={t('paymentSettings.feeHint')}
          inputMode="decimal"
          value={draft.fee}
          onChange={set('fee')}
          error={errorFor('feeBasisPoints')}
        />
        <div className="row row-fields">
          <TextField
            label={t('paymentSettings.timeout')}
            hint={t('paymentSettings.timeoutHint')}
            inputMode="numeric"
            value={draft.timeout}
            onChange={set('timeout')}
            error={errorFor('paymentTimeoutMinutes')}
          />
          <TextField
            label={t('paymentSettings.autoConfirm')}
            hint={t('paymentSettings.autoConfirmHint')}
            inputMode="numeric"
            value={draft.autoConfirm}
            onChange={set('autoConfirm')}
            error={errorFor('autoConfirmHours')}
          />
        </div>
      </fieldset>
      {!readOnly && (
        <>
          <FormAlert error={save.error} fields={fields} />
          {saved && (
            <p className="notice notice-ok" role="status">
              {t('paymentSettings.saved', { program: programName })}
            </p>
          )}
          <button type="submit" className="button" disabled={save.isPending}>
            {t('paymentSettings.save')}
          </button>
        </>
      )}
    </form>
  );
}

/**
 * /admin/pembayaran: how each program takes money — methods, the bank account, its QRIS, its fee
 * and deadlines. `readOnly` (a treasurer) shows them without letting anything change; the program
 * can still be switched.
 */
export function PaymentSettingsPage({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const tenant = useTenant();
  const { programs, program, choose } = useChosenProgram();
  const settings = useQuery({
    queryKey: [...settingsKey, program?.id],
    queryFn: () => api.get<{ settings: PaymentSettings }>(`/api/admin/programs/${encodeURIComponent(program?.id ?? '')}/payment-settings`),
    enabled: program !== undefined,
  });

  if (tenant.isPending) return <Loading />;
  if (tenant.error) return <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />;
  return (
    <section className="narrow">
      <h1>{t('paymentSettings.title')}</h1>
      <p className="muted">{t('paymentSettings.intro')}</p>
      {readOnly && (
        <p className="notice" role="status">
          {t('paymentSettings.readOnly')}
        </p>
      )}
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
            <SettingsForm
              key={program.id}
              programId={program.id}
              programName={program.name}
              settings={settings.data.settings}
              readOnly={readOnly}
            />
          )}
        </>
      )}
    </section>
  );
}
