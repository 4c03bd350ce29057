import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeTenant, rowCounts } from '../../test/factories.ts';
import { accountBalance, verifyLedger } from '../ledger/service.ts';
import { autoCompleteOrders } from '../orders/lifecycle.ts';
import { stockOf } from '../orders/test-fixtures.ts';
import { makePhoto, makeStaffBrowser, queuedTexts } from '../sellers/test-fixtures.ts';
import { parseQris } from './qris.ts';
import {
  deliverAsCourier,
  makeCourier,
  makePayingProgram,
  makeSellingShop,
  orderFrom,
  STATIC_QRIS,
  staffOf,
  systemCtx,
} from './test-fixtures.ts';

type Browser = Awaited<ReturnType<typeof orderFrom>>['browser'];

/** Everything payments write: "nothing changed" means these do not move. */
const moneyCounts = (t: TestApp, tenant: TenantRef) =>
  rowCounts(t.database.db, tenant.id, ['payments', 'payment_events', 'refunds', 'ledger_transactions', 'ledger_postings', 'order_events']);

async function pay(browser: Browser, orderId: string, method: string) {
  const response = await browser.post(`/api/orders/${orderId}/payments`, { method });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().order;
}

async function uploadProof(t: TestApp, tenant: TenantRef, browser: Browser, orderId: string) {
  const mediaId = await makePhoto(t.database.db, tenant.id);
  const response = await browser.post(`/api/orders/${orderId}/payments/proof`, { mediaId });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().order;
}

async function expectStatus(response: { statusCode: number; body: string }, status: number, code?: string) {
  assert.equal(response.statusCode, status, response.body);
  if (code) assert.equal(JSON.parse(response.body).error.code, code);
}

