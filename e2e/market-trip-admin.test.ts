import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
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

const WEEKDAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];

/** Today and tomorrow in Purbalingga (UTC+7 all year): the day the market is closed, and the day the goods come. */
function jakartaDays() {
  const now = new Date(Date.now() + 7 * 3_600_000);
  const tomorrow = new Date(now.getTime() + 86_400_000);
  return {
    today: WEEKDAYS[(now.getUTCDay() + 6) % 7] as string,
    tomorrow: new Intl.DateTimeFormat('id-ID', { weekday: 'long', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(tomorrow),
  };
}

type Market = {
  id: string;
  name: string;
  kind: string;
  address: string;
  areaCode: string;
  lat: number | null;
  lng: number | null;
  hours: string;
  marketDays: string;
  orderCutoff: string | null;
};

describe('market trips, set up by staff and used by a buyer, in a real browser at 360 px', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  const url = (p: string) => server.url('purbalingga', p);

  const staff = (phone: string) => staffClient(server, phone);

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the admin sets market days and turns titip on; a buyer orders with a titip line and takes a substitute; the treasurer gives a courier a float', async (t) => {
    const { today, tomorrow } = jakartaDays();
    const pages: Page[] = [];
    let finished = false;
    t.after(async () => {
      if (finished) return;
      for (const [index, page] of pages.entries()) {
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `market-trip-failed-${index}-360.png`), fullPage: true });
      }
    });

    // The program admin gives Pasar Segamas its days (Senin, Rabu, Jumat) and a 09:00 cut-off.
    const admin = await signInStaff(browser, url, '0811-0000-0001', '/admin');
    pages.push(admin);
    const segamas = admin.locator('li.card', { hasText: 'Pasar Segamas' });
    await segamas.getByRole('button', { name: 'Ubah' }).click();
    for (const day of WEEKDAYS) await segamas.getByRole('checkbox', { name: day }).setChecked(['Senin', 'Rabu', 'Jumat'].includes(day));
    await segamas.getByLabel('Batas jam pesan (opsional)').fill('09:00');
    await screenshot(admin, 'market-days-form-360');
    await segamas.getByRole('button', { name: 'Simpan pasar' }).click();
    await segamas.getByText('Pasar Segamas disimpan.').waitFor();
    await segamas.getByText('Pasar buka hari Senin, Rabu, dan Jumat; pesan sebelum 09:00 untuk diantar hari itu.').waitFor();

    // For the buyer below: open every day but today, no cut-off, so the goods come tomorrow whatever the hour.
    await segamas.getByRole('button', { name: 'Ubah' }).click();
    for (const day of WEEKDAYS) await segamas.getByRole('checkbox', { name: day }).setChecked(day !== today);
    await segamas.getByLabel('Batas jam pesan (opsional)').fill('');
    await segamas.getByRole('button', { name: 'Simpan pasar' }).click();
    await segamas.getByText('Pasar Segamas disimpan.').waitFor();
    const openDays = new Intl.ListFormat('id', { type: 'conjunction' }).format(WEEKDAYS.filter((day) => day !== today));
    await segamas.getByText(`Pasar buka hari ${openDays}.`).waitFor();

    // Titip belanja on, with a cap per line; a cap below the program's minimum is refused at the field.
    await admin.getByRole('link', { name: 'Pengantaran' }).click();
    await admin.getByRole('heading', { name: 'Pengantaran', level: 1 }).waitFor();
    assert.ok(await admin.getByLabel('Menurut jarak').isChecked());
    assert.equal(await admin.getByLabel('Ongkos dasar (Rp)').inputValue(), '8.000');
    await admin.getByLabel('Pembeli boleh titip belanja').check();
    const maxCap = admin.getByLabel('Batas harga tertinggi per titipan (Rp)');
    await maxCap.fill('500');
    await admin.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await admin.locator('.field', { has: maxCap }).locator('.field-error').waitFor();
    assert.equal(await maxCap.getAttribute('aria-invalid'), 'true');
    await maxCap.fill('100.000');
    // A look at the zone table without saving it: the tariff stays by distance.
    await admin.getByLabel('Menurut wilayah').check();
    await admin.getByLabel('Kode wilayah 1').fill('33.03.05');
    await admin.getByLabel('Ongkos wilayah 1').fill('7000');
    await screenshot(admin, 'delivery-settings-zones-360');
    await admin.getByLabel('Menurut jarak').check();
    await admin.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await admin.getByText('Pengaturan pengantaran Jujag-Jujug disimpan.').waitFor();
    assert.equal(await maxCap.inputValue(), '100.000');
    await screenshot(admin, 'delivery-settings-360');

    // A buyer signs in with a code and puts half a kilo of Bu Sri's shallots (Pasar Segamas) in the cart.
    const buyer = await buyerClient(server, '0813-5555-0303');
    const { products } = await buyer<{ products: { id: string }[] }>('GET', '/api/catalog/products?q=bawang%20merah%20brebes');
    const { product } = await buyer<{ product: { variants: { id: string }[] } }>('GET', `/api/catalog/products/${products[0]?.id}`);
    await buyer('PUT', '/api/cart/lines', { variantId: product.variants[0]?.id, quantityMilli: 500 });

    const context = await browser.newContext({
      ...PHONE,
      geolocation: { latitude: -7.391234, longitude: 109.360123 },
      permissions: ['geolocation'],
    });
    await context.addCookies([...buyer.cookies].map(([name, value]) => ({ name, value, url: url('/') })));
    const shopper = await context.newPage();
    pages.push(shopper);

    // The market page says when it trades.
    const { markets } = await buyer<{ markets: Market[] }>('GET', '/api/tenant');
    const market = markets.find((m) => m.name === 'Pasar Segamas') as Market;
    await shopper.goto(url(`/pasar/${market.id}`));
    await shopper.getByText(`Pasar buka hari ${openDays}.`).waitFor();

    await shopper.goto(url('/pesan'));
    await shopper.getByLabel('Alamat', { exact: true }).fill('Jl. Jenderal Sudirman 12, RT 02/RW 03, depan masjid');
    await shopper.getByLabel('Kecamatan').selectOption({ label: 'Purbalingga' });
    await shopper.getByLabel('Desa/kelurahan').selectOption({ label: 'Bojong' });
    await shopper.getByRole('button', { name: 'Pakai lokasi saya sekarang' }).click();
    const totals = shopper.locator('.totals');
    await totals.getByText('Rp 8.000 (± 0,6 km)').waitFor();
    // Closed today: the goods come tomorrow, and the page says why.
    const deliveryDay = shopper.locator('.delivery-day');
    await deliveryDay.getByText(`Diantar ${tomorrow}`).waitFor();
    assert.ok(await deliveryDay.getByText(`Pasar buka hari ${openDays}.`).isVisible());

    // A titip line: the cap below the estimate is caught on the phone, above the program's maximum by the server.
    await shopper.getByRole('button', { name: 'Tambah titipan' }).click();
    const line = shopper.locator('.titip-line').first();
    await line.getByLabel('Barang dan jumlahnya').fill('Tempe 2 papan');
    await line.getByLabel('Perkiraan harga').fill('10.000');
    await line.getByLabel('Batas harga').fill('8000');
    await shopper.getByRole('button', { name: 'Buat pesanan' }).click();
    await line.getByText('Batas harga harus sama atau lebih dari perkiraan.').waitFor();
    await line.getByLabel('Batas harga').fill('150.000');
    await shopper.getByRole('button', { name: 'Buat pesanan' }).click();
    await line.getByText('Batas harga titipan paling banyak Rp 100.000 per barang.').waitFor();
    await line.getByLabel('Batas harga').fill('12.000');
    // The cap is paid now: Rp 19.000 of shallots + Rp 12.000 + Rp 8.000 delivery.
    assert.ok(await totals.getByText('Titip belanja (batas harga)').isVisible());
    await totals.getByText('Rp 39.000').waitFor();
    assert.ok(await shopper.getByText('Batas harga titipan ikut dibayar; uang yang tidak terpakai dikembalikan.').isVisible());
    await screenshot(shopper, 'checkout-titip-360');

    await shopper.getByRole('button', { name: 'Buat pesanan' }).click();
    await shopper.waitForURL(/\/pesanan\/ord_/);
    const titip = shopper.locator('section[aria-labelledby="titip-heading"]');
    await titip.getByText('Tempe 2 papan').waitFor();
    assert.deepEqual(await titip.locator('dd').allTextContents(), ['Rp 10.000', 'Rp 12.000']);
    assert.ok(await titip.getByText('Belum dibelanjakan').isVisible());
    const orderId = new URL(shopper.url()).pathname.split('/').pop();
    const { order } = await buyer<{ order: { total: number; goodsTotal: number } }>('GET', `/api/orders/${orderId}`);
    assert.deepEqual([order.goodsTotal, order.total], [31_000, 39_000]);
    await screenshot(shopper, 'order-titip-360');

    // Cash on delivery; CS gives the trip to Mas Joko, who finds no shallots and dearer tempe.
    await shopper.getByRole('button', { name: /^Bayar di tempat/ }).click();
    await shopper.locator('.order-status').getByText('Bayar di tempat, diteruskan ke penjual').waitFor();
    const cs = await staff('0811-0000-0002');
    const { order: desk } = await cs<{ order: { programId: string; delivery: { jobId: string } } }>('GET', `/api/cs/orders/${orderId}`);
    const { couriers } = await cs<{ couriers: { id: string; phone: string }[] }>('GET', `/api/admin/couriers?programId=${desk.programId}`);
    const jokoId = couriers.find((c) => c.phone === '+6281100000004')?.id;
    await cs('POST', `/api/cs/jobs/${desk.delivery.jobId}/assign`, { courierId: jokoId });
    const courier = await staff('0811-0000-0004');
    const weigh = `/api/courier/jobs/${desk.delivery.jobId}/lines`;
    await courier('POST', `${weigh}/0`, { quantityMilli: 500, unitPrice: 36_000, substitute: 'Bawang bombay' });
    await courier('POST', `${weigh}/1`, { quantityMilli: 1000, unitPrice: 14_000 });

    // The buyer is asked about both, and agrees.
    await shopper.reload();
    const substitute = shopper.locator('.reweigh-card', { hasText: 'Bawang bombay' });
    await substitute.getByText('Bawang merah Brebes tidak ada; kurir menawarkan Bawang bombay 0,5 kg seharga Rp 18.000.').waitFor();
    const overCap = shopper.locator('.reweigh-card', { hasText: 'Tempe 2 papan' });
    assert.ok(
      await overCap
        .getByText('Titipan “Tempe 2 papan” di pasar seharga Rp 14.000, di atas batas harga Anda Rp 12.000.', { exact: false })
        .isVisible(),
    );
    assert.ok(await overCap.getByRole('button', { name: 'Tolak' }).isVisible());
    await screenshot(shopper, 'order-substitute-question-360');
    await substitute.getByRole('button', { name: 'Setuju' }).click();
    await substitute.waitFor({ state: 'detached' });
    await overCap.getByRole('button', { name: 'Setuju' }).click();
    await overCap.waitFor({ state: 'detached' });
    const bought = shopper.locator('.cart-line', { hasText: 'Bawang bombay (pengganti Bawang merah Brebes)' });
    await bought.getByText('Rp 18.000').waitFor();
    await titip.getByText('Dibelanjakan Rp 14.000').waitFor();
    await screenshot(shopper, 'order-substitute-accepted-360');

    // CS sees the titip line too, though no seller's part holds it.
    const csPage = await signInStaff(browser, url, '0811-0000-0002', `/cs/pesanan/${orderId}`);
    pages.push(csPage);
    const csTitip = csPage.locator('section[aria-labelledby="titip-heading"]');
    await csTitip.getByText('Dibelanjakan Rp 14.000').waitFor();
    assert.ok(await csTitip.getByText('Tempe 2 papan').isVisible());
    await screenshot(csPage, 'cs-order-titip-360');

    // The treasurer hands Mas Joko a float for the market, and takes part of it back.
    const treasurer = await signInStaff(browser, url, '0811-0000-0007', '/admin/kurir');
    pages.push(treasurer);
    const joko = treasurer.locator('li.card', { hasText: 'Mas Joko' });
    const balance = joko.locator('.float-balance');
    assert.equal(await balance.textContent(), 'Rp 0');
    // Delivery settings are the program admin's.
    assert.equal(await treasurer.getByRole('link', { name: 'Pengantaran' }).count(), 0);
    await joko.getByText('Catat dana talangan').click();
    assert.ok(await joko.getByLabel('Beri dana talangan').isChecked());
    await joko.getByLabel('Jumlah (Rp)').fill('150.000');
    await joko.getByRole('button', { name: 'Catat', exact: true }).click();
    await treasurer.getByText('Rp 150.000 diberikan ke Mas Joko, Kurir (demo).').waitFor();
    await balance.getByText('Rp 150.000').waitFor();
    await joko.getByLabel('Kurir mengembalikan sisa').check();
    await joko.getByLabel('Jumlah (Rp)').fill('50000');
    await joko.getByRole('button', { name: 'Catat', exact: true }).click();
    await balance.getByText('Rp 100.000').waitFor();
    await screenshot(treasurer, 'couriers-float-360');

    // Back to a market open every day with no cut-off, as the demo has it.
    const adminApi = await staff('0811-0000-0001');
    const { id, name, kind, address, areaCode, lat, lng, hours } = market;
    await adminApi('PATCH', `/api/admin/markets/${id}`, {
      name,
      kind,
      address,
      areaCode,
      lat,
      lng,
      hours,
      marketDays: '1234567',
      orderCutoff: null,
    });
    finished = true;
  });
});
