import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../config.ts';
import type { TenantRef } from '../../http/context.ts';
import { formatRupiah } from '../../shared/format.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeTenant, rowCounts } from '../../test/factories.ts';
import { expireUnpaidOrders } from '../orders/lifecycle.ts';
import { makeBuyer } from '../sellers/test-fixtures.ts';
import { isDemoGateway } from './demo-gateway.ts';
import { midtransSignature } from './midtrans.ts';
import { configuredGateway, midtransGateway } from './midtrans-gateway.ts';
import { makePayingProgram, makeSellingShop, orderFrom, systemCtx } from './test-fixtures.ts';

const vectors = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../test/vectors/midtrans.json'), 'utf8'));
const SERVER_KEY: string = vectors.server_key;
/** A real settlement notification: the template for the ones these tests sign. */
const SETTLEMENT: Record<string, string> = vectors.notifications[1];

type Shop = Awaited<ReturnType<typeof makeSellingShop>>;
type Payment = { id: string; amount: number; redirectUrl: string | null };

/** What Snap is sent: the fields these tests look at. */
interface SnapBody {
  transaction_details?: { order_id?: unknown; gross_amount?: unknown };
  customer_details?: { first_name?: string; phone?: string };
  expiry?: { unit: string; duration: number };
}

/** A fake Snap API on 127.0.0.1: checks the Basic auth and the body and answers as Snap does, or `status` with an error. */
async function fakeSnap(status = 201) {
  const requests: { authorization: string | undefined; body: SnapBody }[] = [];
  const server = http.createServer(async (request, response) => {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const answer = (code: number, body: unknown) =>
      response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.method !== 'POST' || request.url !== '/snap/v1/transactions') return answer(404, { error_messages: ['Not found'] });
    if (request.headers.authorization !== `Basic ${Buffer.from(`${SERVER_KEY}:`).toString('base64')}`) {
      return answer(401, { error_messages: ['Access denied due to unauthorized transaction, please check client or server key'] });
    }
    const body: SnapBody = JSON.parse(raw);
    requests.push({ authorization: request.headers.authorization, body });
    if (typeof body.transaction_details?.order_id !== 'string' || !Number.isInteger(body.transaction_details?.gross_amount)) {
      return answer(400, { error_messages: ['transaction_details is required'] });
    }
    if (status !== 201) return answer(status, { error_messages: ['Sorry, we encountered internal server error. We will fix this soon.'] });
    const token = randomUUID();
    answer(201, { token, redirect_url: `https://app.sandbox.midtrans.com/snap/v4/redirection/${token}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/snap/v1/transactions`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A notification for `payment` signed with `key`, from the settlement template. */
function signed(payment: Payment | null, fields: Record<string, string> = {}, key = SERVER_KEY): Record<string, string> {
  const notification: Record<string, string> = {
    ...SETTLEMENT,
    ...(payment ? { order_id: payment.id, gross_amount: `${payment.amount}.00` } : {}),
    ...fields,
  };
  const { order_id = '', status_code = '', gross_amount = '' } = notification;
  return { ...notification, signature_key: midtransSignature(order_id, status_code, gross_amount, key) };
}

function webhook(t: TestApp, host: string, body: unknown) {
  return t.app.inject({
    method: 'POST',
    url: '/api/webhooks/payments/midtrans',
    headers: { host, 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function expectError(response: { statusCode: number; body: string }, status: number, code: string) {
  assert.equal(response.statusCode, status, response.body);
  assert.equal(JSON.parse(response.body).error.code, code);
}

async function state(t: TestApp, payment: Payment) {
  const row = await t.database.db
    .selectFrom('payments as p')
    .innerJoin('orders as o', (join) => join.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.order_id'))
    .select(['p.status as payment', 'o.status as order'])
    .where('p.id', '=', payment.id)
    .executeTakeFirstOrThrow();
  return `${row.payment}/${row.order}`;
}

function eventsOf(t: TestApp, payment: Payment) {
  return t.database.db
    .selectFrom('payment_events')
    .select(['kind', 'from_status', 'to_status', 'accepted', 'reason', 'actor'])
    .where('payment_id', '=', payment.id)
    .orderBy('created_at')
    .execute();
}

/** The buyer_payment postings booked for an order: [account, amount]. */
async function bookedFor(t: TestApp, orderId: string) {
  const rows = await t.database.db
    .selectFrom('ledger_transactions as tx')
    .innerJoin('ledger_postings as p', (join) => join.onRef('p.tenant_id', '=', 'tx.tenant_id').onRef('p.transaction_id', '=', 'tx.id'))
    .innerJoin('ledger_accounts as a', (join) => join.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.id', '=', 'p.account_id'))
    .select(['tx.id', 'a.code', 'p.amount'])
    .where('tx.reference_id', '=', orderId)
    .where('tx.kind', '=', 'buyer_payment')
    .orderBy('p.line')
    .execute();
  return { transactions: new Set(rows.map((r) => r.id)).size, postings: rows.map((r) => [r.code, Number(r.amount)]) };
}

/** A program that offers the gateway, with one shop. */
async function gatewayShop(t: TestApp, tenant: TenantRef) {
  const programId = await makePayingProgram(t.database.db, tenant.id);
  await t.database.db.updateTable('programs').set({ payment_methods: '{transfer,gateway}' }).where('id', '=', programId).execute();
  return makeSellingShop(t, tenant, programId);
}

/** A buyer's order paid by the gateway: the open payment as the order shows it. */
async function payByGateway(t: TestApp, tenant: TenantRef, shop: Shop) {
  const buyer = await orderFrom(t, tenant, [shop]);
  const response = await buyer.browser.post(`/api/orders/${buyer.order.id}/payments`, { method: 'gateway' });
  assert.equal(response.statusCode, 200, response.body);
  return { ...buyer, payment: response.json().order.payment as Payment };
}

test('the test signer reproduces the recorded notifications', () => {
  for (const notification of vectors.notifications) {
    const { signature_key, ...fields } = notification;
    assert.equal(signed(null, fields).signature_key, signature_key);
  }
});

test('the gateway in use: Midtrans when its key is set, the demo gateway in demo mode, else none', () => {
  const base = { demo: false, midtransServerKey: null, midtransSnapUrl: 'https://example.test' };
  assert.equal(configuredGateway(base), null);
  assert.ok(isDemoGateway(configuredGateway({ ...base, demo: true })));
  const midtrans = configuredGateway({ ...base, demo: true, midtransServerKey: SERVER_KEY });
  assert.equal(midtrans?.serverKey, SERVER_KEY);
  assert.equal(isDemoGateway(midtrans), false);
  // The key names its environment; MIDTRANS_SNAP_URL overrides it.
  const snapOf = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env }).midtransSnapUrl;
  assert.equal(snapOf({}), 'https://app.sandbox.midtrans.com/snap/v1/transactions');
  assert.equal(snapOf({ MIDTRANS_SERVER_KEY: 'SB-Mid-server-abc' }), 'https://app.sandbox.midtrans.com/snap/v1/transactions');
  assert.equal(snapOf({ MIDTRANS_SERVER_KEY: 'Mid-server-abc' }), 'https://app.midtrans.com/snap/v1/transactions');
  assert.equal(snapOf({ MIDTRANS_SNAP_URL: 'http://127.0.0.1:9/snap' }), 'http://127.0.0.1:9/snap');
  assert.throws(() => snapOf({ MIDTRANS_SNAP_URL: 'ftp://example.test' }), /MIDTRANS_SNAP_URL/);
});

test('the Snap adapter fails with Snap’s own message on a wrong key, and on a Snap that does not answer in time', async () => {
  const snap = await fakeSnap();
  const silent = http.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const charge = {
      paymentId: 'pay_x',
      amount: 20_000n,
      orderNumber: 'X-1',
      buyer: { name: '', phone: '' },
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    const wrongKey = midtransGateway({ serverKey: 'SB-Mid-server-someone-else', snapUrl: snap.url });
    await assert.rejects(wrongKey.createCharge(charge), /Midtrans Snap answered 401: Access denied/);
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/snap/v1/transactions`;
    await assert.rejects(midtransGateway({ serverKey: SERVER_KEY, snapUrl: url, timeoutMs: 100 }).createCharge(charge), /timeout|aborted/i);
  } finally {
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    await snap.close();
  }
});

for (const engine of engines()) {
  describe(`the Midtrans gateway on ${engine}`, () => {
    let t: TestApp;
    let snap: Awaited<ReturnType<typeof fakeSnap>>;
    let tenant: TenantRef;
    let host: string;
    let shop: Shop;

    before(async () => {
      snap = await fakeSnap();
      t = await testApp(engine, { MIDTRANS_SERVER_KEY: SERVER_KEY, MIDTRANS_SNAP_URL: snap.url });
      tenant = await makeTenant(t.database.db);
      host = `${tenant.slug}.localhost`;
      shop = await gatewayShop(t, tenant);
    });
    after(async () => {
      await t.close();
      await snap.close();
    });

    test('paying by gateway opens a Snap charge for the payment id, the whole-rupiah total and the time left', async () => {
      const { user, browser, order, payment } = await payByGateway(t, tenant, shop);
      const sent = snap.requests.at(-1);
      assert.equal(sent?.authorization, `Basic ${Buffer.from(`${SERVER_KEY}:`).toString('base64')}`);
      const { transaction_details, customer_details, expiry } = sent?.body ?? {};
      assert.deepEqual(transaction_details, { order_id: payment.id, gross_amount: 20_000 });
      assert.equal(order.total, 20_000);
      assert.deepEqual(customer_details, { first_name: 'Yuni', phone: user.phone });
      // The program's 60 minutes to pay, rounded down.
      assert.equal(expiry?.unit, 'minutes');
      const minutes = expiry?.duration ?? 0;
      assert.ok(minutes >= 55 && minutes <= 59, String(minutes));
      assert.match(payment.redirectUrl ?? '', /^https:\/\/app\.sandbox\.midtrans\.com\/snap\/v4\/redirection\//);

      // Asking again returns the open charge; Snap is not called twice.
      const calls = snap.requests.length;
      const again = await browser.post(`/api/orders/${order.id}/payments`, { method: 'gateway' });
      assert.equal(again.json().order.payment.redirectUrl, payment.redirectUrl);
      assert.equal(snap.requests.length, calls);
      // No demo page when a real gateway is configured.
      expectError(await browser.get(`/api/dev/gateway/${payment.id}`), 404, 'route_not_found');
    });

    test('the recorded notifications: signed ones for an unknown order are 404, a tampered one 403, nothing stored', async () => {
      const before = await rowCounts(t.database.db, tenant.id, ['payment_events']);
      expectError(await webhook(t, host, vectors.notifications[1]), 404, 'not_found');
      expectError(await webhook(t, host, vectors.invalid[0]), 403, 'invalid_signature');
      assert.deepEqual(await rowCounts(t.database.db, tenant.id, ['payment_events']), before);
    });

    test('a signed settlement confirms the order and books the money once, however often it comes', async () => {
      const { order, payment } = await payByGateway(t, tenant, shop);
      const settlement = signed(payment, { transaction_id: randomUUID() });
      // Three copies at once (Midtrans retrying while the first is still being handled), then one more.
      const burst = await Promise.all([1, 2, 3].map(() => webhook(t, host, settlement)));
      assert.deepEqual(
        burst.map((r) => r.statusCode),
        [200, 200, 200],
      );
      assert.deepEqual(burst.map((r) => r.json().result).sort(), ['applied', 'duplicate', 'duplicate']);
      assert.deepEqual((await webhook(t, host, settlement)).json(), { ok: true, result: 'duplicate' });

      assert.equal(await state(t, payment), 'paid/confirmed');
      assert.deepEqual(await bookedFor(t, order.id), {
        transactions: 1,
        postings: [
          ['clearing:gateway:midtrans', 20_000],
          ['held:orders', -20_000],
        ],
      });
      const events = await eventsOf(t, payment);
      assert.deepEqual(
        events.filter((e) => e.to_status === 'paid' && e.from_status === 'pending'),
        [{ kind: 'notification', from_status: 'pending', to_status: 'paid', accepted: true, reason: '', actor: 'system' }],
      );
      assert.deepEqual(
        events.filter((e) => !e.accepted).map((e) => e.reason),
        ['duplicate', 'duplicate', 'duplicate'],
      );
      const row = await t.database.db.selectFrom('payments').select('provider_ref').where('id', '=', payment.id).executeTakeFirstOrThrow();
      assert.equal(row.provider_ref, settlement.transaction_id);
    });

    test('pending and expire arriving after the settlement leave the payment paid', async () => {
      const { order, payment } = await payByGateway(t, tenant, shop);
      const transaction_id = randomUUID();
      assert.equal((await webhook(t, host, signed(payment, { transaction_id }))).json().result, 'applied');
      const late = [
        signed(payment, { transaction_id, transaction_status: 'pending', status_code: '201' }),
        signed(payment, { transaction_id, transaction_status: 'expire', status_code: '407' }),
      ];
      for (const notification of late) assert.deepEqual((await webhook(t, host, notification)).json(), { ok: true, result: 'recorded' });
      assert.equal(await state(t, payment), 'paid/confirmed');
      assert.equal((await bookedFor(t, order.id)).transactions, 1);
      const recorded = (await eventsOf(t, payment)).filter((e) => e.from_status === 'paid');
      assert.deepEqual(
        recorded.map((e) => [e.to_status, e.accepted, e.reason]),
        [
          ['paid', true, 'pending'],
          ['paid', true, 'expire'],
        ],
      );
    });

    test('pending then deny: the payment fails, the order still waits, and the buyer can pay again', async () => {
      const { browser, order, payment } = await payByGateway(t, tenant, shop);
      const transaction_id = randomUUID();
      const pending = await webhook(t, host, signed(payment, { transaction_id, transaction_status: 'pending', status_code: '201' }));
      assert.equal(pending.json().result, 'recorded');
      assert.equal(await state(t, payment), 'pending/awaiting_payment');
      const deny = await webhook(t, host, signed(payment, { transaction_id, transaction_status: 'deny', status_code: '202' }));
      assert.equal(deny.json().result, 'applied');
      assert.equal(await state(t, payment), 'failed/awaiting_payment');
      const again = (await browser.post(`/api/orders/${order.id}/payments`, { method: 'gateway' })).json().order.payment;
      assert.notEqual(again.id, payment.id);
      assert.equal(again.status, 'pending');
    });

    test('a wrong or missing signature: 403, recorded as bad_signature, nothing changes', async () => {
      const { order, payment } = await payByGateway(t, tenant, shop);
      const forged = signed(payment, {}, 'SB-Mid-server-someone-else');
      expectError(await webhook(t, host, forged), 403, 'invalid_signature');
      const { signature_key: _, ...unsigned } = signed(payment);
      expectError(await webhook(t, host, unsigned), 403, 'invalid_signature');
      assert.equal(await state(t, payment), 'pending/awaiting_payment');
      assert.equal((await bookedFor(t, order.id)).transactions, 0);
      const rejected = (await eventsOf(t, payment)).filter((e) => e.kind === 'notification');
      assert.deepEqual(
        rejected.map((e) => [e.accepted, e.reason, e.to_status]),
        [
          [false, 'bad_signature', 'pending'],
          [false, 'bad_signature', 'pending'],
        ],
      );
    });

    test('another amount, signed: recorded as amount_mismatch and answered 200, nothing changes', async () => {
      const { order, payment } = await payByGateway(t, tenant, shop);
      for (const gross_amount of [`${payment.amount - 1}.00`, `${payment.amount}.50`]) {
        const response = await webhook(t, host, signed(payment, { gross_amount }));
        assert.deepEqual(response.json(), { ok: true, result: 'amount_mismatch' });
      }
      assert.equal(await state(t, payment), 'pending/awaiting_payment');
      assert.equal((await bookedFor(t, order.id)).transactions, 0);
      const reasons = (await eventsOf(t, payment)).filter((e) => e.kind === 'notification').map((e) => [e.accepted, e.reason]);
      assert.deepEqual(reasons, [
        [false, 'amount_mismatch'],
        [false, 'amount_mismatch'],
      ]);
    });

    test('malformed JSON or missing fields: 400 and nothing stored', async () => {
      const { payment } = await payByGateway(t, tenant, shop);
      const before = await rowCounts(t.database.db, tenant.id, ['payment_events']);
      expectError(await webhook(t, host, '{"order_id": "'), 400, 'invalid_json');
      expectError(await webhook(t, host, { order_id: payment.id, transaction_status: 'settlement' }), 400, 'validation_failed');
      assert.deepEqual(await rowCounts(t.database.db, tenant.id, ['payment_events']), before);
      assert.equal(await state(t, payment), 'pending/awaiting_payment');
    });

    test('a settlement after the order expired is booked once and a refund opened (late payment)', async () => {
      const { order, payment } = await payByGateway(t, tenant, shop);
      const reservedUntil = await t.database.db
        .selectFrom('orders')
        .select('reserved_until')
        .where('id', '=', order.id)
        .executeTakeFirstOrThrow();
      await expireUnpaidOrders(systemCtx(t, tenant), new Date(reservedUntil.reserved_until.getTime() + 1000));
      assert.equal(await state(t, payment), 'cancelled/expired');

      const settlement = signed(payment, { transaction_id: randomUUID() });
      assert.equal((await webhook(t, host, settlement)).json().result, 'applied');
      assert.equal((await webhook(t, host, settlement)).json().result, 'duplicate');
      assert.equal(await state(t, payment), 'cancelled/expired');
      assert.equal((await bookedFor(t, order.id)).transactions, 1);
      const refunds = await t.database.db
        .selectFrom('refunds')
        .select(['amount', 'reason', 'status'])
        .where('payment_id', '=', payment.id)
        .execute();
      assert.deepEqual(refunds, [{ amount: 20_000n, reason: 'late_payment', status: 'pending' }]);
    });

    test("another regency's host cannot touch the payment", async () => {
      const { order, payment } = await payByGateway(t, tenant, shop);
      const other = await makeTenant(t.database.db);
      const before = await rowCounts(t.database.db, tenant.id, ['payment_events', 'ledger_transactions']);
      expectError(await webhook(t, `${other.slug}.localhost`, signed(payment)), 404, 'not_found');
      expectError(await webhook(t, 'nowhere.localhost', signed(payment)), 404, 'tenant_not_found');
      assert.deepEqual(await rowCounts(t.database.db, tenant.id, ['payment_events', 'ledger_transactions']), before);
      assert.deepEqual(await rowCounts(t.database.db, other.id, ['payment_events']), { payment_events: 0 });
      assert.equal(await state(t, payment), 'pending/awaiting_payment');
      assert.equal((await bookedFor(t, order.id)).transactions, 0);
    });
  });

  describe(`a failing Snap on ${engine}`, () => {
    let t: TestApp;
    let snap: Awaited<ReturnType<typeof fakeSnap>>;
    let tenant: TenantRef;

    before(async () => {
      snap = await fakeSnap(500);
      t = await testApp(engine, { MIDTRANS_SERVER_KEY: SERVER_KEY, MIDTRANS_SNAP_URL: snap.url });
      tenant = await makeTenant(t.database.db);
    });
    after(async () => {
      await t.close();
      await snap.close();
    });

    test('Snap answering 500: 502 gateway_unavailable and the payment failed with Snap’s message', async () => {
      const shop = await gatewayShop(t, tenant);
      const { browser, order } = await orderFrom(t, tenant, [shop]);
      expectError(await browser.post(`/api/orders/${order.id}/payments`, { method: 'gateway' }), 502, 'gateway_unavailable');
      const payment = await t.database.db
        .selectFrom('payments')
        .select(['id', 'status'])
        .where('order_id', '=', order.id)
        .executeTakeFirstOrThrow();
      assert.equal(payment.status, 'failed');
      const failed = (await eventsOf(t, { id: payment.id, amount: 0, redirectUrl: null })).at(-1);
      assert.equal(failed?.kind, 'charge_failed');
      assert.match(failed?.reason ?? '', /Midtrans Snap answered 500: Sorry, we encountered internal server error/);
      assert.equal(snap.requests.length, 1);
    });
  });

  describe(`the demo gateway on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let shop: Shop;

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      shop = await gatewayShop(t, tenant);
    });
    after(() => t.close());

    test('the buyer sees the demo page, pays, and is sent back to the order, which is confirmed', async () => {
      const { browser, order, payment } = await payByGateway(t, tenant, shop);
      assert.equal(payment.redirectUrl, `/api/dev/gateway/${payment.id}`);

      const page = await browser.get(payment.redirectUrl);
      assert.equal(page.statusCode, 200, page.body);
      assert.match(page.headers['content-type'] as string, /^text\/html/);
      assert.ok(page.body.includes(order.number) && page.body.includes(formatRupiah(20_000)));
      assert.ok(page.body.includes('Bayar (berhasil)') && page.body.includes('Gagal'));
      assert.match(page.body, /<script src="\/api\/dev\/gateway\.js" defer><\/script>/);
      const script = await browser.get('/api/dev/gateway.js');
      assert.match(script.headers['content-type'] as string, /^text\/javascript/);
      assert.match(script.body, /x-csrf-token/);

      // The form posts like the web app: without the session's CSRF token it is refused.
      expectError(await browser.post(payment.redirectUrl, { result: 'paid' }, { 'x-csrf-token': 'forged' }), 403, 'csrf_failed');
      const paid = await browser.post(payment.redirectUrl, { result: 'paid' });
      assert.equal(paid.statusCode, 200, paid.body);
      assert.deepEqual(paid.json(), { redirectUrl: `/pesanan/${order.id}` });
      assert.equal(await state(t, payment), 'paid/confirmed');
      assert.equal((await bookedFor(t, order.id)).transactions, 1);
      const [paidEvent] = (await eventsOf(t, payment)).filter((e) => e.to_status === 'paid');
      assert.deepEqual(paidEvent, {
        kind: 'notification',
        from_status: 'pending',
        to_status: 'paid',
        accepted: true,
        reason: '',
        actor: 'system',
      });
      // Pressing again changes nothing; the page now says it is paid.
      assert.equal((await browser.post(payment.redirectUrl, { result: 'failed' })).statusCode, 200);
      assert.equal(await state(t, payment), 'paid/confirmed');
      assert.match((await browser.get(payment.redirectUrl)).body, /sudah dibayar/);
    });

    test('"Gagal" fails the payment; the order waits for another try', async () => {
      const { browser, payment } = await payByGateway(t, tenant, shop);
      assert.equal((await browser.post(`/api/dev/gateway/${payment.id}`, { result: 'failed' })).statusCode, 200);
      assert.equal(await state(t, payment), 'failed/awaiting_payment');
    });

    test('only the buyer of the order may open or use the page; nobody can forge a webhook call', async () => {
      const { payment } = await payByGateway(t, tenant, shop);
      const stranger = await makeBuyer(t, tenant);
      expectError(await stranger.browser.get(`/api/dev/gateway/${payment.id}`), 404, 'not_found');
      expectError(await stranger.browser.post(`/api/dev/gateway/${payment.id}`, { result: 'paid' }), 404, 'not_found');
      const guest = await t.app.inject({
        method: 'GET',
        url: `/api/dev/gateway/${payment.id}`,
        headers: { host: `${tenant.slug}.localhost` },
      });
      expectError(guest, 401, 'unauthenticated');
      // The demo key is made at start and never leaves the server.
      expectError(await webhook(t, `${tenant.slug}.localhost`, signed(payment)), 403, 'invalid_signature');
      assert.equal(await state(t, payment), 'pending/awaiting_payment');
    });
  });
}
