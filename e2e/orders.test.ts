import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import {
  chromiumMissing,
  launchChromium,
  PHONE,
  type RunningServer,
  SCREENSHOT_DIR,
  screenshot,
  signInStaff,
  startServer,
} from './helpers.ts';

const skip = chromiumMissing();

/** JSON from the API as the page's own fetch sends it (Node cannot resolve *.localhost; Chromium can). */
async function apiCall<T>(page: Page, method: string, pathname: string, body?: object): Promise<{ status: number; json: T }> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'lp_csrf')?.value ?? '';
  return page.evaluate(
    async ([method, pathname, body, csrf]) => {
      const response = await fetch(pathname, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null };
    },
    [method, pathname, body, csrf] as const,
  ) as Promise<{ status: number; json: T }>;
}

/** What the test reads of GET /api/orders/:id. */
type OrderJson = {
  order: { number: string; total: number; payment: { id: string; amount: number; uniqueCode: number }; fulfilments: { id: string }[] };
};

/** A staff member signed in with a password, posting to the API as the staff consoles do. */
async function staffApi(browser: Browser, url: (path: string) => string, phone: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url('/api/health'));
  const signIn = await apiCall(page, 'POST', '/api/auth/password', { phone, password: 'lokapasar-demo' });
  assert.equal(signIn.status, 200, JSON.stringify(signIn.json));
  return {
    async post(pathname: string, body: object) {
      const response = await apiCall(page, 'POST', pathname, body);
      assert.equal(response.status, 204, `${pathname}: ${JSON.stringify(response.json)}`);
    },
  };
}

/** The order page's status chip reads `status` (the timeline below also names statuses still ahead). */
async function orderStatus(page: Page, status: string, timeout?: number) {
  await page.locator('.order-status').getByText(status, { exact: true }).waitFor({ timeout });
}

/** Opens a product from the search and adds `extraSteps` steps more than its minimum. */
async function addToCart(page: Page, url: (path: string) => string, query: string, title: string, extraSteps: number) {
  await page.goto(url(`/cari?q=${encodeURIComponent(query)}`));
  await page.getByRole('link', { name: title }).first().click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  for (let i = 0; i < extraSteps; i++) await page.getByRole('button', { name: 'Tambah', exact: true }).click();
  await page.getByRole('button', { name: 'Tambah ke keranjang' }).click();
  await page.getByText(/Masuk keranjang\. Di keranjang sekarang:/).waitFor();
}

/** The delivery address: typed, a village from the regency's list, and a pin. */
async function fillAddress(page: Page) {
  await page.getByLabel('Alamat', { exact: true }).fill('Jl. Jenderal Sudirman 12, RT 02/RW 03, depan masjid');
  await page.getByLabel('Kecamatan').selectOption({ label: 'Purbalingga' });
  await page.getByLabel('Desa/kelurahan').selectOption({ label: 'Bojong' });
}

