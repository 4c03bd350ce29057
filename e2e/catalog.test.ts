import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { chromiumMissing, launchChromium, PHONE, type RunningServer, screenshot, startServer } from './helpers.ts';

const skip = chromiumMissing();

/** Signs in a buyer on a phone with the code from the demo inbox. */
async function signInByCode(context: BrowserContext, page: Page, url: (path: string) => string, phone: string) {
  await page.getByLabel('Nomor HP').fill(phone);
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  const inbox = await context.newPage();
  await inbox.goto(url('/dev/kotak-masuk'));
  const message = inbox.getByText(/Kode masuk .*: \d{6}/).first();
  await message.waitFor({ timeout: 15_000 });
  const code = (await message.textContent())?.match(/\d{6}/)?.[0] ?? '';
  await inbox.close();
  await page.getByLabel('Kode').fill(code);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

describe('sellers and catalog in a real browser at 360 px', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  const url = (p: string) => server.url('purbalingga', p);

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    admin = await (await browser.newContext(PHONE)).newPage();
    await admin.goto(url('/masuk/staf'));
    await admin.getByLabel('Nomor HP').fill('0811-0000-0001');
    await admin.getByLabel('Kata sandi').fill('lokapasar-demo');
    await admin.getByRole('button', { name: 'Masuk' }).click();
    await admin.waitForURL(/\/admin/);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('program staff register a trader who will never fill a form', async () => {
    await admin.goto(url('/admin/penjual/baru'));
    await admin.getByLabel('Program', { exact: true }).selectOption({ label: 'Jujag-Jujug' });
    await admin.getByLabel('Nama usaha').fill('Tahu Pak Karyo');
    await admin.getByLabel('Nama pemilik (sesuai KTP)').fill('Karyo');
    await admin.getByLabel('Pasar', { exact: true }).selectOption({ label: 'Pasar Bobotsari' });
    await admin.getByLabel('Nomor', { exact: true }).fill('7');
    await admin.getByLabel('Barang dagangan').fill('tahu, tempe');
    await admin.getByRole('button', { name: 'Daftarkan' }).click();
    await admin.getByText('Tahu Pak Karyo terdaftar: Diperiksa.').waitFor();
    await screenshot(admin, 'trader-registered-360');
  });

  test('an UMKM applies, is approved, adds a product with a photo, and a buyer finds it misspelt', async () => {
    // The UMKM owner applies from the storefront footer.
    const ownerContext = await browser.newContext(PHONE);
    const owner = await ownerContext.newPage();
    await owner.goto(url('/'));
    await owner.getByRole('link', { name: 'Jualan di sini? Daftar jadi penjual' }).click();
    await owner.waitForURL(/\/masuk\?next=/);
    await signInByCode(ownerContext, owner, url, '0813-5555-1234');
    await owner.waitForURL(/\/penjual\/daftar/);
    await owner.getByLabel('Program', { exact: true }).selectOption({ label: 'Tuka-Tuku' });
    await owner.getByLabel('Nama usaha').fill('Dawet Ayu Bu Narti');
    await owner.getByLabel('Nama pemilik (sesuai KTP)').fill('Sunarti');
    await owner.getByLabel('NIK').fill('330305410185001');
    await owner.getByLabel('Kategori produk').selectOption('minuman');
    await owner.getByLabel('Alamat').fill('Jl. Jend. Sudirman 5');
    await owner.getByLabel('Kecamatan').selectOption({ label: 'Purbalingga' });
    await owner.getByLabel('Desa/kelurahan').selectOption({ label: 'Bojong' });
    const stall = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#0f766e' } })
      .jpeg()
      .toBuffer();
    await owner.getByLabel('Foto usaha dan produk').setInputFiles({ name: 'warung.jpg', mimeType: 'image/jpeg', buffer: stall });
    await owner.getByAltText('Foto 1').waitFor();
    await owner.getByRole('button', { name: 'Kirim pendaftaran' }).click();
    // A 15-digit NIK is caught at its field, and nothing was sent.
    await owner.getByText('NIK terdiri dari 16 angka.').waitFor();
    await owner.getByLabel('NIK').fill('3303054101850011');
    await owner.getByRole('button', { name: 'Kirim pendaftaran' }).click();
    await owner.waitForURL(/\/penjual$/);
    await owner.getByText('Dawet Ayu Bu Narti').waitFor();

    // The program admin ticks the checklist and approves.
    await admin.goto(url('/admin/penjual'));
    await admin.getByRole('link', { name: 'Dawet Ayu Bu Narti' }).click();
    for (const item of ['Kualitas produk', 'Ketersediaan stok', 'Kemasan dan label', 'Sertifikat (P-IRT/halal/BPOM) sesuai produk']) {
      await admin.getByLabel(item).check();
    }
    await admin.getByRole('button', { name: 'Setujui' }).click();
    await admin.getByText('Disetujui. Penjual sudah dikabari.').waitFor();

    // The seller adds a product with a photo.
    await owner.goto(url('/penjual/produk'));
    await owner.getByRole('link', { name: 'Tambah produk' }).click();
    await owner.getByLabel('Nama produk').fill('Dawet ayu durian');
    await owner.getByLabel('Kategori', { exact: true }).selectOption('minuman');
    const drink = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#65a30d' } })
      .png()
      .toBuffer();
    await owner.getByLabel('Foto produk').setInputFiles({ name: 'dawet.png', mimeType: 'image/png', buffer: drink });
    await owner
      .getByAltText(/foto 1/i)
      .first()
      .waitFor();
    await owner.getByLabel('Satuan', { exact: true }).selectOption('bungkus');
    await owner.getByLabel(/Harga per/).fill('8.000');
    await screenshot(owner, 'seller-new-product-360');
    await owner.getByRole('button', { name: 'Simpan produk' }).click();
    await owner.getByText('Dawet ayu durian').first().waitFor();

    // A buyer on a phone misspells it and still finds it.
    const buyer = await (await browser.newContext(PHONE)).newPage();
    await buyer.goto(url('/'));
    await buyer.getByLabel('Cari produk').fill('dawett durian');
    await buyer.getByRole('button', { name: 'Cari' }).click();
    await buyer.getByText('Menampilkan hasil untuk “dawet durian”').waitFor();
    await buyer
      .getByRole('link', { name: /Dawet ayu durian/ })
      .first()
      .click();
    await buyer.getByText('Rp 8.000').first().waitFor();
    // Sold by the pack: whole packs, not quarters.
    assert.ok(await buyer.getByText('Beli kelipatan 1 bungkus, minimal 1 bungkus').isVisible());
    assert.ok(await buyer.locator('img[src^="/api/media/"]').first().isVisible());
    await screenshot(buyer, 'buyer-product-360');
  });
});
