import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { engines, freshDatabase } from '../../test/databases.ts';
import { makeTenant } from '../../test/factories.ts';
import { accountBalance, ensureAccount, postTransaction, verifyLedger } from './service.ts';

const GATEWAY = 'clearing:gateway:qris';
const SELLER = 'payable:seller:sel_1';
const COURIER = 'payable:courier:cou_1';
const FEE = 'revenue:program-fee:prg_1';

/** A tenant with the four accounts a paid delivered order touches. */
async function setUp(database: Database): Promise<Ctx> {
  const ctx: Ctx = { db: database.db, tenant: await makeTenant(database.db), actor: null, lang: 'en' };
  await ensureAccount(ctx, { code: GATEWAY, kind: 'asset', name: 'QRIS settlement' });
  await ensureAccount(ctx, { code: SELLER, kind: 'liability', name: 'Owed to Toko Bu Sri' });
  await ensureAccount(ctx, { code: COURIER, kind: 'liability', name: 'Owed to courier Pak Darto' });
  await ensureAccount(ctx, { code: FEE, kind: 'revenue', name: 'Program fee' });
  return ctx;
}

/** Rp 100.000 paid by QRIS: Rp 85.000 to the seller, Rp 10.000 delivery, Rp 5.000 program fee. */
const payment = (idempotencyKey?: string) => ({
  kind: 'buyer_payment' as const,
  reference: { type: 'payment', id: 'pay_1' },
  idempotencyKey,
  postings: [
    { accountCode: GATEWAY, amount: 100_000n },
    { accountCode: SELLER, amount: -85_000n },
    { accountCode: COURIER, amount: -10_000n },
    { accountCode: FEE, amount: -5_000n },
  ],
});

/** Asserts `promise` rejects with an AppError of `code` whose first detail is on `field`. */
async function rejectsWith(promise: Promise<unknown>, code: string, field: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.details[0]?.field, field);
    return true;
  });
}

const countTransactions = async (ctx: Ctx) =>
  (await ctx.db.selectFrom('ledger_transactions').select('id').where('tenant_id', '=', ctx.tenant.id).execute()).length;

