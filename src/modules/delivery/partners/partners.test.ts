import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../../http/context.ts';
import { type TestApp, testApp } from '../../../test/app.ts';
import { engines } from '../../../test/databases.ts';
import { makeMarket, makeTenant, rowCounts } from '../../../test/factories.ts';
import { accountBalance, verifyLedger } from '../../ledger/service.ts';
import { makeCourier, makePayingProgram, makeSellingShop, orderFrom, staffOf, systemCtx } from '../../payments/test-fixtures.ts';
import { makeStaffBrowser, queuedTexts } from '../../sellers/test-fixtures.ts';
import type { DeliveryPartner } from './partner.ts';
import { cancelPartnerBookings, requestPartnerDeliveries } from './requests.ts';
import { SIGNATURE_HEADER, signPartnerBody } from './signature.ts';
import type { SimulatedPartner } from './simulated.ts';

const SECRET = 'test-partner-secret-0123456789abcdef';
const DRIVER = { name: 'Mas Joko', plate: 'R 2222 XY', phone: '+6281399990000' };

type Browser = Awaited<ReturnType<typeof staffOf>>['cs'];

function expectStatus(response: { statusCode: number; body: string }, status: number, code?: string) {
  assert.equal(response.statusCode, status, response.body);
  if (code) assert.equal(JSON.parse(response.body).error.code, code);
}

