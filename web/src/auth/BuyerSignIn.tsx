import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type CodeRequestResult, type SignInResult } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { formatPhone, useT } from '../i18n';
import { useSignedIn, useTenant } from '../session';

/** A code was sent to `phone` (E.164); times are epoch milliseconds. */
type PendingCode = { phone: string; resendAt: number; expiresAt: number };

// Kept in sessionStorage so the code step survives a trip to the demo inbox
// or to the messaging app on a phone (the page may be reloaded meanwhile).
const STORAGE_KEY = 'lp.signin';

function loadPending(): PendingCode | null {
  try {
    const pending = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as PendingCode | null;
    return pending && pending.expiresAt > Date.now() ? pending : null;
  } catch {
    return null;
  }
}

function savePending(pending: PendingCode | null) {
  try {
    if (pending) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(pending));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage blocked: the flow still works until the page is left
  }
}

function toPending(result: CodeRequestResult): PendingCode {
  const now = Date.now();
  return {
    phone: result.phone,
    resendAt: now + result.resendAfterSeconds * 1000,
    expiresAt: now + result.expiresInSeconds * 1000,
  };
}

const requestCode = (phone: string) => api.post<CodeRequestResult>('/api/auth/code/request', { phone });

function PhoneStep({ initialPhone, onSent }: { initialPhone: string; onSent: (pending: PendingCode) => void }) {
  const t = useT();
  const [phone, setPhone] = useState(initialPhone);
  const [missing, setMissing] = useState(false);
  const send = useMutation({ mutationFn: () => requestCode(phone.trim()), onSuccess: (r) => onSent(toPending(r)) });

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!phone.trim());
    if (phone.trim()) send.mutate();
    else send.reset();
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>{t('signIn.intro')}</p>
      <FormAlert error={send.error} fields={['phone']} />
      <TextField
        label={t('field.phone')}
        hint={t('field.phoneHint')}
        type="tel"
        inputMode="numeric"
        autoComplete="tel"
        name="phone"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        error={fieldError(send.error, 'phone', { phone: missing ? t('form.required') : undefined })}
      />
      <button type="submit" className="button" disabled={send.isPending}>
        {t('signIn.sendCode')}
      </button>
    </form>
  );
}

function CodeStep(props: { pending: PendingCode; next: string | null; onResent: (p: PendingCode) => void; onChangePhone: () => void }) {
  const { pending, next, onResent, onChangePhone } = props;
  const t = useT();
  const signedIn = useSignedIn();
  const [code, setCode] = useState('');
  const [badFormat, setBadFormat] = useState(false);
  const [now, setNow] = useState(Date.now);
  const secondsLeft = Math.max(0, Math.ceil((pending.resendAt - now) / 1000));

  const locked = secondsLeft > 0;

  // Tick once a second only while the resend button is still locked.
  useEffect(() => {
    if (!locked) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [locked]);

  const verify = useMutation({
    mutationFn: () => api.post<SignInResult>('/api/auth/code/verify', { phone: pending.phone, code }),
    onSuccess: (result) => {
      savePending(null);
      signedIn(result, { next, byRole: false });
    },
  });
  const resend = useMutation({
    mutationFn: () => requestCode(pending.phone),
    onSuccess: (result) => {
      verify.reset();
      setNow(Date.now());
      onResent(toPending(result));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const ok = /^\d{6}$/.test(code);
    setBadFormat(!ok);
    if (ok) verify.mutate();
    else verify.reset();
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="notice notice-ok" role="status">
        {t('signIn.codeSent', { phone: formatPhone(pending.phone) })}
      </p>
      <FormAlert error={verify.error ?? resend.error} fields={['code']} />
      <TextField
        label={t('field.code')}
        hint={t('field.codeHint')}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={6}
        name="code"
        className="code-input"
        autoFocus
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
        error={fieldError(verify.error, 'code', { code: badFormat ? t('signIn.codeFormat') : undefined })}
      />
      <button type="submit" className="button" disabled={verify.isPending}>
        {t('signIn.submit')}
      </button>
      <div className="row">
        <button type="button" className="button button-secondary" disabled={locked || resend.isPending} onClick={() => resend.mutate()}>
          {locked ? t('signIn.resendIn', { seconds: secondsLeft }) : t('signIn.resend')}
        </button>
        <button type="button" className="button button-secondary" onClick={onChangePhone}>
          {t('signIn.changePhone')}
        </button>
      </div>
    </form>
  );
}

/** Buyers sign in with a one-time code sent to their phone. */
export function BuyerSignIn() {
  const t = useT();
  const [params] = useSearchParams();
  const next = params.get('next');
  const tenant = useTenant();
  const [pending, setPendingState] = useState<PendingCode | null>(loadPending);
  const [lastPhone, setLastPhone] = useState('');

  const setPending = (value: PendingCode | null) => {
    savePending(value);
    setPendingState(value);
  };

  return (
    <section className="page narrow">
      <h1>{t('signIn.title')}</h1>
      {pending ? (
        <CodeStep
          pending={pending}
          next={next}
          onResent={setPending}
          onChangePhone={() => {
            setLastPhone(formatPhone(pending.phone));
            setPending(null);
          }}
        />
      ) : (
        <PhoneStep initialPhone={lastPhone} onSent={setPending} />
      )}
      {tenant.data?.demo && (
        <p>
          <Link to="/dev/kotak-masuk">{t('signIn.demoInbox')}</Link>
        </p>
      )}
      <p>
        <Link to={next ? `/masuk/staf?next=${encodeURIComponent(next)}` : '/masuk/staf'}>{t('signIn.staffLink')}</Link>
      </p>
    </section>
  );
}