for (const engine of engines()) {
  describe(`ledger on ${engine}`, () => {
    let database: Database;
    before(async () => {
      database = await freshDatabase(engine);
    });
    after(async () => {
      await database.close();
    });

    test('a buyer payment splits into seller, courier and program fee, and a payout settles the seller', async () => {
      const ctx = await setUp(database);
      const again = await ensureAccount(ctx, { code: SELLER, kind: 'liability', name: 'another name' });
      assert.equal(again.name, 'Owed to Toko Bu Sri', 'ensureAccount is idempotent by code');
      await rejectsWith(ensureAccount(ctx, { code: SELLER, kind: 'asset', name: 'x' }), 'conflict', 'kind');
      await rejectsWith(ensureAccount(ctx, { code: 'Not A Code', kind: 'asset', name: 'x' }), 'validation_failed', 'code');

      const paymentId = await postTransaction(ctx, payment());
      assert.match(paymentId, /^ltx_/);
      await postTransaction(ctx, {
        kind: 'payout',
        postings: [
          { accountCode: SELLER, amount: 85_000n },
          { accountCode: GATEWAY, amount: -85_000n },
        ],
      });
      assert.equal(await accountBalance(ctx, GATEWAY), 15_000n);
      assert.equal(await accountBalance(ctx, SELLER), 0n);
      assert.equal(await accountBalance(ctx, COURIER), -10_000n);
      assert.equal(await accountBalance(ctx, FEE), -5_000n);
      await rejectsWith(accountBalance(ctx, 'payable:seller:nobody'), 'not_found', 'accountCode');

      const stored = await ctx.db.selectFrom('ledger_transactions').selectAll().where('id', '=', paymentId).executeTakeFirstOrThrow();
      assert.deepEqual(
        [stored.kind, stored.reference_type, stored.reference_id, stored.created_by],
        ['buyer_payment', 'payment', 'pay_1', 'system'],
      );
      assert.deepEqual(await verifyLedger(ctx.db, ctx.tenant.id), { ok: true, transactions: 2, unbalanced: [] });
    });

    test('the service refuses unbalanced, one-sided, zero and unknown-account postings', async () => {
      const ctx = await setUp(database);
      const post = (postings: { accountCode: string; amount: bigint }[]) => postTransaction(ctx, { kind: 'refund', postings });
      await rejectsWith(
        post([
          { accountCode: GATEWAY, amount: 100n },
          { accountCode: SELLER, amount: -90n },
        ]),
        'validation_failed',
        'postings',
      );
      await rejectsWith(post([{ accountCode: GATEWAY, amount: 100n }]), 'validation_failed', 'postings');
      await rejectsWith(
        post([
          { accountCode: GATEWAY, amount: 0n },
          { accountCode: SELLER, amount: 0n },
        ]),
        'validation_failed',
        'postings.0.amount',
      );
      await rejectsWith(
        post([
          { accountCode: GATEWAY, amount: 100 as unknown as bigint },
          { accountCode: SELLER, amount: -100n },
        ]),
        'validation_failed',
        'postings.0.amount',
      );
      await rejectsWith(
        post([
          { accountCode: GATEWAY, amount: 100n },
          { accountCode: 'payable:seller:typo', amount: -100n },
        ]),
        'not_found',
        'postings.1.accountCode',
      );
      assert.equal(await countTransactions(ctx), 0);
    });

    test('the database refuses an unbalanced transaction written with plain SQL, rolling all of it back', async () => {
      const ctx = await setUp(database);
      const ids = await ctx.db.selectFrom('ledger_accounts').select(['code', 'id']).where('tenant_id', '=', ctx.tenant.id).execute();
      const id = (code: string) => ids.find((a) => a.code === code)?.id as string;
      const write = (txId: string, amounts: bigint[]) =>
        ctx.db.transaction().execute(async (trx) => {
          await sql`INSERT INTO ledger_transactions (tenant_id, id, kind, occurred_at, created_by)
                    VALUES (${ctx.tenant.id}, ${txId}, 'refund', now(), 'psql')`.execute(trx);
          for (const [i, amount] of amounts.entries()) {
            await sql`INSERT INTO ledger_postings (tenant_id, transaction_id, line, account_id, amount)
                      VALUES (${ctx.tenant.id}, ${txId}, ${i + 1}, ${id(i === 0 ? GATEWAY : SELLER)}, ${amount})`.execute(trx);
          }
        });

      await assert.rejects(write('ltx_unbalanced', [100n, -90n]), /unbalanced/);
      await assert.rejects(write('ltx_one_sided', [100n]), /unbalanced/);
      await assert.rejects(write('ltx_empty', []), /unbalanced/);
      assert.equal(await countTransactions(ctx), 0, 'the transaction row rolled back with its postings');
      await write('ltx_balanced', [100n, -100n]);
      assert.equal(await countTransactions(ctx), 1);
    });

    test('an idempotency key posts once, even when two attempts race, and refuses different postings', async () => {
      const ctx = await setUp(database);
      const [first, second] = await Promise.all([postTransaction(ctx, payment('qris:evt_1')), postTransaction(ctx, payment('qris:evt_1'))]);
      assert.equal(first, second);
      assert.equal(await postTransaction(ctx, payment('qris:evt_1')), first);
      assert.equal(await countTransactions(ctx), 1);
      assert.equal(await accountBalance(ctx, GATEWAY), 100_000n);

      const retry = payment('qris:evt_1');
      // Still balanced, but Rp 10.000 less collected and owed to the seller.
      const changed = retry.postings.map((p) =>
        p.accountCode === GATEWAY ? { ...p, amount: 90_000n } : p.accountCode === SELLER ? { ...p, amount: -75_000n } : p,
      );
      await rejectsWith(postTransaction(ctx, { ...retry, postings: changed }), 'conflict', 'idempotencyKey');
    });

    test('ledger rows cannot be updated or deleted', async () => {
      const ctx = await setUp(database);
      const txId = await postTransaction(ctx, payment());
      const t = ctx.tenant.id;
      for (const statement of [
        sql`UPDATE ledger_postings SET amount = amount * 2 WHERE tenant_id = ${t} AND transaction_id = ${txId}`,
        sql`DELETE FROM ledger_postings WHERE tenant_id = ${t} AND transaction_id = ${txId}`,
        sql`UPDATE ledger_transactions SET memo = 'x' WHERE tenant_id = ${t} AND id = ${txId}`,
        sql`DELETE FROM ledger_transactions WHERE tenant_id = ${t} AND id = ${txId}`,
        sql`UPDATE ledger_accounts SET kind = 'expense' WHERE tenant_id = ${t}`,
        sql`DELETE FROM ledger_accounts WHERE tenant_id = ${t}`,
        sql`TRUNCATE ledger_postings`,
      ]) {
        await assert.rejects(statement.execute(ctx.db), /append-only/);
      }
    });

    test('verifyLedger finds a transaction unbalanced behind the triggers’ back', async () => {
      const ctx = await setUp(database);
      const other = await setUp(database);
      await postTransaction(ctx, payment());
      const account = await ctx.db
        .selectFrom('ledger_accounts')
        .select('id')
        .where('tenant_id', '=', ctx.tenant.id)
        .where('code', '=', GATEWAY)
        .executeTakeFirstOrThrow();
      // Someone with owner rights switches the balance check off.
      await sql`ALTER TABLE ledger_postings DISABLE TRIGGER ledger_postings_balance`.execute(ctx.db);
      await sql`ALTER TABLE ledger_transactions DISABLE TRIGGER ledger_transactions_balance`.execute(ctx.db);
      try {
        await sql`INSERT INTO ledger_transactions (tenant_id, id, kind, occurred_at, created_by)
                  VALUES (${ctx.tenant.id}, 'ltx_forged', 'refund', now(), 'psql')`.execute(ctx.db);
        await sql`INSERT INTO ledger_postings (tenant_id, transaction_id, line, account_id, amount)
                  VALUES (${ctx.tenant.id}, 'ltx_forged', 1, ${account.id}, -7500)`.execute(ctx.db);
      } finally {
        await sql`ALTER TABLE ledger_postings ENABLE TRIGGER ledger_postings_balance`.execute(ctx.db);
        await sql`ALTER TABLE ledger_transactions ENABLE TRIGGER ledger_transactions_balance`.execute(ctx.db);
      }
      const found = await verifyLedger(ctx.db, ctx.tenant.id);
      assert.deepEqual(found, {
        ok: false,
        transactions: 2,
        unbalanced: [{ tenantId: ctx.tenant.id, transactionId: 'ltx_forged', sum: -7_500n, postings: 1 }],
      });
      assert.equal((await verifyLedger(ctx.db, other.tenant.id)).ok, true, 'other tenants are unaffected');
      assert.equal((await verifyLedger(ctx.db)).ok, false, 'a scan of all tenants finds it too');
    });

    test('any sequence of balanced transactions leaves the balances summing to zero', async () => {
      const ctx = await setUp(database);
      const codes = [GATEWAY, SELLER, COURIER, FEE];
      const expected = new Map(codes.map((c) => [c, 0n]));
      const posting = fc.record({
        accountCode: fc.constantFrom(...codes),
        amount: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).filter((a) => a !== 0n),
      });
      // Any non-zero postings, plus one more that balances them when they do not already.
      const balanced = fc.tuple(fc.array(posting, { minLength: 1, maxLength: 6 }), fc.constantFrom(...codes)).map(([postings, closer]) => {
        const sum = postings.reduce((s, p) => s + p.amount, 0n);
        return sum === 0n ? postings : [...postings, { accountCode: closer, amount: -sum }];
      });
      await fc.assert(
        fc.asyncProperty(balanced, async (postings) => {
          await postTransaction(ctx, { kind: 'cash_collected', postings });
          for (const p of postings) expected.set(p.accountCode, (expected.get(p.accountCode) ?? 0n) + p.amount);
          const balances = await Promise.all(codes.map((code) => accountBalance(ctx, code)));
          assert.equal(
            balances.reduce((s, b) => s + b, 0n),
            0n,
          );
          assert.deepEqual(balances, [...expected.values()]);
        }),
        { numRuns: 25 },
      );
      assert.equal((await verifyLedger(ctx.db, ctx.tenant.id)).ok, true);
    });
  });
}
