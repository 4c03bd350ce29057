import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type SignInResult } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { useT } from '../i18n';
import { useSignedIn } from '../session';

/** Staff (sellers, couriers, CS, admins, procurement) sign in with a password. */
export function StaffSignIn() {
  const t = useT();
  const [params] = useSearchParams();
  const next = params.get('next');
  const signedIn = useSignedIn();
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string | undefined>>({});

  const signIn = useMutation({
    mutationFn: () => api.post<SignInResult>('/api/auth/password', { phone: phone.trim(), password }),
    onSuccess: (result) => signedIn(result, { next, byRole: true }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = {
      phone: phone.trim() ? undefined : t('form.required'),
      password: password ? undefined : t('form.required'),
    };
    setClientErrors(errors);
    if (errors.phone || errors.password) signIn.reset();
    else signIn.mutate();
  }

  const fields = ['phone', 'password'];
  return (
    <section className="page narrow">
      <h1>{t('staff.title')}</h1>
      <p>{t('staff.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <FormAlert error={signIn.error} fields={fields} />
        <TextField
          label={t('field.phone')}
          type="tel"
          inputMode="numeric"
          autoComplete="tel"
          name="phone"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={fieldError(signIn.error, 'phone', clientErrors)}
        />
        <TextField
          label={t('field.password')}
          type="password"
          autoComplete="current-password"
          name="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(signIn.error, 'password', clientErrors)}
        />
        <button type="submit" className="button" disabled={signIn.isPending}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        <Link to={next ? `/masuk?next=${encodeURIComponent(next)}` : '/masuk'}>{t('staff.buyerLink')}</Link>
      </p>
    </section>
  );
}
