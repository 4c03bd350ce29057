import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, PHONE, type RunningServer, SCREENSHOT_DIR, startServer } from './helpers.ts';

const skip = chromiumMissing();

async function assertNoHorizontalScroll(page: Page) {
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  assert.ok(width <= 360, `page is ${width}px wide at a 360px viewport`);
}

describe('sign-in in a real browser at 360 px', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the regency home page shows its programs and markets', async () => {
    const page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(server.url('purbalingga'));
    await page.getByText('Jujag-Jujug').first().waitFor();
    assert.ok(await page.getByText('Pasar Segamas').isVisible());
    assert.ok(await page.getByText('0812-2761-1117').first().isVisible());
    await assertNoHorizontalScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'home-360.png'), fullPage: true });
  });

  test('a buyer signs in with the code from the demo inbox', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(server.url('purbalingga', '/masuk'));
    await page.getByLabel('Nomor HP').fill('0813-1234-5678');
    await page.getByRole('button', { name: 'Kirim kode' }).click();
    await page.getByText('Kode dikirim ke 0813-1234-5678').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'buyer-code-360.png'), fullPage: true });

    // The buyer's "phone": the demo inbox, in another tab.
    const inbox = await context.newPage();
    await inbox.goto(server.url('purbalingga', '/dev/kotak-masuk'));
    const message = inbox.getByText(/Kode masuk Kabupaten Purbalingga: \d{6}/).first();
    await message.waitFor({ timeout: 15_000 });
    const code = (await message.textContent())?.match(/\d{6}/)?.[0];
    assert.ok(code);

    await page.getByLabel('Kode').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByText(/Kode salah\. Sisa percobaan: 4/).waitFor();

    await page.getByLabel('Kode').fill(code);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('button', { name: 'Keluar' }).waitFor();
    assert.ok(await page.getByText('0813-1234-5678').first().isVisible());
    await assertNoHorizontalScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'buyer-signed-in-360.png'), fullPage: true });

    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('link', { name: 'Masuk' }).waitFor();
  });

  test('an admin signs in with a password and manages markets', async () => {
    const page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(server.url('jember', '/admin'));
    await page.waitForURL(/\/masuk\/staf/);
    await page.getByLabel('Nomor HP').fill('0811-0000-0001');
    await page.getByLabel('Kata sandi').fill('salah-sekali');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByText('Nomor HP atau kata sandi salah.').waitFor();

    await page.getByLabel('Kata sandi').fill('lokapasar-demo');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/admin/);
    await page.getByText('Pasar Tanjung').first().waitFor();

    await page.getByLabel('Nama').fill('Pasar Mangli');
    await page.getByLabel(/Kode wilayah/).fill('35.09.21');
    await page.getByRole('button', { name: 'Simpan pasar' }).click();
    await page.getByText('Pasar Mangli disimpan.').waitFor();
    await assertNoHorizontalScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'admin-markets-360.png'), fullPage: true });

    // The new market is on the public home page of Jember, not of Purbalingga.
    const publicPage = await (await browser.newContext(PHONE)).newPage();
    await publicPage.goto(server.url('jember'));
    await publicPage.getByText('Pasar Mangli').waitFor();
    await publicPage.goto(server.url('purbalingga'));
    await publicPage.getByText('Pasar Segamas').waitFor();
    assert.equal(await publicPage.getByText('Pasar Mangli').count(), 0);
  });

  test('English is one tap away', async () => {
    const page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(server.url('purbalingga', '/masuk'));
    // The sign-in form first, in Indonesian: switching while its chunk still loads would race it.
    await page.getByLabel('Nomor HP').waitFor();
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('button', { name: 'EN', pressed: true }).waitFor();
    await page.getByLabel('Phone number').fill('12');
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByText('Not a valid mobile number. Example: 0812-3456-7890.').waitFor();
  });
});
