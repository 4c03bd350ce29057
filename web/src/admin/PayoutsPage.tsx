import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isApiError, type PayoutRun, type PayoutRunSummary } from '../api';
import { FormAlert } from '../forms';
import { formatRupiah, useT } from '../i18n';
import { useTenant } from '../session';
import { ProgramSelect, useChosenProgram, useDateTime } from '../staff/parts';
import { ConfirmStep, cardError, type Flash, FlashNotice, staffKey, useStep } from '../staff/steps';
import { ErrorState, Loading } from '../ui';

type PayoutLine = PayoutRun['lines'][number];

/** In the order the treasurer pays: one bulk transfer at the bank, then e-wallets, then the cash desk. */
const payoutMethods = ['bank', 'ewallet', 'cash'] as const satisfies readonly PayoutLine['method'][];

// Under the staff key, so a step that fails because someone else paid first reloads them (useStep).
const runsKey = (programId: string) => [...staffKey, 'payout-runs', programId];
const runKey = (runId: string) => [...staffKey, 'payout-run', runId];

const runBadge = (status: string) => (status === 'settled' ? 'badge' : 'badge badge-warn');
const runPath = (runId: string) => `/admin/pencairan/${encodeURIComponent(runId)}`;
const runApi = (runId: string) => `/api/admin/payout-runs/${encodeURIComponent(runId)}`;

