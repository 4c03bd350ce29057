import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Ctx } from '../../http/context.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeTenant } from '../../test/factories.ts';
import { makeShop, makeVariant, stockOf } from '../orders/test-fixtures.ts';
import { releaseStock, reserveStock } from './reservations.ts';

for (const engine of engines()) {
  describe(`stock reservations on ${engine}`, () => {
    let t: TestApp;
    let ctx: Ctx;
    before(async () => {
      t = await testApp(engine);
      ctx = { db: t.database.db, tenant: await makeTenant(t.database.db), actor: null, lang: 'id' };
    });
    after(() => t.close());

    test('counted stock: taken while enough is left, never below zero, given back', async () => {
      const shop = await makeShop(t.database.db, ctx.tenant.id);
      const { variantId } = await makeVariant(t.database.db, ctx.tenant.id, { ...shop, stockMode: 'counted', stockMilli: 1_000 });
      const taken = await reserveStock(ctx, variantId, 750);
      assert.equal(taken.ok && taken.variant.price, 40_000n);
      assert.deepEqual(await reserveStock(ctx, variantId, 500), { ok: false, reason: 'out_of_stock' });
      assert.deepEqual(await reserveStock(ctx, variantId, 300), { ok: false, reason: 'off_step' });
      assert.equal(await stockOf(t.database.db, variantId), 250);
      await releaseStock(ctx, variantId, 750);
      assert.equal(await stockOf(t.database.db, variantId), 1_000);
    });

    test('daily goods: fine unless sold out today; inactive or unknown variants are unavailable', async () => {
      const shop = await makeShop(t.database.db, ctx.tenant.id);
      const { variantId } = await makeVariant(t.database.db, ctx.tenant.id, shop);
      assert.equal((await reserveStock(ctx, variantId, 500)).ok, true);
      await t.database.db.updateTable('variants').set({ sold_out_on: '2999-01-01' }).where('id', '=', variantId).execute();
      assert.deepEqual(await reserveStock(ctx, variantId, 500), { ok: false, reason: 'out_of_stock' });
      await t.database.db.updateTable('variants').set({ active: false }).where('id', '=', variantId).execute();
      assert.deepEqual(await reserveStock(ctx, variantId, 500), { ok: false, reason: 'unavailable' });
      assert.deepEqual(await reserveStock(ctx, 'var_unknown', 500), { ok: false, reason: 'unavailable' });
      // Nothing to give back for daily goods, and no error.
      await releaseStock(ctx, variantId, 500);
      assert.equal(await stockOf(t.database.db, variantId), 0);
    });
  });
}
