import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeMarket, makeTenant, rowCounts } from '../../test/factories.ts';
import { makeSeller } from '../catalog/test-fixtures.ts';
import { accountBalance } from '../ledger/service.ts';
import { ADDRESS, buyerBrowser, makeVariant } from '../orders/test-fixtures.ts';
import { makeCourier, makePayingProgram, makeSellingShop, orderFrom, staffOf, systemCtx } from '../payments/test-fixtures.ts';
import { makeStaffBrowser, queuedTexts, signedIn } from '../sellers/test-fixtures.ts';

type Browser = Awaited<ReturnType<typeof buyerBrowser>>['browser'];

const jobCounts = (t: TestApp, tenant: TenantRef) =>
  rowCounts(t.database.db, tenant.id, ['delivery_jobs', 'job_offers', 'job_events', 'couriers']);

async function expectStatus(response: { statusCode: number; body: string }, status: number, code?: string) {
  assert.equal(response.statusCode, status, response.body);
  if (code) assert.equal(JSON.parse(response.body).error.code, code);
}

for (const engine of engines()) {
  describe(`couriers and delivery jobs on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;
    let cs: Browser;
    let admin: Browser;

    /** A paid (cash on delivery) order from a shop, delivered by courier: its job is created and offered. */
    async function deliveryOrder(shop?: Awaited<ReturnType<typeof makeSellingShop>>) {
      const seller = shop ?? (await makeSellingShop(t, tenant, programId));
      const placed = await orderFrom(t, tenant, [seller], 'delivery');
      await placed.browser.post(`/api/orders/${placed.order.id}/payments`, { method: 'cod' });
      const job = await t.database.db
        .selectFrom('delivery_jobs')
        .selectAll()
        .where('order_id', '=', placed.order.id)
        .executeTakeFirstOrThrow();
      return { ...placed, job, shop: seller };
    }
    const openOffer = (jobId: string) =>
      t.database.db
        .selectFrom('job_offers')
        .select('courier_id')
        .where('job_id', '=', jobId)
        .where('status', '=', 'open')
        .executeTakeFirst();

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      programId = await makePayingProgram(t.database.db, tenant.id);
      cs = (await staffOf(t, tenant)).cs;
      admin = (await makeStaffBrowser(t, tenant, 'program_admin')).browser;
    });
    after(() => t.close());

    test('the registry: plates as printed, one registration per phone, no duty before the ID check', async () => {
      const counts = await jobCounts(t, tenant);
      const bad = await admin.post('/api/admin/couriers', { programId, name: 'Darto', phone: '0812-2761-1117', vehiclePlate: '1234' });
      await expectStatus(bad, 400, 'validation_failed');
      assert.equal(bad.json().error.details[0].field, 'vehiclePlate');
      await expectStatus(
        await cs.post('/api/admin/couriers', { programId, name: 'Darto', phone: '0812-2761-1117', vehiclePlate: 'R 1 A' }),
        403,
      );
      assert.deepEqual(await jobCounts(t, tenant), counts);

      const created = await admin.post('/api/admin/couriers', {
        programId,
        name: 'Darto',
        phone: '0812 2761 1118',
        vehiclePlate: ' r  5521   kb ',
      });
      await expectStatus(created, 201);
      const courier = created.json().courier;
      assert.deepEqual([courier.vehiclePlate, courier.phone, courier.idChecked], ['R 5521 KB', '+6281227611118', false]);
      await expectStatus(
        await admin.post('/api/admin/couriers', { programId, name: 'Darto', phone: '081227611118', vehiclePlate: 'R 1 A' }),
        409,
      );

      const phone = await signedIn(t, tenant, courier.userId);
      const early = await phone.patch('/api/courier/me', { available: true });
      await expectStatus(early, 400, 'validation_failed');
      assert.equal(early.json().error.details[0].code, 'courier_not_cleared');
      await expectStatus(await admin.patch(`/api/admin/couriers/${courier.id}`, { idChecked: true }), 200);
      assert.equal((await phone.patch('/api/courier/me', { available: true, lat: -7.38, lng: 109.36 })).json().courier.available, true);
    });

    test('the fee: quoted before checkout from the market to the pin, fixed on the order; too far is refused', async () => {
      const market = await makeMarket(t.database.db, tenant.id);
      await t.database.db.updateTable('markets').set({ lat: -7.3886, lng: 109.3634 }).where('id', '=', market.id).execute();
      const sellerId = await makeSeller(t.database.db, tenant.id, { programId, marketId: market.id });
      const { variantId } = await makeVariant(t.database.db, tenant.id, { sellerId, programId, price: 30_000 });
      // 4 km north by road (1.3 x 3.08 km straight): Rp 8.000 + 2 started km x Rp 2.000.
      const pin = { lat: -7.3886 + 3.08 / 111.195, lng: 109.3634 };
      const quote = await cs.post('/api/delivery/quote', { programId, sellerIds: [sellerId], areaCode: ADDRESS.areaCode, ...pin });
      assert.deepEqual({ ok: quote.json().ok, fee: quote.json().fee }, { ok: true, fee: 12_000 });

      const buyer = await buyerBrowser(t, tenant);
      await buyer.putLine(variantId, 500);
      const far = await buyer.browser.post('/api/checkout', {
        ...ADDRESS,
        lat: -7.0,
        lng: 109.3634,
        fulfilment: { [sellerId]: 'delivery' },
      });
      await expectStatus(far, 400, 'validation_failed');
      assert.equal(far.json().error.details[0].code, 'outside_service_area');
      const order = (await buyer.browser.post('/api/checkout', { ...ADDRESS, ...pin, fulfilment: { [sellerId]: 'delivery' } })).json()
        .order;
      assert.deepEqual([order.goodsTotal, order.deliveryFee, order.total], [15_000, 12_000, 27_000]);
      // A later tariff change does not touch an order already placed.
      const zones = { kind: 'zones', zones: [{ area: '33.03', fee: 5000 }], otherFee: null };
      await t.database.db
        .updateTable('programs')
        .set({ delivery_tariff: JSON.stringify(zones) })
        .where('id', '=', programId)
        .execute();
      assert.equal((await buyer.browser.get(`/api/orders/${order.id}`)).json().order.deliveryFee, 12_000);
      await t.database.db
        .updateTable('programs')
        .set({
          delivery_tariff: JSON.stringify({
            kind: 'bands',
            baseFee: 8000,
            baseKm: 3,
            perKm: 2000,
            maxFee: 15000,
            roadFactor: 1.3,
            maxKm: 20,
          }),
        })
        .where('id', '=', programId)
        .execute();
    });

    test('dispatch: offered to one courier at a time; taken jobs cannot be taken again; declines and timeouts pass it on', async () => {
      // A program of its own: only these two couriers are on duty in it.
      const program = await makePayingProgram(t.database.db, tenant.id);
      const near = await makeCourier(t, tenant, program);
      const other = await makeCourier(t, tenant, program, { lat: ADDRESS.lat + 0.005, lng: ADDRESS.lng });
      const { job } = await deliveryOrder(await makeSellingShop(t, tenant, program));
      const first = (await openOffer(job.id))?.courier_id;
      assert.ok(first === near.id || first === other.id, 'offered to one of the two');
      const [offered, second] = first === near.id ? [near, other] : [other, near];
      assert.ok(
        (await queuedTexts(t.database.db, tenant.id, (await offered.browser.get('/api/courier/me')).json().courier.phone)).some((m) =>
          m.includes('Tawaran kerja'),
        ),
      );
      const offers = (await offered.browser.get('/api/courier/jobs?tab=offers')).json().jobs;
      assert.equal(offers[0].id, job.id);
      assert.ok(offers[0].offerExpiresAt);

      // The other courier cannot take it: recorded as nothing, a clear 409.
      const counts = await jobCounts(t, tenant);
      await expectStatus(await second.browser.post(`/api/courier/jobs/${job.id}/accept`, {}), 409, 'job_taken');
      assert.deepEqual(await jobCounts(t, tenant), counts);

      await expectStatus(await offered.browser.post(`/api/courier/jobs/${job.id}/decline`, {}), 204);
      assert.equal((await openOffer(job.id))?.courier_id, second.id, 'passed to the next courier');
      // The second lets it run out: with nobody left, the job waits for CS.
      assert.ok((await t.app.orderJobs.runOnce(new Date(Date.now() + 10 * 60_000))).offered >= 0);
      const waiting = await t.database.db.selectFrom('delivery_jobs').select('status').where('id', '=', job.id).executeTakeFirstOrThrow();
      assert.equal(waiting.status, 'waiting');
      await expectStatus(await second.browser.post(`/api/courier/jobs/${job.id}/accept`, {}), 409, 'job_taken');

      await expectStatus(await cs.post(`/api/cs/jobs/${job.id}/assign`, { courierId: near.id }), 204);
      const mine = (await near.browser.get('/api/courier/jobs?tab=active')).json().jobs;
      assert.equal(mine[0].id, job.id);
      assert.equal(mine[0].cashToCollect, 28_000);
    });

    test('fair turns: among couriers about as near, the one who waited longest is offered first', async () => {
      const program = await makePayingProgram(t.database.db, tenant.id);
      const busy = await makeCourier(t, tenant, program);
      const rested = await makeCourier(t, tenant, program, { lat: ADDRESS.lat + 0.003, lng: ADDRESS.lng });
      await t.database.db.updateTable('couriers').set({ last_job_at: new Date() }).where('id', '=', busy.id).execute();
      await t.database.db
        .updateTable('couriers')
        .set({ last_job_at: new Date(Date.now() - 3_600_000) })
        .where('id', '=', rested.id)
        .execute();
      const shop = await makeSellingShop(t, tenant, program);
      const placed = await orderFrom(t, tenant, [shop], 'delivery');
      await placed.browser.post(`/api/orders/${placed.order.id}/payments`, { method: 'cod' });
      const job = await t.database.db
        .selectFrom('delivery_jobs')
        .select('id')
        .where('order_id', '=', placed.order.id)
        .executeTakeFirstOrThrow();
      assert.equal((await openOffer(job.id))?.courier_id, rested.id);
    });

    test('at the door: the buyer’s code proves the hand-over; three wrong codes need CS; the courier earns the fee', async () => {
      const courier = await makeCourier(t, tenant, programId, { lat: ADDRESS.lat, lng: ADDRESS.lng + 0.0001 });
      const { job, order, browser } = await deliveryOrder();
      await cs.post(`/api/cs/jobs/${job.id}/assign`, { courierId: courier.id });
      await expectStatus(
        await courier.browser.post(`/api/courier/jobs/${job.id}/advance`, { to: 'delivering' }),
        409,
        'invalid_transition',
      );
      await expectStatus(await courier.browser.post(`/api/courier/jobs/${job.id}/advance`, { to: 'picked_up' }), 204);
      await expectStatus(
        await courier.browser.post(`/api/courier/jobs/${job.id}/advance`, { to: 'delivering', lat: -7.38, lng: 109.36 }),
        204,
      );

      const seen = (await browser.get(`/api/orders/${order.id}`)).json().order;
      assert.equal(seen.delivery.status, 'delivering');
      assert.equal(seen.delivery.proofCode, job.proof_code);
      assert.equal(seen.delivery.courier.vehiclePlate, 'R 1234 AB');
      assert.ok((await queuedTexts(t.database.db, tenant.id, seen.buyer.phone)).some((m) => m.includes('sedang diantar')));
      assert.equal((await cs.get(`/api/cs/orders/${order.id}`)).json().order.delivery.proofCode, null, 'staff do not see the code');

      const wrong = job.proof_code === '0000' ? '1111' : '0000';
      const first = await courier.browser.post(`/api/courier/jobs/${job.id}/deliver`, { code: wrong });
      await expectStatus(first, 400, 'validation_failed');
      assert.equal(first.json().error.details[0].code, 'proof_code_wrong');
      await courier.browser.post(`/api/courier/jobs/${job.id}/deliver`, { code: wrong });
      await courier.browser.post(`/api/courier/jobs/${job.id}/deliver`, { code: wrong });
      await expectStatus(
        await courier.browser.post(`/api/courier/jobs/${job.id}/deliver`, { code: job.proof_code }),
        423,
        'proof_code_locked',
      );
      const events = await t.database.db
        .selectFrom('job_events')
        .select('reason')
        .where('job_id', '=', job.id)
        .where('reason', '=', 'wrong_code')
        .execute();
      assert.equal(events.length, 3, 'every wrong code is on record');

      await expectStatus(await cs.post(`/api/cs/jobs/${job.id}/confirm-delivered`, { reason: 'Pembeli konfirmasi lewat telepon' }), 204);
      assert.equal((await browser.get(`/api/orders/${order.id}`)).json().order.status, 'delivered');
      assert.equal((await courier.browser.get('/api/courier/cash')).json().balance, 28_000);
      await browser.post(`/api/orders/${order.id}/confirm-receipt`);
      assert.equal(await accountBalance(systemCtx(t, tenant), `payable:courier:${courier.userId}`), -8_000n);
      const recap = (await courier.browser.get('/api/courier/recap')).json();
      assert.deepEqual([recap.delivered, recap.fees, recap.cashCollected], [1, 8_000, 28_000]);
    });

    test('a courier who drops a job frees it for others; a cancelled order cancels its job', async () => {
      const dropper = await makeCourier(t, tenant, programId);
      const { job, order, browser } = await deliveryOrder();
      await cs.post(`/api/cs/jobs/${job.id}/assign`, { courierId: dropper.id });
      await expectStatus(await dropper.browser.post(`/api/courier/jobs/${job.id}/drop`, { reason: 'Ban bocor' }), 204);
      const after = await t.database.db
        .selectFrom('delivery_jobs')
        .select(['status', 'courier_id'])
        .where('id', '=', job.id)
        .executeTakeFirstOrThrow();
      assert.equal(after.courier_id, null);
      assert.notEqual((await openOffer(job.id))?.courier_id, dropper.id, 'not offered back to the one who dropped it');

      await expectStatus(await cs.post(`/api/cs/orders/${order.id}/cancel`, { reason: 'Pembeli batal' }), 200);
      const cancelled = await t.database.db.selectFrom('delivery_jobs').select('status').where('id', '=', job.id).executeTakeFirstOrThrow();
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(await openOffer(job.id), undefined, 'the open offer is withdrawn');
      assert.equal((await browser.get(`/api/orders/${order.id}`)).json().order.delivery.status, 'cancelled');
    });

    test('a step sent twice from a flaky phone runs once: the repeat gets the first answer', async () => {
      const courier = await makeCourier(t, tenant, programId);
      const { job } = await deliveryOrder();
      await cs.post(`/api/cs/jobs/${job.id}/assign`, { courierId: courier.id });
      const step = (to: string, key?: string) =>
        courier.browser.post(`/api/courier/jobs/${job.id}/advance`, { to }, key ? { 'idempotency-key': key } : {});
      const first = await step('picked_up', 'offline-0001-pickup');
      await expectStatus(first, 204);
      const again = await step('picked_up', 'offline-0001-pickup');
      await expectStatus(again, 204);
      assert.equal(again.headers['idempotent-replay'], 'true');
      // Without the key the same step is refused: the state machine never applies it twice.
      await expectStatus(await step('picked_up'), 409, 'invalid_transition');
      await step('delivering', 'offline-0002-go');
      // A wrong code sent twice counts once.
      const wrong = job.proof_code === '0000' ? '1111' : '0000';
      const deliver = () =>
        courier.browser.post(`/api/courier/jobs/${job.id}/deliver`, { code: wrong }, { 'idempotency-key': 'offline-0003-door' });
      assert.equal((await deliver()).statusCode, 400);
      assert.equal((await deliver()).statusCode, 400);
      const attempts = await t.database.db
        .selectFrom('delivery_jobs')
        .select('code_attempts')
        .where('id', '=', job.id)
        .executeTakeFirstOrThrow();
      assert.equal(attempts.code_attempts, 1);
      // A key reused for another step is refused.
      await expectStatus(await step('returned', 'offline-0001-pickup'), 409, 'conflict');
      await expectStatus(await step('returned', 'bad key!'), 400, 'validation_failed');
    });
  });
}
