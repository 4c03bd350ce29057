import { useMutation } from '@tanstack/react-query';
import type { Courier } from '../api';
import { FormAlert, fieldError } from '../forms';
import { formatRupiah, useT } from '../i18n';
import { useDateTime } from '../staff/parts';
import { ErrorState } from '../ui';
import { useCash, useRecap, useSetMe } from './api';
import { rupiahInText } from './format';

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

/** The program's cash float in hand for paying stalls; below zero the courier paid from their own pocket. */
function FloatInHand({ float }: { float: number }) {
  const t = useT();
  const owed = float < 0;
  return (
    <div className={owed ? 'float float-owed' : 'float'}>
      <p>{owed ? t('courier.floatOwed', { amount: rupiahInText(-float) }) : t('courier.float')}</p>
      {!owed && <p className="amount money">{formatRupiah(float)}</p>}
      <p className="hint">{t(owed ? 'courier.floatOwedHint' : 'courier.floatHint')}</p>
    </div>
  );
}

/** The cash carried from cash-on-delivery doors, the float for the stalls, and today's work. */
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
          <FloatInHand float={recap.data.float} />
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
