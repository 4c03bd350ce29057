import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api';
import { FormAlert, fieldError } from '../forms';
import { useT } from '../i18n';
import { sessionKey, useTenant } from '../session';
import { ErrorState, Loading } from '../ui';
import { IdentityFields, PayoutFields, ProgramField, TraderFields, UmkmFields } from './ApplicationFields';
import { mySellersKey, type Seller, useMySellers } from './api';
import { APPLICATION_FIELDS, applicationBody, type Draft, draftFromSeller, emptyDraft, missingFields, type TextKey } from './draft';
import { PhotoPicker } from './PhotoPicker';

/** "Daftar jadi penjual": a new application, or (with :sellerId) fixing one sent back for changes. */
export function ApplicationPage() {
  const t = useT();
  const { sellerId } = useParams();
  const mine = useMySellers();
  if (!sellerId) return <ApplicationForm />;
  if (mine.isPending) return <Loading />;
  if (mine.error) return <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />;
  const seller = mine.data.sellers.find((s) => s.id === sellerId);
  if (seller?.status !== 'changes_requested') {
    return (
      <div className="notice">
        <p>{t('sellers.notEditable')}</p>
        <Link to="/penjual">{t('sellers.backToStatus')}</Link>
      </div>
    );
  }
  return <ApplicationForm existing={seller} />;
}

function ApplicationForm({ existing }: { existing?: Seller }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const tenant = useTenant();
  const [draft, setDraft] = useState<Draft>(() => (existing ? draftFromSeller(existing) : emptyDraft('umkm')));
  const [clientErrors, setClientErrors] = useState<Record<string, string | undefined>>({});

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      existing ? api.patch(`/api/me/sellers/${existing.id}`, body) : api.post('/api/sellers/applications', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: mySellersKey });
      void queryClient.invalidateQueries({ queryKey: sessionKey });
      void navigate('/penjual');
    },
  });

  if (tenant.isPending) return <Loading />;
  if (tenant.error) return <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />;
  const { programs, markets } = tenant.data;
  if (programs.length === 0) return <p className="notice">{t('sellers.noPrograms')}</p>;
  // With one program there is nothing to choose.
  const programId = draft.programId || (programs.length === 1 ? (programs[0]?.id ?? '') : '');

  const set = (key: TextKey) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value }));
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
    save.mutate(applicationBody(full));
  }

  return (
    <section className="narrow">
      <h1>{t(existing ? 'sellers.fixTitle' : 'sellers.applyTitle')}</h1>
      {existing ? (
        <div className="notice">
          <p>{t('sellers.curatorNote')}</p>
          <p>
            <strong>{existing.lastReason}</strong>
          </p>
        </div>
      ) : (
        <p>{t('sellers.applyIntro')}</p>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="choice" disabled={Boolean(existing)}>
          <legend>{t('sellers.kindQuestion')}</legend>
          {(['umkm', 'trader'] as const).map((kind) => (
            <label key={kind} className="check">
              <input
                type="radio"
                name="kind"
                value={kind}
                checked={draft.kind === kind}
                onChange={() => setDraft((d) => ({ ...d, kind }))}
              />
              <span>
                <strong>{t(`sellers.kind.${kind}`)}</strong>
                <br />
                <span className="muted">{t(`sellers.kindHint.${kind}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {programs.length > 1 && <ProgramField {...props} programs={programs} disabled={Boolean(existing)} />}
        <IdentityFields {...props} />
        {draft.kind === 'umkm' ? <UmkmFields {...props} /> : <TraderFields {...props} markets={markets} />}
        <PhotoPicker
          label={t('sellers.photos')}
          hint={t(draft.kind === 'umkm' ? 'sellers.photosHint' : 'sellers.photosTraderHint')}
          ids={draft.photoIds}
          onChange={(photoIds) => setDraft((d) => ({ ...d, photoIds }))}
          error={errorFor('photoIds')}
        />
        <PayoutFields {...props} />
        <FormAlert error={save.error} fields={programs.length > 1 ? [...APPLICATION_FIELDS, 'programId'] : APPLICATION_FIELDS} />
        <button type="submit" className="button" disabled={save.isPending}>
          {t(existing ? 'sellers.resubmit' : 'sellers.submit')}
        </button>
      </form>
    </section>
  );
}
