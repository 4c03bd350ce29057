import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { formatRupiah } from '../src/shared/format.ts';
import { chromiumMissing, launchChromium, PHONE, type RunningServer, SCREENSHOT_DIR, startServer } from './helpers.ts';

const skip = chromiumMissing();

async function screenshot(page: Page, name: string) {
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  assert.ok(width <= 360, `${name}: page is ${width}px wide at a 360px viewport`);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

type Order = {
  id: string;
  number: string;
  total: number;
  payment: { amount: number; status: string; rejectedReason: string | null } | null;
};

/**
 * A phone talking to the API: a cookie jar and the CSRF header. 127.0.0.1 is served as the
 * default tenant (Purbalingga), the regency the browser pages use.
 */
function apiClient(base: string) {
  const cookies = new Map<string, string>();
  return async function call<T>(method: string, pathname: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const csrf = cookies.get('lp_csrf');
    if (csrf) headers['x-csrf-token'] = decodeURIComponent(csrf);
    if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
    const response = await fetch(base + pathname, {
      method,
      headers,
      body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const [name = '', ...value] = pair.split('=');
      cookies.set(name, value.join('='));
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

describe('staff side of orders in a real browser at 360 px', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let call: ReturnType<typeof apiClient>;
  const url = (p: string) => server.url('purbalingga', p);
  // Bu Sri's shallots, half a kilo each: Rp 19.000 an order.
  const orders: Record<'paidByTransfer' | 'badProof' | 'cashOnDelivery' | 'rejected' | 'cancelled', Order> = {} as never;
  let cs: Page;

  async function signInStaff(phone: string, next: string): Promise<Page> {
    const page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(url(`/masuk/staf?next=${encodeURIComponent(next)}`));
    await page.getByLabel('Nomor HP').fill(phone);
    await page.getByLabel('Kata sandi').fill('lokapasar-demo');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL((u) => u.pathname === next);
    return page;
  }

  /** The buyer orders Bu Sri's shallots and starts paying; a transfer gets a receipt photo. */
  async function placeOrder(method: 'transfer' | 'cod', fulfilment: 'pickup' | 'delivery', withProof: boolean): Promise<Order> {
    const found = await call<{ products: { id: string; seller: { id: string } }[] }>(
      'GET',
      '/api/catalog/products?q=bawang%20merah%20brebes',
    );
    const product = found.products[0];
    assert.ok(product, 'demo product Bawang merah Brebes');
    const detail = await call<{ product: { variants: { id: string }[] } }>('GET', `/api/catalog/products/${product.id}`);
    await call('PUT', '/api/cart/lines', { variantId: detail.product.variants[0]?.id, quantityMilli: 500 });
    const { order } = await call<{ order: Order }>('POST', '/api/checkout', {
      address: 'Jl. Mayjend Sungkono 12, Purbalingga',
      areaCode: '33.03.06.2001',
      lat: -7.3886,
      lng: 109.3636,
      notes: 'Pagar hijau',
      fulfilment: { [product.seller.id]: fulfilment },
    });
    await call('POST', `/api/orders/${order.id}/payments`, { method });
    if (withProof) {
      const photo = await sharp({ create: { width: 600, height: 900, channels: 3, background: '#1d4ed8' } })
        .jpeg()
        .toBuffer();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'bukti.jpg');
      const { media } = await call<{ media: { id: string } }>('POST', '/api/media', form);
      await call('POST', `/api/orders/${order.id}/payments/proof`, { mediaId: media.id });
    }
    return (await call<{ order: Order }>('GET', `/api/orders/${order.id}`)).order;
  }

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    call = apiClient(`http://127.0.0.1:${server.port}`);
    const phone = '0813-5555-0101';
    await call('POST', '/api/auth/code/request', { phone });
    const { messages } = await call<{ messages: { phone: string; body: string }[] }>('GET', '/api/dev/inbox');
    const code = messages.find((m) => m.phone === '+6281355550101')?.body.match(/\d{6}/)?.[0];
    assert.ok(code, 'sign-in code in the demo inbox');
    await call('POST', '/api/auth/code/verify', { phone, code });

    orders.paidByTransfer = await placeOrder('transfer', 'pickup', true);
    orders.badProof = await placeOrder('transfer', 'delivery', true);
    orders.cashOnDelivery = await placeOrder('cod', 'delivery', false);
    orders.rejected = await placeOrder('cod', 'delivery', false);
    orders.cancelled = await placeOrder('transfer', 'pickup', true);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('CS confirms one transfer with the bank reference and sends a bad receipt back', async () => {
    cs = await signInStaff('0811-0000-0002', '/cs/pembayaran');
    const paid = orders.paidByTransfer;
    const card = cs.locator('li.card', { hasText: paid.number });
    await card.waitFor();
    // The exact amount, big, with the unique code marked.
    assert.ok(paid.payment && paid.payment.amount > paid.total);
    assert.equal(await card.locator('.amount-big').textContent(), formatRupiah(paid.payment.amount));
    assert.equal(await card.locator('.unique-code').first().textContent(), String(paid.payment.amount - paid.total).padStart(3, '0'));
    assert.ok(await card.getByRole('img', { name: `Bukti transfer ${paid.number}` }).isVisible());

    await card.getByRole('button', { name: 'Sudah masuk' }).click();
    await card.getByText(`Uang ${formatRupiah(paid.payment.amount)} untuk ${paid.number} sudah masuk ke rekening program?`).waitFor();
    await card.getByLabel('Referensi mutasi').fill('BRI 22/11 10.15 TRF WARGA');
    await screenshot(cs, 'cs-payments-360');
    await card.getByRole('button', { name: 'Catat lunas' }).click();
    await cs.getByText(`Pembayaran ${paid.number} dicatat lunas.`, { exact: false }).waitFor();
    assert.equal(await cs.locator('li.card', { hasText: paid.number }).count(), 0);

    // The second receipt is found by the amount in the bank mutation, and rejected with a reason.
    const bad = orders.badProof;
    assert.ok(bad.payment);
    await cs.getByLabel('Cari nominal persis').fill(formatRupiah(bad.payment.amount).replace('Rp ', ''));
    await cs.getByRole('button', { name: 'Cari' }).click();
    const badCard = cs.locator('li.card', { hasText: bad.number });
    await badCard.waitFor();
    assert.equal(await cs.locator('li.card').count(), 1);
    await badCard.getByRole('button', { name: 'Tolak bukti' }).click();
    await badCard.getByRole('button', { name: 'Nominal tidak sesuai' }).click();
    await badCard.getByRole('button', { name: 'Tolak bukti' }).click();
    await cs.getByText(`Bukti transfer ${bad.number} ditolak.`, { exact: false }).waitFor();
    const rejected = (await call<{ order: Order }>('GET', `/api/orders/${bad.id}`)).order;
    assert.equal(rejected.payment?.status, 'pending');
    assert.equal(rejected.payment?.rejectedReason, 'Nominal tidak sesuai');

    // The confirmed order shows paid in its detail, with the payment in its history.
    await cs.getByRole('link', { name: 'Pesanan', exact: true }).click();
    await cs.getByLabel('Cari nomor pesanan').fill(paid.number);
    await cs.getByRole('button', { name: 'Cari' }).click();
    await cs.getByRole('link', { name: paid.number }).click();
    await cs.getByRole('heading', { name: paid.number }).waitFor();
    assert.ok(await cs.getByText('Lunas', { exact: true }).isVisible());
    assert.ok(await cs.getByText('Menunggu penjual').first().isVisible());
    assert.ok(await cs.getByText('dibayar dengan Transfer bank').isVisible());
    await screenshot(cs, 'cs-order-360');
  });

  test('the seller sees new orders counted, accepts, rejects with a reason, marks ready and hands over', async () => {
    const seller = await signInStaff('0811-0000-0003', '/penjual/pesanan');
    const { paidByTransfer, cashOnDelivery, rejected } = orders;
    // Unpaid transfers are not the seller's business yet; paid ones and cash on delivery are.
    await seller.locator('li.card', { hasText: paidByTransfer.number }).waitFor();
    assert.equal(await seller.locator('li.card', { hasText: orders.badProof.number }).count(), 0);
    assert.equal(await seller.locator('.tabs .count').textContent(), '3');
    const card = (order: Order) => seller.locator('li.card', { hasText: order.number });
    assert.ok(await card(paidByTransfer).getByText('0,5 kg Bawang merah Brebes — Rp 19.000').isVisible());
    await screenshot(seller, 'seller-orders-new-360');

    await card(paidByTransfer).getByRole('button', { name: 'Terima' }).click();
    await seller.getByText(`Pesanan ${paidByTransfer.number} diterima.`, { exact: false }).waitFor();

    // Meanwhile CS accepted the cash order for her on the phone: her tap is refused, and the list catches up.
    const desk = apiClient(`http://127.0.0.1:${server.port}`);
    await desk('POST', '/api/auth/password', { phone: '0811-0000-0002', password: 'lokapasar-demo' });
    const { order } = await desk<{ order: { fulfilments: { id: string }[] } }>('GET', `/api/cs/orders/${cashOnDelivery.id}`);
    await desk('POST', `/api/cs/fulfilments/${order.fulfilments[0]?.id}/accept`, {});
    await card(cashOnDelivery).getByRole('button', { name: 'Terima' }).click();
    await seller.getByText('Tindakan ini tidak bisa dilakukan pada status saat ini.', { exact: false }).waitFor();
    await card(cashOnDelivery).waitFor({ state: 'detached' });
    await card(rejected).getByRole('button', { name: 'Tolak' }).click();
    await card(rejected).getByRole('button', { name: 'Tolak pesanan' }).click();
    await card(rejected).getByText('Tulis minimal 3 huruf.').waitFor();
    await card(rejected).getByRole('button', { name: 'Stok habis' }).click();
    await screenshot(seller, 'seller-orders-reject-360');
    await card(rejected).getByRole('button', { name: 'Tolak pesanan' }).click();
    await seller.getByText(`Pesanan ${rejected.number} ditolak.`).waitFor();
    await seller.getByText('Belum ada pesanan baru.').waitFor();

    await seller.getByRole('link', { name: 'Diproses' }).click();
    for (const order of [paidByTransfer, cashOnDelivery]) {
      await card(order).getByRole('button', { name: 'Siap' }).click();
      await seller.getByText(`Pesanan ${order.number} siap.`).waitFor();
    }
    await card(cashOnDelivery).getByText('Menunggu kurir menjemput.').waitFor();
    // The buyer comes to the stall for the pickup order.
    await card(paidByTransfer).getByRole('button', { name: 'Sudah diambil' }).click();
    await card(paidByTransfer).getByText(`Barang pesanan ${paidByTransfer.number} sudah diterima pembeli?`).waitFor();
    await screenshot(seller, 'seller-orders-active-360');
    await card(paidByTransfer).getByRole('button', { name: 'Sudah diambil' }).click();
    await seller.getByText(`Pesanan ${paidByTransfer.number} sudah diserahkan.`).waitFor();

    await seller.getByRole('link', { name: 'Selesai' }).click();
    await card(rejected).getByText('Alasan ditolak: Stok habis').waitFor();
    assert.ok(await card(paidByTransfer).getByText('Diserahkan', { exact: true }).isVisible());
  });

  test('the courier delivers the cash-on-delivery order and carries its cash', async () => {
    const courier = await signInStaff('0811-0000-0004', '/kurir');
    const order = orders.cashOnDelivery;
    const card = courier.locator('li.card', { hasText: order.number });
    await card.waitFor();
    const balance = courier.locator('.cash-card .amount-big');
    await courier.locator('.cash-card').getByText('Rp 0').waitFor();
    assert.ok(await card.getByText('Tagih tunai').isVisible());
    assert.equal(await card.locator('.collect .amount-big').textContent(), formatRupiah(order.total));
    assert.equal(
      await card.getByRole('link', { name: 'Buka peta' }).getAttribute('href'),
      'https://www.google.com/maps?q=-7.3886,109.3636',
    );
    assert.equal(await card.getByRole('link', { name: '0813-5555-0101' }).getAttribute('href'), 'tel:+6281355550101');
    await screenshot(courier, 'courier-360');

    await card.getByRole('button', { name: 'Sudah diserahkan' }).click();
    await card.getByText(`uang ${formatRupiah(order.total)} sudah Anda terima?`, { exact: false }).waitFor();
    await card.getByRole('button', { name: 'Sudah diserahkan' }).click();
    await courier.getByText(`Pesanan ${order.number} sudah diserahkan.`, { exact: false }).waitFor();
    await courier.getByText('Belum ada pesanan yang siap diantar.').waitFor();
    await courier.locator('.cash-card').getByText(formatRupiah(order.total)).waitFor();
    assert.equal(await balance.textContent(), formatRupiah(order.total));
    await screenshot(courier, 'courier-delivered-360');
  });

  test('the program admin sets payments, and a broken QRIS is refused at its field', async () => {
    const admin = await signInStaff('0811-0000-0001', '/admin');
    await admin.getByRole('link', { name: 'Pembayaran' }).click();
    await admin.getByRole('heading', { name: 'Pengaturan pembayaran' }).waitFor();
    const fee = admin.getByLabel('Biaya program (%)');
    await fee.fill('2,5');
    await admin.getByLabel('Batas waktu bayar (menit)').fill('90');
    await admin.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await admin.getByText('Pengaturan pembayaran Jujag-Jujug disimpan.').waitFor();
    await admin.reload();
    await admin.getByRole('heading', { name: 'Pengaturan pembayaran' }).waitFor();
    assert.equal(await fee.inputValue(), '2,5');

    // A payload copied with a wrong last digit: the CRC no longer matches.
    const qris = admin.getByLabel('Kode QRIS statis merchant');
    const payload = await qris.inputValue();
    await qris.fill(payload.slice(0, -1) + (payload.endsWith('0') ? '1' : '0'));
    await admin.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await admin.getByText('Kode QRIS tidak valid (CRC salah atau terpotong).', { exact: false }).waitFor();
    assert.equal(await qris.getAttribute('aria-invalid'), 'true');
    await screenshot(admin, 'payment-settings-360');
  });

  test('CS cancels a paid order and records the refund sent back', async () => {
    const order = orders.cancelled;
    assert.ok(order.payment);
    await cs.goto(url(`/cs/pembayaran?nominal=${order.payment.amount}`));
    const payment = cs.locator('li.card', { hasText: order.number });
    await payment.getByRole('button', { name: 'Sudah masuk' }).click();
    await payment.getByLabel('Referensi mutasi').fill('BRI 22/11 11.02 TRF WARGA');
    await payment.getByRole('button', { name: 'Catat lunas' }).click();
    await cs.getByText(`Pembayaran ${order.number} dicatat lunas.`, { exact: false }).waitFor();

    await cs.goto(url(`/cs/pesanan/${order.id}`));
    await cs.getByRole('button', { name: 'Batalkan pesanan' }).click();
    await cs.getByText('Uang yang sudah dibayar masuk daftar pengembalian.', { exact: false }).waitFor();
    await cs.getByLabel('Alasan pembatalan').fill('Pembeli minta batal lewat WhatsApp');
    await cs.getByRole('button', { name: 'Batalkan pesanan' }).click();
    await cs.getByText(`Pesanan ${order.number} dibatalkan.`).waitFor();
    assert.ok(await cs.getByText('Pembeli minta batal lewat WhatsApp', { exact: false }).isVisible());

    // Everything paid goes back, the unique code too.
    await cs.getByRole('link', { name: 'Ke halaman Pengembalian' }).click();
    const refund = cs.locator('li.card', { hasText: order.number });
    await refund.getByText(formatRupiah(order.payment.amount)).waitFor();
    assert.ok(await refund.getByText('Pesanan dibatalkan').isVisible());
    await refund.getByRole('button', { name: 'Sudah dikembalikan' }).click();
    await refund.getByLabel('Referensi transfer').fill('BRI ke 0813-5555-0101 22/11');
    await screenshot(cs, 'cs-refunds-360');
    await refund.getByRole('button', { name: 'Sudah dikembalikan' }).click();
    await cs.getByText(`Pengembalian ${formatRupiah(order.payment.amount)} untuk ${order.number} dicatat.`).waitFor();
    await cs.getByRole('link', { name: 'Sudah dikembalikan' }).click();
    await refund.getByText('Referensi: BRI ke 0813-5555-0101 22/11', { exact: false }).waitFor();
  });
});
