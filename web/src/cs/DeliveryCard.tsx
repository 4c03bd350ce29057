import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, type OrderView } from '../api';
import { FormAlert, fieldError, SelectField } from '../forms';
import { useT } from '../i18n';
import { useCouriers } from '../staff/couriers';
import { jobStatusLabel, orderBadge } from '../staff/labels';
import { PhoneLinks } from '../staff/parts';
import { ConfirmStep, cardError, type Flash, useStep } from '../staff/steps';
import { Loading } from '../ui';

type Delivery = NonNullable<OrderView['delivery']>;

/** Jobs CS may hand to a courier: nobody has it yet, or its courier has not picked the goods up. */
const ASSIGNABLE = ['waiting', 'offered', 'accepted', 'shopping'];

/** Choosing a courier of the order's program by hand: those on duty first, only those whose ID was checked. */
function AssignCourier({ order, delivery, onFlash }: { order: OrderView; delivery: Delivery; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [courierId, setCourierId] = useState('');
  const couriers = useCouriers(open ? order.programId : undefined);
  const cleared = (couriers.data?.couriers ?? [])
    .filter((courier) => courier.active && courier.idChecked)
    .sort((a, b) => Number(b.available) - Number(a.available));
  const assign = useStep(
    (id: string) => api.post(`/api/cs/jobs/${encodeURIComponent(delivery.jobId)}/assign`, { courierId: id }),
    (id) => t('cs.delivery.assigned', { number: order.number, name: cleared.find((c) => c.id === id)?.name ?? '' }),
    onFlash,
  );
  const label = t(delivery.courier ? 'cs.delivery.reassign' : 'cs.delivery.assign');

  if (!open) {
    return (
      <button type="button" className={delivery.courier ? 'button button-secondary' : 'button'} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    // The first courier in the list is the one shown as chosen.
    const chosen = courierId || cleared[0]?.id;
    if (chosen) assign.mutate(chosen, { onSuccess: () => setOpen(false) });
  }
  return (
    <form className="confirm-step" onSubmit={submit} noValidate>
      {couriers.isPending ? (
        <Loading />
      ) : cleared.length === 0 ? (
        <p className="muted">{t('cs.delivery.noCouriers')}</p>
      ) : (
        <SelectField
          label={t('cs.delivery.chooseCourier')}
          value={courierId || cleared[0]?.id}
          onChange={(event) => setCourierId(event.target.value)}
          error={fieldError(assign.error, 'courierId')}
        >
          {cleared.map((courier) => (
            <option key={courier.id} value={courier.id}>
              {[courier.name, courier.vehiclePlate, courier.available ? t('cs.delivery.onDuty') : null].filter(Boolean).join(' · ')}
            </option>
          ))}
        </SelectField>
      )}
      <FormAlert error={cardError(couriers.error ?? assign.error)} fields={['courierId']} />
      <div className="row">
        <button type="submit" className="button" disabled={assign.isPending || cleared.length === 0}>
          {t('cs.delivery.assignConfirm')}
        </button>
        <button type="button" className="button button-secondary" disabled={assign.isPending} onClick={() => setOpen(false)}>
          {t('cs.neverMind')}
        </button>
      </div>
      <Link to={`/admin/kurir?program=${encodeURIComponent(order.programId)}`} className="small-link">
        {t('cs.delivery.allCouriers')}
      </Link>
    </form>
  );
}

/** The order's delivery job: where it stands, who rides it, and the steps CS takes when dispatch or the code fail. */
export function DeliveryCard({ order, canAct, onFlash }: { order: OrderView; canAct: boolean; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const delivery = order.delivery;
  const confirm = useStep(
    (reason: string) => api.post(`/api/cs/jobs/${encodeURIComponent(delivery?.jobId ?? '')}/confirm-delivered`, { reason }),
    () => t('cs.delivery.confirmed', { number: order.number }),
    onFlash,
  );
  if (!delivery) return null;

  return (
    <>
      <h2>{t('cs.delivery.title')}</h2>
      <div className="card delivery-desk">
        <div className="card-head">
          <span className={orderBadge(delivery.status)}>{jobStatusLabel(t, delivery.status)}</span>
          <span className="muted">{t(`courier.kind.${delivery.kind}`)}</span>
        </div>
        {delivery.courier ? (
          <dl className="facts">
            <dt>{t('cs.delivery.courier')}</dt>
            <dd>
              <strong>{delivery.courier.name}</strong> · <span className="code nowrap">{delivery.courier.vehiclePlate}</span>
              <br />
              <PhoneLinks phone={delivery.courier.phone} />
            </dd>
          </dl>
        ) : (
          <p className="muted">{t('cs.delivery.noCourier')}</p>
        )}
        {delivery.proofUrl && (
          <a href={delivery.proofUrl} target="_blank" rel="noopener noreferrer" className="proof-thumb">
            <img src={`${delivery.proofUrl}/thumb`} alt={t('cs.delivery.proofPhoto', { number: order.number })} />
          </a>
        )}
        {canAct && (ASSIGNABLE.includes(delivery.status) || delivery.status === 'delivering') && (
          <div className="row actions">
            {ASSIGNABLE.includes(delivery.status) && <AssignCourier order={order} delivery={delivery} onFlash={onFlash} />}
            {delivery.status === 'delivering' && (
              <ConfirmStep
                label={t('cs.delivery.confirm')}
                secondary
                question={t('cs.delivery.confirmQuestion', { number: order.number })}
                note={{
                  label: t('cs.delivery.confirmReason'),
                  hint: t('cs.delivery.confirmHint'),
                  minLength: 3,
                  suggestions: [t('cs.delivery.confirmReason.phone'), t('cs.delivery.confirmReason.whatsapp')],
                }}
                confirmLabel={t('cs.delivery.confirm')}
                pending={confirm.isPending}
                error={confirm.error}
                onConfirm={(reason) => confirm.mutate(reason)}
              />
            )}
          </div>
        )}
        <FormAlert error={cardError(confirm.error)} fields={['reason']} />
      </div>
    </>
  );
}
