import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { actorLabel, type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, type FieldIssue, fieldError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { ACCOUNT_KINDS, type AccountKind, TRANSACTION_KINDS, type TransactionKind } from './tables.ts';

export interface Account {
  id: string;
  code: string;
  kind: AccountKind;
  name: string;
}

/** `<what>:<whose>[:<id>]` in lowercase, e.g. `payable:seller:sel_5q8k…`, `clearing:gateway:midtrans`, `refund:buyer`. */
const ACCOUNT_CODE = /^[a-z][a-z-]*(:[a-z0-9][a-z0-9_.-]*)+$/;

/** Returns the tenant's account with this code, creating it the first time. */
export async function ensureAccount(ctx: Ctx, input: { code: string; kind: AccountKind; name: string }): Promise<Account> {
  if (!ACCOUNT_CODE.test(input.code)) throw fieldError('code', 'invalid_format', { code: input.code });
  if (!ACCOUNT_KINDS.includes(input.kind)) throw fieldError('kind', 'invalid_value', { kind: input.kind });
  await ctx.db
    .insertInto('ledger_accounts')
    .values({ tenant_id: ctx.tenant.id, id: newId('acc'), code: input.code, kind: input.kind, name: input.name })
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .execute();
  const account = await ctx.db
    .selectFrom('ledger_accounts')
    .select(['id', 'code', 'kind', 'name'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('code', '=', input.code)
    .executeTakeFirstOrThrow();
  // The same code meaning a different kind of account is a bug in the caller, not a no-op.
  if (account.kind !== input.kind)
    throw new AppError('conflict', { details: [{ field: 'kind', code: 'invalid_value', params: { kind: account.kind } }] });
  return account;
}

export interface PostingInput {
  accountCode: string;
  /** Integer rupiah: positive = debit, negative = credit. */
  amount: bigint;
}

export interface TransactionInput {
  kind: TransactionKind;
  reference?: { type: string; id: string };
  /** Posting again with the same key returns the first transaction instead of posting twice. */
  idempotencyKey?: string;
  memo?: string;
  occurredAt?: Date;
  postings: PostingInput[];
}

/** Refuses anything but two or more non-zero whole-rupiah postings that sum to zero. */
function checkBalanced(input: TransactionInput): void {
  if (!TRANSACTION_KINDS.includes(input.kind)) throw fieldError('kind', 'invalid_value', { kind: input.kind });
  if (input.postings.length < 2) throw fieldError('postings', 'too_small', { minimum: 2 });
  const issues: FieldIssue[] = [];
  input.postings.forEach((p, i) => {
    if (typeof p.amount !== 'bigint') issues.push({ field: `postings.${i}.amount`, code: 'invalid_type' });
    else if (p.amount === 0n) issues.push({ field: `postings.${i}.amount`, code: 'invalid_value', params: { amount: '0' } });
  });
  if (issues.length) throw new AppError('validation_failed', { details: issues });
  const sum = input.postings.reduce((total, p) => total + p.amount, 0n);
  if (sum !== 0n) throw fieldError('postings', 'ledger_unbalanced', { sum: sum.toString() });
}

/** The stored postings of a transaction as [accountCode, amount] lines, for comparing a retry. */
async function postingLines(db: Executor, tenantId: string, transactionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('ledger_postings as p')
    .innerJoin('ledger_accounts as a', (join) => join.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.id', '=', 'p.account_id'))
    .select(['a.code', 'p.amount'])
    .where('p.tenant_id', '=', tenantId)
    .where('p.transaction_id', '=', transactionId)
    .orderBy('p.line')
    .execute();
  return rows.map((r) => `${r.code} ${r.amount}`);
}

/**
 * Writes one balanced transaction and returns its id. Accounts must exist (see ensureAccount):
 * a misspelt code is an error, never a new account.
 */
export async function postTransaction(ctx: Ctx, input: TransactionInput): Promise<string> {
  checkBalanced(input);
  return inTransaction(ctx, async ({ db }) => {
    const tenantId = ctx.tenant.id;
    if (input.idempotencyKey) {
      // Serialise attempts with the same key, so a concurrent retry sees the first one committed.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`ledger:${tenantId}:${input.idempotencyKey}`}))`.execute(db);
      const existing = await db
        .selectFrom('ledger_transactions')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('idempotency_key', '=', input.idempotencyKey)
        .executeTakeFirst();
      if (existing) {
        const wanted = input.postings.map((p) => `${p.accountCode} ${p.amount}`);
        const stored = await postingLines(db, tenantId, existing.id);
        if (wanted.join('\n') !== stored.join('\n')) {
          throw new AppError('conflict', {
            details: [{ field: 'idempotencyKey', code: 'invalid_value', params: { transactionId: existing.id } }],
          });
        }
        return existing.id;
      }
    }

    const codes = [...new Set(input.postings.map((p) => p.accountCode))];
    const accounts = await db
      .selectFrom('ledger_accounts')
      .select(['id', 'code'])
      .where('tenant_id', '=', tenantId)
      .where('code', 'in', codes)
      .execute();
    const idByCode = new Map(accounts.map((a) => [a.code, a.id]));
    const missing = input.postings.flatMap((p, i) =>
      idByCode.has(p.accountCode)
        ? []
        : [{ field: `postings.${i}.accountCode`, code: 'invalid_value' as const, params: { code: p.accountCode } }],
    );
    if (missing.length) throw new AppError('not_found', { details: missing });

    const id = newId('ltx');
    await db
      .insertInto('ledger_transactions')
      .values({
        tenant_id: tenantId,
        id,
        kind: input.kind,
        reference_type: input.reference?.type ?? null,
        reference_id: input.reference?.id ?? null,
        idempotency_key: input.idempotencyKey ?? null,
        memo: input.memo ?? '',
        occurred_at: input.occurredAt ?? new Date(),
        created_by: actorLabel(ctx),
      })
      .execute();
    await db
      .insertInto('ledger_postings')
      .values(
        input.postings.map((p, i) => ({
          tenant_id: tenantId,
          transaction_id: id,
          line: i + 1,
          account_id: idByCode.get(p.accountCode) as string,
          amount: p.amount,
        })),
      )
      .execute();
    return id;
  });
}

/** Sum of the account's postings: debits minus credits, in rupiah. */
export async function accountBalance(ctx: Ctx, accountCode: string): Promise<bigint> {
  const row = await ctx.db
    .selectFrom('ledger_accounts as a')
    .leftJoin('ledger_postings as p', (join) => join.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.account_id', '=', 'a.id'))
    .select(sql<bigint>`coalesce(sum(p.amount), 0)::bigint`.as('balance'))
    .where('a.tenant_id', '=', ctx.tenant.id)
    .where('a.code', '=', accountCode)
    .groupBy('a.id')
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', { details: [{ field: 'accountCode', code: 'invalid_value', params: { code: accountCode } }] });
  return row.balance;
}

export interface LedgerVerification {
  ok: boolean;
  transactions: number;
  /** Transactions whose postings do not sum to zero or that have fewer than two postings. */
  unbalanced: { tenantId: string; transactionId: string; sum: bigint; postings: number }[];
}

/**
 * Scans the journal for unbalanced transactions, of one tenant or all. The commit-time trigger
 * makes this impossible through normal writes; this catches a disabled trigger or a restored dump.
 */
export async function verifyLedger(db: Executor, tenantId?: string): Promise<LedgerVerification> {
  const counted = await db
    .selectFrom('ledger_transactions')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .$if(tenantId !== undefined, (q) => q.where('tenant_id', '=', tenantId as string))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('ledger_transactions as t')
    .leftJoin('ledger_postings as p', (join) => join.onRef('p.tenant_id', '=', 't.tenant_id').onRef('p.transaction_id', '=', 't.id'))
    .select(['t.tenant_id', 't.id', sql<bigint>`coalesce(sum(p.amount), 0)::bigint`.as('sum'), sql<bigint>`count(p.line)`.as('postings')])
    .$if(tenantId !== undefined, (q) => q.where('t.tenant_id', '=', tenantId as string))
    .groupBy(['t.tenant_id', 't.id'])
    .having(sql<boolean>`coalesce(sum(p.amount), 0) <> 0 OR count(p.line) < 2`)
    .orderBy('t.tenant_id')
    .orderBy('t.id')
    .execute();
  const unbalanced = rows.map((r) => ({ tenantId: r.tenant_id, transactionId: r.id, sum: r.sum, postings: Number(r.postings) }));
  return { ok: unbalanced.length === 0, transactions: Number(counted.n), unbalanced };
}
