import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { formatRupiah } from '../src/shared/format.ts';
import {
  addToCartByName,
  type apiClient,
  buyerClient,
  chromiumMissing,
  launchChromium,
  PHONE,
  type RunningServer,
  screenshot,
  staffClient,
  startServer,
} from './helpers.ts';

const skip = chromiumMissing();

type Order = {
  id: string;
  number: string;
  programId: string;
  payment: { id: string; status: string } | null;
  delivery: { jobId: string; status: string } | null;
  refunds: { amount: number; reason: string }[];
};

describe('weighed goods at the market: the shopper reweighs, the buyer decides, in a real browser at 360 px', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let buyerApi: ReturnType<typeof apiClient>;
  let order: Order;
  const url = (p: string) => server.url('purbalingga', p);

  const staff = (phone: string) => staffClient(server, phone);

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    buyerApi = await buyerClient(server, '0813-5555-0202');

    // Half a kilo of shallots (Rp 19.000) and a kilo of garlic (Rp 36.000), paid by QRIS.
    const seller = await addToCartByName(buyerApi, 'bawang merah brebes', 500);
    assert.equal(await addToCartByName(buyerApi, 'bawang putih kating', 1000), seller);
    ({ order } = await buyerApi<{ order: Order }>('POST', '/api/checkout', {
      address: 'Jl. Mayjend Sungkono 12, Purbalingga',
      areaCode: '33.03.06.2001',
      lat: -7.3886,
      lng: 109.3636,
      notes: '',
      fulfilment: { [seller]: 'delivery' },
    }));
    ({ order } = await buyerApi<{ order: Order }>('POST', `/api/orders/${order.id}/payments`, { method: 'qris' }));
    const cs = await staff('0811-0000-0002');
    await cs('POST', `/api/cs/payments/${order.payment?.id}/confirm`, { reference: 'QRIS 0042' });

    // The paid order became a job; CS gives it to Mas Joko rather than waiting for the dispatcher.
    ({ order } = await buyerApi<{ order: Order }>('GET', `/api/orders/${order.id}`));
    assert.ok(order.delivery?.jobId, 'a delivery job for the paid order');
    const { couriers } = await cs<{ couriers: { id: string; phone: string }[] }>('GET', `/api/admin/couriers?programId=${order.programId}`);
    await cs('POST', `/api/cs/jobs/${order.delivery.jobId}/assign`, {
      courierId: couriers.find((c) => c.phone === '+6281100000004')?.id,
    });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('one line applies at once, the other waits for the buyer, who agrees; leaving the market refunds the difference', async () => {
    const courier = await (await browser.newContext(PHONE)).newPage();
    await courier.goto(url('/masuk/staf?next=%2Fkurir'));
    await courier.getByLabel('Nomor HP').fill('0811-0000-0004');
    await courier.getByLabel('Kata sandi').fill('lokapasar-demo');
    await courier.getByRole('button', { name: 'Masuk' }).click();
    const job = courier.locator('li.job-card', { hasText: order.number });
    await job.getByRole('button', { name: 'Mulai belanja' }).click();
    await courier.getByText('Selamat belanja.', { exact: false }).waitFor();

    // Shallots: 0,48 kg instead of 0,5 (4 % less, within the tolerance) applies at once.
    const shallots = job.locator('.pick-list li', { hasText: 'Bawang merah Brebes' });
    await shallots.getByRole('button', { name: 'Timbang' }).click();
    const quantity = shallots.getByLabel('Jumlah sebenarnya (kg)');
    assert.equal(await quantity.inputValue(), '0,5');
    assert.equal(await shallots.getByLabel('Harga per kg').inputValue(), '38000');
    await shallots.getByRole('button', { name: 'Kurangi 0,05 kg' }).click();
    assert.equal(await quantity.inputValue(), '0,45');
    await quantity.fill('0,48');
    await shallots.getByText('Jadi Rp 18.240').waitFor();
    await screenshot(courier, 'courier-weigh-form-360');
    await shallots.getByRole('button', { name: 'Simpan' }).click();
    await shallots.getByText('Ditimbang: 0,48 kg, Rp 18.240').waitFor();

    // Garlic: asking more than was paid is refused under the input, with the maximum.
    const garlic = job.locator('.pick-list li', { hasText: 'Bawang putih kating' });
    await garlic.getByRole('button', { name: 'Timbang' }).click();
    const garlicQuantity = garlic.getByLabel('Jumlah sebenarnya (kg)');
    await garlicQuantity.fill('1,2');
    await garlic.getByRole('button', { name: 'Simpan' }).click();
    await garlic.getByText('Pesanan sudah dibayar: belanjakan paling banyak Rp 36.000 untuk barang ini.').waitFor();
    assert.equal(await garlicQuantity.getAttribute('aria-invalid'), 'true');
    // Only 0,6 kg at the stall: the buyer is asked.
    await garlicQuantity.fill('0,6');
    await garlic.getByRole('button', { name: 'Simpan' }).click();
    await garlic.getByText('Menunggu persetujuan pembeli').waitFor();

    // Leaving the market waits for the buyer's answer.
    await job.getByRole('button', { name: 'Barang sudah diambil' }).click();
    await job.getByText('Masih ada barang yang menunggu persetujuan pembeli.', { exact: false }).waitFor();
    await screenshot(courier, 'courier-weigh-pending-360');

    // The buyer, on their phone, sees the question with its deadline, and agrees.
    const context = await browser.newContext(PHONE);
    await context.addCookies([...buyerApi.cookies].map(([name, value]) => ({ name, value, url: url('/') })));
    const buyer = await context.newPage();
    await buyer.goto(url(`/pesanan/${order.id}`));
    const card = buyer.locator('.reweigh-card');
    await card.getByText('Penjual hanya punya 0,6 kg (Rp 21.600), Anda memesan 1 kg (Rp 36.000).').waitFor();
    assert.match((await card.getByRole('timer').textContent()) ?? '', /^\d{2}:\d{2}$/);
    assert.ok(await card.getByText(/^Jawab sebelum \d{2}[.:]\d{2}\./).isVisible());
    // The shallots already show their weighed figures, the ordered ones struck through.
    const shallotLine = buyer.locator('.cart-line', { hasText: 'Bawang merah Brebes' });
    assert.equal(await shallotLine.locator('s').first().textContent(), '0,5 kg');
    assert.ok(await shallotLine.getByText('Rp 18.240').isVisible());
    await screenshot(buyer, 'buyer-reweigh-question-360');
    await card.getByRole('button', { name: 'Setuju' }).click();
    await card.waitFor({ state: 'detached' });
    await buyer.locator('.cart-line', { hasText: 'Bawang putih kating' }).getByText('Rp 21.600').waitFor();

    // The courier sees the answer and leaves the market; the difference goes back to the buyer.
    await courier.reload();
    await garlic.getByText('Disetujui pembeli: 0,6 kg, Rp 21.600').waitFor();
    await job.getByRole('button', { name: 'Barang sudah diambil' }).click();
    await courier.getByText(`Barang pesanan ${order.number} sudah diambil.`).waitFor();

    const refund = formatRupiah(19_000 - 18_240 + 36_000 - 21_600);
    await buyer.reload();
    const refunds = buyer.locator('section[aria-labelledby="refunds-heading"]');
    await refunds.getByText(refund).waitFor();
    assert.ok(await refunds.getByText('Selisih timbangan di pasar dikembalikan.').isVisible());
    await screenshot(buyer, 'buyer-reweigh-refund-360');
    const { order: after } = await buyerApi<{ order: Order }>('GET', `/api/orders/${order.id}`);
    assert.deepEqual(
      after.refunds.map((r) => [r.amount, r.reason]),
      [[15_160, 'reweighed']],
    );
  });
});
