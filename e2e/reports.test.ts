import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { formatRupiah } from '../src/shared/format.ts';
import {
  addToCartByName,
  buyerClient,
  chromiumMissing,
  launchChromium,
  type RunningServer,
  SCREENSHOT_DIR,
  screenshot,
  signInStaff,
  staffClient,
  startServer,
} from './helpers.ts';

const skip = chromiumMissing();

type Order = {
  id: string;
  number: string;
  status: string;
  total: number;
  fulfilments: { id: string }[];
  payment: { redirectUrl: string | null; status: string } | null;
};

// Completions count on their day in Purbalingga: the report's "this month" is Jakarta's month.
const jakartaMonth = (lang: string) =>
  new Intl.DateTimeFormat(lang, { month: 'short', year: 'numeric', timeZone: 'Asia/Jakarta' }).format(new Date());

/** A finger or the pointer on today's bar of a one-month chart (days from -0.5 to the month's length - 0.5 across the plot). */
async function onTodaysBar(page: Page, how: 'tap' | 'hover') {
  const today = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(new Date())
      .map((part) => [part.type, Number(part.value)]),
  );
  const monthDays = new Date(Date.UTC(today.year ?? 0, today.month ?? 0, 0)).getUTCDate();
  const plot = page.locator('.u-over');
  const box = await plot.boundingBox();
  assert.ok(box);
  const position = { x: (box.width * ((today.day ?? 1) - 0.5)) / monthDays, y: box.height - 4 };
  await (how === 'tap' ? plot.tap({ position }) : plot.hover({ position }));
}