describe('buying in a real browser at 360 px', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  const url = (p: string) => server.url('purbalingga', p);

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a guest fills a cart, signs in, orders and pays by QRIS and by transfer; CS verifies both at the desk; the buyer tracks, rates, reorders and cancels', async (t) => {
    // No internet here: the map has no tiles, but the pin and "use my location" still work.
    const context: BrowserContext = await browser.newContext({
      ...PHONE,
      geolocation: { latitude: -7.391234, longitude: 109.360123 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    // A long story: when it breaks, the page it broke on is worth a look.
    let finished = false;
    t.after(async () => {
      if (!finished) await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'orders-failed-360.png'), fullPage: true });
    });

    // A guest picks 0,5 kg of shallots (two quarter-kilo steps) and 0,1 kg of chillies.
    await addToCart(page, url, 'bawang merah', 'Bawang merah Brebes', 1);
    assert.ok(await page.getByText('Di keranjang sekarang: 0,5 kg').isVisible());
    await screenshot(page, 'orders-product-added-360');
    await addToCart(page, url, 'cabai rawit', 'Cabai rawit merah', 0);
    await page.getByRole('link', { name: 'Keranjang, 2 barang' }).click();
    await page.waitForURL(/\/keranjang$/);
    await page.getByText('Rp 24.600').first().waitFor(); // 0,5 x 38.000 + 0,1 x 56.000
    assert.ok(await page.getByText('0,5 kg ×').isVisible());
    await screenshot(page, 'orders-cart-360');

    // Ordering needs a sign-in; the guest cart is still there after it.
    await page.getByRole('button', { name: 'Pesan', exact: true }).click();
    await page.waitForURL(/\/masuk\?next=/);
    await page.getByLabel('Nomor HP').fill('0813-2222-7777');
    await page.getByRole('button', { name: 'Kirim kode' }).click();
    const inbox = await context.newPage();
    await inbox.goto(url('/dev/kotak-masuk'));
    const message = inbox.getByText(/Kode masuk .*: \d{6}/).first();
    await message.waitFor({ timeout: 15_000 });
    const code = (await message.textContent())?.match(/\d{6}/)?.[0] ?? '';
    await inbox.close();
    await page.getByLabel('Kode').fill(code);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/pesan$/);
    await page.getByText('Cabai rawit merah').waitFor();
    assert.ok(await page.getByText('Bawang merah Brebes').isVisible());

    // Checkout: address, village, a pin tapped on the map, then the phone's own location.
    await fillAddress(page);
    const totals = page.locator('.totals');
    // The courier's fee goes by distance: without a pin it cannot be worked out yet.
    await totals.getByText('Tandai lokasi di peta agar ongkos kirim bisa dihitung.').waitFor();
    await page.locator('.pin-map').click();
    await page.getByText(/Titik dipilih: -7\.\d+, 109\.\d+/).waitFor();
    await page.getByRole('button', { name: 'Pakai lokasi saya sekarang' }).click();
    await page.getByText('Titik dipilih: -7.391234, 109.360123').waitFor();
    assert.ok(await page.locator('.map-pin').isVisible());
    // About 0,6 km by road from Pasar Segamas: the program's base fee, in the total.
    await totals.getByText('Rp 8.000 (± 0,6 km)').waitFor();
    assert.ok(await totals.getByText('Rp 32.600').isVisible());
    await page.getByLabel(/Catatan untuk penjual/).fill('Cabai yang merah semua, ya.');
    assert.ok(await page.getByLabel('Diantar kurir program').isChecked());
    await screenshot(page, 'orders-checkout-360');
    await page.getByRole('button', { name: 'Buat pesanan' }).click();
    await page.waitForURL(/\/pesanan\/ord_/);
    const qrisOrderId = new URL(page.url()).pathname.split('/').pop() as string;
    await orderStatus(page, 'Menunggu pembayaran');
    assert.equal(await page.getByRole('link', { name: /^Keranjang/ }).count(), 0, 'the empty cart leaves the header');

    // The gateway (the demo one here) sends the buyer to its page; the buyer changes their mind.
    await page.getByRole('button', { name: /^Bayar online/ }).click();
    assert.match(
      (await page.getByRole('link', { name: 'Lanjut ke halaman pembayaran' }).getAttribute('href')) ?? '',
      /\/api\/dev\/gateway\//,
    );
    await page.getByRole('button', { name: 'Ganti cara bayar' }).click();

    // QRIS: the code image, the amount (the order total; no unique code) and the time left.
    const { order: qrisOrder } = (await apiCall<OrderJson>(page, 'GET', `/api/orders/${qrisOrderId}`)).json;
    const qrisAmount = `Rp ${qrisOrder.total.toLocaleString('id-ID')}`;
    await page.getByRole('button', { name: /^QRIS/ }).click();
    const qr = page.getByAltText(`Kode QRIS untuk membayar ${qrisAmount}`);
    await qr.waitFor();
    // The image itself loaded (an SVG from the server), not only its tag.
    for (let tries = 0; !(await qr.evaluate((img) => img.naturalWidth > 0)); tries++) {
      assert.ok(tries < 50, 'the QR image loads');
      await page.waitForTimeout(100);
    }
    assert.match((await page.getByRole('timer').textContent()) ?? '', /^\d{2}:\d{2}(:\d{2})?$/);
    assert.ok(await page.getByText('Setelah membayar, tunggu konfirmasi petugas.', { exact: false }).isVisible());
    await screenshot(page, 'orders-pay-qris-360');

    // A second order, picked up at the market and paid by transfer with a receipt photo.
    await addToCart(page, url, 'kunyit', 'Kunyit', 0);
    await page.getByRole('link', { name: 'Keranjang, 1 barang' }).click();
    await page.getByRole('button', { name: 'Pesan', exact: true }).click();
    await page.waitForURL(/\/pesan$/);
    await fillAddress(page);
    await page.getByLabel('Ambil sendiri di pasar/toko').check();
    await page.getByRole('button', { name: 'Buat pesanan' }).click();
    await page.waitForURL(/\/pesanan\/ord_/);
    const transferOrderId = new URL(page.url()).pathname.split('/').pop() as string;
    // Cash on delivery needs every part delivered by the program's courier: the server says so.
    await page.getByRole('button', { name: /^Bayar di tempat/ }).click();
    await page.getByText('Bayar di tempat hanya untuk pesanan yang semuanya diantar kurir program.').waitFor();
    await page.getByRole('button', { name: /^Transfer bank/ }).click();
    await page.getByText('Transfer tepat', { exact: true }).waitFor();
    const { order: transferOrder } = (await apiCall<OrderJson>(page, 'GET', `/api/orders/${transferOrderId}`)).json;
    const { amount, uniqueCode } = transferOrder.payment;
    assert.equal(transferOrder.total, 3500); // 0,25 kg x 14.000
    assert.ok(uniqueCode >= 1 && uniqueCode <= 999);
    assert.equal(amount, 3500 + uniqueCode);
    const shown = `Rp ${amount.toLocaleString('id-ID')}`;
    assert.ok(await page.locator('.pay-amount').getByText(shown).isVisible(), `the exact amount ${shown} is shown`);
    assert.ok(await page.getByText(`+ kode unik ${uniqueCode}`, { exact: false }).isVisible());
    const receipt = await sharp({ create: { width: 600, height: 900, channels: 3, background: '#e2e8f0' } })
      .png()
      .toBuffer();
    await page.getByLabel('Unggah foto bukti transfer').setInputFiles({ name: 'bukti.png', mimeType: 'image/png', buffer: receipt });
    await page.getByText('Menunggu verifikasi').first().waitFor();
    await page.getByAltText('Foto bukti transfer yang dikirim').waitFor();
    await screenshot(page, 'orders-pay-transfer-360');

    // CS, in a browser of their own, checks both payments on the desk: the receipt first.
    const cs = await signInStaff(browser, url, '0811-0000-0002', '/cs/pembayaran');
    const transferCard = cs.locator('li.card', { hasText: transferOrder.number });
    const qrisCard = cs.locator('li.card', { hasText: qrisOrder.number });
    await transferCard.waitFor();
    assert.ok(await transferCard.getByRole('img', { name: `Bukti transfer ${transferOrder.number}` }).isVisible());
    // The amount CS looks for in the bank mutation is the one the buyer was told to send.
    assert.equal(await transferCard.locator('.amount-big').textContent(), shown);
    assert.equal(await qrisCard.locator('.amount-big').textContent(), qrisAmount);
    await transferCard.getByRole('button', { name: 'Sudah masuk' }).click();
    await transferCard.getByText(`Uang ${shown} untuk ${transferOrder.number} sudah masuk ke rekening program?`).waitFor();
    await transferCard.getByLabel('Referensi mutasi').fill('BANK JATENG 0002');
    await screenshot(cs, 'orders-cs-verify-360');
    await transferCard.getByRole('button', { name: 'Catat lunas' }).click();
    await cs.getByText(`Pembayaran ${transferOrder.number} dicatat lunas.`, { exact: false }).waitFor();
    await transferCard.waitFor({ state: 'detached' });

    await qrisCard.getByRole('button', { name: 'Sudah masuk' }).click();
    await qrisCard.getByText(`Uang ${qrisAmount} untuk ${qrisOrder.number} sudah masuk di aplikasi QRIS?`).waitFor();
    await qrisCard.getByLabel('Referensi mutasi').fill('QRIS 0001');
    await qrisCard.getByRole('button', { name: 'Catat lunas' }).click();
    await cs.getByText(`Pembayaran ${qrisOrder.number} dicatat lunas.`, { exact: false }).waitFor();
    await cs.getByText('Tidak ada pembayaran yang perlu dicek.').waitFor();
    await cs.context().close();

    // The transfer page was polling while the proof waited: it turns paid by itself.
    await orderStatus(page, 'Dibayar, diteruskan ke penjual', 15_000);
    await page.goto(url(`/pesanan/${qrisOrderId}`));
    await orderStatus(page, 'Dibayar, diteruskan ke penjual');
    assert.ok(await page.getByText('Dibayar lewat QRIS').isVisible());
    assert.equal(await page.getByRole('timer').count(), 0);
    // Paid: the delivery looks for a courier (none is on duty here); the code waits for the door.
    const delivery = page.locator('.delivery-card');
    await delivery.getByText('Mencari kurir').waitFor();
    assert.match((await delivery.locator('.handover-digits').textContent()) ?? '', /^\d{4}$/);
    assert.ok(await delivery.getByText('Berikan kode ini kepada kurir saat barang diterima.').isVisible());
    await screenshot(page, 'orders-delivery-code-360');

    // The seller accepts, readies and hands over the pickup order; the buyer confirms and rates it.
    const seller = await staffApi(browser, url, '0811-0000-0003');
    const partId = transferOrder.fulfilments[0]?.id;
    for (const step of ['accept', 'ready', 'hand-over']) await seller.post(`/api/seller/fulfilments/${partId}/${step}`, {});
    await page.goto(url(`/pesanan/${transferOrderId}`));
    await page.getByRole('button', { name: 'Pesanan sudah saya terima' }).click();
    await orderStatus(page, 'Selesai');
    await page.locator('label', { hasText: '4 bintang' }).click();
    assert.ok(await page.getByLabel('4 bintang').isChecked());
    await page.getByLabel('Komentar (opsional)').fill('Kunyitnya segar.');
    await page.getByRole('button', { name: 'Kirim penilaian' }).click();
    await page.getByText('Terima kasih atas penilaian Anda.').waitFor();
    await screenshot(page, 'orders-tracking-360');
    for (const name of ['Unduh struk (A4)', 'Struk 58 mm']) {
      const href = (await page.getByRole('link', { name }).getAttribute('href')) ?? '';
      const type = await page.evaluate(async (address) => (await fetch(address)).headers.get('content-type'), href);
      assert.equal(type, 'application/pdf', `${name} is a PDF`);
    }

    // Order again: the same items go back in the cart; this time the buyer cancels before paying.
    await page.getByRole('button', { name: 'Pesan lagi' }).click();
    await page.waitForURL(/\/keranjang$/);
    await page.getByText('Kunyit').first().waitFor();
    await page.getByRole('button', { name: 'Pesan', exact: true }).click();
    await fillAddress(page);
    // From a phone far outside the program's reach: the fee says so, and checkout refuses at the village.
    await context.setGeolocation({ latitude: -7.05, longitude: 110.41 });
    await page.getByRole('button', { name: 'Pakai lokasi saya sekarang' }).click();
    await page.getByText('Titik dipilih: -7.05, 110.41').waitFor();
    await page.locator('.totals').getByText('Alamat ini di luar jangkauan antar program.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Buat pesanan' }).click();
    await page.locator('.field', { hasText: 'Desa/kelurahan' }).getByText('di luar jangkauan', { exact: false }).waitFor();
    assert.equal(await page.getByLabel('Desa/kelurahan').getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'orders-checkout-refused-360');
    // As the message says: picked up at the stall instead, there is no fee and it goes through.
    await page.getByLabel('Ambil sendiri di pasar/toko').check();
    assert.equal(await page.locator('.totals').getByText('Ongkos kirim').count(), 0);
    await page.getByRole('button', { name: 'Buat pesanan' }).click();
    await orderStatus(page, 'Menunggu pembayaran');
    await page.getByRole('button', { name: 'Batalkan pesanan' }).click();
    await page.getByRole('button', { name: 'Ya, batalkan' }).click();
    await orderStatus(page, 'Dibatalkan');
    assert.ok(await page.getByText('Dibatalkan pembeli.').isVisible());

    // History: the three orders, newest first.
    await page.goto(url('/pesanan'));
    const cards = page.locator('.cards > li');
    await cards.first().waitFor();
    assert.deepEqual(await cards.locator('.badge').allTextContents(), ['Dibatalkan', 'Selesai', 'Dibayar, diteruskan ke penjual']);
    await screenshot(page, 'orders-history-360');
    finished = true;
  });
});
