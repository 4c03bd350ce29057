import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { addDays, todayIn } from '../../shared/dates.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeMarket, makeTenant, rowCounts } from '../../test/factories.ts';
import { accountBalance, verifyLedger } from '../ledger/service.ts';
import { makeCourier, makePayingProgram, makeSellingShop, orderFrom, systemCtx, takeJob } from '../payments/test-fixtures.ts';
import { chargedLine, labelsFor } from '../receipts/labels.ts';
import { loadReceipt } from '../receipts/load.ts';
import { makeStaffBrowser, queuedTexts } from '../sellers/test-fixtures.ts';

async function expectStatus(response: { statusCode: number; body: string }, status: number, code?: string) {
  assert.equal(response.statusCode, status, response.body);
  if (code) {
    const error = JSON.parse(response.body).error;
    assert.equal(error.details?.[0]?.code ?? error.code, code, response.body);
  }
}

const byTitle = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

/** Jasa belanja of these programs' market trips. */
const SHOPPING_FEE = 2_000;

const TITIP = [{ text: 'Kelapa parut 1 butir, yang tua', estimate: 10_000, cap: 15_000 }];

for (const engine of engines()) {
  describe(`market trips on ${engine}: titip lines, substitutes, the cash float, market days`, () => {
    let t: TestApp;
    let tenant: TenantRef;

    /** Two stalls of one market (0,5 kg at Rp 40.000/kg each: Rp 20.000 a line), a courier on duty. */
    async function market(options: { titip?: boolean } = {}) {
      const programId = await makePayingProgram(t.database.db, tenant.id, 0);
      await t.database.db
        .updateTable('programs')
        .set({ titip_enabled: options.titip ?? true, titip_max_cap: 50_000, shopping_fee: SHOPPING_FEE })
        .where('id', '=', programId)
        .execute();
      const marketId = (await makeMarket(t.database.db, tenant.id)).id;
      await t.database.db.updateTable('markets').set({ lat: -7.3886, lng: 109.3634 }).where('id', '=', marketId).execute();
      const shops = [
        await makeSellingShop(t, tenant, programId, 40_000, marketId),
        await makeSellingShop(t, tenant, programId, 40_000, marketId),
      ];
      return { programId, marketId, shops };
    }

    /** An order from both stalls with a titip line, paid by QRIS (or cash on delivery), taken by a courier. */
    async function startTrip(method: 'qris' | 'cod') {
      const { programId, shops } = await market();
      const courier = await makeCourier(t, tenant, programId);
      const placed = await orderFrom(t, tenant, shops, 'delivery', { requests: TITIP });
      const payment = (await placed.browser.post(`/api/orders/${placed.order.id}/payments`, { method })).json().order.payment;
      const cs = (await makeStaffBrowser(t, tenant, 'cs_agent')).browser;
      if (method === 'qris') await cs.post(`/api/cs/payments/${payment.id}/confirm`, { reference: 'QRIS' });
      const job = await takeJob(t, tenant, courier, placed.order.id);
      const post = (path: string, body: Record<string, unknown> = {}) => courier.browser.post(`/api/courier/jobs/${job.id}/${path}`, body);
      return { ...placed, programId, shops, courier, job, post };
    }

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
    });
    after(() => t.close());

    test('admins set delivery rules and market days; bad input is a field-level 400 that changes nothing', async () => {
      const { programId, marketId } = await market();
      const admin = (await makeStaffBrowser(t, tenant, 'program_admin')).browser;
      const url = `/api/admin/programs/${programId}/delivery-settings`;
      const current = (await admin.get(url)).json().settings;
      assert.deepEqual([current.titipEnabled, current.titipMaxCap, current.tariff.kind], [true, 50_000, 'bands']);
      const bad = await admin.put(url, { ...current, tariff: { ...current.tariff, roadFactor: 0.5 }, courierOfferSeconds: 5 });
      await expectStatus(bad, 400);
      assert.deepEqual(
        bad
          .json()
          .error.details.map((d: { field: string }) => d.field)
          .sort(),
        ['courierOfferSeconds', 'tariff.roadFactor'],
      );
      assert.deepEqual((await admin.get(url)).json().settings, current);
      const changed = { ...current, titipEnabled: false, reweighToleranceBp: 500, tariff: { ...current.tariff, baseFee: 9000 } };
      const saved = await admin.put(url, changed);
      await expectStatus(saved, 200);
      assert.deepEqual(saved.json().settings, changed);
      const cs = (await makeStaffBrowser(t, tenant, 'cs_agent')).browser;
      await expectStatus(await cs.put(url, changed), 403);

      const days = await admin.patch(`/api/admin/markets/${marketId}`, { marketDays: '531', orderCutoff: '09:30' });
      await expectStatus(days, 200);
      assert.deepEqual([days.json().market.marketDays, days.json().market.orderCutoff], ['135', '09:30']);
      const wrong = await admin.patch(`/api/admin/markets/${marketId}`, { marketDays: '8', orderCutoff: '9.30' });
      await expectStatus(wrong, 400);
      assert.deepEqual(
        wrong.json().error.details.map((d: { field: string; code: string }) => [d.field, d.code]),
        [
          ['marketDays', 'invalid_market_days'],
          ['orderCutoff', 'invalid_time'],
        ],
      );
    });

    test('checkout: titip lines only when the program takes them, on a one-market trip, under the cap', async () => {
      const { shops } = await market({ titip: false });
      const refused = await orderFrom(t, tenant, shops, 'delivery', { requests: TITIP }).catch((e: Error) => e.message);
      assert.match(String(refused), /titip_disabled/);

      const open = await market();
      for (const [requests, code] of [
        [[{ text: 'Kelapa', estimate: 10_000, cap: 8_000 }], 'cap_below_estimate'],
        [[{ text: 'Kelapa', estimate: 10_000, cap: 60_000 }], 'titip_over_max'],
      ] as const) {
        const answer = await orderFrom(t, tenant, open.shops, 'delivery', { requests }).catch((e: Error) => e.message);
        assert.match(String(answer), new RegExp(code));
      }
      // Picked up from the stalls by the buyer: no market trip for a shopper to buy it on.
      const pickup = await orderFrom(t, tenant, open.shops, 'pickup', { requests: TITIP }).catch((e: Error) => e.message);
      assert.match(String(pickup), /titip_needs_market_trip/);

      const placed = await orderFrom(t, tenant, open.shops, 'delivery', { requests: TITIP });
      const order = (await placed.browser.get(`/api/orders/${placed.order.id}`)).json().order;
      // Two lines of Rp 20.000, and the titip cap the buyer allows; a market trip adds the shopping fee.
      assert.equal(order.goodsTotal, 55_000);
      assert.equal(order.shoppingFee, SHOPPING_FEE);
      assert.equal(order.total, 55_000 + order.deliveryFee + SHOPPING_FEE);
      const titip = order.lines.find((l: { kind: string }) => l.kind === 'request');
      assert.deepEqual([titip.productTitle, titip.estimate, titip.lineTotal, titip.sellerId], [TITIP[0]?.text, 10_000, 15_000, null]);
    });

    test('a paid trip: a substitute the buyer approves, a titip line under the cap, stalls paid from the float', async () => {
      const trip = await startTrip('qris');
      const treasurer = (await makeStaffBrowser(t, tenant, 'treasurer')).browser;
      const given = await treasurer.post(`/api/admin/couriers/${trip.courier.id}/float`, { action: 'give', amount: 100_000 });
      await expectStatus(given, 200);
      assert.equal(given.json().courier.float, 100_000);

      // Stall 1 had no shallots; the shopper offers red onions instead at Rp 18.000. Always the buyer's call.
      await expectStatus(await trip.post('lines/0', { quantityMilli: 500, unitPrice: 36_000, substitute: 'Bawang bombay' }), 204);
      // Stall 2 weighed 0,49 kg (within tolerance).
      await expectStatus(await trip.post('lines/1', { quantityMilli: 490 }), 204);
      // The titip line: over the cap is refused (the order is paid), Rp 12.000 applies.
      await expectStatus(await trip.post('lines/2', { quantityMilli: 1000, unitPrice: 16_000 }), 400, 'reweigh_over_cap');
      await expectStatus(await trip.post('advance', { to: 'picked_up' }), 409, 'reweigh_pending');
      await expectStatus(await trip.post('lines/2', { quantityMilli: 1000, unitPrice: 12_000 }), 204);

      let order = (await trip.browser.get(`/api/orders/${trip.order.id}`)).json().order;
      assert.deepEqual(
        order.lines.map((l: { reweighStatus: string; proposedName: string | null; proposedLineTotal: number | null }) => [
          l.reweighStatus,
          l.proposedName,
          l.proposedLineTotal,
        ]),
        [
          ['asked', 'Bawang bombay', 18_000],
          ['adjusted', null, null],
          ['adjusted', null, null],
        ],
      );
      assert.ok((await queuedTexts(t.database.db, tenant.id, order.buyer.phone)).some((m) => m.includes('pengganti Bawang bombay')));
      await expectStatus(await trip.browser.post(`/api/orders/${trip.order.id}/lines/0/decision`, { accept: true }), 200);

      // Paying a stall more than its lines cost is refused and changes nothing.
      const [first, second] = order.lines.map((l: { sellerId: string | null }) => l.sellerId);
      const before = await rowCounts(t.database.db, tenant.id, ['stall_payments', 'ledger_transactions']);
      await expectStatus(await trip.post('stall-payments', { sellerId: first, amount: 18_001 }), 400, 'stall_payment_over');
      assert.deepEqual(await rowCounts(t.database.db, tenant.id, ['stall_payments', 'ledger_transactions']), before);
      await expectStatus(await trip.post('stall-payments', { sellerId: first, amount: 18_000 }), 204);
      await expectStatus(await trip.post('stall-payments', { sellerId: null, amount: 12_000 }), 204);
      // A repeat sent by a phone that lost the answer is applied once.
      const key = { 'idempotency-key': 'stall-payment-second-0001' };
      for (let i = 0; i < 2; i += 1) {
        const response = await trip.courier.browser.request({
          method: 'POST',
          url: `/api/courier/jobs/${trip.job.id}/stall-payments`,
          payload: { sellerId: second, amount: 19_600 },
          headers: key,
        });
        await expectStatus(response, 204);
      }
      const recap = (await trip.courier.browser.get('/api/courier/recap')).json();
      assert.equal(recap.float, 100_000 - 18_000 - 12_000 - 19_600);
      const job = (await trip.courier.browser.get('/api/courier/jobs?tab=active')).json().jobs[0];
      assert.deepEqual(
        job.stops.map((s: { sellerId: string | null; lines: unknown[] }) => [s.sellerId, s.lines.length]),
        [
          [first, 1],
          [second, 1],
          [null, 1],
        ],
      );
      assert.equal(job.stallPayments.length, 3);
      // The shopper earns the delivery fee and the shopping fee.
      assert.equal(job.fee, order.deliveryFee + SHOPPING_FEE);

      await expectStatus(await trip.post('advance', { to: 'picked_up' }), 204);
      order = (await trip.browser.get(`/api/orders/${trip.order.id}`)).json().order;
      // Paid 55.000; bought 18.000 + 19.600 + 12.000: 5.400 back.
      assert.deepEqual(
        order.refunds.map((r: { amount: number; reason: string }) => [r.amount, r.reason]),
        [[5_400, 'reweighed']],
      );
      assert.equal(order.lines[0].substituteName, 'Bawang bombay');
      await trip.post('advance', { to: 'delivering' });
      await expectStatus(await trip.post('deliver', { code: trip.job.proof_code }), 204);
      await expectStatus(await trip.browser.post(`/api/orders/${trip.order.id}/confirm-receipt`), 200);

      const ctx = systemCtx(t, tenant);
      // The receipt shows what was bought: the substitute, the reweighed line, the titip line at its cost.
      const receipt = await loadReceipt(ctx, (await trip.browser.get(`/api/orders/${trip.order.id}`)).json().order);
      const labels = labelsFor('id');
      assert.deepEqual(
        // Sellers print in their own order; the titip group comes last.
        byTitle(
          receipt.sellers.flatMap((seller) =>
            seller.lines.map((line) => [line.productTitle, chargedLine(line, labels).total, chargedLine(line, labels).note]),
          ),
        ),
        byTitle([
          ['Bawang bombay', 'Rp 18.000', `Pengganti ${order.lines[0].productTitle} 0,5 kg, disetujui pembeli`],
          [order.lines[1].productTitle, 'Rp 19.600', 'Ditimbang ulang, dipesan 0,5 kg'],
          [TITIP[0]?.text, 'Rp 12.000', 'Titipan, batas Rp 15.000'],
        ]),
      );
      assert.equal(receipt.sellers.at(-1)?.name, 'Titip belanja');
      // Both traders were paid in cash at the stall: the program owes them nothing more.
      assert.equal(await accountBalance(ctx, `payable:seller:${first}`), 0n);
      assert.equal(await accountBalance(ctx, `payable:seller:${second}`), 0n);
      assert.equal(await accountBalance(ctx, `clearing:titip:${trip.programId}`), 0n);
      assert.equal(await accountBalance(ctx, `payable:courier:${trip.courier.userId}`), -BigInt(order.deliveryFee + SHOPPING_FEE));
      // The courier hands back what is left of the float.
      await expectStatus(await treasurer.post(`/api/admin/couriers/${trip.courier.id}/float`, { action: 'settle', amount: 50_400 }), 200);
      assert.equal(await accountBalance(ctx, `float:courier:${trip.courier.id}`), 0n);
      assert.equal((await verifyLedger(t.database.db, tenant.id)).ok, true);
      // Nothing is due to the traders in a payout run.
      const run = await treasurer.post('/api/admin/payouts', { programId: trip.programId });
      const lines = run.statusCode === 201 ? run.json().run.lines : [];
      assert.ok(!lines.some((l: { payeeId: string }) => l.payeeId === first || l.payeeId === second), run.body);
    });

    test('cash on delivery: a titip line above the cap waits for the buyer, and the door amount follows', async () => {
      const trip = await startTrip('cod');
      await expectStatus(await trip.post('lines/2', { quantityMilli: 1000, unitPrice: 17_000 }), 204);
      await expectStatus(await trip.post('advance', { to: 'picked_up' }), 409, 'reweigh_pending');
      await expectStatus(await trip.browser.post(`/api/orders/${trip.order.id}/lines/2/decision`, { accept: true }), 200);
      await expectStatus(await trip.post('advance', { to: 'picked_up' }), 204);
      const job = (await trip.courier.browser.get('/api/courier/jobs?tab=active')).json().jobs[0];
      assert.equal(job.cashToCollect, trip.order.total - 15_000 + 17_000);
    });

    test('titip lines must be recorded before the shopper leaves the market', async () => {
      const trip = await startTrip('qris');
      // A shopper is at the stalls (maybe paying from the float): the buyer can no longer call it off.
      assert.equal((await trip.browser.get(`/api/orders/${trip.order.id}`)).json().order.buyerCanCancel, false);
      await expectStatus(await trip.browser.post(`/api/orders/${trip.order.id}/cancel`, {}), 409, 'invalid_transition');
      await expectStatus(await trip.post('advance', { to: 'picked_up' }), 409, 'titip_unrecorded');
      await expectStatus(await trip.post('lines/2', { quantityMilli: 0, unavailable: true, reason: 'Habis' }), 204);
      await expectStatus(await trip.post('advance', { to: 'picked_up' }), 204);
    });

    test('market days: an order for a later market day is not offered until that day', async () => {
      const { programId, marketId, shops } = await market();
      const today = todayIn(tenant.timeZone);
      const tomorrow = addDays(today, 1);
      const weekday = (date: string) => String(new Date(`${date}T00:00:00Z`).getUTCDay() || 7);
      await t.database.db
        .updateTable('markets')
        .set({ market_days: weekday(tomorrow) })
        .where('id', '=', marketId)
        .execute();
      const courier = await makeCourier(t, tenant, programId);
      const placed = await orderFrom(t, tenant, shops, 'delivery');
      const quote = await placed.browser.post('/api/delivery/quote', {
        programId,
        sellerIds: shops.map((s) => s.sellerId),
        areaCode: '33.03.05.1001',
        lat: -7.3796,
        lng: 109.3634,
      });
      assert.deepEqual([quote.json().deliverOn, quote.json().shoppingFee], [tomorrow, SHOPPING_FEE]);
      await placed.browser.post(`/api/orders/${placed.order.id}/payments`, { method: 'cod' });
      const order = await t.database.db
        .selectFrom('orders')
        .select('deliver_on')
        .where('id', '=', placed.order.id)
        .executeTakeFirstOrThrow();
      assert.equal(order.deliver_on, tomorrow);
      const jobOf = () =>
        t.database.db.selectFrom('delivery_jobs').selectAll().where('order_id', '=', placed.order.id).executeTakeFirstOrThrow();
      assert.equal((await jobOf()).status, 'waiting', 'not offered today although a courier is on duty');
      await t.app.orderJobs.runOnce();
      assert.equal((await jobOf()).status, 'waiting');
      // The day comes.
      await t.database.db.updateTable('orders').set({ deliver_on: today }).where('id', '=', placed.order.id).execute();
      await t.app.orderJobs.runOnce();
      const offered = await jobOf();
      assert.equal(offered.status, 'offered');
      assert.ok(courier.id);
    });
  });
}
