import { sql } from 'kysely';
import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { writeCsv } from '../../shared/csv.ts';
import { newId } from '../../shared/ids.ts';
import { postTransaction } from '../ledger/service.ts';
import { accounts, programBank } from './accounts.ts';
import type { PayoutRunView } from './schemas.ts';
import type { PayoutMethod } from './tables.ts';

// Payout runs: what the program owes each seller and courier (their payable account in the ledger) is
// gathered into a run, exported as CSV for the bank's bulk transfer or the cash desk, and
// marked settled line by line; settling is the ledger movement out of the program's bank.

/** Owed minus already in a pending line; only payees with something left. */
function stillDue<T extends { owed: string | null; pending: string | null }>(rows: T[]) {
  return rows.map((row) => ({ ...row, due: BigInt(row.owed ?? 0) - BigInt(row.pending ?? 0) })).filter((row) => row.due > 0n);
}

/**
 * What the program's sellers and couriers are owed and not yet in an open run: the credit
 * balance of their payable account less their pending payout lines. Couriers are paid in cash
 * at the program office unless staff change a line.
 */
async function payeesDue(ctx: Ctx, programId: string) {
  const owed = sql<string>`(SELECT coalesce(-sum(p.amount), 0) FROM ledger_postings p
    WHERE p.tenant_id = a.tenant_id AND p.account_id = a.id)`.as('owed');
  const pending = (payeeType: 'seller' | 'courier', payeeId: 's.id' | 'c.user_id') =>
    sql<string>`(SELECT coalesce(sum(l.amount), 0) FROM payout_lines l WHERE l.tenant_id = a.tenant_id
      AND l.payee_type = ${payeeType} AND l.payee_id = ${sql.ref(payeeId)} AND l.status = 'pending')`.as('pending');
  const sellers = await ctx.db
    .selectFrom('sellers as s')
    .innerJoin('ledger_accounts as a', (join) =>
      join.onRef('a.tenant_id', '=', 's.tenant_id').on('a.code', '=', sql<string>`'payable:seller:' || s.id`),
    )
    .select([
      sql<'seller'>`'seller'`.as('payee_type'),
      's.id as payee_id',
      's.business_name as name',
      's.payout_method as method',
      's.payout_provider as provider',
      's.payout_account as account',
      's.payout_name as account_name',
      owed,
      pending('seller', 's.id'),
    ])
    .where('s.tenant_id', '=', ctx.tenant.id)
    .where('s.program_id', '=', programId)
    .execute();
  const couriers = await ctx.db
    .selectFrom('couriers as c')
    .innerJoin('ledger_accounts as a', (join) =>
      join.onRef('a.tenant_id', '=', 'c.tenant_id').on('a.code', '=', sql<string>`'payable:courier:' || c.user_id`),
    )
    .select([
      sql<'courier'>`'courier'`.as('payee_type'),
      'c.user_id as payee_id',
      'c.name as name',
      sql<PayoutMethod>`'cash'`.as('method'),
      sql<string | null>`null`.as('provider'),
      sql<string | null>`null`.as('account'),
      sql<string | null>`null`.as('account_name'),
      owed,
      pending('courier', 'c.user_id'),
    ])
    .where('c.tenant_id', '=', ctx.tenant.id)
    .where('c.program_id', '=', programId)
    .execute();
  return stillDue([...sellers, ...couriers]).sort((a, b) => a.name.localeCompare(b.name));
}

/** Gathers everything due to the program's sellers and couriers into a new run; 409 when nothing is due. */
export async function createPayoutRun(ctx: Ctx, programId: string): Promise<PayoutRunView> {
  const runId = await inTransaction(ctx, async (tx) => {
    // One run at a time per program, so two treasurers cannot pay the same money twice.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`payout:${tx.tenant.id}:${programId}`}))`.execute(tx.db);
    const program = await tx.db
      .selectFrom('programs')
      .select('id')
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', programId)
      .executeTakeFirst();
    if (!program) throw new AppError('not_found');
    const due = await payeesDue(tx, programId);
    if (due.length === 0) throw new AppError('payout_nothing_due');
    const id = newId('pyr');
    await tx.db
      .insertInto('payout_runs')
      .values({
        tenant_id: tx.tenant.id,
        id,
        program_id: programId,
        status: 'open',
        total: due.reduce((sum, row) => sum + row.due, 0n),
        created_by: tx.actor?.userId ?? 'system',
        settled_at: null,
      })
      .execute();
    await tx.db
      .insertInto('payout_lines')
      .values(
        due.map((row) => ({
          tenant_id: tx.tenant.id,
          run_id: id,
          payee_type: row.payee_type,
          payee_id: row.payee_id,
          payee_name: row.name,
          method: row.method,
          provider: row.provider,
          account: row.account,
          account_name: row.account_name,
          amount: row.due,
          status: 'pending' as const,
          reference: null,
          settled_by: null,
          settled_at: null,
        })),
      )
      .execute();
    return id;
  });
  return getPayoutRun(ctx, runId);
}

