import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { makeTenant } from '../../test/factories.ts';
import { ADDRESS, buyerBrowser, makeShop, makeVariant, stockOf } from './test-fixtures.ts';

// PGlite is one connection, so its transactions never overlap: a race needs a real server.
describe('checkout never oversells under concurrent buyers (PostgreSQL)', {
  skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL: PGlite runs one transaction at a time',
}, () => {
  let t: TestApp;
  let tenant: TenantRef;

  before(async () => {
    t = await testApp('postgres');
    tenant = await makeTenant(t.database.db);
  });
  after(() => t?.close());

  test('100 buyers want 1 of the last 10 units: 10 orders, 90 conflicts, stock 0', async () => {
    const shop = await makeShop(t.database.db, tenant.id);
    const item = await makeVariant(t.database.db, tenant.id, {
      ...shop,
      unit: 'pcs',
      stepMilli: 1000,
      minimumMilli: 1000,
      stockMode: 'counted',
      stockMilli: 10_000,
    });
    const buyers = [];
    for (let i = 0; i < 100; i++) {
      const buyer = await buyerBrowser(t, tenant);
      assert.equal((await buyer.putLine(item.variantId, 1000)).statusCode, 200);
      buyers.push(buyer);
    }

    const responses = await Promise.all(
      buyers.map((b) => b.browser.post('/api/checkout', { ...ADDRESS, fulfilment: { [shop.sellerId]: 'delivery' } })),
    );
    const statuses = responses.map((r) => r.statusCode);
    assert.equal(statuses.filter((s) => s === 201).length, 10, JSON.stringify(responses.find((r) => r.statusCode >= 500)?.body));
    assert.equal(statuses.filter((s) => s === 409).length, 90);
    assert.equal(await stockOf(t.database.db, item.variantId), 0);
    const orders = await t.database.db.selectFrom('orders').select('number').where('tenant_id', '=', tenant.id).execute();
    assert.equal(orders.length, 10);
    assert.equal(new Set(orders.map((o) => o.number)).size, 10, 'order numbers are unique');
    const product = await t.database.db
      .selectFrom('products')
      .select('sold_out_until')
      .where('id', '=', item.productId)
      .executeTakeFirstOrThrow();
    assert.equal(product.sold_out_until, 'infinity');
  });
});