/** /admin/pencairan: a program's payout runs, newest first, and a new run of what its sellers are owed. */
export function PayoutsPage() {
  const t = useT();
  const when = useDateTime();
  const tenant = useTenant();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { programs, program, choose } = useChosenProgram();
  const programPath = `/api/admin/programs/${encodeURIComponent(program?.id ?? '')}/payout-runs`;
  const runs = useQuery({
    queryKey: runsKey(program?.id ?? ''),
    queryFn: () => api.get<{ runs: PayoutRunSummary[] }>(programPath),
    enabled: program !== undefined,
  });
  const create = useMutation({
    mutationFn: () => api.post<{ run: PayoutRun }>(programPath),
    onSuccess: async ({ run }) => {
      queryClient.setQueryData(runKey(run.id), { run });
      await queryClient.invalidateQueries({ queryKey: runsKey(run.programId) });
      void navigate(runPath(run.id));
    },
  });
  // Nothing owed yet is an ordinary answer, not a failure: the server's words, as a plain notice.
  const nothingDue = isApiError(create.error, 409) && create.error.code === 'payout_nothing_due' ? create.error.message : null;

  if (tenant.isPending) return <Loading />;
  if (tenant.error) return <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />;
  return (
    <section>
      <h1>{t('payouts.title')}</h1>
      <p className="muted">{t('payouts.intro')}</p>
      {!program ? (
        <p className="muted">{t('home.noPrograms')}</p>
      ) : (
        <>
          <ProgramSelect
            programs={programs}
            value={program.id}
            onChange={(programId) => {
              create.reset();
              choose(programId);
            }}
          />
          <p className="hint">{t('payouts.createHint')}</p>
          <div className="row actions payout-create">
            <button type="button" className="button" disabled={create.isPending} onClick={() => create.mutate()}>
              {t('payouts.create')}
            </button>
          </div>
          {nothingDue ? (
            <p className="notice" role="status">
              {nothingDue}
            </p>
          ) : (
            <FormAlert error={create.error} fields={[]} />
          )}

          <h2>{t('payouts.history')}</h2>
          {runs.isPending ? (
            <Loading />
          ) : runs.error ? (
            <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
          ) : runs.data.runs.length === 0 ? (
            <p className="muted">{t('payouts.none')}</p>
          ) : (
            // Side by side on a desk screen, one block per run on a phone (as the CS orders table).
            <div className="desk-table-wrap">
              <table className="desk-table payout-runs">
                <thead>
                  <tr>
                    <th scope="col">{t('payouts.col.created')}</th>
                    <th scope="col">{t('payouts.col.total')}</th>
                    <th scope="col">{t('payouts.col.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.data.runs.map((run) => (
                    <tr key={run.id}>
                      <td>
                        <Link to={runPath(run.id)} className="payout-run-link">
                          {when(run.createdAt)}
                        </Link>
                      </td>
                      <td className="money">{formatRupiah(run.total)}</td>
                      <td>
                        <span className={runBadge(run.status)}>{t(`payouts.status.${run.status}`)}</span>
                        {run.settledAt && (
                          <>
                            <br />
                            <span className="muted">{t('payouts.settledAt', { time: when(run.settledAt) })}</span>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function PayoutLineCard({ runId, line, onFlash }: { runId: string; line: PayoutLine; onFlash: (flash: Flash) => void }) {
  const t = useT();
  const when = useDateTime();
  const step = useStep(
    (reference: string) => api.post<{ run: PayoutRun }>(`${runApi(runId)}/settle`, { reference, payeeId: line.payeeId }),
    () => t('payouts.donePayee', { name: line.payeeName }),
    onFlash,
  );
  const wallet = line.method === 'ewallet';
  return (
    <li className="card">
      <div className="card-head">
        <h3>
          {line.payeeName}
          {line.payeeType === 'courier' && <span className="muted"> · {t('payouts.courier')}</span>}
        </h3>
        <span className={line.status === 'settled' ? 'badge' : 'badge badge-warn'}>{t(`payouts.lineStatus.${line.status}`)}</span>
      </div>
      <p className="amount-big money">{formatRupiah(line.amount)}</p>
      {line.method === 'cash' ? (
        line.status === 'pending' && <p className="muted">{t('payouts.cashHint')}</p>
      ) : (
        <dl className="facts">
          <dt>{t(wallet ? 'payouts.wallet' : 'payouts.bank')}</dt>
          <dd>{line.provider ?? '—'}</dd>
          <dt>{t(wallet ? 'payouts.walletNumber' : 'payouts.account')}</dt>
          <dd className="code">{line.account ?? '—'}</dd>
          <dt>{t('payouts.holder')}</dt>
          <dd>{line.accountName ?? '—'}</dd>
        </dl>
      )}
      {line.status === 'settled' ? (
        <p className="muted">
          {line.settledAt && `${when(line.settledAt)} · `}
          {t('cs.referenceIs', { reference: line.reference ?? '' })}
        </p>
      ) : (
        <>
          <div className="row actions">
            <ConfirmStep
              label={t('payouts.paid')}
              question={t('payouts.paidQuestion', { amount: formatRupiah(line.amount), name: line.payeeName })}
              note={{
                label: t('payouts.reference'),
                hint: t(line.method === 'cash' ? 'payouts.cashReferenceHint' : 'payouts.referenceHint'),
                minLength: 1,
              }}
              confirmLabel={t('payouts.paidConfirm')}
              pending={step.isPending}
              error={step.error}
              onConfirm={(reference) => step.mutate(reference)}
            />
          </div>
          <FormAlert error={cardError(step.error)} fields={['reference']} />
        </>
      )}
    </li>
  );
}

/** /admin/pencairan/:runId: who gets what, grouped by how it is paid; the CSV for the bank; each payment marked made. */
export function PayoutRunPage() {
  const t = useT();
  const when = useDateTime();
  const tenant = useTenant();
  const { runId = '' } = useParams();
  const [flash, setFlash] = useState<Flash>(null);
  const query = useQuery({
    queryKey: runKey(runId),
    queryFn: () => api.get<{ run: PayoutRun }>(runApi(runId)),
  });
  const settleAll = useStep(
    (reference: string) => api.post<{ run: PayoutRun }>(`${runApi(runId)}/settle`, { reference }),
    () => t('payouts.doneAll'),
    setFlash,
  );

  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { run } = query.data;
  const program = tenant.data?.programs.find((p) => p.id === run.programId);
  const pending = run.lines.filter((line) => line.status === 'pending');
  const pendingTotal = pending.reduce((sum, line) => sum + line.amount, 0);
  return (
    <section>
      <Link to={`/admin/pencairan?program=${encodeURIComponent(run.programId)}`} className="small-link">
        {t('payouts.back')}
      </Link>
      <h1>{t('payouts.runTitle')}</h1>
      <div className="card payout-summary">
        <div className="card-head">
          <p className="amount-big money">{formatRupiah(run.total)}</p>
          <span className={runBadge(run.status)}>{t(`payouts.status.${run.status}`)}</span>
        </div>
        <p className="muted">{[program?.name, t('payouts.payees', { count: run.lines.length })].filter(Boolean).join(' · ')}</p>
        <p className="muted">{t('payouts.createdAt', { time: when(run.createdAt) })}</p>
        {run.settledAt && <p className="muted">{t('payouts.settledAt', { time: when(run.settledAt) })}</p>}
        <p className="hint">{t('payouts.csvHint')}</p>
        <div className="row actions">
          <a className="button button-secondary" href={`${runApi(run.id)}/csv`} download>
            {t('payouts.downloadCsv')}
          </a>
          {pending.length > 0 && (
            <ConfirmStep
              label={t('payouts.payAll')}
              question={t('payouts.payAllQuestion', { count: pending.length, amount: formatRupiah(pendingTotal) })}
              note={{ label: t('payouts.reference'), hint: t('payouts.payAllHint'), minLength: 1 }}
              confirmLabel={t('payouts.paidConfirm')}
              pending={settleAll.isPending}
              error={settleAll.error}
              onConfirm={(reference) => settleAll.mutate(reference)}
            />
          )}
        </div>
        <FormAlert error={cardError(settleAll.error)} fields={['reference']} />
      </div>
      <FlashNotice flash={flash} />
      {payoutMethods.map((method) => {
        const lines = run.lines.filter((line) => line.method === method);
        if (lines.length === 0) return null;
        const total = lines.reduce((sum, line) => sum + line.amount, 0);
        return (
          <div key={method}>
            <h2>{t(`payouts.method.${method}`)}</h2>
            <p className="muted">
              {t('payouts.payees', { count: lines.length })} · <span className="money">{formatRupiah(total)}</span>
            </p>
            <ul className="cards">
              {lines.map((line) => (
                <PayoutLineCard key={`${line.payeeType}:${line.payeeId}`} runId={run.id} line={line} onFlash={setFlash} />
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