describe('the sales report in a real browser', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  const url = (p: string) => server.url('purbalingga', p);
  // Half a kilo of Bu Sri's shallots, picked up at her stall: Rp 19.000 of goods, no delivery fee.
  const goods = formatRupiah(19_000);

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);

    // A buyer orders, pays through the demo gateway, and the seller accepts, readies and hands it over.
    const buyer = await buyerClient(server, '0813-5555-0301');
    const sellerId = await addToCartByName(buyer, 'bawang merah brebes', 500);
    const checkout = {
      address: 'Jl. Mayjend Sungkono 12, Purbalingga',
      areaCode: '33.03.06.2001',
      lat: -7.3886,
      lng: 109.3636,
      notes: '',
      fulfilment: { [sellerId]: 'pickup' },
    };
    const placed = await buyer<{ order: Order }>('POST', '/api/checkout', checkout);
    const { order } = await buyer<{ order: Order }>('POST', `/api/orders/${placed.order.id}/payments`, { method: 'gateway' });
    assert.equal(order.total, 19_000);
    assert.ok(order.payment?.redirectUrl, 'the demo gateway page');
    await buyer('POST', order.payment.redirectUrl, { result: 'paid' });

    const seller = await staffClient(server, '0811-0000-0003');
    const fulfilmentId = order.fulfilments[0]?.id;
    for (const action of ['accept', 'ready', 'hand-over']) await seller('POST', `/api/seller/fulfilments/${fulfilmentId}/${action}`, {});
    const done = await buyer<{ order: Order }>('POST', `/api/orders/${order.id}/confirm-receipt`);
    assert.equal(done.order.status, 'completed');

    // A second order waits for its payment: it is counted as open, not as a sale.
    await addToCartByName(buyer, 'bawang merah brebes', 500);
    await buyer('POST', '/api/checkout', checkout);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the program admin sees this month’s completed sale at 360 px', async () => {
    admin = await signInStaff(browser, url, '0811-0000-0001', '/admin');
    await admin.getByRole('link', { name: 'Laporan', exact: true }).click();
    await admin.getByRole('heading', { name: 'Laporan penjualan' }).waitFor();

    // This month by default.
    assert.equal(await admin.getByRole('link', { name: 'Bulan ini' }).getAttribute('aria-current'), 'page');
    // A card's figure, found by its exact label ("Transaksi" is also in "Rata-rata per transaksi").
    const kpi = (label: string) =>
      admin
        .locator('.kpi')
        .filter({ has: admin.getByText(label, { exact: true }) })
        .locator('dd');
    await kpi('Omzet pedagang').getByText(goods, { exact: true }).waitFor();
    assert.equal(await kpi('Transaksi').textContent(), '1');
    assert.equal(await kpi('Pelanggan').textContent(), '1');
    assert.equal(await kpi('Pedagang aktif').textContent(), '1');
    assert.equal(await kpi('Rata-rata per transaksi').textContent(), goods);
    assert.equal(await kpi('Ongkir & jasa belanja').textContent(), formatRupiah(0));
    assert.ok(await admin.getByText('Dihitung dari pesanan selesai', { exact: false }).isVisible());

    // The month's row and its total; Bu Sri on top, under her market.
    const months = admin.getByRole('region', { name: 'Per bulan' });
    const row = months.getByRole('row', { name: jakartaMonth('id-ID') });
    assert.deepEqual(await row.locator('td').allTextContents(), ['1', goods, formatRupiah(0), '1', '1']);
    assert.ok(
      await months
        .getByRole('row', { name: /^Jumlah/ })
        .getByText(goods)
        .isVisible(),
    );
    const top = admin.getByRole('region', { name: 'Pedagang teratas' }).getByRole('row', { name: /Bumbu Bu Sri/ });
    assert.ok(await top.getByText('Pasar Segamas').isVisible());
    assert.ok(await top.getByText(goods).isVisible());

    // The chart is its own chunk, drawn once it arrives; the order waiting for payment is open.
    await admin.locator('.sales-chart canvas').first().waitFor();
    await onTodaysBar(admin, 'tap');
    await admin.locator('.sales-chart-readout').getByText(`: ${goods}`).waitFor();
    const open = admin.locator('.open-orders > div', { hasText: 'Menunggu bayar' });
    assert.ok(Number(await open.locator('dd').textContent()) >= 1);
    await screenshot(admin, 'reports-360');
  });

  test('a preset and a typed range change the address; a reversed range is refused at its field', async () => {
    await admin.getByRole('link', { name: '3 bulan terakhir' }).click();
    await admin.waitForURL(/dari=\d{4}-\d{2}&sampai=\d{4}-\d{2}/);
    await admin.getByRole('heading', { name: 'Omzet per bulan' }).waitFor();
    assert.equal(await admin.getByRole('region', { name: 'Per bulan' }).locator('tbody tr').count(), 3);
    await admin.locator('.sales-chart canvas').first().waitFor();
    await screenshot(admin, 'reports-3-months-360');

    await admin.getByText('Pilih bulan sendiri').click();
    await admin.getByLabel('Dari bulan').fill('2026-05');
    await admin.getByLabel('Sampai bulan').fill('2026-04');
    await admin.getByRole('button', { name: 'Tampilkan' }).click();
    await admin.getByText('Bulan akhir tidak boleh sebelum bulan awal.').waitFor();
    assert.equal(await admin.getByLabel('Sampai bulan').getAttribute('aria-invalid'), 'true');

    // A month without sales says so; a shared link opens the same period.
    await admin.goto(url('/admin/laporan?dari=2026-01&sampai=2026-01'));
    await admin.getByText('Belum ada pesanan selesai pada periode ini.').waitFor();
    assert.equal(await admin.getByLabel('Dari bulan').inputValue(), '2026-01');
    await screenshot(admin, 'reports-empty-360');
    await admin.getByRole('link', { name: 'Bulan ini' }).click();
    await admin.locator('.kpi', { hasText: 'Omzet pedagang' }).getByText(goods).waitFor();
  });

  test('in English, and the Excel download arrives', async () => {
    await admin.getByRole('button', { name: 'EN' }).click();
    await admin.getByRole('heading', { name: 'Sales report' }).waitFor();
    await admin.locator('.kpi', { hasText: "Sellers' sales" }).getByText(goods).waitFor();
    for (const label of ['Orders', 'Customers', 'Active sellers', 'Average per order', 'Delivery & shopping fees']) {
      assert.ok(await admin.locator('.kpi dt', { hasText: label }).first().isVisible(), label);
    }
    assert.ok(
      await admin
        .getByRole('region', { name: 'By month' })
        .getByRole('row', { name: jakartaMonth('en-GB') })
        .isVisible(),
    );
    assert.ok(await admin.getByText('Awaiting payment').isVisible());
    await screenshot(admin, 'reports-en-360');

    const link = admin.getByRole('link', { name: 'Download Excel' });
    const [download] = await Promise.all([admin.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const file = fs.readFileSync(await download.path());
    assert.equal(file.subarray(0, 2).toString(), 'PK', 'an xlsx is a zip');
  });

  test('the treasurer reads the same report', async () => {
    const treasurer = await signInStaff(browser, url, '0811-0000-0007', '/admin/laporan');
    await treasurer.locator('.kpi-goods').getByText(goods, { exact: true }).waitFor();
    assert.ok(await treasurer.getByRole('link', { name: 'Laporan', exact: true }).isVisible());
    await treasurer.context().close();
  });

  test('on a desk screen the cards sit three a row and the tables fit', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    await context.addCookies(await admin.context().cookies());
    const desk = await context.newPage();
    await desk.goto(url('/admin/laporan'));
    await desk.locator('.sales-chart canvas').first().waitFor();
    const tops = await desk.locator('.kpi').evaluateAll((cards) => cards.map((card) => card.getBoundingClientRect().top));
    assert.equal(new Set(tops).size, 2, 'six cards in two rows');
    const navRows = await desk.locator('.subnav a').evaluateAll((links) => links.map((link) => link.getBoundingClientRect().top));
    assert.equal(new Set(navRows).size, 1, 'the admin menu on one row');
    // The pointer on today's bar reads its figures out under the chart.
    await onTodaysBar(desk, 'hover');
    await desk.locator('.sales-chart-readout').getByText(`: ${goods}`).waitFor();
    await desk.screenshot({ path: path.join(SCREENSHOT_DIR, 'reports-1280.png'), fullPage: true });
    await context.close();
  });
});
