import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { newId } from '../../shared/ids.ts';
import type { Unit } from '../../shared/quantity.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeMarket, makeTenant, uniquePhone } from '../../test/factories.ts';
import { rememberWords } from '../catalog/search-words.ts';
import { recordInbound } from '../messaging/service.ts';
import { makePayingProgram } from '../payments/test-fixtures.ts';
import { makeProgram, makeStaffBrowser } from '../sellers/test-fixtures.ts';
import { ADDRESS, buyerBrowser, makeShop, makeVariant, orderCounts, stockOf } from './test-fixtures.ts';

const fieldsOf = (body: { error: { details: { field: string; code: string }[] } }) =>
  Object.fromEntries(body.error.details.map((d) => [d.field, d.code]));

const MESSAGE = 'Assalamualaikum, mau pesan:\nbawang merah 1/2 kg\ncabe rawit 5rb\nkangkung 2 ikat\nkirim ke Jl. Mawar 5';

for (const engine of engines()) {
  describe(`orders taken from a WhatsApp chat on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;
    let cs: Awaited<ReturnType<typeof makeStaffBrowser>>;
    const markets = { near: '', far: '' };
    const items = { shallots: '', farShallots: '', chillies: '', waterSpinach: '' };
    const sellers = { shallots: '', greens: '', far: '' };

    /** A listed product with counted stock at the seller's market, findable by its words as the catalog would make it. */
    async function sell(
      sellerId: string,
      marketId: string,
      title: string,
      options: { price: number; unit?: Unit; stepMilli?: number; minimumMilli?: number },
    ) {
      const { productId, variantId } = await makeVariant(t.database.db, tenant.id, {
        sellerId,
        programId,
        title,
        stockMode: 'counted',
        stockMilli: 10_000,
        ...options,
      });
      await t.database.db.updateTable('products').set({ market_id: marketId }).where('id', '=', productId).execute();
      await rememberWords({ db: t.database.db, tenant, actor: null, lang: 'id' }, title.toLowerCase());
      return variantId;
    }

    /** The customer's message to the program's number; returns the conversation id. */
    async function customerSays(text: string, phone: string) {
      const stored = await recordInbound(t.database.db, {
        tenantId: tenant.id,
        programId,
        channel: 'simulator',
        message: {
          providerMessageId: newId('wamid'),
          phone,
          profileName: 'Bu Siti',
          sentAt: new Date(),
          kind: 'text',
          text,
          mediaId: null,
          location: null,
          replyId: null,
        },
      });
      return stored.conversationId;
    }

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      programId = await makePayingProgram(t.database.db, tenant.id);
      cs = await makeStaffBrowser(t, tenant, 'cs_agent');
      markets.near = (await makeMarket(t.database.db, tenant.id, 'Pasar Segamas')).id;
      markets.far = (await makeMarket(t.database.db, tenant.id, 'Pasar Bobotsari')).id;
      sellers.shallots = (await makeShop(t.database.db, tenant.id, programId, markets.near)).sellerId;
      sellers.greens = (await makeShop(t.database.db, tenant.id, programId, markets.near)).sellerId;
      sellers.far = (await makeShop(t.database.db, tenant.id, programId, markets.far)).sellerId;
      items.shallots = await sell(sellers.shallots, markets.near, 'Bawang merah', { price: 40_000 });
      items.farShallots = await sell(sellers.far, markets.far, 'Bawang merah', { price: 38_000 });
      items.chillies = await sell(sellers.greens, markets.near, 'Cabai rawit', { price: 80_000, stepMilli: 25, minimumMilli: 25 });
      items.waterSpinach = await sell(sellers.greens, markets.near, 'Kangkung', {
        unit: 'ikat',
        price: 3_000,
        stepMilli: 1000,
        minimumMilli: 1000,
      });
    });
    after(() => t.close());

    test('a shopping list is matched to the catalogue, at the market with most of it, with quantities in the units of sale', async () => {
      const conversation = await customerSays(MESSAGE, uniquePhone());
      const response = await cs.browser.post(`/api/cs/conversations/${conversation}/parse`, { text: MESSAGE });
      assert.equal(response.statusCode, 200, response.body);
      const parsed = response.json();
      assert.equal(parsed.marketId, markets.near);
      const summary = parsed.lines.map(
        (l: { name: string | null; matches: { variantId: string }[]; suggestedQuantityMilli: number | null }) => [
          l.name,
          l.matches.map((m) => m.variantId),
          l.suggestedQuantityMilli,
        ],
      );
      assert.deepEqual(summary, [
        // Half a kilo is 500 thousandths of a kg; the nearer market's shallots first.
        ['bawang merah', [items.shallots, items.farShallots], 500],
        // Rp 5.000 of chillies at Rp 80.000/kg is 62,5 g: 50 in steps of 25.
        ['cabe rawit', [items.chillies], 50],
        ['kangkung', [items.waterSpinach], 2000],
        [null, [], null],
      ]);
      assert.deepEqual(parsed.lines[0].matches[0], {
        variantId: items.shallots,
        productId: parsed.lines[0].matches[0].productId,
        productTitle: 'Bawang merah',
        variantName: '',
        sellerId: sellers.shallots,
        sellerName: parsed.lines[0].matches[0].sellerName,
        unit: 'kg',
        price: 40_000,
        stepMilli: 250,
        minimumMilli: 250,
      });
      assert.deepEqual(
        [parsed.lines[1].amountRupiah, parsed.lines[2].quantity, parsed.lines[2].unit, parsed.lines[3].note],
        [5000, 2, 'ikat', 'kirim ke Jl. Mawar 5'],
      );

      // The agent may pick the market; a typo still finds the shallots; 1 ons is 100 thousandths of a kg.
      const far = (
        await cs.browser.post(`/api/cs/conversations/${conversation}/parse`, { text: 'bawang merh 1 ons', marketId: markets.far })
      ).json();
      assert.deepEqual(
        [far.marketId, far.lines[0].matches.map((m: { variantId: string }) => m.variantId), far.lines[0].suggestedQuantityMilli],
        [markets.far, [items.farShallots, items.shallots], 100],
      );
      const unknown = await cs.browser.post(`/api/cs/conversations/${conversation}/parse`, { text: 'durian 1', marketId: 'mkt_unknown' });
      assert.deepEqual(fieldsOf(unknown.json()), { marketId: 'unknown_market' });
      const nothing = (await cs.browser.post(`/api/cs/conversations/${conversation}/parse`, { text: 'durian 1' })).json();
      assert.deepEqual(nothing, {
        marketId: null,
        lines: [
          {
            text: 'durian 1',
            name: 'durian',
            quantity: 1,
            unit: null,
            grams: null,
            amountRupiah: null,
            note: null,
            matches: [],
            suggestedQuantityMilli: null,
          },
        ],
      });
    });

    test('the order is the phone’s buyer’s: stock reserved, QRIS started, their web cart untouched', async () => {
      const buyer = await buyerBrowser(t, tenant);
      await buyer.putLine(items.farShallots, 1000);
      const cartBefore = (await buyer.browser.get('/api/cart')).json();
      const conversation = await customerSays(MESSAGE, buyer.user.phone);
      const stock = await stockOf(t.database.db, items.shallots);

      const response = await cs.browser.post(`/api/cs/conversations/${conversation}/orders`, {
        ...ADDRESS,
        lines: [
          { variantId: items.waterSpinach, quantityMilli: 2000 },
          { variantId: items.shallots, quantityMilli: 500 },
        ],
        fulfilment: { [sellers.shallots]: 'pickup', [sellers.greens]: 'pickup' },
        paymentMethod: 'qris',
        notes: 'Pilihkan yang segar',
      });
      assert.equal(response.statusCode, 201, response.body);
      const order = response.json().order;
      assert.deepEqual(
        [order.status, order.buyer.phone, order.goodsTotal, order.notes, order.payment.method, order.payment.status],
        ['awaiting_payment', buyer.user.phone, 26_000, 'Pilihkan yang segar', 'qris', 'pending'],
      );
      assert.ok(order.payment.qrisPayload);
      assert.equal(await stockOf(t.database.db, items.shallots), stock - 500);
      assert.deepEqual((await buyer.browser.get('/api/cart')).json(), cartBefore);
      const row = await t.database.db.selectFrom('orders').select('buyer_user_id').where('id', '=', order.id).executeTakeFirstOrThrow();
      assert.equal(row.buyer_user_id, buyer.user.id);
      const created = await t.database.db
        .selectFrom('order_events')
        .select('actor')
        .where('order_id', '=', order.id)
        .where('from_status', 'is', null)
        .executeTakeFirstOrThrow();
      assert.equal(created.actor, cs.user.id);
      // The summary and how to pay go into the same chat.
      const told = await t.database.db
        .selectFrom('messages')
        .select('body')
        .where('conversation_id', '=', conversation)
        .where('direction', '=', 'out')
        .execute();
      assert.ok(told.some((m) => m.body.includes(order.number)));
      // The buyer sees it among their orders, and the desk among the customer's.
      assert.equal((await buyer.browser.get(`/api/orders/${order.id}`)).statusCode, 200);
      const customer = (await cs.browser.get(`/api/cs/conversations/${conversation}`)).json().customer;
      assert.deepEqual(customer.orders, [
        { id: order.id, number: order.number, status: 'awaiting_payment', total: order.total, createdAt: order.createdAt },
      ]);
      assert.deepEqual(customer.addresses, [ADDRESS]);
    });

    test('a phone with no account gets one, named as in the chat', async () => {
      const phone = uniquePhone();
      const conversation = await customerSays('kangkung 1 ikat', phone);
      const response = await cs.browser.post(`/api/cs/conversations/${conversation}/orders`, {
        ...ADDRESS,
        lines: [{ variantId: items.waterSpinach, quantityMilli: 1000 }],
        fulfilment: { [sellers.greens]: 'pickup' },
        paymentMethod: 'transfer',
      });
      assert.equal(response.statusCode, 201, response.body);
      assert.deepEqual(response.json().order.buyer, { name: 'Bu Siti', phone });
      assert.equal(response.json().order.payment.method, 'transfer');
    });

    test('a line that cannot be had, or a payment that cannot be made, writes nothing', async () => {
      const phone = uniquePhone();
      const conversation = await customerSays('bawang merah 20 kg', phone);
      const otherProgram = await makeProgram(t.database.db, tenant.id);
      const elsewhere = await makeVariant(t.database.db, tenant.id, { ...(await makeShop(t.database.db, tenant.id, otherProgram)) });
      const before = { counts: await orderCounts(t.database.db, tenant.id), stock: await stockOf(t.database.db, items.shallots) };
      const order = (body: Record<string, unknown>) =>
        cs.browser.post(`/api/cs/conversations/${conversation}/orders`, {
          ...ADDRESS,
          lines: [{ variantId: items.shallots, quantityMilli: 500 }],
          fulfilment: { [sellers.shallots]: 'pickup' },
          paymentMethod: 'qris',
          ...body,
        });

      const tooMuch = await order({
        lines: [
          { variantId: items.shallots, quantityMilli: 20_000 },
          { variantId: elsewhere.variantId, quantityMilli: 250 },
        ],
      });
      assert.equal(tooMuch.statusCode, 409);
      assert.deepEqual(fieldsOf(tooMuch.json()), {
        [`lines.${items.shallots}`]: 'out_of_stock',
        [`lines.${elsewhere.variantId}`]: 'variant_unavailable',
      });
      // Cash is taken at the door by a program courier, so not for a pickup.
      const cash = await order({ paymentMethod: 'cod' });
      assert.equal(cash.statusCode, 400);
      assert.deepEqual(fieldsOf(cash.json()), { paymentMethod: 'cod_needs_delivery' });
      const twice = await order({
        lines: [
          { variantId: items.shallots, quantityMilli: 500 },
          { variantId: items.shallots, quantityMilli: 250 },
        ],
      });
      assert.deepEqual(fieldsOf(twice.json()), { lines: 'duplicate_line' });
      const outside = await order({ areaCode: '35.09.19.1006' });
      assert.deepEqual(fieldsOf(outside.json()), { areaCode: 'area_outside_regency' });

      assert.deepEqual(
        { counts: await orderCounts(t.database.db, tenant.id), stock: await stockOf(t.database.db, items.shallots) },
        before,
      );
      assert.equal(await t.database.db.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirst(), undefined);
      const { browser: stranger } = await makeStaffBrowser(t, await makeTenant(t.database.db), 'cs_agent');
      const foreign = await stranger.post(`/api/cs/conversations/${conversation}/orders`, {
        ...ADDRESS,
        lines: [{ variantId: items.shallots, quantityMilli: 500 }],
        fulfilment: { [sellers.shallots]: 'pickup' },
        paymentMethod: 'qris',
      });
      assert.equal(foreign.statusCode, 404);
    });
  });
}
