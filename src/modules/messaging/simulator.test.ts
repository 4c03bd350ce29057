import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inTransaction, type TenantRef } from '../../http/context.ts';
import { formatRupiah } from '../../shared/format.ts';
import { client, type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeTenant } from '../../test/factories.ts';
import { notifyOrderPlaced } from '../orders/notifications.ts';
import {
  deliverAsCourier,
  makeCourier,
  makePayingProgram,
  makeSellingShop,
  orderFrom,
  staffOf,
  systemCtx,
} from '../payments/test-fixtures.ts';

type SimulatedMessage = { direction: string; kind: string; body: string; data: Record<string, unknown> | null };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

for (const engine of engines()) {
  describe(`the WhatsApp simulator on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;
    let simulator: ReturnType<typeof client>;

    /** The customer's side of their conversation with the program's number. */
    async function conversation(customer: string): Promise<SimulatedMessage[]> {
      const response = await simulator.get(`/api/dev/whatsapp?programId=${programId}&phone=${encodeURIComponent(customer)}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json().messages;
    }

    /** An order for 0,5 kg from one stall, delivered by a courier, started with `method`; the buyer is told it was placed. */
    async function placed(method: 'qris' | 'transfer') {
      const order = await orderFrom(t, tenant, [await makeSellingShop(t, tenant, programId)], 'delivery');
      const paying = await order.browser.post(`/api/orders/${order.order.id}/payments`, { method });
      assert.equal(paying.statusCode, 200, paying.body);
      await inTransaction(systemCtx(t, tenant), (tx) => notifyOrderPlaced(tx, order.order.id));
      const view = paying.json().order;
      return { ...order, view, buyerPhone: view.buyer.phone as string };
    }

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      programId = await makePayingProgram(t.database.db, tenant.id, 0);
      await t.database.db
        .updateTable('programs')
        .set({ name: 'Jujag-Jujug', whatsapp_phone: '+6281227611117', whatsapp_phone_number_id: '6281227611117' })
        .where('id', '=', programId)
        .execute();
      simulator = client(t.app, `${tenant.slug}.localhost`);
    });
    after(() => t.close());

    test('a customer’s text goes the webhook’s way into their conversation with the program', async () => {
      const numbers = (await simulator.get('/api/dev/whatsapp/numbers')).json().numbers;
      assert.deepEqual(numbers, [{ programId, programName: 'Jujag-Jujug', phone: '+6281227611117', phoneNumberId: '6281227611117' }]);

      const sent = await simulator.post('/api/dev/whatsapp/messages', {
        programId,
        phone: '0813-1111-2222',
        name: 'Bu Siti',
        text: 'Bawang merah 1/2 kg',
      });
      assert.equal(sent.statusCode, 201, sent.body);
      assert.deepEqual(sent.json(), { received: 1 });
      const stored = await t.database.db
        .selectFrom('conversations')
        .select(['customer_name', 'unread'])
        .where('tenant_id', '=', tenant.id)
        .where('program_id', '=', programId)
        .where('phone', '=', '+6281311112222')
        .executeTakeFirstOrThrow();
      assert.deepEqual(stored, { customer_name: 'Bu Siti', unread: 1 });
      const messages = await conversation('+62 813 1111 2222');
      assert.deepEqual(
        messages.map((m) => [m.direction, m.kind, m.body]),
        [['in', 'text', 'Bawang merah 1/2 kg']],
      );

      const landline = await simulator.post('/api/dev/whatsapp/messages', { programId, phone: '0281-891234', text: 'Halo' });
      assert.equal(landline.statusCode, 400);
      assert.equal(landline.json().error.details[0].field, 'phone');
      const nothing = await simulator.post('/api/dev/whatsapp/messages', { programId, phone: '081311112222' });
      assert.equal(nothing.statusCode, 400);
      const elsewhere = await simulator.post('/api/dev/whatsapp/messages', { programId: 'prg_nope', phone: '081311112222', text: 'Halo' });
      assert.equal(elsewhere.statusCode, 404);
    });

    test('a QRIS order: the summary, then the QR image at a public address; paid, on the way and delivered follow', async () => {
      const order = await placed('qris');
      // Queued in one transaction: the two are not ordered by time.
      const told = await conversation(order.buyerPhone);
      const summary = told.find((m) => m.kind === 'text');
      const image = told.find((m) => m.kind === 'image');
      assert.ok(summary && image && told.length === 2);
      const total = formatRupiah(order.view.total);
      assert.match(summary.body, new RegExp(`^Jujag-Jujug: pesanan ${order.order.number} sudah kami catat\\.`));
      assert.match(summary.body, /\n- Bawang merah 0,5 kg: Rp 20\.000\n/);
      assert.match(summary.body, /\nOngkos kirim: Rp [\d.]+\n/);
      assert.ok(summary.body.includes(`\nTotal: ${total}\n`), summary.body);
      assert.ok(summary.body.includes('Alamat: Jl. Jend. Sudirman 5, Purbalingga'), summary.body);
      assert.equal(image.kind, 'image');
      assert.match(image.body, new RegExp(`bayar ${total} sebelum \\d+ \\w+ \\d{4}, \\d{2}\\.\\d{2} WIB`));

      // WhatsApp fetches the image with no session, from the tenant's own address.
      const link = new URL(String(image.data?.link));
      assert.equal(link.host, `${tenant.slug}.localhost:3000`);
      const fetchImage = (search: string) =>
        t.app.inject({ method: 'GET', url: `${link.pathname}${search}`, headers: { host: link.host } });
      const png = await fetchImage(link.search);
      assert.equal(png.statusCode, 200, png.body);
      assert.equal(png.headers['content-type'], 'image/png');
      assert.deepEqual(png.rawPayload.subarray(0, 8), PNG_SIGNATURE);
      assert.equal((await fetchImage('?token=wrong')).statusCode, 404);
      assert.equal((await fetchImage('')).statusCode, 404);

      const { cs } = await staffOf(t, tenant);
      assert.equal((await cs.post(`/api/cs/payments/${order.view.payment.id}/confirm`, { reference: 'QRIS' })).statusCode, 204);
      assert.equal((await fetchImage(link.search)).statusCode, 404, 'a paid QRIS is not shown any more');
      const courier = await makeCourier(t, tenant, programId);
      assert.equal((await deliverAsCourier(t, tenant, courier, order.order.id)).statusCode, 204);

      const updates = (await conversation(order.buyerPhone)).slice(2).map((m) => m.body);
      assert.deepEqual(updates, [
        `Jujag-Jujug: Pembayaran pesanan ${order.order.number} sudah kami terima, terima kasih. Pesanan diteruskan ke penjual untuk disiapkan.`,
        `Jujag-Jujug: Pesanan ${order.order.number} sedang diantar oleh ${courier.name}, pelat nomor R 1234 AB. Siapkan kode serah terima dari halaman pesanan untuk kurir.`,
        `Jujag-Jujug: Pesanan ${order.order.number} sudah sampai. Mohon konfirmasi "Pesanan sudah diterima" di halaman pesanan agar penjual dibayar.`,
      ]);
    });

    test('a transfer order: the bank account and the exact amount with its unique code', async () => {
      const order = await placed('transfer');
      const { amount, uniqueCode } = order.view.payment;
      const [summary, ...more] = await conversation(order.buyerPhone);
      assert.equal(more.length, 0, 'no image for a transfer');
      assert.ok(
        summary?.body.includes(
          `Silakan transfer tepat ${formatRupiah(amount)} (sudah termasuk kode unik ${uniqueCode}) ke Bank Jateng 2003000111 a.n. Program Jujag-Jujug sebelum `,
        ),
        summary?.body,
      );
    });
  });
}

describe('the WhatsApp simulator outside demo mode', () => {
  test('does not exist', async () => {
    const t = await testApp('pglite', { DEMO: 'false' });
    try {
      const tenant = await makeTenant(t.database.db);
      const simulator = client(t.app, `${tenant.slug}.localhost`);
      for (const response of [
        await simulator.get('/api/dev/whatsapp/numbers'),
        await simulator.get('/api/dev/whatsapp?programId=x&phone=081311112222'),
        await simulator.post('/api/dev/whatsapp/messages', { programId: 'x', phone: '081311112222', text: 'Halo' }),
      ]) {
        assert.equal(response.statusCode, 404);
        assert.equal(response.json().error.code, 'demo_only');
      }
    } finally {
      await t.close();
    }
  });
});
