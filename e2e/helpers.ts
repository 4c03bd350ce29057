import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.join(import.meta.dirname, '..', 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** In CI Chromium is installed by .ci/run, so its absence is a failure; on a laptop without it, a skip. */
export function chromiumMissing(): string | false {
  if (fs.existsSync(CHROMIUM)) return false;
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}`);
  return `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface RunningServer {
  port: number;
  url(tenant: string, pathname?: string): string;
  stop(): Promise<void>;
}

/** `npm start` as a user runs it: a fresh data dir, demo data, the built web app. */
export async function startServer(): Promise<RunningServer> {
  if (!fs.existsSync(path.join(import.meta.dirname, '..', 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build` (npm test does it in pretest)');
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lokapasar-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['src/server.ts'], {
    cwd: path.join(import.meta.dirname, '..'),
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO: 'true', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not healthy within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    url: (tenant, pathname = '/') => `http://${tenant}.localhost:${port}${pathname}`,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
      '--disable-component-update',
    ],
  });
}

/** A mid-range Android phone: 360 px wide, touch, Indonesian locale. */
export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'id-ID' };

/** A staff member (demo password) signing in on the staff page in a browser context of their own, landing on `next`. */
export async function signInStaff(
  browser: Browser,
  url: (path: string) => string,
  phone: string,
  next: string,
  context: BrowserContextOptions = PHONE,
): Promise<Page> {
  const page = await (await browser.newContext(context)).newPage();
  await page.goto(url(`/masuk/staf?next=${encodeURIComponent(next)}`));
  await page.getByLabel('Nomor HP').fill(phone);
  await page.getByLabel('Kata sandi').fill('lokapasar-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((u) => u.pathname === next);
  return page;
}

/** A full-page screenshot for people to look at; also checks nothing is wider than the phone. */
export async function screenshot(page: Page, name: string) {
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  assert.ok(width <= 360, `${name}: page is ${width}px wide at a 360px viewport`);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * A phone talking to the API: a cookie jar and the CSRF header. 127.0.0.1 is served as the
 * default tenant (Purbalingga), the regency the browser pages use.
 */
export function apiClient(base: string) {
  const cookies = new Map<string, string>();
  async function call<T>(method: string, pathname: string, body?: unknown): Promise<T> {
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
  }
  // The cookies let a browser page continue as the same person.
  return Object.assign(call, { cookies });
}

/** A staff member on the API of the default regency, signed in with the demo password. */
export async function staffClient(server: RunningServer, phone: string) {
  const client = apiClient(`http://127.0.0.1:${server.port}`);
  await client('POST', '/api/auth/password', { phone, password: 'lokapasar-demo' });
  return client;
}

/** A buyer on the API, signed in with the code the demo inbox shows for their phone (0813-…). */
export async function buyerClient(server: RunningServer, phone: string) {
  const client = apiClient(`http://127.0.0.1:${server.port}`);
  await client('POST', '/api/auth/code/request', { phone });
  const { messages } = await client<{ messages: { phone: string; body: string }[] }>('GET', '/api/dev/inbox');
  const e164 = `+62${phone.replace(/\D/g, '').slice(1)}`;
  const code = messages.find((m) => m.phone === e164 && /\d{6}/.test(m.body))?.body.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no sign-in code for ${phone} in the demo inbox`);
  await client('POST', '/api/auth/code/verify', { phone, code });
  return client;
}

/** Puts the first variant of the first product found by name in the cart; returns its seller's id. */
export async function addToCartByName(client: ReturnType<typeof apiClient>, query: string, quantityMilli: number): Promise<string> {
  const found = await client<{ products: { id: string; seller: { id: string } }[] }>(
    'GET',
    `/api/catalog/products?q=${encodeURIComponent(query)}`,
  );
  const product = found.products[0];
  if (!product) throw new Error(`no demo product ${query}`);
  const detail = await client<{ product: { variants: { id: string }[] } }>('GET', `/api/catalog/products/${product.id}`);
  await client('PUT', '/api/cart/lines', { variantId: detail.product.variants[0]?.id, quantityMilli });
  return product.seller.id;
}
