import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Courier } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { formatRupiah, useT } from '../i18n';
import { useSession, useTenant } from '../session';
import { couriersKey, useCouriers } from '../staff/couriers';
import { PhoneLinks, ProgramSelect, useChosenProgram, useDateTime } from '../staff/parts';
import { cardError, type Flash, FlashNotice, useStep } from '../staff/steps';
import { parseRupiah } from '../storefront/catalog';
import { ErrorState, Loading } from '../ui';
import { Choice } from './Choice';

const registerFields = ['name', 'phone', 'association', 'vehiclePlate', 'idChecked', 'programId'];
const emptyDraft = { name: '', phone: '', association: '', vehiclePlate: '', idChecked: false };

/** What staff record about a courier's cash float: handed out, the rest handed back, or the courier paid back. */
const floatActions = ['give', 'returned', 'reimbursed'] as const;
type FloatAction = (typeof floatActions)[number];

/** The treasurer (or the program admin) records cash given to the courier for market shopping, or squares it up. */
function FloatForm({ courier, onFlash }: { courier: Courier; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const [action, setAction] = useState<FloatAction>('give');
  const [amount, setAmount] = useState('');
  const [formatError, setFormatError] = useState<string>();
  const record = useStep(
    (input: { action: FloatAction; amount: number }) =>
      api.post(`/api/admin/couriers/${encodeURIComponent(courier.id)}/float`, {
        action: input.action === 'give' ? 'give' : 'settle',
        // Settling: cash the courier hands back is positive, cash paid back to them negative.
        amount: input.action === 'reimbursed' ? -input.amount : input.amount,
      }),
    (input) => t(`float.done.${input.action}`, { name: courier.name, amount: formatRupiah(input.amount) }),
    onFlash,
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const rupiah = parseRupiah(amount);
    setFormatError(rupiah ? undefined : t('float.amountFormat'));
    if (rupiah) record.mutate({ action, amount: rupiah }, { onSuccess: () => setAmount('') });
  }

  return (
    <details className="float-form">
      <summary>{t('float.record')}</summary>
      <form className="form" onSubmit={submit} noValidate>
        <p className="hint">{t('float.hint')}</p>
        <Choice
          legend={t('float.action')}
          name={`float-${courier.id}`}
          value={action}
          options={floatActions.map((value) => ({ value, label: t(`float.${value}`) }))}
          onChange={setAction}
        />
        <TextField
          label={t('float.amount')}
          inputMode="numeric"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          error={formatError ?? fieldError(record.error, 'amount')}
        />
        <FormAlert error={cardError(record.error)} fields={['amount']} />
        <button type="submit" className="button" disabled={record.isPending}>
          {t('float.save')}
        </button>
      </form>
    </details>
  );
}

/** One courier: who, which plate, on duty or not, when last seen; the program admin checks the ID and suspends. */
function CourierCard(props: { courier: Courier; canManage: boolean; canHandleFloat: boolean; onFlash: (flash: Flash) => void }) {
  const { courier, canManage, onFlash } = props;
  const t = useT();
  const when = useDateTime();
  const change = useStep(
    (patch: { idChecked?: boolean; active?: boolean }) => api.patch(`/api/admin/couriers/${encodeURIComponent(courier.id)}`, patch),
    () => t('couriers.changed', { name: courier.name }),
    onFlash,
  );
  // The box shows the tap at once; the list catches up when the server has it.
  const asked = change.isPending ? change.variables : undefined;
  return (
    <li className="card">
      <div className="card-head">
        <h3 className="card-title">{courier.name}</h3>
        <span className={courier.available ? 'badge' : 'badge badge-off'}>
          {t(courier.available ? 'couriers.onDuty' : 'couriers.offDuty')}
        </span>
      </div>
      <p className="badges">
        <span className={courier.idChecked ? 'badge' : 'badge badge-warn'}>
          {t(courier.idChecked ? 'couriers.idChecked' : 'couriers.idNotChecked')}
        </span>
        {!courier.active && <span className="badge badge-danger">{t('couriers.inactive')}</span>}
      </p>
      <PhoneLinks phone={courier.phone} />
      <dl className="facts">
        <dt>{t('couriers.plate')}</dt>
        <dd className="code">{courier.vehiclePlate}</dd>
        {courier.association && (
          <>
            <dt>{t('couriers.association')}</dt>
            <dd>{courier.association}</dd>
          </>
        )}
        <dt>{t('couriers.lastPosition')}</dt>
        <dd>{courier.locatedAt ? when(courier.locatedAt) : t('couriers.never')}</dd>
        <dt>{t('couriers.lastJob')}</dt>
        <dd>{courier.lastJobAt ? when(courier.lastJobAt) : t('couriers.never')}</dd>
        <dt>{t('float.balance')}</dt>
        <dd className="money float-balance">
          {courier.float < 0 ? t('float.owed', { amount: formatRupiah(-courier.float) }) : formatRupiah(courier.float)}
        </dd>
      </dl>
      {canManage && (
        <fieldset className="choice" disabled={change.isPending}>
          <label className="check">
            <input
              type="checkbox"
              checked={asked?.idChecked ?? courier.idChecked}
              onChange={(event) => change.mutate({ idChecked: event.target.checked })}
            />
            <span>{t('couriers.idChecked')}</span>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={asked?.active ?? courier.active}
              onChange={(event) => change.mutate({ active: event.target.checked })}
            />
            <span>{t('couriers.active')}</span>
          </label>
        </fieldset>
      )}
      <FormAlert error={cardError(change.error)} fields={[]} />
      {props.canHandleFloat && <FloatForm courier={courier} onFlash={onFlash} />}
    </li>
  );
}

/** Staff register a courier in front of them, with the KTP and SIM in hand. */
function RegisterForm({ programId, programName, onFlash }: { programId: string; programName: string; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(emptyDraft);
  const register = useMutation({
    mutationFn: (body: typeof emptyDraft) => api.post<{ courier: Courier }>('/api/admin/couriers', { ...body, programId }),
    onMutate: () => onFlash(null),
    onSuccess: async ({ courier }) => {
      await queryClient.invalidateQueries({ queryKey: couriersKey(programId) });
      setDraft(emptyDraft);
      onFlash({ ok: true, text: t('couriers.registered', { name: courier.name, program: programName }) });
    },
  });
  const set = (key: 'name' | 'phone' | 'association' | 'vehiclePlate') => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: event.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    register.mutate({ ...draft, name: draft.name.trim(), association: draft.association.trim() });
  }

  const errorFor = (field: string) => fieldError(register.error, field);
  return (
    <form className="form card" onSubmit={submit} noValidate>
      <h2 className="card-title">{t('couriers.register')}</h2>
      <TextField label={t('couriers.name')} autoComplete="off" value={draft.name} onChange={set('name')} error={errorFor('name')} />
      <TextField
        label={t('couriers.phone')}
        hint={t('couriers.phoneHint')}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        value={draft.phone}
        onChange={set('phone')}
        error={errorFor('phone')}
      />
      <TextField
        label={t('couriers.plate')}
        hint={t('couriers.plateHint')}
        autoCapitalize="characters"
        autoComplete="off"
        value={draft.vehiclePlate}
        onChange={set('vehiclePlate')}
        error={errorFor('vehiclePlate')}
      />
      <TextField
        label={t('couriers.association')}
        hint={t('couriers.associationHint')}
        value={draft.association}
        onChange={set('association')}
        error={errorFor('association')}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={draft.idChecked}
          onChange={(event) => setDraft((d) => ({ ...d, idChecked: event.target.checked }))}
        />
        <span>
          {t('couriers.idChecked')}
          <br />
          <span className="hint">{t('couriers.idCheckedHint')}</span>
        </span>
      </label>
      <FormAlert error={register.error} fields={registerFields} />
      <button type="submit" className="button" disabled={register.isPending}>
        {register.isPending ? t('couriers.saving') : t('couriers.register')}
      </button>
    </form>
  );
}

/**
 * /admin/kurir: a program's couriers; the program admin registers them and checks their ID, CS
 * looks them up, the treasurer hands out and settles their cash floats.
 */
export function CouriersPage() {
  const t = useT();
  const tenant = useTenant();
  const roles = useSession().data?.roles ?? [];
  const [flash, setFlash] = useState<Flash>(null);
  const { programs, program, choose } = useChosenProgram();
  const couriers = useCouriers(program?.id);
  // The server lets only program admins change couriers, and treasurers too handle their cash floats.
  const canManage = roles.some((role) => role === 'program_admin' || role === 'platform_admin');
  const canHandleFloat = canManage || roles.includes('treasurer');

  if (tenant.isPending) return <Loading />;
  if (tenant.error) return <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />;
  return (
    <section>
      <h1>{t('couriers.title')}</h1>
      <p className="muted">{t('couriers.intro')}</p>
      {!canManage && (
        <p className="notice" role="status">
          {t('couriers.readOnly')}
        </p>
      )}
      {!program ? (
        <p className="muted">{t('home.noPrograms')}</p>
      ) : (
        <>
          <ProgramSelect
            programs={programs}
            value={program.id}
            onChange={(programId) => {
              setFlash(null);
              choose(programId);
            }}
          />
          <FlashNotice flash={flash} />
          {couriers.isPending ? (
            <Loading />
          ) : couriers.error ? (
            <ErrorState error={couriers.error} onRetry={() => void couriers.refetch()} />
          ) : couriers.data.couriers.length === 0 ? (
            <p className="muted">{t('couriers.none')}</p>
          ) : (
            <ul className="cards">
              {couriers.data.couriers.map((courier) => (
                <CourierCard key={courier.id} courier={courier} canManage={canManage} canHandleFloat={canHandleFloat} onFlash={setFlash} />
              ))}
            </ul>
          )}
          {canManage && <RegisterForm key={program.id} programId={program.id} programName={program.name} onFlash={setFlash} />}
        </>
      )}
    </section>
  );
}