for (const engine of engines()) {
  describe(`delivery partners on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let cs: Browser;
    let admin: Browser;

    const jobOf = (orderId: string) =>
      t.database.db.selectFrom('delivery_jobs').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow();
    const eventsOf = (jobId: string) =>
      t.database.db.selectFrom('job_events').selectAll().where('job_id', '=', jobId).orderBy('created_at').execute();
    const counts = () =>
      rowCounts(t.database.db, tenant.id, ['delivery_jobs', 'job_events', 'job_offers', 'idempotent_requests', 'order_events']);

    /** A program whose admin chose `partner` in the delivery settings. */
    async function partnerProgram(partner: string | null = 'simulated') {
      const programId = await makePayingProgram(t.database.db, tenant.id);
      const url = `/api/admin/programs/${programId}/delivery-settings`;
      const current = (await admin.get(url)).json().settings;
      expectStatus(await admin.put(url, { ...current, deliveryPartner: partner }), 200);
      return programId;
    }

    /** An order delivered by courier, paid by transfer and confirmed by CS, and its job. */
    async function paidDelivery(programId: string, marketId?: string) {
      const shop = await makeSellingShop(t, tenant, programId, 40_000, marketId);
      const placed = await orderFrom(t, tenant, [shop], 'delivery');
      const paying = await placed.browser.post(`/api/orders/${placed.order.id}/payments`, { method: 'transfer' });
      expectStatus(await cs.post(`/api/cs/payments/${paying.json().order.payment.id}/confirm`, { reference: 'mutasi BPD' }), 204);
      return { ...placed, job: await jobOf(placed.order.id) };
    }

    /** A status callback as the partner's server sends it: signed with the secret unless a signature (or null: none) is given. */
    function callback(event: Record<string, unknown>, signature?: string | null) {
      const body = JSON.stringify(event);
      const headers: Record<string, string> = { host: `${tenant.slug}.localhost`, 'content-type': 'application/json' };
      if (signature !== null) headers[SIGNATURE_HEADER] = signature ?? signPartnerBody(body, SECRET);
      return t.app.inject({ method: 'POST', url: '/api/webhooks/delivery/simulated', headers, payload: body });
    }

    before(async () => {
      t = await testApp(engine, { SIMULATED_PARTNER_STEP_SECONDS: '0', DELIVERY_PARTNER_SECRET: SECRET });
      tenant = await makeTenant(t.database.db);
      cs = (await staffOf(t, tenant)).cs;
      admin = (await makeStaffBrowser(t, tenant, 'program_admin')).browser;
    });
    after(() => t.close());

    test('settings: the partner must be one the code knows (field-level 400); null means the program’s couriers', async () => {
      const programId = await makePayingProgram(t.database.db, tenant.id);
      const url = `/api/admin/programs/${programId}/delivery-settings`;
      const current = (await admin.get(url)).json().settings;
      assert.equal(current.deliveryPartner, null);
      const unknown = await admin.put(url, { ...current, deliveryPartner: 'ojek-sebelah' });
      expectStatus(unknown, 400, 'validation_failed');
      assert.deepEqual(
        unknown.json().error.details.map((d: { field: string; code: string }) => [d.field, d.code]),
        [['deliveryPartner', 'unknown_delivery_partner']],
      );
      assert.deepEqual((await admin.get(url)).json().settings, current);
      assert.equal((await admin.put(url, { ...current, deliveryPartner: 'simulated' })).json().settings.deliveryPartner, 'simulated');
      assert.equal((await admin.put(url, { ...current, deliveryPartner: null })).json().settings.deliveryPartner, null);
    });

    test('a paid order goes to the partner, not the courier on duty; the simulated partner delivers it; the fee is held for the partner', async () => {
      const programId = await partnerProgram();
      const courier = await makeCourier(t, tenant, programId);
      const { job, order, browser } = await paidDelivery(programId);
      assert.deepEqual([job.partner, job.partner_ref, job.status, job.courier_id], ['simulated', null, 'waiting', null]);
      await t.app.orderJobs.runOnce();
      const offers = await t.database.db.selectFrom('job_offers').select('courier_id').where('job_id', '=', job.id).execute();
      assert.deepEqual(offers, [], 'the dispatcher leaves it alone');

      await t.app.partnerJobs.runOnce();
      await (t.app.deliveryPartners.get('simulated') as SimulatedPartner).settled();
      const done = await jobOf(order.id);
      assert.deepEqual([done.status, done.partner_ref, done.courier_id], ['delivered', `sim-${job.id}`, null]);
      const steps = (await eventsOf(job.id)).filter((e) => e.actor === 'partner:simulated').map((e) => e.to_status);
      assert.deepEqual(steps, ['accepted', 'picked_up', 'delivering', 'delivered']);
      assert.deepEqual((await courier.browser.get('/api/courier/jobs?tab=offers')).json().jobs, []);

      const seen = (await browser.get(`/api/orders/${order.id}`)).json().order;
      assert.equal(seen.status, 'delivered');
      const texts = await queuedTexts(t.database.db, tenant.id, seen.buyer.phone);
      assert.ok(
        texts.some((m) => m.includes('Pak Simulasi') && m.includes('R 4321 SM')),
        texts.join('\n'),
      );
      expectStatus(await browser.post(`/api/orders/${order.id}/confirm-receipt`), 200);
      const ctx = systemCtx(t, tenant);
      assert.equal(await accountBalance(ctx, `payable:delivery:${programId}`), -BigInt(seen.deliveryFee));
      assert.equal((await verifyLedger(t.database.db, tenant.id)).ok, true);
    });

    test('a callback with a wrong or missing signature is 403, recorded on the job, and changes nothing else', async () => {
      const { job } = await paidDelivery(await partnerProgram());
      const accepted = { eventId: 'evt-sig-0001', jobId: job.id, ref: 'P-100', type: 'accepted', driver: DRIVER };
      const before = await counts();
      expectStatus(await callback(accepted, 'deadbeef'), 403, 'invalid_partner_signature');
      expectStatus(await callback(accepted, null), 403, 'invalid_partner_signature');
      expectStatus(await callback(accepted, signPartnerBody(JSON.stringify(accepted), 'another-secret-of-32-characters!!')), 403);
      // Unsigned garbage is refused for the signature, not the body.
      expectStatus(await callback({ nonsense: true }, null), 403);
      assert.deepEqual(await jobOf(job.order_id), job);
      assert.deepEqual(await counts(), { ...before, job_events: before.job_events + 3 });
      const recorded = (await eventsOf(job.id)).filter((e) => e.reason.startsWith('bad_signature'));
      assert.equal(recorded.length, 3);
      assert.ok(recorded.every((e) => e.from_status === 'waiting' && e.to_status === 'waiting'));

      // The refused calls did not use up the event id.
      assert.equal((await callback(accepted)).json().result, 'applied');
      assert.equal((await jobOf(job.order_id)).status, 'accepted');
    });

    test('steps out of order are 409 and change nothing; a replay changes nothing; a wrong code is counted once', async () => {
      const { job, order, browser } = await paidDelivery(await partnerProgram());
      const event = (eventId: string, type: string, extra: Record<string, unknown> = {}) => ({
        eventId,
        jobId: job.id,
        ref: 'P-200',
        type,
        ...extra,
      });
      const before = await counts();
      expectStatus(await callback(event('evt-ooo-0001', 'delivered', { proofCode: job.proof_code })), 409, 'invalid_transition');
      expectStatus(await callback(event('evt-ooo-0002', 'picked_up')), 409, 'invalid_transition');
      assert.deepEqual(await counts(), before);
      assert.deepEqual(await jobOf(order.id), job);
      expectStatus(await callback(event('evt-ooo-0003', 'accepted')), 400, 'validation_failed');
      expectStatus(await callback({ ...event('evt-ooo-0003', 'picked_up'), jobId: 'job_unknown' }), 404);

      assert.equal((await callback(event('evt-ooo-0003', 'accepted', { driver: DRIVER }))).json().result, 'applied');
      const accepted = await counts();
      const replay = await callback(event('evt-ooo-0003', 'accepted', { driver: DRIVER }));
      assert.deepEqual(replay.json(), { ok: true, result: 'duplicate' });
      assert.deepEqual(await counts(), accepted);
      assert.equal((await jobOf(order.id)).partner_ref, 'P-200', 'the booking reference came with the first callback');

      // The picked-up step that was refused earlier goes through once its turn has come.
      assert.equal((await callback(event('evt-ooo-0002', 'picked_up'))).json().result, 'applied');
      assert.equal((await callback(event('evt-ooo-0004', 'delivering', { driver: DRIVER }))).json().result, 'applied');
      const wrongCode = event('evt-ooo-0005', 'delivered', { proofCode: job.proof_code === '0000' ? '1111' : '0000' });
      assert.deepEqual((await callback(wrongCode)).json(), { ok: true, result: 'wrong_code', attemptsLeft: 2 });
      assert.deepEqual((await callback(wrongCode)).json(), { ok: true, result: 'duplicate' });
      const counted = await jobOf(order.id);
      assert.deepEqual([counted.status, counted.code_attempts], ['delivering', 1]);
      assert.equal((await eventsOf(job.id)).filter((e) => e.reason === 'wrong_code' && e.actor === 'partner:simulated').length, 1);

      assert.equal((await callback(event('evt-ooo-0006', 'delivered', { proofCode: job.proof_code }))).json().result, 'applied');
      assert.equal((await browser.get(`/api/orders/${order.id}`)).json().order.status, 'delivered');
      expectStatus(await callback(event('evt-ooo-0007', 'failed', { reason: 'Pembeli tidak ada' })), 409, 'invalid_transition');
    });

    test('cancelled by the partner: the job waits again without a partner, for CS or the couriers', async () => {
      const programId = await partnerProgram();
      const early = await paidDelivery(programId);
      const cancelled = { eventId: 'evt-cxl-0001', jobId: early.job.id, ref: 'P-300', type: 'cancelled', reason: 'Tidak ada driver' };
      assert.equal((await callback(cancelled)).json().result, 'applied');
      const waiting = await jobOf(early.order.id);
      assert.deepEqual([waiting.status, waiting.partner, waiting.partner_ref], ['waiting', null, null]);
      // The partner has no say over it any more.
      expectStatus(await callback({ ...cancelled, eventId: 'evt-cxl-0002', type: 'accepted', driver: DRIVER }), 404);

      const late = await paidDelivery(programId);
      const common = { jobId: late.job.id, ref: 'P-301' };
      await callback({ ...common, eventId: 'evt-cxl-0003', type: 'accepted', driver: DRIVER });
      assert.equal(
        (await callback({ ...common, eventId: 'evt-cxl-0004', type: 'cancelled', reason: 'Motor mogok' })).json().result,
        'applied',
      );
      const back = await jobOf(late.order.id);
      assert.deepEqual([back.status, back.partner], ['waiting', null]);
      const last = (await eventsOf(late.job.id)).at(-1);
      assert.deepEqual([last?.from_status, last?.to_status, last?.actor], ['accepted', 'waiting', 'partner:simulated']);
      assert.match(last?.reason ?? '', /Motor mogok/);
      const courier = await makeCourier(t, tenant, programId);
      expectStatus(await cs.post(`/api/cs/jobs/${late.job.id}/assign`, { courierId: courier.id }), 204);
    });

    test('the booking survives a failing partner: retried on the next tick with the error on record; a cancelled order calls it off', async () => {
      const { job, order } = await paidDelivery(await partnerProgram());
      const asked: string[] = [];
      const calledOff: string[] = [];
      const flaky: DeliveryPartner = {
        name: 'simulated',
        secret: SECRET,
        async requestDelivery(request) {
          asked.push(request.jobId);
          if (request.jobId === job.id && asked.filter((id) => id === job.id).length === 1) throw new Error('partner down');
          return { ref: `flaky-${request.jobId}` };
        },
        async cancel(ref) {
          calledOff.push(ref);
        },
      };
      const partners = new Map([['simulated', flaky]]);
      await requestPartnerDeliveries(t.database.db, partners);
      assert.equal((await jobOf(order.id)).partner_ref, null);
      assert.ok((await eventsOf(job.id)).some((e) => e.reason === 'partner_request_failed: partner down'));

      await requestPartnerDeliveries(t.database.db, partners);
      assert.equal((await jobOf(order.id)).partner_ref, `flaky-${job.id}`);
      assert.deepEqual(
        asked.filter((id) => id === job.id),
        [job.id, job.id],
        'asked again under the same job id',
      );
      await requestPartnerDeliveries(t.database.db, partners);
      assert.equal(asked.filter((id) => id === job.id).length, 2, 'a booked job is not asked for again');

      expectStatus(await cs.post(`/api/cs/orders/${order.id}/cancel`, { reason: 'Pembeli batal' }), 200);
      await cancelPartnerBookings(t.database.db, partners);
      await cancelPartnerBookings(t.database.db, partners);
      assert.deepEqual(
        calledOff.filter((ref) => ref === `flaky-${job.id}`),
        [`flaky-${job.id}`],
        'told once',
      );
    });

    test('CS gives a partner’s job to a courier: the partner’s callbacks are refused and its booking is called off', async () => {
      const programId = await partnerProgram();
      const { job, order } = await paidDelivery(programId);
      const common = { jobId: job.id, ref: 'P-400' };
      await callback({ ...common, eventId: 'evt-cs-0001', type: 'accepted', driver: DRIVER });
      const courier = await makeCourier(t, tenant, programId);
      expectStatus(await cs.post(`/api/cs/jobs/${job.id}/assign`, { courierId: courier.id }), 204);
      expectStatus(await callback({ ...common, eventId: 'evt-cs-0002', type: 'picked_up' }), 404);
      assert.equal((await jobOf(order.id)).courier_id, courier.id);

      const calledOff: string[] = [];
      const partner: DeliveryPartner = {
        name: 'simulated',
        secret: SECRET,
        requestDelivery: async (request) => ({ ref: `unused-${request.jobId}` }),
        cancel: async (ref) => void calledOff.push(ref),
      };
      await cancelPartnerBookings(t.database.db, new Map([['simulated', partner]]));
      assert.ok(calledOff.includes('P-400'));
    });

    test('a partner this installation does not run gives the job back to the couriers', async () => {
      const programId = await partnerProgram();
      const courier = await makeCourier(t, tenant, programId);
      const { job, order } = await paidDelivery(programId);
      await requestPartnerDeliveries(t.database.db, new Map());
      const back = await jobOf(order.id);
      assert.deepEqual([back.status, back.partner], ['offered', null]);
      assert.ok((await eventsOf(job.id)).some((e) => e.reason === 'partner_unavailable: simulated'));
      assert.equal((await courier.browser.get('/api/courier/jobs?tab=offers')).json().jobs[0]?.id, job.id);
    });

    test('cash on delivery and market trips stay with the program’s couriers', async () => {
      const programId = await partnerProgram();
      await makeCourier(t, tenant, programId);
      const shop = await makeSellingShop(t, tenant, programId);
      const cod = await orderFrom(t, tenant, [shop], 'delivery');
      expectStatus(await cod.browser.post(`/api/orders/${cod.order.id}/payments`, { method: 'cod' }), 200);
      const cash = await jobOf(cod.order.id);
      assert.deepEqual([cash.partner, cash.status], [null, 'offered']);

      const market = await makeMarket(t.database.db, tenant.id);
      const { job } = await paidDelivery(programId, market.id);
      assert.deepEqual([job.kind, job.partner, job.status], ['market_trip', null, 'offered']);
    });
  });
}
