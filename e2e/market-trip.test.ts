import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';
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
  total: number;
  payment: { id: string } | null;
  delivery: { jobId: string; proofCode: string | null } | null;
};

/** The text a PDF draws: pdfkit writes each run as `[<hex> …] TJ` inside Flate-compressed content streams. */
function pdfText(pdf: Buffer): string {
  const texts: string[] = [];
  const raw = pdf.toString('latin1');
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1] as string, 'latin1')).toString('latin1');
    } catch {
      continue; // an image, not text
    }
    for (const run of content.matchAll(/\[([^\]]*)\] TJ/g)) {
      const hex = [...(run[1] as string).matchAll(/<([0-9a-f]*)>/g)].map((m) => m[1]).join('');
      texts.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return texts.join('\n');
}

describe('a market trip in real browsers at 360 px: two traders, one line reweighed, one substituted', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let buyerApi: ReturnType<typeof apiClient>;
  let order: Order;
  const url = (p: string) => server.url('purbalingga', p);

  const staff = (phone: string) => staffClient(server, phone);

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    buyerApi = await buyerClient(server, '0813-5555-0404');

    // Mas Joko waits at the gate of Pasar Segamas, on duty: the paid order's job is offered to him.
    const rider = await staff('0811-0000-0004');
    await rider('PATCH', '/api/courier/me', { available: true, lat: -7.389, lng: 109.3641 });

    // Half a kilo of shallots from Bu Sri (kios A-12) and a kilo of tomatoes from Pak Darto (los B-3), paid by QRIS.
    const shallots = await addToCartByName(buyerApi, 'bawang merah brebes', 500);
    const tomatoes = await addToCartByName(buyerApi, 'tomat merah', 1000);
    assert.notEqual(shallots, tomatoes, 'two traders');
    ({ order } = await buyerApi<{ order: Order }>('POST', '/api/checkout', {
      address: 'Jl. Mayjend Sungkono 12, Purbalingga',
      areaCode: '33.03.06.2001',
      lat: -7.3886,
      lng: 109.3636,
      notes: '',
      fulfilment: { [shallots]: 'delivery', [tomatoes]: 'delivery' },
    }));
    ({ order } = await buyerApi<{ order: Order }>('POST', `/api/orders/${order.id}/payments`, { method: 'qris' }));
    const cs = await staff('0811-0000-0002');
    await cs('POST', `/api/cs/payments/${order.payment?.id}/confirm`, { reference: 'QRIS 0404' });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the courier accepts and shops, the buyer approves the substitute, the code hands it over, the receipt shows the final figures', async () => {
    const courier = await (await browser.newContext(PHONE)).newPage();
    await courier.goto(url('/masuk/staf?next=%2Fkurir'));
    await courier.getByLabel('Nomor HP').fill('0811-0000-0004');
    await courier.getByLabel('Kata sandi').fill('lokapasar-demo');
    await courier.getByRole('button', { name: 'Masuk' }).click();

    // The offer, one market trip over two stalls.
    const offer = courier.locator('li.offer-card', { hasText: order.number });
    await offer.waitFor();
    assert.ok(await offer.getByText('Belanja di pasar + antar').isVisible());
    await offer.getByRole('button', { name: 'Terima' }).click();
    await courier.getByText(`Pekerjaan ${order.number} Anda ambil.`).waitFor();
    const job = courier.locator('li.job-card', { hasText: order.number });
    await job.getByRole('button', { name: 'Mulai belanja' }).click();

    // Bu Sri's shallots weigh 0,48 kg: within the tolerance, it applies at once.
    const shallots = job.locator('.pick-list li', { hasText: 'Bawang merah Brebes' });
    await shallots.getByRole('button', { name: 'Timbang' }).click();
    await shallots.getByLabel('Jumlah sebenarnya (kg)').fill('0,48');
    await shallots.getByRole('button', { name: 'Simpan' }).click();
    await shallots.getByText('Ditimbang: 0,48 kg, Rp 18.240').waitFor();

    // Pak Darto has no red tomatoes today: the shopper offers green ones at Rp 10.000 a kilo.
    const tomatoes = job.locator('.pick-list li', { hasText: 'Tomat merah' });
    await tomatoes.getByRole('button', { name: 'Ganti barang' }).click();
    await tomatoes.getByLabel('Barang pengganti').fill('Tomat hijau');
    await tomatoes.getByLabel('Harga per kg').fill('10000');
    await tomatoes.getByRole('button', { name: 'Simpan' }).click();
    await tomatoes.getByText('Pengganti Tomat hijau, 1 kg seharga Rp 10.000: menunggu persetujuan pembeli', { exact: false }).waitFor();
    await screenshot(courier, 'market-trip-substitute-asked-360');

    // The buyer, on their phone, is asked and agrees.
    const context = await browser.newContext(PHONE);
    await context.addCookies([...buyerApi.cookies].map(([name, value]) => ({ name, value, url: url('/') })));
    const buyer = await context.newPage();
    await buyer.goto(url(`/pesanan/${order.id}`));
    const card = buyer.locator('.reweigh-card');
    await card.getByText('Tomat merah tidak ada; kurir menawarkan Tomat hijau 1 kg seharga Rp 10.000.').waitFor();
    await screenshot(buyer, 'market-trip-substitute-question-360');
    await card.getByRole('button', { name: 'Setuju' }).click();
    await card.waitFor({ state: 'detached' });
    await buyer.getByText('Tomat hijau (pengganti Tomat merah)').waitFor();

    // The shopper sees the answer, leaves the market and rides to the buyer.
    await courier.reload();
    await tomatoes.getByText('Pembeli setuju pengganti Tomat hijau: 1 kg, Rp 10.000').waitFor();
    await job.getByRole('button', { name: 'Barang sudah diambil' }).click();
    await courier.getByText(`Barang pesanan ${order.number} sudah diambil.`).waitFor();
    await job.getByRole('button', { name: 'Berangkat antar' }).click();
    await courier.getByText(`Pembeli ${order.number} diberi tahu Anda sedang menuju.`).waitFor();

    // At the door the buyer reads out the code from their order page.
    await buyer.reload();
    const code = (await buyer.locator('.delivery-card .handover-digits').textContent()) ?? '';
    assert.match(code, /^\d{4}$/);
    await job.getByRole('button', { name: 'Serahkan' }).click();
    await job.getByLabel('Kode dari pembeli').fill(code);
    await job.getByRole('button', { name: 'Selesai diserahkan' }).click();
    await courier.getByText(`Pesanan ${order.number} sudah diserahkan.`).waitFor();

    // Paid for 19.000 + 12.000; bought 18.240 + 10.000: the difference goes back to the buyer.
    await buyer.reload();
    await buyer.locator('.order-status').getByText('Sudah sampai', { exact: true }).waitFor();
    const refund = formatRupiah(19_000 + 12_000 - 18_240 - 10_000);
    await buyer.locator('section[aria-labelledby="refunds-heading"]').getByText(refund).waitFor();
    await screenshot(buyer, 'market-trip-delivered-360');

    // The receipt the buyer downloads prints the final figures and the substitute.
    const receiptLink = buyer.getByRole('link', { name: 'Unduh struk (A4)' });
    // Fetched by the page itself: its session, and the browser resolves *.localhost.
    const receipt = await buyer.evaluate(
      async (href) => {
        const response = await fetch(href);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return { type: response.headers.get('content-type'), bytes: Array.from(bytes) };
      },
      (await receiptLink.getAttribute('href')) ?? '',
    );
    assert.equal(receipt.type, 'application/pdf');
    const printed = pdfText(Buffer.from(receipt.bytes));
    for (const text of [
      'Tomat hijau',
      'Pengganti Tomat merah 1 kg, disetujui pembeli',
      'Rp 10.000',
      'Rp 18.240',
      'Ditimbang ulang, dipesan 0,5 kg',
    ]) {
      assert.ok(printed.includes(text), `the receipt prints "${text}"`);
    }
    assert.ok(!printed.includes('Rp 19.000'), 'the ordered price of the reweighed line is not charged');
    // CS pays the refund by transfer later; until then the receipt says it is owed.
    assert.ok(printed.includes('Akan dikembalikan') && printed.includes(`-${refund}`), 'the refund due is on the receipt');
    await context.close();
  });
});