export async function getPayoutRun(ctx: Ctx, runId: string): Promise<PayoutRunView> {
  const run = await ctx.db
    .selectFrom('payout_runs')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run) throw new AppError('not_found');
  const lines = await ctx.db
    .selectFrom('payout_lines')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('run_id', '=', runId)
    .orderBy('payee_name')
    .execute();
  return {
    id: run.id,
    programId: run.program_id,
    status: run.status,
    total: Number(run.total),
    createdAt: run.created_at.toISOString(),
    settledAt: run.settled_at?.toISOString() ?? null,
    lines: lines.map((l) => ({
      payeeType: l.payee_type,
      payeeId: l.payee_id,
      payeeName: l.payee_name,
      method: l.method,
      provider: l.provider,
      account: l.account,
      accountName: l.account_name,
      amount: Number(l.amount),
      status: l.status,
      reference: l.reference,
      settledAt: l.settled_at?.toISOString() ?? null,
    })),
  };
}

export async function listPayoutRuns(ctx: Ctx, programId: string) {
  const runs = await ctx.db
    .selectFrom('payout_runs')
    .select(['id', 'status', 'total', 'created_at', 'settled_at'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('program_id', '=', programId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return runs.map((r) => ({
    id: r.id,
    status: r.status,
    total: Number(r.total),
    createdAt: r.created_at.toISOString(),
    settledAt: r.settled_at?.toISOString() ?? null,
  }));
}

/** The run as the bank's bulk-transfer sheet or the cash desk's list (Excel-friendly CSV). */
export function payoutCsv(run: PayoutRunView): string {
  return writeCsv([
    ['payee_type', 'payee_id', 'name', 'method', 'bank_or_wallet', 'account', 'account_name', 'amount', 'status', 'reference'],
    ...run.lines.map((l) => [
      l.payeeType,
      l.payeeId,
      l.payeeName,
      l.method,
      l.provider ?? '',
      l.account ?? '',
      l.accountName ?? '',
      String(l.amount),
      l.status,
      l.reference ?? '',
    ]),
  ]);
}

/**
 * Marks lines of a run paid (all pending ones, or one payee's), posting each payout from the
 * program's bank; the run is settled when no line is left pending.
 */
export async function settlePayouts(ctx: Ctx, input: { runId: string; payeeId?: string; reference: string }): Promise<PayoutRunView> {
  await inTransaction(ctx, async (tx) => {
    const run = await tx.db
      .selectFrom('payout_runs')
      .selectAll()
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', input.runId)
      .forUpdate()
      .executeTakeFirst();
    if (!run) throw new AppError('not_found');
    const pending = await tx.db
      .selectFrom('payout_lines')
      .selectAll()
      .where('tenant_id', '=', tx.tenant.id)
      .where('run_id', '=', run.id)
      .where('status', '=', 'pending')
      .$if(input.payeeId !== undefined, (q) => q.where('payee_id', '=', input.payeeId as string))
      .execute();
    if (pending.length === 0) throw new AppError('invalid_transition', { params: { status: 'settled', to: 'settled' } });
    const [bank] = await accounts(tx, programBank(run.program_id));
    const now = new Date();
    for (const line of pending) {
      await postTransaction(tx, {
        kind: 'payout',
        reference: { type: 'payout_run', id: run.id },
        idempotencyKey: `payout:${run.id}:${line.payee_type}:${line.payee_id}`,
        memo: `${line.payee_name} ${line.method} ${input.reference}`,
        postings: [
          { accountCode: `payable:${line.payee_type}:${line.payee_id}`, amount: line.amount },
          { accountCode: bank as string, amount: -line.amount },
        ],
      });
      await tx.db
        .updateTable('payout_lines')
        .set({ status: 'settled', reference: input.reference, settled_by: tx.actor?.userId ?? 'system', settled_at: now })
        .where('tenant_id', '=', tx.tenant.id)
        .where('run_id', '=', run.id)
        .where('payee_type', '=', line.payee_type)
        .where('payee_id', '=', line.payee_id)
        .execute();
    }
    const left = await tx.db
      .selectFrom('payout_lines')
      .select('payee_id')
      .where('tenant_id', '=', tx.tenant.id)
      .where('run_id', '=', run.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (!left) {
      await tx.db
        .updateTable('payout_runs')
        .set({ status: 'settled', settled_at: now })
        .where('tenant_id', '=', tx.tenant.id)
        .where('id', '=', run.id)
        .execute();
    }
  });
  return getPayoutRun(ctx, input.runId);
}
