import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { useT } from '../i18n';
import { IdentityFields, PayoutFields, ProgramField, TraderFields } from '../seller/ApplicationFields';
import { adminSellersKey, type Seller } from '../seller/api';
import { APPLICATION_FIELDS, applicationBody, type Draft, emptyDraft, missingFields, type TextKey } from '../seller/draft';
import { statusLabel } from '../seller/labels';
import { PhotoPicker } from '../seller/PhotoPicker';
import { useSession, useTenant } from '../session';
import { ErrorState, Loading } from '../ui';
import { ChecklistField } from './DecisionForm';

const FIELDS = [...APPLICATION_FIELDS, 'programId', 'phone', 'checklist'];

/** /admin/penjual/baru: staff register a market trader who will never fill a form themselves. */
export function TraderRegistrationPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const tenant = useTenant();
  const roles = useSession().data?.roles ?? [];
  // Only a program admin may admit at once; customer service leaves it in the queue.
  const canApprove = roles.includes('program_admin') || roles.includes('platform_admin');
  const checklists = useQuery({
    queryKey: ['admin', 'checklists'],
    queryFn: () => api.get<{ checklists: Record<string, string[]> }>('/api/admin/curation/checklists'),
    enabled: canApprove,
  });
  const [draft, setDraft] = useState<Draft>(() => emptyDraft('trader'));
  const [phone, setPhone] = useState('');
  const [checklist, setChecklist] = useState<Record<string, boolean>>({});
  const [clientErrors, setClientErrors] = useState<Record<string, string | undefined>>({});
  const [saved, setSaved] = useState<Seller | null>(null);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<{ seller: Seller }>('/api/admin/sellers', body),
    onSuccess: ({ seller }) => {
      setSaved(seller);
      setDraft((d) => ({ ...emptyDraft('trader'), programId: d.programId, marketId: d.marketId }));
      setPhone('');
      setChecklist({});
      void queryClient.invalidateQueries({ queryKey: adminSellersKey });
    },
  });

  if (tenant.isPending) return <Loading />;
  if (tenant.error) return <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />;
  const { programs, markets } = tenant.data;
  const programId = draft.programId || (programs.length === 1 ? (programs[0]?.id ?? '') : '');
  const items = checklists.data?.checklists[programId] ?? [];

  const set = (key: TextKey) => (event: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [key]: event.target.value }));
    setSaved(null);
  };
  const errorFor = (field: string) => fieldError(save.error, field, clientErrors);
  const props = { draft: { ...draft, programId }, set, errorFor };

  function submit(event: FormEvent) {
    event.preventDefault();
    const full = { ...draft, programId };
    const errors = missingFields(full, t);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      save.reset();
      return;
    }
    const ticked = canApprove && items.length > 0 ? { checklist } : {};
    save.mutate({ ...applicationBody(full), ...(phone.trim() ? { phone: phone.trim() } : {}), ...ticked });
  }

  return (
    <section className="narrow">
      <p>
        <Link to="/admin/penjual" className="small-link">
          {t('curation.backToQueue')}
        </Link>
      </p>
      <h1>{t('curation.registerTrader')}</h1>
      <p>{t('curation.registerIntro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        {programs.length > 1 && <ProgramField {...props} programs={programs} />}
        <IdentityFields {...props} />
        <TextField
          label={t('curation.traderPhone')}
          hint={t('curation.traderPhoneHint')}
          type="tel"
          inputMode="numeric"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={errorFor('phone')}
        />
        <TraderFields {...props} markets={markets} />
        <PhotoPicker
          label={t('sellers.photos')}
          hint={t('sellers.photosTraderHint')}
          ids={draft.photoIds}
          onChange={(photoIds) => setDraft((d) => ({ ...d, photoIds }))}
          error={errorFor('photoIds')}
        />
        <PayoutFields {...props} />
        {canApprove && items.length > 0 && (
          <>
            <ChecklistField items={items} value={checklist} onChange={setChecklist} error={errorFor('checklist')} />
            <p className="hint">{t('curation.registerChecklistHint')}</p>
          </>
        )}
        <FormAlert error={save.error} fields={FIELDS} />
        {saved && (
          <p className="notice notice-ok" role="status">
            {t('curation.registered', { name: saved.businessName, status: statusLabel(t, saved.status) })}{' '}
            <Link to={`/admin/penjual/${saved.id}`}>{t('curation.open')}</Link>
          </p>
        )}
        <button type="submit" className="button" disabled={save.isPending}>
          {t('curation.registerSubmit')}
        </button>
      </form>
    </section>
  );
}
