import { useMutation } from '@tanstack/react-query';
import type { Courier } from '../api';
import { FormAlert, fieldError } from '../forms';
import { formatRupiah, useT } from '../i18n';
import { useDateTime } from '../staff/parts';
import { ErrorState } from '../ui';
import { useCash, useRecap, useSetMe } from './api';

/** On or off duty, one big switch; and whether the phone's location reaches the dispatcher. */
export function DutySwitch({ courier, refused }: { courier: Courier; refused: boolean }) {
  const t = useT();
  const when = useDateTime();
  const setMe = useSetMe();
  const duty = useMutation({ mutationFn: (available: boolean) => setMe({ available }) });
  const on = courier.available;
  // Staff have not checked the KTP/SIM yet, or suspended the courier: the server says which.
  const refusal = fieldError(duty.error, 'available');

  return (
    <section className={on ? 'card duty-card duty-on' : 'card duty-card'} aria-live="polite">
      <div className="duty-row">
        <div>
          <p className="duty-state">{t(on ? 'courier.onDuty' : 'courier.offDuty')}</p>
          <p className="hint">{t(on ? 'courier.onDutyHint' : 'courier.offDutyHint')}</p>
        </div>
        <button
          type="button"
          role="switch"
          className="switch"
          aria-checked={on}
          aria-label={t('courier.duty')}
          disabled={duty.isPending}
          onClick={() => duty.mutate(!on)}
        />
      </div>
      {on && (
        <p className="hint">
          {refused || !courier.locatedAt
            ? t(refused ? 'courier.locationOff' : 'courier.locating')
            : t('courier.locationShared', { time: when(courier.locatedAt) })}
        </p>
      )}
      {refusal && (
        <p className="field-error" role="alert">
          {refusal}
        </p>
      )}
      <FormAlert error={duty.error} fields={['available']} />
    </section>
  );
}

/** The cash carried from cash-on-delivery doors, and today's work. */
export function CashCard() {
  const t = useT();
  const cash = useCash();
  const recap = useRecap();
  if (cash.error) return <ErrorState error={cash.error} onRetry={() => void cash.refetch()} />;
  return (
    <section className="card cash-card" aria-live="polite">
      <p>{t('courier.cashBalance')}</p>
      <p className="amount-big money">{cash.data ? formatRupiah(cash.data.balance) : '…'}</p>
      <p className="hint">{t('courier.cashHint')}</p>
      {recap.data && (
        <>
          <h2 className="recap-title">{t('courier.today')}</h2>
          <dl className="recap">
            <div>
              <dt>{t('courier.recapDelivered')}</dt>
              <dd>{recap.data.delivered}</dd>
            </div>
            <div>
              <dt>{t('courier.recapFees')}</dt>
              <dd className="money">{formatRupiah(recap.data.fees)}</dd>
            </div>
            <div>
              <dt>{t('courier.recapCash')}</dt>
              <dd className="money">{formatRupiah(recap.data.cashCollected)}</dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
