import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { formatRupiah } from '../src/shared/format.ts';
import {
  apiClient,
  buyerClient,
  chromiumMissing,
  launchChromium,
  PHONE,
  type RunningServer,
  screenshot,
  signInStaff,
  staffClient,
  startServer,
} from './helpers.ts';

const skip = chromiumMissing();

type Order = {
  id: string;
  number: string;
  programId: string;
  total: number;
  deliveryFee: number;
  payment: { amount: number; status: string; rejectedReason: string | null } | null;
  delivery: { jobId: string; status: string; proofCode: string | null } | null;
};

describe('staff side of orders in a real browser at 360 px', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let call: ReturnType<typeof apiClient>;
  const url = (p: string) => server.url('purbalingga', p);
  // Bu Sri's shallots, half a kilo each: Rp 19.000 an order.
  const orders: Record<'paidByTransfer' | 'badProof' | 'cashOnDelivery' | 'rejected' | 'cancelled', Order> = {} as never;
  let cs: Page;
  let courier: Page;

  const staff = (phone: string) => staffClient(server, phone);

  /** The buyer's order page in a browser, signed in as the API buyer. */
  async function buyerPage(order: Order): Promise<Page> {
    const context = await browser.newContext(PHONE);
    await context.addCookies([...call.cookies].map(([name, value]) => ({ name, value, url: url('/') })));
    const page = await context.newPage();
    await page.goto(url(`/pesanan/${order.id}`));
    return page;
  }

  const readOrder = async (order: Order) => (await call<{ order: Order }>('GET', `/api/orders/${order.id}`)).order;

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
    call = await buyerClient(server, '0813-5555-0101');

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
    cs = await signInStaff(browser, url, '0811-0000-0002', '/cs/pembayaran');
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
    const seller = await signInStaff(browser, url, '0811-0000-0003', '/penjual/pesanan');
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

  test('the courier goes on duty, takes the cash-on-delivery job, shops, hands it over with the buyer’s code and carries the cash', async () => {
    const order = orders.cashOnDelivery;
    // Mas Joko waits at the gate of Pasar Segamas, sharing his position.
    courier = await signInStaff(browser, url, '0811-0000-0004', '/kurir', {
      ...PHONE,
      geolocation: { latitude: -7.389, longitude: 109.3641 },
      permissions: ['geolocation'],
    });
    await courier.locator('.cash-card .amount-big').getByText('Rp 0').waitFor();
    const duty = courier.getByRole('switch', { name: 'Bertugas' });
    assert.equal(await duty.getAttribute('aria-checked'), 'false');
    await duty.click();
    await courier.getByText('Sedang bertugas').waitFor();
    await courier.getByText(/^Lokasi dibagikan /).waitFor();
    assert.equal(await duty.getAttribute('aria-checked'), 'true');

    // The job waited for a courier: the job runner (every 30 s) offers it now he is on duty.
    const offer = courier.locator('li.offer-card', { hasText: order.number });
    let taken = false;
    if (
      await offer.waitFor({ timeout: 50_000 }).then(
        () => true,
        () => false,
      )
    ) {
      assert.match((await offer.getByRole('timer').textContent()) ?? '', /^\d{2}:\d{2}$/);
      assert.equal(await offer.locator('.amount-big').textContent(), formatRupiah(order.deliveryFee));
      assert.ok(await offer.getByText('Belanja di pasar + antar').isVisible());
      assert.ok(await offer.getByText(/± 0,\d km dari Anda/).isVisible());
      await screenshot(courier, 'courier-offer-360');
      await offer.getByRole('button', { name: 'Terima' }).click();
      taken = await courier
        .getByText(`Pekerjaan ${order.number} Anda ambil.`)
        .waitFor({ timeout: 10_000 })
        .then(
          () => true,
          () => false,
        );
    }
    if (!taken) {
      // The offer ran out before he answered: CS gives him the job by hand.
      const desk = await staff('0811-0000-0002');
      const { couriers } = await desk<{ couriers: { id: string; phone: string }[] }>(
        'GET',
        `/api/admin/couriers?programId=${order.programId}`,
      );
      const joko = couriers.find((c) => c.phone === '+6281100000004');
      const jobId = (await readOrder(order)).delivery?.jobId;
      await desk('POST', `/api/cs/jobs/${jobId}/assign`, { courierId: joko?.id });
      await courier.reload();
    }

    // The job at the market: Bu Sri's stall, what to buy, the buyer, the way there, the cash to take.
    const job = courier.locator('li.job-card', { hasText: order.number });
    await job.waitFor();
    assert.ok(await job.getByText('Pasar Segamas').isVisible());
    assert.ok(await job.getByText('kios A-12').isVisible());
    assert.equal(await job.getByRole('link', { name: '0813-5555-0101' }).getAttribute('href'), 'tel:+6281355550101');
    const links = await job.getByRole('link', { name: 'WhatsApp' }).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.includes('https://wa.me/6281355550101'));
    const directions = await job.getByRole('link', { name: 'Petunjuk arah' }).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(directions.includes('https://www.google.com/maps/dir/?api=1&destination=-7.3886,109.3636'), directions.join());
    const geo = await job.getByRole('link', { name: 'Aplikasi peta' }).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(geo.includes('geo:-7.3886,109.3636'));
    assert.equal(await job.locator('.collect .amount-big').textContent(), formatRupiah(order.total));

    await job.getByRole('button', { name: 'Mulai belanja' }).click();
    await courier.getByText('Selamat belanja.', { exact: false }).waitFor();
    await job.getByRole('checkbox', { name: 'Sudah diambil: 0,5 kg Bawang merah Brebes' }).check();
    await job.getByText('1 dari 1 barang sudah diambil.').waitFor();
    await screenshot(courier, 'courier-job-360');
    await job.getByRole('button', { name: 'Barang sudah diambil' }).click();
    await courier.getByText(`Barang pesanan ${order.number} sudah diambil.`).waitFor();
    await job.getByRole('button', { name: 'Berangkat antar' }).click();
    await courier.getByText(`Pembeli ${order.number} diberi tahu Anda sedang menuju.`).waitFor();

    // The buyer sees who is coming, and the code to give at the door.
    const code = (await readOrder(order)).delivery?.proofCode ?? '';
    assert.match(code, /^\d{4}$/);
    const buyer = await buyerPage(order);
    const delivery = buyer.locator('.delivery-card');
    await delivery.getByText('Dalam perjalanan').waitFor();
    assert.ok(await delivery.getByText('Mas Joko, Kurir (demo)').isVisible());
    assert.ok(await delivery.getByText('R 4521 JK').isVisible());
    assert.equal(await delivery.locator('.handover-digits').textContent(), code);
    assert.ok(await delivery.getByText('Berikan kode ini kepada kurir saat barang diterima.').isVisible());
    await screenshot(buyer, 'buyer-tracking-code-360');

    // At the door: a misheard code first, then the right one.
    await job.getByRole('button', { name: 'Serahkan' }).click();
    const codeInput = job.getByLabel('Kode dari pembeli');
    assert.equal(await codeInput.getAttribute('inputmode'), 'numeric');
    await codeInput.fill(code === '0000' ? '1111' : '0000');
    await job.getByRole('button', { name: 'Selesai diserahkan' }).click();
    await job.getByText('Kode serah terima salah. Sisa 2 kali percobaan.').waitFor();
    assert.equal(await codeInput.getAttribute('aria-invalid'), 'true');
    await screenshot(courier, 'courier-handover-360');
    await codeInput.fill(code);
    await job.getByRole('button', { name: 'Selesai diserahkan' }).click();
    await courier
      .getByText(`Pesanan ${order.number} sudah diserahkan. ${formatRupiah(order.total)} dicatat sebagai uang tunai yang Anda bawa.`)
      .waitFor();
    await courier.locator('.cash-card .amount-big').getByText(formatRupiah(order.total)).waitFor();
    await courier.getByText('Belum ada pekerjaan. Tawaran baru muncul di sini.').waitFor();
    await screenshot(courier, 'courier-delivered-360');
    await courier.getByRole('link', { name: 'Selesai', exact: true }).click();
    await courier.locator('li.card', { hasText: order.number }).getByText('Sudah diantar').waitFor();

    // The buyer's page, re-reading itself while the courier is out, turns delivered.
    await delivery.getByText('Sudah diantar').waitFor({ timeout: 15_000 });
    assert.equal(await delivery.locator('.handover-digits').count(), 0);
    await buyer.locator('.order-status').getByText('Sudah sampai', { exact: true }).waitFor();
    await buyer.context().close();
  });

  test('a declined offer waits for CS, who assigns it; the courier gives it back, fails at the door and retries; after three wrong codes CS confirms the hand-over', async () => {
    // Mas Joko is on duty: a new cash-on-delivery order is offered to him at once.
    const order = await placeOrder('cod', 'delivery', false);
    await courier.getByRole('link', { name: 'Pekerjaan', exact: true }).click();
    const offer = courier.locator('li.offer-card', { hasText: order.number });
    await offer.waitFor({ timeout: 15_000 });
    await offer.getByRole('button', { name: 'Tolak' }).click();
    await courier.getByText(`Tawaran ${order.number} Anda tolak.`).waitFor();
    await offer.waitFor({ state: 'detached' });

    // Nobody else is on duty: the job waits, and CS gives it to him by hand.
    await cs.goto(url(`/cs/pesanan/${order.id}`));
    await cs.getByRole('heading', { name: 'Pengantaran' }).waitFor();
    const card = cs.locator('.delivery-desk');
    assert.ok(await card.getByText('Menunggu kurir').isVisible());
    await card.getByRole('button', { name: 'Tugaskan kurir' }).click();
    const choice = card.getByLabel('Pilih kurir');
    assert.equal(await choice.locator('option:checked').textContent(), 'Mas Joko, Kurir (demo) · R 4521 JK · bertugas');
    await card.getByRole('button', { name: 'Tugaskan', exact: true }).click();
    await cs.getByText(`Pesanan ${order.number} ditugaskan ke Mas Joko, Kurir (demo).`).waitFor();
    await card.getByText('Diterima kurir').waitFor();
    assert.ok(await card.getByText('R 4521 JK').isVisible());
    await screenshot(cs, 'cs-delivery-360');

    // His motorbike breaks down: he gives the job back, and CS gives it to him again once it runs.
    const job = courier.locator('li.job-card', { hasText: order.number });
    await job.waitFor({ timeout: 15_000 });
    await job.getByRole('button', { name: 'Lepas pekerjaan' }).click();
    await job.getByRole('button', { name: 'Motor mogok' }).click();
    await job.getByRole('button', { name: 'Lepas pekerjaan' }).click();
    await courier.getByText(`Pekerjaan ${order.number} dilepas.`).waitFor();
    await job.waitFor({ state: 'detached' });
    const jobId = (await readOrder(order)).delivery?.jobId;
    const desk = await staff('0811-0000-0002');
    const { couriers } = await desk<{ couriers: { id: string; phone: string }[] }>(
      'GET',
      `/api/admin/couriers?programId=${order.programId}`,
    );
    await desk('POST', `/api/cs/jobs/${jobId}/assign`, { courierId: couriers.find((c) => c.phone === '+6281100000004')?.id });

    // Nobody is home at first: he records it, and tries again.
    const rider = await staff('0811-0000-0004');
    const path = `/api/courier/jobs/${jobId}`;
    for (const to of ['shopping', 'picked_up', 'delivering']) await rider('POST', `${path}/advance`, { to });
    await courier.reload();
    await job.getByText('Dalam perjalanan').waitFor();
    await job.getByRole('button', { name: 'Gagal antar' }).click();
    await job.getByRole('button', { name: 'Pembeli tidak di rumah' }).click();
    await job.getByRole('button', { name: 'Catat gagal antar' }).click();
    await courier.getByText(`Gagal antar ${order.number} dicatat.`, { exact: false }).waitFor();
    await job.getByText('Gagal antar', { exact: true }).waitFor();
    assert.ok(await job.getByRole('button', { name: 'Kembalikan' }).isVisible());
    await job.getByRole('button', { name: 'Coba antar lagi' }).click();
    await courier.getByText(`Pembeli ${order.number} diberi tahu Anda mencoba lagi.`).waitFor();

    // Then the buyer's code is wrong three times (read out badly on the phone).
    const code = (await readOrder(order)).delivery?.proofCode;
    for (let i = 0; i < 3; i++) {
      await assert.rejects(rider('POST', `${path}/deliver`, { code: code === '0000' ? '1111' : '0000' }), /proof_code/);
    }
    await courier.reload();
    await job.getByText('Kode salah 3 kali dan terkunci.', { exact: false }).waitFor();
    assert.equal(await job.getByRole('button', { name: 'Serahkan' }).count(), 0);
    assert.ok(await job.getByText('CS Jujag-Jujug').isVisible());

    // The buyer confirms to CS on the phone; CS records the hand-over.
    await cs.reload();
    await card.getByText('Dalam perjalanan').waitFor();
    await card.getByRole('button', { name: 'Konfirmasi sudah diterima' }).click();
    await card.getByRole('button', { name: 'Pembeli mengonfirmasi lewat telepon' }).click();
    await card.getByRole('button', { name: 'Konfirmasi sudah diterima' }).click();
    await cs.getByText(`Pesanan ${order.number} dicatat sudah diterima pembeli.`).waitFor();
    await card.getByText('Sudah diantar').waitFor();
    await courier.reload();
    await courier
      .locator('.cash-card .amount-big')
      .getByText(formatRupiah(orders.cashOnDelivery.total + order.total))
      .waitFor();
  });

  test('the program admin registers a courier: a bad plate is refused at its field, then the ID is checked', async () => {
    const admin = await signInStaff(browser, url, '0811-0000-0001', '/admin');
    await admin.getByRole('link', { name: 'Kurir', exact: true }).click();
    await admin.getByRole('heading', { name: 'Kurir program' }).waitFor();
    await admin.locator('li.card', { hasText: 'Mas Joko, Kurir (demo)' }).waitFor();

    await admin.getByLabel('Nama').fill('Mas Bayu');
    await admin.getByLabel('Nomor HP').fill('0812-3456-7001');
    await admin.getByLabel('Nomor polisi').fill('R12');
    await admin.getByLabel('Paguyuban').fill('Paguyuban Ojol Perwira');
    await admin.getByRole('button', { name: 'Daftarkan kurir' }).click();
    await admin.getByText('Nomor polisi tidak valid, contoh: R 1234 AB.').waitFor();
    assert.equal(await admin.getByLabel('Nomor polisi').getAttribute('aria-invalid'), 'true');

    await admin.getByLabel('Nomor polisi').fill('r 1234 ab');
    await admin.getByRole('button', { name: 'Daftarkan kurir' }).click();
    await admin.getByText('Mas Bayu terdaftar sebagai kurir Jujag-Jujug.').waitFor();
    const bayu = admin.locator('li.card', { hasText: 'Mas Bayu' });
    assert.ok(await bayu.getByText('R 1234 AB').isVisible());
    assert.ok(await bayu.getByText('KTP/SIM belum dicek').isVisible());
    assert.ok(await bayu.getByText('Tidak bertugas').isVisible());
    await bayu.getByRole('checkbox', { name: 'KTP/SIM sudah dicek' }).check();
    await admin.getByText('Data Mas Bayu disimpan.').waitFor();
    await bayu.locator('.badge', { hasText: 'KTP/SIM sudah dicek' }).waitFor();
    assert.ok(await bayu.getByRole('checkbox', { name: 'KTP/SIM sudah dicek' }).isChecked());
    await screenshot(admin, 'admin-couriers-360');
  });

  test('the program admin sets payments, and a broken QRIS is refused at its field', async () => {
    const admin = await signInStaff(browser, url, '0811-0000-0001', '/admin');
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

  test('the treasurer pays Bu Sri what her completed orders earned, less the program fee', async () => {
    // The buyer confirms the order picked up at the stall: it completes, and Bu Sri's money is released.
    await call('POST', `/api/orders/${orders.paidByTransfer.id}/confirm-receipt`);
    // Rp 19.000 of shallots less the 2,5 % fee the program admin set above.
    const owed = formatRupiah(19_000 - 475);

    const treasurer = await signInStaff(browser, url, '0811-0000-0007', '/admin/pencairan');
    await treasurer.getByRole('heading', { name: 'Pencairan dana penjual' }).waitFor();
    // Treasurers also reach the couriers, to hand out and settle their cash floats, and the sales report.
    assert.deepEqual(await treasurer.locator('.subnav a').allTextContents(), ['Pembayaran', 'Pencairan dana', 'Kurir', 'Laporan']);
    await treasurer.getByText('Belum ada pencairan untuk program ini.').waitFor();
    await treasurer.getByRole('button', { name: 'Buat pencairan baru' }).click();
    await treasurer.waitForURL(/\/admin\/pencairan\/pyr_/);
    await treasurer.getByRole('heading', { name: 'Tunai' }).waitFor();
    const line = treasurer.locator('li.card', { hasText: 'Bumbu Bu Sri' });
    assert.equal(await line.locator('.amount-big').textContent(), owed);
    assert.ok(await line.getByText('Belum dibayar', { exact: true }).isVisible());
    await screenshot(treasurer, 'payouts-run-360');

    // The sheet for the bank's bulk transfer (or the cash desk).
    const csvLink = treasurer.getByRole('link', { name: 'Unduh CSV untuk bank' });
    const [download] = await Promise.all([treasurer.waitForEvent('download'), csvLink.click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    assert.match(csv, /Bumbu Bu Sri/);
    assert.match(csv, /18525/);
    const href = (await csvLink.getAttribute('href')) ?? '';
    const type = await treasurer.evaluate(async (address) => (await fetch(address)).headers.get('content-type'), href);
    assert.match(type ?? '', /^text\/csv/);

    await treasurer.getByRole('button', { name: 'Tandai semua sudah dibayar' }).click();
    await treasurer.getByText(`Semua yang belum dicatat sudah dibayarkan: ${owed} untuk 1 penerima?`).waitFor();
    await treasurer.getByLabel('Referensi pembayaran').fill('KUITANSI 0042');
    await treasurer.getByRole('button', { name: 'Catat sudah dibayar' }).click();
    await treasurer.getByText('Semua pembayaran pencairan ini dicatat.').waitFor();
    await line.getByText('Referensi: KUITANSI 0042', { exact: false }).waitFor();
    assert.ok(await line.getByText('Sudah dibayar', { exact: true }).isVisible());
    assert.equal(await treasurer.getByRole('button', { name: 'Tandai semua sudah dibayar' }).count(), 0);
    await screenshot(treasurer, 'payouts-run-settled-360');

    // The list shows the run settled; with nothing left owed, a new run is refused with the reason.
    await treasurer.getByRole('link', { name: 'Semua pencairan' }).click();
    const run = treasurer.locator('.desk-table tbody tr');
    await run.getByText('Selesai', { exact: true }).waitFor();
    assert.equal(await run.count(), 1);
    assert.ok(await run.getByText(owed, { exact: true }).isVisible());
    await treasurer.getByRole('button', { name: 'Buat pencairan baru' }).click();
    await treasurer.getByText('Belum ada dana penjual yang perlu dibayarkan untuk program ini.').waitFor();
    await screenshot(treasurer, 'payouts-list-360');

    // The payment settings are hers to read, not to change; she can still switch programs.
    await treasurer.getByRole('link', { name: 'Pembayaran' }).click();
    await treasurer.getByText('Anda dapat melihat pengaturan ini.', { exact: false }).waitFor();
    assert.equal(await treasurer.getByLabel('Biaya program (%)').inputValue(), '2,5');
    assert.ok(await treasurer.getByLabel('Biaya program (%)').isDisabled());
    assert.equal(await treasurer.getByRole('button', { name: 'Simpan pengaturan' }).count(), 0);
    await treasurer.getByLabel('Program', { exact: true }).selectOption({ label: 'Tuka-Tuku' });
    await treasurer.waitForURL(/program=prg_/);
    assert.ok(await treasurer.getByLabel('Biaya program (%)').isDisabled());
    await screenshot(treasurer, 'payment-settings-read-only-360');
  });
});
