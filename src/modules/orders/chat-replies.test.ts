import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { client, type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeTenant, uniquePhone } from '../../test/factories.ts';
import { makeCourier, makePayingProgram, makeSellingShop, orderFrom, staffOf } from '../payments/test-fixtures.ts';

type Told = { kind: string; body: string; data: { buttons?: { id: string; title: string }[] } | null };

for (const engine of engines()) {
  describe(`answering a reweigh question on WhatsApp on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;
    let simulator: ReturnType<typeof client>;

    /** What this phone was sent by the program, oldest first. */
    async function toldTo(phone: string): Promise<Told[]> {
      const response = await simulator.get(`/api/dev/whatsapp?programId=${programId}&phone=${encodeURIComponent(phone)}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json().messages.filter((m: { direction: string }) => m.direction === 'out');
    }

    const tap = (phone: string, replyId: string, replyTitle: string) =>
      simulator.post('/api/dev/whatsapp/messages', { programId, phone, replyId, replyTitle });

    /** A paid order of 0,5 kg (Rp 20.000) whose shopper found only 0,4 kg (Rp 16.000): the buyer is asked. */
    async function askedOrder() {
      const { cs } = await staffOf(t, tenant);
      const courier = await makeCourier(t, tenant, programId);
      const placed = await orderFrom(t, tenant, [await makeSellingShop(t, tenant, programId)], 'delivery');
      const payment = (await placed.browser.post(`/api/orders/${placed.order.id}/payments`, { method: 'qris' })).json().order.payment;
      await cs.post(`/api/cs/payments/${payment.id}/confirm`, { reference: 'QRIS' });
      const job = await t.database.db
        .selectFrom('delivery_jobs')
        .select('id')
        .where('order_id', '=', placed.order.id)
        .executeTakeFirstOrThrow();
      await cs.post(`/api/cs/jobs/${job.id}/assign`, { courierId: courier.id });
      const weighed = await courier.browser.post(`/api/courier/jobs/${job.id}/lines/0`, { quantityMilli: 400 });
      assert.equal(weighed.statusCode, 204, weighed.body);
      const buyerPhone: string = (await placed.browser.get(`/api/orders/${placed.order.id}`)).json().order.buyer.phone;
      return { ...placed, buyerPhone };
    }

    const lineOf = async (browser: Awaited<ReturnType<typeof askedOrder>>['browser'], orderId: string) =>
      (await browser.get(`/api/orders/${orderId}`)).json().order.lines[0] as { reweighStatus: string; finalLineTotal: number | null };

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      programId = await makePayingProgram(t.database.db, tenant.id, 0);
      await t.database.db
        .updateTable('programs')
        .set({ name: 'Jujag-Jujug', whatsapp_phone_number_id: '6281227611117' })
        .where('id', '=', programId)
        .execute();
      simulator = client(t.app, `${tenant.slug}.localhost`);
    });
    after(() => t.close());

    test('the question comes with buttons; "Setuju" from the buyer’s phone accepts the line, once', async () => {
      const order = await askedOrder();
      const question = (await toldTo(order.buyerPhone)).find((m) => m.kind === 'buttons');
      assert.ok(question, 'the question is sent as buttons');
      assert.match(question.body, new RegExp(`^Jujag-Jujug: Pesanan ${order.order.number}: untuk Bawang merah .* seharga Rp 16\\.000\\.`));
      assert.deepEqual(question.data?.buttons, [
        { id: `reweigh:${order.order.id}:0:accept`, title: 'Setuju' },
        { id: `reweigh:${order.order.id}:0:remove`, title: 'Tolak' },
      ]);

      const accepted = await tap(order.buyerPhone, `reweigh:${order.order.id}:0:accept`, 'Setuju');
      assert.deepEqual([accepted.statusCode, accepted.json()], [201, { received: 1 }]);
      const line = await lineOf(order.browser, order.order.id);
      assert.deepEqual([line.reweighStatus, line.finalLineTotal], ['accepted', 16_000]);
      assert.equal(
        (await toldTo(order.buyerPhone)).at(-1)?.body,
        `Baik, Bawang merah 0,4 kg seharga Rp 16.000 kami ambil untuk pesanan ${order.order.number}.`,
      );

      // A second tap (here "Tolak") comes too late: the answer stands.
      await tap(order.buyerPhone, `reweigh:${order.order.id}:0:remove`, 'Tolak');
      assert.equal((await lineOf(order.browser, order.order.id)).reweighStatus, 'accepted');
      assert.match(
        (await toldTo(order.buyerPhone)).at(-1)?.body ?? '',
        /sudah terjawab atau lewat batas waktunya, jadi tidak ada yang kami ubah/,
      );
    });

    test('"Tolak" leaves the line out; a tap from another phone changes nothing', async () => {
      const order = await askedOrder();
      const stranger = uniquePhone();
      await tap(stranger, `reweigh:${order.order.id}:0:accept`, 'Setuju');
      assert.equal((await lineOf(order.browser, order.order.id)).reweighStatus, 'asked');
      assert.deepEqual(
        (await toldTo(stranger)).map((m) => m.body),
        ['Maaf, pertanyaan itu bukan untuk nomor ini, jadi tidak ada yang kami ubah.'],
      );

      await tap(order.buyerPhone, `reweigh:${order.order.id}:0:remove`, 'Tolak');
      const line = await lineOf(order.browser, order.order.id);
      assert.deepEqual([line.reweighStatus, line.finalLineTotal], ['removed', 0]);
      assert.equal(
        (await toldTo(order.buyerPhone)).at(-1)?.body,
        `Baik, Bawang merah tidak jadi dibeli untuk pesanan ${order.order.number}.`,
      );
    });
  });
}
