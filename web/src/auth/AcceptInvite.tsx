import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { api, type Invite, type SignInResult } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { formatDateTime, formatPhone, useLang, useT } from '../i18n';
import { roleLabel } from '../labels';
import { useSignedIn, useTenant } from '../session';
import { ErrorState, Loading } from '../ui';

const MIN_PASSWORD = 10;

function InviteForm({ token, invite }: { token: string; invite: Invite }) {
  const t = useT();
  const signedIn = useSignedIn();
  // Show the invited number the way people write it; send the exact E.164
  // value back if it was left unchanged.
  const shownInvitePhone = invite.phone ? formatPhone(invite.phone) : '';
  const [name, setName] = useState('');
  const [phone, setPhone] = useState(shownInvitePhone);
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string | undefined>>({});

  const accept = useMutation({
    mutationFn: () =>
      api.post<SignInResult>(`/api/invites/${encodeURIComponent(token)}/accept`, {
        name: name.trim(),
        phone: invite.phone && phone === shownInvitePhone ? invite.phone : phone.trim(),
        password,
      }),
    onSuccess: (result) => signedIn(result, { next: null, byRole: true }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = {
      name: name.trim() ? undefined : t('form.required'),
      phone: phone.trim() ? undefined : t('form.required'),
      password: password.length >= MIN_PASSWORD ? undefined : t('invite.passwordShort'),
    };
    setClientErrors(errors);
    if (Object.values(errors).some(Boolean)) accept.reset();
    else accept.mutate();
  }

  const fields = ['name', 'phone', 'password'];
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormAlert error={accept.error} fields={fields} />
      <TextField
        label={t('field.name')}
        autoComplete="name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fieldError(accept.error, 'name', clientErrors)}
      />
      <TextField
        label={t('field.phone')}
        hint={t('field.phoneHint')}
        type="tel"
        inputMode="numeric"
        autoComplete="tel"
        name="phone"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        error={fieldError(accept.error, 'phone', clientErrors)}
      />
      <TextField
        label={t('field.password')}
        hint={t('invite.passwordHint')}
        type="password"
        autoComplete="new-password"
        name="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldError(accept.error, 'password', clientErrors)}
      />
      <button type="submit" className="button" disabled={accept.isPending}>
        {t('invite.submit')}
      </button>
    </form>
  );
}

/** /undangan/:token — a staff member accepts an invite and creates the account. */
export function AcceptInvite() {
  const t = useT();
  const { lang } = useLang();
  const token = useParams().token ?? '';
  const timeZone = useTenant().data?.tenant.timeZone;
  const invite = useQuery({
    queryKey: ['invite', token],
    queryFn: () => api.get<Invite>(`/api/invites/${encodeURIComponent(token)}`),
  });

  return (
    <section className="page narrow">
      <h1>{t('invite.title')}</h1>
      {invite.isPending ? (
        <Loading />
      ) : invite.error ? (
        <ErrorState error={invite.error} onRetry={() => void invite.refetch()} />
      ) : (
        <>
          <p>{t('invite.intro', { tenant: invite.data.tenant.name, role: roleLabel(t, invite.data.role) })}</p>
          <p className="muted">{t('invite.expires', { date: formatDateTime(invite.data.expiresAt, lang, timeZone) })}</p>
          <InviteForm token={token} invite={invite.data} />
        </>
      )}
    </section>
  );
}
