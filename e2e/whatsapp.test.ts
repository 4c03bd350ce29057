import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { formatRupiah } from '../src/shared/format.ts';
import {
  buyerClient,
  chromiumMissing,
  launchChromium,
  PHONE,
  type RunningServer,
  SCREENSHOT_DIR,
  screenshot,
  signInStaff,
  staffClient,
  startServer,
} from './helpers.ts';

const skip = chromiumMissing();

const CUSTOMER_PHONE = '0813-5555-0707';
const ORDER_TEXT = 'Assalamualaikum, mau pesan:\nbawang merah 1/2 kg\ncabe rawit merah 1 ons\nkirim ke Jl. Mayjend Sungkono 12';
const DESK = { viewport: { width: 1280, height: 900 }, locale: 'id-ID' };

type Order = {
  id: string;
  number: string;
  total: number;
  payment: { id: string; method: string; status: string } | null;
  delivery: { jobId: string; proofCode: string | null } | null;
};

describe('a WhatsApp order: the customer writes in the simulator, CS builds the order from the chat', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let customer: Page;
  let desk: Page;
  let conversationId: string;
  let order: Order;
  const url = (p: string) => server.url('purbalingga', p);

  const staff = (phone: string) => staffClient(server, phone);

  /** The customer's phone: a message from the program's number containing `text`. */
  const fromProgram = (text: string) => customer.locator('.wa-theirs', { hasText: text });

  /** A screenshot without the 360 px width check of `screenshot`: the desk, or only what a dialog shows in the viewport. */
  const plainScreenshot = (page: Page, name: string, fullPage = true) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the customer writes a shopping list to the program number', async () => {
    customer = await (await browser.newContext(PHONE)).newPage();
    await customer.goto(url('/dev/kotak-masuk'));
    await customer.getByRole('link', { name: 'Simulator WhatsApp (jadi pelanggan)' }).click();
    await customer.getByRole('heading', { name: 'Simulator WhatsApp' }).waitFor();
    await customer.getByLabel('Nomor HP pelanggan').fill(CUSTOMER_PHONE);
    await customer.getByLabel('Nama di WhatsApp').fill('Bu Rina');
    await customer.getByText('Belum ada pesan. Tulis pesan pertama di bawah.').waitFor();
    await customer.getByLabel('Pesan', { exact: true }).fill(ORDER_TEXT);
    await customer.getByRole('button', { name: 'Kirim' }).click();
    await customer.locator('.wa-mine', { hasText: 'cabe rawit merah 1 ons' }).waitFor();
    assert.equal(await customer.getByLabel('Pesan', { exact: true }).inputValue(), '');
    await screenshot(customer, 'whatsapp-simulator-sent-360');
  });

  test('CS sees the unread chat, replies, notes, takes it, and sees who else types', async () => {
    desk = await signInStaff(browser, url, '0811-0000-0002', '/cs/percakapan', DESK);
    // The nav counts the unread messages; the list shows the chat with its count.
    await desk.locator('.subnav a', { hasText: 'Percakapan' }).locator('.count', { hasText: '1' }).waitFor();
    const item = desk.locator('.chat-item', { hasText: 'Bu Rina' });
    await item.locator('.count', { hasText: '1' }).waitFor();
    assert.ok(await item.getByText('Belum ditangani').isVisible());
    await plainScreenshot(desk, 'cs-chat-list-1280');

    await item.click();
    await desk.waitForURL((u) => u.pathname.startsWith('/cs/percakapan/cnv_'));
    conversationId = decodeURIComponent(new URL(desk.url()).pathname.split('/').at(-1) ?? '');
    await desk.locator('.chat-head').getByRole('heading', { name: 'Bu Rina' }).waitFor();
    // Opening it reads it: the counts go.
    await item.locator('.count').waitFor({ state: 'detached' });
    await desk.locator('.subnav .count').waitFor({ state: 'detached' });

    await desk.getByRole('button', { name: 'Saya tangani' }).click();
    await desk.getByText('Anda yang menangani').waitFor();
    // The filters: now the chat is among mine and no longer unassigned.
    await desk.getByRole('link', { name: 'Belum ditangani', exact: true }).click();
    await item.waitFor({ state: 'detached' });
    await desk.getByRole('link', { name: 'Saya', exact: true }).click();
    await item.getByText('Ditangani CS Pasar (demo)').waitFor();

    // Another agent (the program admin) starts typing in the same chat.
    const admin = await staff('0811-0000-0001');
    await admin('POST', `/api/cs/conversations/${conversationId}/typing`);
    await desk.getByText('Admin Dinas (demo) sedang mengetik…').waitFor();

    await desk.getByLabel('Pesan ke pelanggan').fill('Waalaikumsalam Bu Rina, pesanannya kami siapkan ya.');
    await desk.getByRole('button', { name: 'Kirim', exact: true }).click();
    await desk.locator('.bubble-out', { hasText: 'pesanannya kami siapkan' }).waitFor();

    await desk.getByLabel('Tulis catatan internal').check();
    await desk.getByLabel('Catatan internal', { exact: true }).fill('Pelanggan baru, alamat belum pernah dipakai.');
    await desk.getByRole('button', { name: 'Simpan catatan' }).click();
    await desk.locator('.bubble-note', { hasText: 'Pelanggan baru' }).waitFor();

    await fromProgram('pesanannya kami siapkan').waitFor();
    assert.equal(await customer.getByText('Pelanggan baru').count(), 0, 'notes never reach the customer');

    // A quick reply, saved once and sent with one tap.
    await desk.getByLabel('Tulis catatan internal').uncheck();
    await desk.getByText('Balasan cepat', { exact: true }).click();
    await desk.getByLabel('Judul balasan cepat').fill('Jam buka');
    await desk.getByLabel('Isi pesan').fill('Pasar Segamas buka setiap hari pukul 05.00-12.00.');
    await desk.getByRole('button', { name: 'Tambah balasan cepat' }).click();
    await desk.getByRole('button', { name: 'Jam buka', exact: true }).click();
    await fromProgram('Pasar Segamas buka setiap hari').waitFor();

    // A photo, with what was typed as its caption.
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#b91c1c' } })
      .jpeg()
      .toBuffer();
    await desk.getByLabel('Pesan ke pelanggan').fill('Bawang merahnya seperti ini, Bu.');
    await desk.getByLabel('Foto', { exact: true }).setInputFiles({ name: 'bawang.jpg', mimeType: 'image/jpeg', buffer: photo });
    await fromProgram('Bawang merahnya seperti ini').locator('img').waitFor();
    await plainScreenshot(desk, 'cs-chat-replies-1280');
  });

  test('CS builds the order from the message, with QRIS; the customer gets the summary and the QR', async () => {
    await desk
      .locator('.bubble-in', { hasText: 'bawang merah 1/2 kg' })
      .getByRole('button', { name: 'Buat pesanan dari pesan ini' })
      .click();
    const dialog = desk.getByRole('dialog', { name: 'Buat pesanan dari pesan' });
    const line = (said: string): Locator => dialog.locator('.builder-line', { hasText: said });

    // Each line of the list matched to the demo catalogue, in the customer's amounts.
    await line('bawang merah 1/2 kg').waitFor();
    const chosen = async (said: string) => line(said).locator('select option:checked').textContent();
    assert.match((await chosen('bawang merah 1/2 kg')) ?? '', /^Bawang merah Brebes — Bumbu Bu Sri · Rp 38\.000\/kg$/);
    assert.match((await chosen('cabe rawit merah 1 ons')) ?? '', /^Cabai rawit merah — /);
    assert.equal(await line('bawang merah 1/2 kg').locator('output').textContent(), '0,5 kg');
    assert.equal(await line('cabe rawit merah 1 ons').locator('output').textContent(), '0,1 kg');
    assert.ok(await line('bawang merah 1/2 kg').getByText(formatRupiah(19_000)).isVisible());
    assert.ok(await line('cabe rawit merah 1 ons').getByText(formatRupiah(5_600)).isVisible());
    // "kirim ke …" is no item: it goes to the notes.
    assert.equal(await dialog.locator('.builder-line').count(), 2);
    assert.equal(await dialog.getByLabel('Catatan untuk penjual dan kurir').inputValue(), 'kirim ke Jl. Mayjend Sungkono 12');

    await dialog.getByLabel('Alamat').fill('Jl. Mayjend Sungkono 12, Purbalingga');
    await dialog.getByLabel('Kecamatan').selectOption('33.03.06');
    await dialog.getByLabel('Desa/kelurahan').selectOption('33.03.06.2001');
    await dialog.getByRole('button', { name: 'Tandai di peta' }).click();
    await dialog.locator('.pin-map.leaflet-container').click();
    await dialog.getByText('Titik dipilih:').waitFor();
    assert.ok(await dialog.getByRole('radio', { name: 'Diantar kurir', exact: true }).isChecked(), 'delivery by default');
    await dialog.getByRole('radio', { name: /^QRIS/ }).check();
    await dialog.locator('.totals > div', { hasText: 'Ongkos kirim' }).locator('.money').waitFor();
    await plainScreenshot(desk, 'cs-chat-order-builder-1280');

    await dialog.getByRole('button', { name: 'Buat pesanan' }).click();
    const created = dialog.getByText(/^Pesanan .+ dibuat\.$/);
    await created.waitFor();
    const number = /^Pesanan (.+) dibuat\.$/.exec((await created.textContent()) ?? '')?.[1] ?? '';
    assert.ok(await dialog.getByText('Ringkasan pesanan dan cara bayar sudah dikirim ke WhatsApp pelanggan.').isVisible());
    await plainScreenshot(desk, 'cs-chat-order-created-1280');

    const cs = await staff('0811-0000-0002');
    const found = await cs<{ orders: { id: string; number: string }[] }>('GET', `/api/cs/orders?number=${encodeURIComponent(number)}`);
    const orderId = found.orders.find((o) => o.number === number)?.id ?? '';
    order = (await cs<{ order: Order }>('GET', `/api/cs/orders/${orderId}`)).order;
    assert.equal(order.payment?.method, 'qris');

    // The customer's phone: the summary with the lines and total, then the QR image.
    const summary = fromProgram(`pesanan ${number} sudah kami catat`);
    await summary.waitFor();
    const text = (await summary.textContent()) ?? '';
    assert.ok(text.includes('Bawang merah Brebes 0,5 kg: Rp 19.000'), text);
    assert.ok(text.includes(`Total: ${formatRupiah(order.total)}`), text);
    const qr = fromProgram(`QRIS pesanan ${number}`).locator('img');
    await qr.waitFor();
    // The QR is the picture itself, loaded (not a broken link).
    assert.ok((await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)) > 0, 'the QRIS image loads');
    await screenshot(customer, 'whatsapp-simulator-qris-360');

    // Back in the chat: the order is in the customer's history, and the sent messages show.
    await dialog.getByRole('button', { name: 'Tutup' }).first().click();
    await desk.locator('.chat-customer').getByRole('link', { name: number }).waitFor();
    await desk
      .locator('.bubble-out', { hasText: `QRIS pesanan ${number}` })
      .locator('img')
      .waitFor();
    await plainScreenshot(desk, 'cs-chat-1280');
  });

  test('the chat console at 360 px: the list, one chat, the order builder', async () => {
    const phone = await signInStaff(browser, url, '0811-0000-0002', '/cs/percakapan', PHONE);
    await phone.locator('.chat-item', { hasText: 'Bu Rina' }).waitFor();
    await screenshot(phone, 'cs-chat-list-360');
    await phone.locator('.chat-item', { hasText: 'Bu Rina' }).click();
    await phone.locator('.chat-head').getByRole('heading', { name: 'Bu Rina' }).waitFor();
    assert.equal(await phone.locator('.chat-list').isVisible(), false, 'on a phone the open chat takes the screen');
    await phone.locator('.chat-customer').getByRole('link', { name: order.number }).waitFor();
    await screenshot(phone, 'cs-chat-360');

    await phone
      .locator('.bubble-in', { hasText: 'bawang merah 1/2 kg' })
      .getByRole('button', { name: 'Buat pesanan dari pesan ini' })
      .click();
    const dialog = phone.getByRole('dialog', { name: 'Buat pesanan dari pesan' });
    // The address of the order just placed is the customer's last one now.
    await dialog.locator('.builder-line').first().waitFor();
    assert.equal(await dialog.getByLabel('Alamat').inputValue(), 'Jl. Mayjend Sungkono 12, Purbalingga');
    await screenshot(phone, 'cs-chat-order-builder-360');
    await dialog.getByRole('button', { name: 'Buat pesanan' }).scrollIntoViewIfNeeded();
    await plainScreenshot(phone, 'cs-chat-order-builder-end-360', false);
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await dialog.waitFor({ state: 'detached' });
    await phone.getByRole('link', { name: '← Semua percakapan' }).click();
    await phone.locator('.chat-item', { hasText: 'Bu Rina' }).waitFor();
    await phone.context().close();
  });

  test('paid, on the way, delivered: each step reaches the customer in the chat', async () => {
    const rider = await staff('0811-0000-0004');
    await rider('PATCH', '/api/courier/me', { available: true, lat: -7.389, lng: 109.3641 });

    const cs = await staff('0811-0000-0002');
    await cs('POST', `/api/cs/payments/${order.payment?.id}/confirm`, { reference: 'QRIS 0707' });
    await fromProgram(`Pembayaran pesanan ${order.number} sudah kami terima`).waitFor();

    // The courier's steps, as the courier app sends them.
    let jobId = '';
    for (let tries = 0; !jobId && tries < 50; tries++) {
      const { jobs } = await rider<{ jobs: { id: string; orderNumber?: string }[] }>('GET', '/api/courier/jobs?tab=offers');
      jobId = jobs[0]?.id ?? '';
      if (!jobId) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(jobId, 'the paid order is offered to the courier on duty');
    await rider('POST', `/api/courier/jobs/${jobId}/accept`, {});
    for (const to of ['shopping', 'picked_up', 'delivering']) await rider('POST', `/api/courier/jobs/${jobId}/advance`, { to });
    await fromProgram(`Pesanan ${order.number} sedang diantar oleh`).waitFor();

    // At the door the customer reads the code from their order page (their account is their phone).
    const buyer = await buyerClient(server, CUSTOMER_PHONE);
    const { order: seen } = await buyer<{ order: Order }>('GET', `/api/orders/${order.id}`);
    await rider('POST', `/api/courier/jobs/${jobId}/deliver`, { code: seen.delivery?.proofCode });
    await fromProgram(`Pesanan ${order.number} sudah sampai`).waitFor();
    await screenshot(customer, 'whatsapp-simulator-delivered-360');

    // The desk sees the same updates in the chat.
    await desk.locator('.bubble-out', { hasText: `Pesanan ${order.number} sudah sampai` }).waitFor();
  });
});
