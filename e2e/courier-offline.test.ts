import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { todayIn } from '../src/shared/dates.ts';
import { formatRupiah } from '../src/shared/format.ts';
import {
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
  payment: { id: string } | null;
  delivery: { jobId: string } | null;
};
type Job = {
  id: string;
  status: string;
  deliverOn: string | null;
  stallPayments: { sellerId: string | null; amount: number }[];
  stops: { sellerId: string | null; lines: { productTitle: string; reweighStatus: string | null; finalLineTotal: number | null }[] }[];
};

const FLOAT = 200_000;

describe('the courier app on a flaky connection: steps queue offline and apply once, in a real browser at 360 px', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let order: Order;
  let courier: Page;
  let sellerId: string;
  let rider: ReturnType<typeof apiClient>;
  let timeZone: string;
  const url = (p: string) => server.url('purbalingga', p);

  const staff = (phone: string) => staffClient(server, phone);

  /** The job as the server has it, read by the courier on another connection (the page's may be offline). */
  async function readJob(): Promise<Job> {
    const { jobs } = await rider<{ jobs: Job[] }>('GET', '/api/courier/jobs?tab=active');
    const job = jobs.find((j) => j.id === order.delivery?.jobId);
    assert.ok(job, 'the job is among the courier’s running jobs');
    return job;
  }

  const readFloat = async () => (await rider<{ float: number }>('GET', '/api/courier/recap')).float;

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const admin = await staff('0811-0000-0001');
    const cs = await staff('0811-0000-0002');

    // The program lets buyers add "titip belanja" lines to a market trip.
    const tenant = await admin<{ tenant: { timeZone: string }; programs: { id: string }[] }>('GET', '/api/tenant');
    timeZone = tenant.tenant.timeZone;
    const { programs } = tenant;
    for (const program of programs) {
      const path = `/api/admin/programs/${program.id}/delivery-settings`;
      const { settings } = await admin<{ settings: Record<string, unknown> }>('GET', path);
      await admin('PUT', path, { ...settings, titipEnabled: true });
    }

    // A buyer: half a kilo of Bu Sri's shallots (Rp 19.000), a kilo of garlic (Rp 36.000), and palm sugar bought at any stall.
    const buyer = await buyerClient(server, '0813-5555-0303');
    for (const [query, quantityMilli] of [
      ['bawang merah brebes', 500],
      ['bawang putih kating', 1000],
    ] as const) {
      const found = await buyer<{ products: { id: string; seller: { id: string } }[] }>(
        'GET',
        `/api/catalog/products?q=${encodeURIComponent(query)}`,
      );
      const product = found.products[0];
      assert.ok(product, `demo product ${query}`);
      sellerId = product.seller.id;
      const detail = await buyer<{ product: { variants: { id: string }[] } }>('GET', `/api/catalog/products/${product.id}`);
      await buyer('PUT', '/api/cart/lines', { variantId: detail.product.variants[0]?.id, quantityMilli });
    }
    ({ order } = await buyer<{ order: Order }>('POST', '/api/checkout', {
      address: 'Jl. Mayjend Sungkono 12, Purbalingga',
      areaCode: '33.03.06.2001',
      lat: -7.3886,
      lng: 109.3636,
      fulfilment: { [sellerId]: 'delivery' },
      requests: [{ text: 'Gula jawa 1 kg, yang keras', estimate: 20_000, cap: 25_000 }],
    }));
    ({ order } = await buyer<{ order: Order }>('POST', `/api/orders/${order.id}/payments`, { method: 'qris' }));
    await cs('POST', `/api/cs/payments/${order.payment?.id}/confirm`, { reference: 'QRIS 0303' });

    // CS gives the paid order's job to Mas Joko; the program hands him a cash float for the stalls.
    ({ order } = await buyer<{ order: Order }>('GET', `/api/orders/${order.id}`));
    assert.ok(order.delivery?.jobId, 'a delivery job for the paid order');
    const { couriers } = await admin<{ couriers: { id: string; phone: string }[] }>(
      'GET',
      `/api/admin/couriers?programId=${order.programId}`,
    );
    const joko = couriers.find((c) => c.phone === '+6281100000004');
    assert.ok(joko, 'the demo courier');
    await cs('POST', `/api/cs/jobs/${order.delivery.jobId}/assign`, { courierId: joko.id });
    await admin('POST', `/api/admin/couriers/${joko.id}/float`, { action: 'give', amount: FLOAT });
    rider = await staff('0811-0000-0004');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('steps tapped offline wait in a banner, survive a reload, and apply once when the signal is back', async () => {
    const context = await browser.newContext(PHONE);
    courier = await context.newPage();
    await courier.goto(url('/masuk/staf?next=%2Fkurir'));
    await courier.getByLabel('Nomor HP').fill('0811-0000-0004');
    await courier.getByLabel('Kata sandi').fill('lokapasar-demo');
    await courier.getByRole('button', { name: 'Masuk' }).click();
    const job = courier.locator('li.job-card', { hasText: order.number });
    await job.waitFor();

    // The float in hand, and the titip stop with the buyer's own words, estimate and cap.
    await courier.locator('.cash-card').getByText(formatRupiah(FLOAT)).waitFor();
    const titip = job.locator('.stop', { hasText: 'Titipan pembeli' });
    assert.ok(await titip.getByText('Gula jawa 1 kg, yang keras').isVisible());
    assert.ok(await titip.getByText('Perkiraan Rp 20.000 · paling banyak Rp 25.000').isVisible());
    const { deliverOn } = await readJob();
    // Ordered after the market's cut-off, it is delivered on the next market day, and the card says so.
    assert.equal(await job.locator('.deliver-on').count(), deliverOn && deliverOn > todayIn(timeZone) ? 1 : 0);

    // The app shell is on the phone before the signal goes.
    await courier.waitForFunction(`(async () => {
      if (!navigator.serviceWorker.controller) return false;
      const assets = performance.getEntriesByType('resource').map((e) => e.name).filter((name) => new URL(name).pathname.startsWith('/assets/'));
      const kept = await Promise.all(assets.map((asset) => caches.match(asset)));
      return assets.length > 0 && kept.every(Boolean);
    })()`);
    // And Chromium finds it installable: the manifest, its icons, a service worker for /kurir.
    const devtools = await context.newCDPSession(courier);
    const manifest = await devtools.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, []);
    assert.match(manifest.url, /\/manifest\.webmanifest$/);
    const { installabilityErrors } = await devtools.send('Page.getInstallabilityErrors');
    // A test browser context is incognito, where nothing installs; that is the only objection.
    assert.deepEqual(
      installabilityErrors.map((e) => e.errorId),
      ['in-incognito'],
    );

    // No signal in the market hall: he starts shopping and weighs the shallots anyway.
    await context.setOffline(true);
    await job.getByRole('button', { name: 'Mulai belanja' }).click();
    await job.getByText(`Belum terkirim: Mulai belanja · ${order.number}`).waitFor();
    const shallots = job.locator('.pick-list > li', { hasText: 'Bawang merah Brebes' });
    await shallots.getByRole('button', { name: 'Timbang' }).click();
    await shallots.getByLabel('Jumlah sebenarnya (kg)').fill('0,48');
    await shallots.getByRole('button', { name: 'Simpan' }).click();
    await shallots.getByText('Belum terkirim: 0,48 kg, Rp 18.240').waitFor();
    const banner = courier.locator('.queue-banner');
    await banner.getByText('Belum terkirim: 2 langkah — dikirim otomatis saat ada sinyal').waitFor();
    await screenshot(courier, 'courier-offline-pending-360');

    // The phone kills the tab: the app opens from the phone, and the steps are still there.
    await courier.reload();
    await banner.getByText('Belum terkirim: 2 langkah').waitFor();
    assert.equal((await readJob()).status, 'accepted');

    // The signal is back: both go, in order, once.
    await context.setOffline(false);
    await banner.waitFor({ state: 'detached', timeout: 20_000 });
    await job.getByText('Sedang belanja').waitFor();
    await shallots.getByText('Ditimbang: 0,48 kg, Rp 18.240').waitFor();
    assert.equal(await courier.locator('.queue-refused').count(), 0, 'no step was refused as a repeat');
    const shopping = await readJob();
    assert.equal(shopping.status, 'shopping');
    const lines = shopping.stops.find((stop) => stop.sellerId === sellerId)?.lines ?? [];
    assert.deepEqual(lines.map((l) => [l.productTitle, l.reweighStatus, l.finalLineTotal]).sort(), [
      ['Bawang merah Brebes', 'adjusted', 18_240],
      ['Bawang putih kating', null, null],
    ]);
  });

  test('titip priced, a substitute offered, and a stall payment whose answer is lost is sent again and applied once', async () => {
    const job = courier.locator('li.job-card', { hasText: order.number });

    // Palm sugar from any stall: what it cost, within the buyer's cap.
    const titip = job.locator('.stop', { hasText: 'Titipan pembeli' });
    await titip.getByRole('button', { name: 'Catat harga' }).click();
    await titip.getByLabel('Harga yang dibayar').fill('23.000');
    await titip.getByRole('button', { name: 'Simpan' }).click();
    await titip.getByText('Dibeli: Rp 23.000').waitFor();

    // No kating garlic today: local garlic instead, which the buyer must approve.
    const garlic = job.locator('.pick-list > li', { hasText: 'Bawang putih kating' });
    await garlic.getByRole('button', { name: 'Ganti barang' }).click();
    await garlic.getByLabel('Barang pengganti').fill('Bawang putih lokal');
    await garlic.getByLabel('Harga per kg').fill('30000');
    await garlic.getByText('Jadi Rp 30.000').waitFor();
    await garlic.getByRole('button', { name: 'Simpan' }).click();
    await garlic
      .getByText('Pengganti Bawang putih lokal, 1 kg seharga Rp 30.000: menunggu persetujuan pembeli', { exact: false })
      .waitFor();
    assert.match((await garlic.getByRole('timer').textContent()) ?? '', /^Sisa waktu pembeli: \d{2}:\d{2}$/);

    // Bu Sri is paid from the float; the request reaches the server but its answer is lost.
    const floatBefore = await readFloat();
    const stall = job.locator('.stop', { hasText: 'Bumbu Bu Sri' });
    await stall.getByRole('button', { name: 'Bayar dari dana talangan' }).click();
    // Weighed shallots at their final price, the garlic still as ordered.
    const owed = 18_240 + 36_000;
    assert.equal(await stall.getByLabel('Jumlah yang dibayar').inputValue(), String(owed));
    const keys: string[] = [];
    courier.on('request', (request) => {
      if (request.url().endsWith('/stall-payments')) keys.push(request.headers()['idempotency-key'] ?? '');
    });
    await courier.route(
      '**/stall-payments',
      async (route) => {
        // Node cannot resolve *.localhost as Chromium does; 127.0.0.1 is the same regency.
        await route.fetch({ url: route.request().url().replace('purbalingga.localhost', '127.0.0.1') });
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await stall.getByRole('button', { name: 'Catat pembayaran' }).click();
    await stall.getByText(`Belum terkirim: ${formatRupiah(owed)}`).waitFor();
    const banner = courier.locator('.queue-banner');
    await banner.getByText('Belum terkirim: 1 langkah').waitFor();
    // It did reach the server.
    assert.equal((await readJob()).stallPayments.length, 1);

    // Sent again (here at once; by itself within 15 s) with the same key: the server answers the repeat.
    const replay = courier.waitForResponse((response) => response.url().endsWith('/stall-payments'));
    await banner.getByRole('button', { name: 'Kirim sekarang' }).click();
    assert.equal((await replay).headers()['idempotent-replay'], 'true');
    await banner.waitFor({ state: 'detached' });
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1]);
    assert.match(keys[0] ?? '', /^[0-9a-f-]{36}$/);
    const paid = await readJob();
    assert.deepEqual(
      paid.stallPayments.map((p) => [p.sellerId, p.amount]),
      [[sellerId, owed]],
    );
    assert.equal(await readFloat(), floatBefore - owed);
    await stall.getByText(`${formatRupiah(owed)} · pukul `, { exact: false }).waitFor();
    await stall.getByText('Lapak ini sudah dibayar.').waitFor();

    // Without signal again, he pays the sugar's stall more than it cost: once sent, the server refuses it and says why.
    await courier.context().setOffline(true);
    await titip.getByRole('button', { name: 'Bayar dari dana talangan' }).click();
    assert.equal(await titip.getByLabel('Jumlah yang dibayar').inputValue(), '23000');
    await titip.getByLabel('Jumlah yang dibayar').fill('30.000');
    await screenshot(courier, 'courier-pick-list-titip-pay-360');
    await titip.getByRole('button', { name: 'Catat pembayaran' }).click();
    await titip.getByText('Belum terkirim: Rp 30.000').waitFor();
    await courier.context().setOffline(false);
    const refused = courier.locator('.queue-refused');
    await refused.getByText('Tidak diterima: Bayar Rp 30.000 ke Titipan pembeli').waitFor();
    assert.ok(await refused.getByText('Lebih dari yang masih harus dibayar ke lapak ini (paling banyak Rp 23.000).').isVisible());
    await screenshot(courier, 'courier-step-refused-360');
    await refused.getByRole('button', { name: 'Tutup' }).click();
    await refused.waitFor({ state: 'detached' });

    // Then the right amount, prefilled again.
    await titip.getByRole('button', { name: 'Bayar dari dana talangan' }).click();
    assert.equal(await titip.getByLabel('Jumlah yang dibayar').inputValue(), '23000');
    await titip.getByRole('button', { name: 'Catat pembayaran' }).click();
    await courier.getByText('Rp 23.000 dibayar ke Titipan pembeli dari dana talangan.').waitFor();
    assert.equal(await readFloat(), floatBefore - owed - 23_000);
    await courier
      .locator('.cash-card')
      .getByText(formatRupiah(FLOAT - owed - 23_000))
      .waitFor();
    await screenshot(courier, 'courier-stall-paid-360');
  });
});