for (const engine of engines()) {
  describe(`payments on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;
    let staff: Awaited<ReturnType<typeof staffOf>>;
    const balance = (code: string) => accountBalance(systemCtx(t, tenant), code);

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      programId = await makePayingProgram(t.database.db, tenant.id);
      staff = await staffOf(t, tenant);
    });
    after(() => t.close());

    test('transfer: a unique amount, proof upload, CS confirms, the money is held in the ledger', async () => {
      const shop = await makeSellingShop(t, tenant, programId);
      const first = await orderFrom(t, tenant, [shop]);
      const second = await orderFrom(t, tenant, [shop]);
      const a = (await pay(first.browser, first.order.id, 'transfer')).payment;
      const b = (await pay(second.browser, second.order.id, 'transfer')).payment;
      assert.equal(first.order.total, 20_000);
      for (const p of [a, b]) {
        assert.ok(p.uniqueCode >= 1 && p.uniqueCode <= 999);
        assert.equal(p.amount, 20_000 + p.uniqueCode);
        assert.deepEqual(p.bank, { name: 'Bank Jateng', accountNumber: '2003000111', accountHolder: 'Program Jujag-Jujug' });
      }
      assert.notEqual(a.amount, b.amount, 'two open transfers of the same total are told apart by amount');
      assert.equal((await pay(first.browser, first.order.id, 'transfer')).payment.id, a.id, 'asking again returns the open payment');

      // Only the payment desk confirms money; the buyer cannot.
      await expectStatus(await first.browser.post(`/api/cs/payments/${a.id}/confirm`, { reference: 'saya' }), 403, 'forbidden');
      const submitted = await uploadProof(t, tenant, first.browser, first.order.id);
      assert.equal(submitted.payment.status, 'submitted');
      assert.match(submitted.payment.proofUrl, /^\/api\/media\/med_/);
      const queue = (await staff.cs.get('/api/cs/payments')).json().payments;
      assert.equal(queue[0].id, a.id, 'proofs waiting for a check come first');
      const found = (await staff.cs.get(`/api/cs/payments?amount=${a.amount}`)).json().payments;
      assert.deepEqual(
        found.map((p: { id: string }) => p.id),
        [a.id],
      );

      await expectStatus(await staff.cs.post(`/api/cs/payments/${a.id}/confirm`, { reference: 'mutasi BPD 21/11 Rp 20.xxx' }), 204);
      const paid = (await first.browser.get(`/api/orders/${first.order.id}`)).json().order;
      assert.equal(paid.status, 'confirmed');
      assert.equal(paid.payment.status, 'paid');
      assert.equal(await balance(`bank:program:${programId}`), BigInt(a.amount));

      // The receipt prints for the buyer (A4 and a 58 mm roll), not for another buyer.
      const roll = await first.browser.get(`/api/orders/${first.order.id}/receipt.pdf?size=58mm`);
      assert.equal(roll.headers['content-type'], 'application/pdf');
      assert.match(roll.rawPayload.subarray(0, 5).toString(), /^%PDF-/);
      assert.match(roll.rawPayload.toString('latin1'), /\/MediaBox \[0 0 164\.4/);
      assert.match(
        (await first.browser.get(`/api/orders/${first.order.id}/receipt.pdf`)).rawPayload.toString('latin1'),
        /\/MediaBox \[0 0 595\.28 841\.89\]/,
      );
      await expectStatus(await second.browser.get(`/api/orders/${first.order.id}/receipt.pdf`), 404);

      // Confirming again changes nothing.
      const counts = await moneyCounts(t, tenant);
      await expectStatus(await staff.cs.post(`/api/cs/payments/${a.id}/confirm`, { reference: 'lagi' }), 409, 'invalid_transition');
      assert.deepEqual(await moneyCounts(t, tenant), counts);
    });

    test('a rejected proof goes back to the buyer with the reason; a new proof goes to CS again', async () => {
      const shop = await makeSellingShop(t, tenant, programId);
      const { browser, order } = await orderFrom(t, tenant, [shop]);
      const { payment } = await pay(browser, order.id, 'transfer');
      await uploadProof(t, tenant, browser, order.id);
      await expectStatus(await staff.cs.post(`/api/cs/payments/${payment.id}/reject-proof`, { reason: 'Belum ada di mutasi' }), 204);
      const back = (await browser.get(`/api/orders/${order.id}`)).json().order;
      assert.equal(back.payment.status, 'pending');
      assert.equal(back.payment.rejectedReason, 'Belum ada di mutasi');
      const told = await queuedTexts(t.database.db, tenant.id, back.buyer.phone);
      assert.ok(
        told.some((text) => text.includes(order.number) && text.includes('Belum ada di mutasi')),
        told.join('\n'),
      );
      assert.equal((await uploadProof(t, tenant, browser, order.id)).payment.status, 'submitted');
      // While CS checks a proof, the buyer cannot switch to another method.
      await expectStatus(await browser.post(`/api/orders/${order.id}/payments`, { method: 'qris' }), 409, 'payment_in_review');
    });

    test('QRIS: a dynamic payload with the exact amount and a QR image; switching method cancels it', async () => {
      const shop = await makeSellingShop(t, tenant, programId);
      const { browser, order } = await orderFrom(t, tenant, [shop]);
      const { payment } = await pay(browser, order.id, 'qris');
      const info = parseQris(payment.qrisPayload);
      assert.deepEqual(
        { amount: info.amount, crc: info.crc_valid, initiation: info.point_of_initiation, merchant: info.merchant_name },
        { amount: order.total, crc: true, initiation: 'dynamic', merchant: parseQris(STATIC_QRIS).merchant_name },
      );
      const image = await browser.get(`/api/orders/${order.id}/payments/qris.svg`);
      assert.equal(image.headers['content-type'], 'image/svg+xml');
      assert.match(image.body, /^<svg/);

      const switched = (await pay(browser, order.id, 'transfer')).payment;
      assert.equal(switched.method, 'transfer');
      await expectStatus(await browser.get(`/api/orders/${order.id}/payments/qris.svg`), 404);
      // The cancelled QRIS payment can no longer be confirmed.
      await expectStatus(await staff.cs.post(`/api/cs/payments/${payment.id}/confirm`, { reference: 'x' }), 409, 'invalid_transition');
    });

    test('cash on delivery: only for courier delivery; the courier collects it at the door', async () => {
      const shop = await makeSellingShop(t, tenant, programId);
      const pickup = await orderFrom(t, tenant, [shop], 'pickup');
      const refused = await pickup.browser.post(`/api/orders/${pickup.order.id}/payments`, { method: 'cod' });
      await expectStatus(refused, 400, 'validation_failed');
      assert.equal(refused.json().error.details[0].code, 'cod_needs_delivery');

      const courier = await makeCourier(t, tenant, programId);
      const { browser, order } = await orderFrom(t, tenant, [shop], 'delivery');
      assert.equal(order.total, 20_000 + 8_000, 'goods and the delivery fee');
      assert.equal((await pay(browser, order.id, 'cod')).status, 'confirmed', 'sellers can start at once');
      const part = (await shop.seller.get('/api/seller/orders?tab=new'))
        .json()
        .fulfilments.find((f: { orderId: string }) => f.orderId === order.id);
      await expectStatus(await shop.seller.post(`/api/seller/fulfilments/${part.id}/accept`, {}), 204);
      await expectStatus(await shop.seller.post(`/api/seller/fulfilments/${part.id}/ready`, {}), 204);
      // A delivery part is handed over by the courier, not the seller.
      await expectStatus(await shop.seller.post(`/api/seller/fulfilments/${part.id}/hand-over`, {}), 409, 'invalid_transition');
      const before = (await courier.browser.get('/api/courier/cash')).json().balance;
      await expectStatus(await deliverAsCourier(t, tenant, courier, order.id), 204);
      assert.equal((await courier.browser.get('/api/courier/cash')).json().balance, before + order.total);

      const done = (await browser.post(`/api/orders/${order.id}/confirm-receipt`)).json().order;
      assert.equal(done.status, 'completed');
      assert.equal(await balance(`payable:seller:${shop.sellerId}`), -(20_000n - 500n), 'goods less the 2.5 % fee');
      assert.equal(await balance(`payable:courier:${courier.userId}`), -8_000n, 'the delivery fee is the courier’s');
    });

    test('one seller rejects: that part is refunded and its stock returned; the rest completes and is split', async () => {
      const shopA = await makeSellingShop(t, tenant, programId);
      const shopB = await makeSellingShop(t, tenant, programId, 30_000);
      const { browser, order } = await orderFrom(t, tenant, [shopA, shopB]);
      const { payment } = await pay(browser, order.id, 'transfer');
      await staff.cs.post(`/api/cs/payments/${payment.id}/confirm`, { reference: 'mutasi' });
      const partOf = async (shop: typeof shopA) =>
        (await shop.seller.get('/api/seller/orders?tab=new')).json().fulfilments.find((f: { orderId: string }) => f.orderId === order.id);
      const [partA, partB] = [await partOf(shopA), await partOf(shopB)];
      // A seller cannot act on another seller's part.
      await expectStatus(await shopB.seller.post(`/api/seller/fulfilments/${partA.id}/accept`, {}), 404);

      const stockBefore = await stockOf(t.database.db, shopA.variantId);
      const noReason = await shopA.seller.post(`/api/seller/fulfilments/${partA.id}/reject`, {});
      await expectStatus(noReason, 400, 'validation_failed');
      assert.equal(noReason.json().error.details[0].field, 'reason');
      await expectStatus(await shopA.seller.post(`/api/seller/fulfilments/${partA.id}/reject`, { reason: 'Stok habis' }), 204);
      assert.equal(await stockOf(t.database.db, shopA.variantId), stockBefore + 500);
      await expectStatus(await shopB.seller.post(`/api/seller/fulfilments/${partB.id}/accept`, {}), 204);
      await expectStatus(await shopB.seller.post(`/api/seller/fulfilments/${partB.id}/ready`, {}), 204);
      await expectStatus(await shopB.seller.post(`/api/seller/fulfilments/${partB.id}/hand-over`, {}), 204);

      const delivered = (await browser.get(`/api/orders/${order.id}`)).json().order;
      assert.equal(delivered.status, 'delivered');
      assert.deepEqual(
        delivered.refunds.map((r: { amount: number; status: string; reason: string }) => [r.amount, r.status, r.reason]),
        [[20_000, 'pending', 'seller_rejected']],
      );
      assert.equal(delivered.fulfilments.find((f: { id: string }) => f.id === partA.id).reason, 'Stok habis');
      const told = await queuedTexts(t.database.db, tenant.id, delivered.buyer.phone);
      assert.ok(
        told.some((text) => text.includes('Stok habis') && text.includes('Rp 20.000')),
        told.join('\n'),
      );
      assert.ok(
        told.some((text) => text.includes('sudah sampai')),
        'told to confirm receipt',
      );
      const timeline = delivered.events.map((e: { to: string; fulfilmentId: string | null }) => (e.fulfilmentId ? `part:${e.to}` : e.to));
      assert.deepEqual(timeline, [
        'awaiting_payment',
        'confirmed',
        'part:rejected',
        'part:accepted',
        'accepted',
        'part:ready',
        'ready',
        'part:delivered',
        'delivered',
      ]);

      await expectStatus(await browser.post(`/api/orders/${order.id}/confirm-receipt`), 200);
      assert.equal(await balance(`payable:seller:${shopB.sellerId}`), -(15_000n - 375n));
      assert.equal(await balance(`payable:seller:${shopA.sellerId}`).catch(() => 0n), 0n, 'the rejecting seller earns nothing');
      const refund = (await staff.cs.get('/api/cs/refunds')).json().refunds.find((r: { orderId: string }) => r.orderId === order.id);
      await expectStatus(await staff.cs.post(`/api/cs/refunds/${refund.id}/paid`, { reference: 'trf balik BRI' }), 204);
      await expectStatus(await staff.cs.post(`/api/cs/refunds/${refund.id}/paid`, { reference: 'lagi' }), 409);
      const verification = await verifyLedger(t.database.db, tenant.id);
      assert.equal(verification.ok, true);
    });

    test('the buyer cancels a paid order before any seller starts: all of it is refunded; later they cannot', async () => {
      const shop = await makeSellingShop(t, tenant, programId);
      const stockBefore = await stockOf(t.database.db, shop.variantId);
      const first = await orderFrom(t, tenant, [shop]);
      const { payment } = await pay(first.browser, first.order.id, 'transfer');
      await staff.cs.post(`/api/cs/payments/${payment.id}/confirm`, { reference: 'mutasi' });
      const cancelled = (await first.browser.post(`/api/orders/${first.order.id}/cancel`, { reason: 'Salah pesan' })).json().order;
      assert.equal(cancelled.status, 'cancelled');
      assert.deepEqual(
        cancelled.refunds.map((r: { amount: number }) => r.amount),
        [payment.amount],
      );
      assert.equal(await stockOf(t.database.db, shop.variantId), stockBefore, 'the stock is back on sale');
      // Paying a cancelled order is refused and writes nothing.
      const counts = await moneyCounts(t, tenant);
      await expectStatus(await first.browser.post(`/api/orders/${first.order.id}/payments`, { method: 'qris' }), 409, 'order_not_payable');
      assert.deepEqual(await moneyCounts(t, tenant), counts);

      const second = await orderFrom(t, tenant, [shop]);
      const secondPayment = (await pay(second.browser, second.order.id, 'qris')).payment;
      await staff.cs.post(`/api/cs/payments/${secondPayment.id}/confirm`, { reference: 'QRIS 123' });
      const part = (await shop.seller.get('/api/seller/orders?tab=new'))
        .json()
        .fulfilments.find((f: { orderId: string }) => f.orderId === second.order.id);
      await shop.seller.post(`/api/seller/fulfilments/${part.id}/accept`, {});
      await expectStatus(await second.browser.post(`/api/orders/${second.order.id}/cancel`, {}), 409, 'invalid_transition');
      // CS still can, with a reason; the money is opened for refund.
      const byStaff = (await staff.cs.post(`/api/cs/orders/${second.order.id}/cancel`, { reason: 'Pembeli minta batal lewat WA' })).json()
        .order;
      assert.equal(byStaff.status, 'cancelled');
      assert.equal(byStaff.refunds[0].amount, secondPayment.amount);
    });

    test('bad input changes nothing: unknown methods, other regencies, unpaid orders', async () => {
      const shop = await makeSellingShop(t, tenant, programId);
      const { browser, order } = await orderFrom(t, tenant, [shop]);
      const counts = await moneyCounts(t, tenant);
      const gateway = await browser.post(`/api/orders/${order.id}/payments`, { method: 'gateway' });
      await expectStatus(gateway, 400, 'validation_failed');
      assert.equal(gateway.json().error.details[0].code, 'payment_method_unavailable');
      await expectStatus(await browser.post(`/api/orders/${order.id}/payments`, { method: 'bitcoin' }), 400, 'validation_failed');
      await expectStatus(await browser.post(`/api/orders/${order.id}/payments/proof`, { mediaId: 'med_0000000000000000' }), 400);
      // Sellers cannot start on an unpaid order.
      const ownParts = await t.database.db.selectFrom('fulfilments').select('id').where('order_id', '=', order.id).execute();
      await expectStatus(await shop.seller.post(`/api/seller/fulfilments/${ownParts[0]?.id}/accept`, {}), 409, 'invalid_transition');
      // Another regency's staff and buyers do not see it.
      const elsewhere = await makeTenant(t.database.db);
      const foreign = await staffOf(t, elsewhere);
      await expectStatus(await foreign.cs.get(`/api/cs/orders/${order.id}`), 404);
      await expectStatus(await foreign.cs.post(`/api/cs/orders/${order.id}/cancel`, { reason: 'coba-coba' }), 404);
      assert.deepEqual(await moneyCounts(t, tenant), counts);
    });

    test('a delivered order completes by itself after the program’s time and pays the sellers', async () => {
      const shop = await makeSellingShop(t, tenant, programId);
      const { browser, order } = await orderFrom(t, tenant, [shop]);
      const { payment } = await pay(browser, order.id, 'qris');
      await staff.cs.post(`/api/cs/payments/${payment.id}/confirm`, { reference: 'QRIS 9' });
      const part = (await shop.seller.get('/api/seller/orders?tab=new'))
        .json()
        .fulfilments.find((f: { orderId: string }) => f.orderId === order.id);
      for (const step of ['accept', 'ready', 'hand-over']) await shop.seller.post(`/api/seller/fulfilments/${part.id}/${step}`, {});
      const ctx = systemCtx(t, tenant);
      assert.equal(await autoCompleteOrders(ctx), 0, 'not yet due');
      assert.ok((await autoCompleteOrders(ctx, new Date(Date.now() + 73 * 3_600_000))) >= 1);
      const done = (await browser.get(`/api/orders/${order.id}`)).json().order;
      assert.equal(done.status, 'completed');
      assert.equal(done.events.at(-1).reason, 'auto_confirmed');
      assert.equal(await balance(`payable:seller:${shop.sellerId}`), -(20_000n - 500n));
      // Rating after completion, once, with a comment.
      await expectStatus(
        await browser.request({ method: 'PUT', url: `/api/orders/${order.id}/rating`, payload: { stars: 5, comment: 'Segar' } }),
        200,
      );
      await expectStatus(await browser.request({ method: 'PUT', url: `/api/orders/${order.id}/rating`, payload: { stars: 9 } }), 400);
      assert.deepEqual((await browser.get(`/api/orders/${order.id}`)).json().order.rating, { stars: 5, comment: 'Segar' });
    });

    test('payout run: what completed orders owe each seller, as CSV, settled line by line through the ledger', async () => {
      const program = await makePayingProgram(t.database.db, tenant.id, 0);
      const shopA = await makeSellingShop(t, tenant, program);
      const shopB = await makeSellingShop(t, tenant, program, 30_000);
      await t.database.db
        .updateTable('sellers')
        .set({ payout_method: 'bank', payout_provider: 'BRI', payout_account: '0123456789', payout_name: 'Sri Wahyuni' })
        .where('id', '=', shopA.sellerId)
        .execute();
      const treasurer = (await makeStaffBrowser(t, tenant, 'treasurer')).browser;
      await expectStatus(await treasurer.post(`/api/admin/programs/${program}/payout-runs`), 409, 'payout_nothing_due');

      const { browser, order } = await orderFrom(t, tenant, [shopA, shopB]);
      const { payment } = await pay(browser, order.id, 'qris');
      await staff.cs.post(`/api/cs/payments/${payment.id}/confirm`, { reference: 'QRIS 1' });
      for (const shop of [shopA, shopB]) {
        const part = (await shop.seller.get('/api/seller/orders?tab=new'))
          .json()
          .fulfilments.find((f: { orderId: string }) => f.orderId === order.id);
        for (const step of ['accept', 'ready', 'hand-over']) await shop.seller.post(`/api/seller/fulfilments/${part.id}/${step}`, {});
      }
      await browser.post(`/api/orders/${order.id}/confirm-receipt`);
      // Sellers and buyers cannot run payouts.
      await expectStatus(await shopA.seller.post(`/api/admin/programs/${program}/payout-runs`), 403);

      const created = await treasurer.post(`/api/admin/programs/${program}/payout-runs`);
      await expectStatus(created, 201);
      const run = created.json().run;
      assert.equal(run.total, 35_000);
      const lineOf = (sellerId: string) => run.lines.find((l: { payeeId: string }) => l.payeeId === sellerId);
      assert.deepEqual(
        { amount: lineOf(shopA.sellerId).amount, method: lineOf(shopA.sellerId).method, account: lineOf(shopA.sellerId).account },
        { amount: 20_000, method: 'bank', account: '0123456789' },
      );
      // Money already in an open run is not gathered twice.
      await expectStatus(await treasurer.post(`/api/admin/programs/${program}/payout-runs`), 409, 'payout_nothing_due');
      const csv = (await treasurer.get(`/api/admin/payout-runs/${run.id}/csv`)).body;
      assert.match(csv, new RegExp(`seller,${shopA.sellerId},.*,bank,BRI,0123456789,Sri Wahyuni,20000,pending,`));

      const one = await treasurer.post(`/api/admin/payout-runs/${run.id}/settle`, { reference: 'BRI bulk 1', payeeId: shopA.sellerId });
      assert.equal(one.json().run.status, 'open');
      assert.equal(await balance(`payable:seller:${shopA.sellerId}`), 0n);
      const all = await treasurer.post(`/api/admin/payout-runs/${run.id}/settle`, { reference: 'tunai loket' });
      assert.equal(all.json().run.status, 'settled');
      assert.equal(await balance(`payable:seller:${shopB.sellerId}`), 0n);
      assert.equal(await balance(`bank:program:${program}`), -35_000n, 'paid out of the program account (QRIS settles in clearing)');
      await expectStatus(await treasurer.post(`/api/admin/payout-runs/${run.id}/settle`, { reference: 'lagi' }), 409);
    });
  });
}
