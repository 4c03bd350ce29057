import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Ctx } from './context.ts';
import { inTransaction } from './context.ts';

/** A database whose transactions fail with the given errors first, then run. */
function flakyDb(failures: unknown[]) {
  let calls = 0;
  const db = {
    isTransaction: false,
    transaction: () => ({
      execute: async (fn: (trx: unknown) => Promise<unknown>) => {
        calls += 1;
        const failure = failures.shift();
        if (failure) throw failure;
        return fn({ isTransaction: true });
      },
    }),
  };
  return { ctx: { db, tenant: { id: 't' }, actor: null, lang: 'id' } as unknown as Ctx, calls: () => calls };
}

const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });

test('a deadlock victim runs again and succeeds', async () => {
  const { ctx, calls } = flakyDb([deadlock, deadlock]);
  assert.equal(await inTransaction(ctx, async () => 'ok'), 'ok');
  assert.equal(calls(), 3);
});

test('after three deadlocks, or on any other error, the error reaches the caller', async () => {
  const stubborn = flakyDb([deadlock, deadlock, deadlock, deadlock]);
  await assert.rejects(
    inTransaction(stubborn.ctx, async () => 'ok'),
    /deadlock/,
  );
  assert.equal(stubborn.calls(), 3);
  const unique = flakyDb([Object.assign(new Error('duplicate key'), { code: '23505' })]);
  await assert.rejects(
    inTransaction(unique.ctx, async () => 'ok'),
    /duplicate key/,
  );
  assert.equal(unique.calls(), 1);
});
