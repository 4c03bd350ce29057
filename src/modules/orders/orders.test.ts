import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Ctx, TenantRef } from '../../http/context.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeTenant } from '../../test/factories.ts';
import { makeProgram } from '../sellers/test-fixtures.ts';
import { expireUnpaidOrders } from './lifecycle.ts';
import { ADDRESS, buyerBrowser, makeShop, makeVariant, orderCounts, stockOf } from './test-fixtures.ts';

const fieldsOf = (body: { error: { details: { field: string; code: string }[] } }) =>
  Object.fromEntries(body.error.details.map((d) => [d.field, d.code]));

for (const engine of engines()) {
  describe(`cart and checkout on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      programId = await makeProgram(t.database.db, tenant.id);
      await t.database.db.updateTable('programs').set({ slug: 'jujag-jujug' }).where('id', '=', programId).execute();
    });
    after(() => t.close());

    test('bad cart lines are field-level 400s and write nothing', async () => {
      const { sellerId } = await makeShop(t.database.db, tenant.id, programId);
      const { variantId } = await makeVariant(t.database.db, tenant.id, { sellerId, programId });
      const other = await makeTenant(t.database.db);
      const otherShop = await makeShop(t.database.db, other.id);
      const foreign = await makeVariant(t.database.db, other.id, otherShop);
      const { putLine } = await buyerBrowser(t, tenant);
      const before = await orderCounts(t.database.db, tenant.id);

      const cases: [string, number, Record<string, string>][] = [
        [variantId, 300, { quantityMilli: 'quantity_not_orderable' }],
        [variantId, 125, { quantityMilli: 'quantity_not_orderable' }],
        [variantId, 250.5, { quantityMilli: 'quantity_not_whole' }],
        ['var_unknown', 250, { variantId: 'variant_unavailable' }],
        [foreign.variantId, 250, { variantId: 'variant_unavailable' }],
      ];
      for (const [id, quantity, expected] of cases) {
        const response = await putLine(id, quantity);
        assert.equal(response.statusCode, 400, `${id} ${quantity}`);
        assert.deepEqual(fieldsOf(response.json()), expected);
      }
      assert.equal((await putLine(variantId, 300)).json().error.details[0].message, 'Jumlah minimal 0,25 kg dan kelipatan 0,25 kg.');
      assert.deepEqual(await orderCounts(t.database.db, tenant.id), before);
      // A guest may fill a cart, but not order it.
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/checkout',
        headers: { host: `${tenant.slug}.localhost` },
        payload: { ...ADDRESS, fulfilment: {} },
      });
      assert.equal(anonymous.statusCode, 401);
    });

    test('checkout from two sellers: two fulfilments, exact totals, a readable number, stock taken', async () => {
      const shallots = await makeShop(t.database.db, tenant.id, programId);
      const eggs = await makeShop(t.database.db, tenant.id, programId);
      // Rp 42.500/kg x 0,25 kg = 10.625; Rp 28.333/kg x 0,75 kg = 21.249,75 -> 21.250 (rounded once per line).
      const a = await makeVariant(t.database.db, tenant.id, { ...shallots, price: 42_500 });
      const b = await makeVariant(t.database.db, tenant.id, { ...eggs, price: 28_333, stockMode: 'counted', stockMilli: 2_000 });
      const { browser, putLine } = await buyerBrowser(t, tenant);
      assert.equal((await putLine(a.variantId, 250)).statusCode, 200);
      const cart = (await putLine(b.variantId, 750)).json();
      assert.equal(cart.goodsTotal, 31_875);
      assert.deepEqual(cart.lines.map((l: { lineTotal: number; available: boolean }) => [l.lineTotal, l.available]).sort(), [
        [10_625, true],
        [21_250, true],
      ]);

      const response = await browser.post('/api/checkout', {
        ...ADDRESS,
        lat: -7.388,
        lng: 109.363,
        fulfilment: { [shallots.sellerId]: 'delivery', [eggs.sellerId]: 'pickup' },
      });
      assert.equal(response.statusCode, 201, response.body);
      const order = response.json().order;
      assert.match(order.number, /^JJG-\d{2}-\d{6}$/);
      assert.equal(order.status, 'awaiting_payment');
      // A shop with no market on the map: the tariff's base fee.
      assert.deepEqual([order.goodsTotal, order.deliveryFee, order.total], [31_875, 8_000, 39_875]);
      assert.equal(order.lines.length, 2);
      assert.deepEqual(
        order.fulfilments.map((f: { sellerId: string; method: string }) => [f.sellerId, f.method]),
        [
          [shallots.sellerId, 'delivery'],
          [eggs.sellerId, 'pickup'],
        ].sort(),
      );
      // The program's default of 60 minutes to pay.
      const minutes = (Date.parse(order.reservedUntil) - Date.parse(order.createdAt)) / 60_000;
      assert.ok(minutes > 59 && minutes < 61, String(minutes));
      assert.equal(await stockOf(t.database.db, b.variantId), 1_250);
      assert.deepEqual((await browser.get('/api/cart')).json(), { lines: [], goodsTotal: 0 });
      assert.deepEqual((await browser.get(`/api/orders/${order.id}`)).json(), { order });

      // The next order in this tenant takes the next number.
      await putLine(a.variantId, 500);
      const next = (await browser.post('/api/checkout', { ...ADDRESS, fulfilment: { [shallots.sellerId]: 'pickup' } })).json().order;
      assert.equal(Number(next.number.slice(-6)), Number(order.number.slice(-6)) + 1);
    });

    test('an out-of-stock line: 409 for that line, nothing reserved, the cart kept', async () => {
      const shop = await makeShop(t.database.db, tenant.id, programId);
      const plenty = await makeVariant(t.database.db, tenant.id, { ...shop, stockMode: 'counted', stockMilli: 5_000 });
      const scarce = await makeVariant(t.database.db, tenant.id, { ...shop, stockMode: 'counted', stockMilli: 1_000 });
      const { browser, putLine } = await buyerBrowser(t, tenant);
      await putLine(plenty.variantId, 1_000);
      await putLine(scarce.variantId, 1_500);
      const before = await orderCounts(t.database.db, tenant.id);

      const response = await browser.post('/api/checkout', { ...ADDRESS, fulfilment: { [shop.sellerId]: 'delivery' } });
      assert.equal(response.statusCode, 409);
      assert.equal(response.json().error.code, 'stock_unavailable');
      assert.deepEqual(fieldsOf(response.json()), { [`lines.${scarce.variantId}`]: 'out_of_stock' });
      assert.equal(await stockOf(t.database.db, plenty.variantId), 5_000);
      assert.equal(await stockOf(t.database.db, scarce.variantId), 1_000);
      assert.deepEqual(await orderCounts(t.database.db, tenant.id), before);

      // A missing fulfilment choice is a 400, and also leaves the stock alone.
      await putLine(scarce.variantId, 0);
      const noMethod = await browser.post('/api/checkout', { ...ADDRESS, fulfilment: {} });
      assert.deepEqual(fieldsOf(noMethod.json()), { [`fulfilment.${shop.sellerId}`]: 'required' });
      assert.equal(await stockOf(t.database.db, plenty.variantId), 5_000);
    });

    test('the last units sold show the product as out of stock; expiry gives them back', async () => {
      const shop = await makeShop(t.database.db, tenant.id, programId);
      const item = await makeVariant(t.database.db, tenant.id, {
        ...shop,
        unit: 'pcs',
        stepMilli: 1000,
        minimumMilli: 1000,
        stockMode: 'counted',
        stockMilli: 2_000,
      });
      const { user, browser, putLine } = await buyerBrowser(t, tenant);
      await putLine(item.variantId, 2_000);
      const order = (await browser.post('/api/checkout', { ...ADDRESS, fulfilment: { [shop.sellerId]: 'delivery' } })).json().order;
      const soldOut = () =>
        t.database.db.selectFrom('products').select('sold_out_until').where('id', '=', item.productId).executeTakeFirstOrThrow();
      assert.deepEqual(await soldOut(), { sold_out_until: 'infinity' });

      const ctx: Ctx = { db: t.database.db, tenant, actor: null, lang: 'id' };
      assert.equal(await expireUnpaidOrders(ctx), 0, 'not yet due');
      // Earlier tests' unpaid orders fall due too.
      assert.ok((await t.app.orderJobs.runOnce(new Date(Date.parse(order.reservedUntil) + 1000))).expired >= 1);
      assert.equal(await stockOf(t.database.db, item.variantId), 2_000);
      assert.deepEqual(await soldOut(), { sold_out_until: null });
      assert.equal((await browser.get(`/api/orders/${order.id}`)).json().order.status, 'expired');
      const events = await t.database.db
        .selectFrom('order_events')
        .select(['from_status', 'to_status', 'actor', 'reason'])
        .where('order_id', '=', order.id)
        .orderBy('created_at')
        .execute();
      assert.deepEqual(events, [
        { from_status: null, to_status: 'awaiting_payment', actor: user.id, reason: '' },
        { from_status: 'awaiting_payment', to_status: 'expired', actor: 'system', reason: 'payment_timeout' },
      ]);
      // An expired order cannot be paid any more, and expiring again finds nothing: no stock given back twice.
      const pay = await browser.post(`/api/orders/${order.id}/payments`, { method: 'qris' });
      assert.equal(pay.json().error.code, 'order_not_payable');
      assert.equal(await expireUnpaidOrders(ctx, new Date(Date.parse(order.reservedUntil) + 1000)), 0);
      assert.equal(await stockOf(t.database.db, item.variantId), 2_000);
    });

    test("another buyer's or another regency's order is not found", async () => {
      const shop = await makeShop(t.database.db, tenant.id, programId);
      const item = await makeVariant(t.database.db, tenant.id, shop);
      const owner = await buyerBrowser(t, tenant);
      await owner.putLine(item.variantId, 250);
      const order = (await owner.browser.post('/api/checkout', { ...ADDRESS, fulfilment: { [shop.sellerId]: 'pickup' } })).json().order;

      const stranger = await buyerBrowser(t, tenant);
      assert.equal((await stranger.browser.get(`/api/orders/${order.id}`)).statusCode, 404);
      assert.deepEqual((await stranger.browser.get('/api/cart')).json(), { lines: [], goodsTotal: 0 });
      const elsewhere = await makeTenant(t.database.db);
      const foreign = await buyerBrowser(t, elsewhere);
      assert.equal((await foreign.browser.get(`/api/orders/${order.id}`)).statusCode, 404);
      const empty = await foreign.browser.post('/api/checkout', { ...ADDRESS, fulfilment: {} });
      assert.equal(empty.json().error.code, 'cart_empty');
    });
  });
}
