import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeTenant } from '../../test/factories.ts';
import { accountBalance, verifyLedger } from '../ledger/service.ts';
import { makeCourier, makePayingProgram, makeSellingShop, orderFrom, staffOf, systemCtx } from '../payments/test-fixtures.ts';
import { queuedTexts } from '../sellers/test-fixtures.ts';

async function expectStatus(response: { statusCode: number; body: string }, status: number, code?: string) {
  assert.equal(response.statusCode, status, response.body);
  if (code) assert.equal(JSON.parse(response.body).error.code, code);
}

for (const engine of engines()) {
  describe(`reweighing at the market on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;

    /** A courier-delivered order of 0,5 kg from each of two stalls (Rp 20.000 a line), assigned to a courier. */
    async function shoppingTrip(method: 'qris' | 'cod', reweighDefault: 'accept' | 'remove' = 'accept') {
      const programId = await makePayingProgram(t.database.db, tenant.id, 0);
      await t.database.db.updateTable('programs').set({ reweigh_default: reweighDefault }).where('id', '=', programId).execute();
      const { cs } = await staffOf(t, tenant);
      const courier = await makeCourier(t, tenant, programId);
      const shops = [await makeSellingShop(t, tenant, programId), await makeSellingShop(t, tenant, programId)];
      const placed = await orderFrom(t, tenant, shops, 'delivery');
      const payment = (await placed.browser.post(`/api/orders/${placed.order.id}/payments`, { method })).json().order.payment;
      if (method === 'qris') await cs.post(`/api/cs/payments/${payment.id}/confirm`, { reference: 'QRIS' });
      const job = await t.database.db
        .selectFrom('delivery_jobs')
        .selectAll()
        .where('order_id', '=', placed.order.id)
        .executeTakeFirstOrThrow();
      await cs.post(`/api/cs/jobs/${job.id}/assign`, { courierId: courier.id });
      const weigh = (position: number, body: Record<string, unknown>) =>
        courier.browser.post(`/api/courier/jobs/${job.id}/lines/${position}`, body);
      const step = (path: string, body: Record<string, unknown> = {}) => courier.browser.post(`/api/courier/jobs/${job.id}/${path}`, body);
      return { ...placed, job, courier, weigh, step };
    }

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
    });
    after(() => t.close());

    test('a paid order: small differences apply, bigger ones wait for the buyer, and the difference is refunded', async () => {
      const trip = await shoppingTrip('qris');
      // 0,475 kg instead of 0,5 kg: Rp 19.000, 5 % under, within the 10 % tolerance.
      await expectStatus(await trip.weigh(0, { quantityMilli: 475 }), 204);
      // More than was paid for is refused; a typo ten times the price too.
      const over = await trip.weigh(1, { quantityMilli: 550 });
      await expectStatus(over, 400, 'validation_failed');
      assert.equal(over.json().error.details[0].code, 'reweigh_over_paid');
      // 0,4 kg: Rp 16.000, 20 % under: the buyer is asked.
      await expectStatus(await trip.weigh(1, { quantityMilli: 400 }), 204);
      const asked = (await trip.browser.get(`/api/orders/${trip.order.id}`)).json().order;
      assert.deepEqual(
        asked.lines.map((l: { reweighStatus: string; finalLineTotal: number | null; proposedLineTotal: number | null }) => [
          l.reweighStatus,
          l.finalLineTotal,
          l.proposedLineTotal,
        ]),
        [
          ['adjusted', 19_000, null],
          ['asked', null, 16_000],
        ],
      );
      assert.ok((await queuedTexts(t.database.db, tenant.id, asked.buyer.phone)).some((m) => m.includes('Rp 16.000')));
      await expectStatus(await trip.step('advance', { to: 'picked_up' }), 409, 'reweigh_pending');

      await expectStatus(await trip.browser.post(`/api/orders/${trip.order.id}/lines/1/decision`, { accept: true }), 200);
      await expectStatus(
        await trip.browser.post(`/api/orders/${trip.order.id}/lines/1/decision`, { accept: false }),
        409,
        'invalid_transition',
      );
      await expectStatus(await trip.step('advance', { to: 'picked_up' }), 204);
      const refunded = (await trip.browser.get(`/api/orders/${trip.order.id}`)).json().order;
      assert.deepEqual(
        refunded.refunds.map((r: { amount: number; reason: string }) => [r.amount, r.reason]),
        [[5_000, 'reweighed']],
      );
      // Weighing after leaving the market is refused.
      await expectStatus(await trip.weigh(0, { quantityMilli: 500 }), 409, 'invalid_transition');

      await trip.step('advance', { to: 'delivering' });
      await expectStatus(await trip.step('deliver', { code: trip.job.proof_code }), 204);
      await expectStatus(await trip.browser.post(`/api/orders/${trip.order.id}/confirm-receipt`), 200);
      const ctx = systemCtx(t, tenant);
      const [first, second] = refunded.lines.map((l: { sellerId: string }) => l.sellerId);
      assert.equal(await accountBalance(ctx, `payable:seller:${first}`), -19_000n, 'the stall of the weighed line');
      assert.equal(await accountBalance(ctx, `payable:seller:${second}`), -16_000n, 'the stall of the line the buyer accepted');
      assert.equal((await verifyLedger(t.database.db, tenant.id)).ok, true);
    });

    test('cash on delivery: the courier collects the final amount, a little more or less', async () => {
      const trip = await shoppingTrip('cod');
      // 0,525 kg: Rp 21.000, 5 % over, within tolerance; the other stall had none.
      await expectStatus(await trip.weigh(0, { quantityMilli: 525 }), 204);
      await expectStatus(await trip.weigh(1, { quantityMilli: 0, unavailable: true, reason: 'Habis' }), 204);
      await expectStatus(await trip.step('advance', { to: 'picked_up' }), 204);
      await trip.step('advance', { to: 'delivering' });
      const before = (await trip.courier.browser.get('/api/courier/cash')).json().balance;
      await expectStatus(await trip.step('deliver', { code: trip.job.proof_code }), 204);
      const collected = (await trip.courier.browser.get('/api/courier/cash')).json().balance - before;
      assert.equal(collected, trip.order.total - 40_000 + 21_000);
      await expectStatus(await trip.browser.post(`/api/orders/${trip.order.id}/confirm-receipt`), 200);
      assert.equal((await verifyLedger(t.database.db, tenant.id)).ok, true);
      const events = await t.database.db
        .selectFrom('line_events')
        .select(['position', 'kind', 'actor', 'reason'])
        .where('order_id', '=', trip.order.id)
        .orderBy('created_at')
        .execute();
      assert.deepEqual(
        events.map((e) => [e.position, e.kind, e.actor === trip.courier.userId, e.reason]),
        [
          [0, 'weighed', true, ''],
          [1, 'unavailable', true, 'Habis'],
        ],
      );
    });

    test('no answer by the deadline: the program’s default decides', async () => {
      const trip = await shoppingTrip('qris', 'remove');
      await trip.weigh(0, { quantityMilli: 300 });
      assert.ok((await t.app.orderJobs.runOnce(new Date(Date.now() + 16 * 60_000))).expired >= 0);
      const line = (await trip.browser.get(`/api/orders/${trip.order.id}`)).json().order.lines[0];
      assert.deepEqual([line.reweighStatus, line.finalLineTotal], ['removed', 0]);
      const events = await t.database.db
        .selectFrom('line_events')
        .select(['kind', 'actor'])
        .where('order_id', '=', trip.order.id)
        .orderBy('created_at')
        .execute();
      assert.deepEqual(events.at(-1), { kind: 'defaulted', actor: 'system' });
    });
  });
}
