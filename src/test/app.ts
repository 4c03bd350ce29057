import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { type App, buildApp } from '../http/app.ts';
import { type Engine, freshDatabase } from './databases.ts';

export interface TestApp {
  app: App;
  database: Database;
  close(): Promise<void>;
}

/** The real app on a fresh database, driven through app.inject(). */
export async function testApp(engine: Engine, env: Record<string, string> = {}): Promise<TestApp> {
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lokapasar-files-'));
  const config = loadConfig({ NODE_ENV: 'test', DEMO: 'true', DEFAULT_TENANT: '', WEB_DIR: '/nonexistent', FILES_DIR: filesDir, ...env });
  const database = await freshDatabase(engine);
  const app = await buildApp(config, database);
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

let nextDevice = 1;

/** A browser-like client for one host: keeps cookies and echoes the CSRF cookie on writes. */
export function client(app: App, host: string, lang = 'id') {
  const jar = new Map<string, string>();
  // Each client is its own device, so per-IP rate limits apply per client as in real life.
  const remoteAddress = `10.${nextDevice >> 16}.${(nextDevice >> 8) & 255}.${nextDevice++ & 255}`;
  async function request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { host, 'accept-language': lang, ...(options.headers as Record<string, string>) };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = jar.get('lp_csrf');
    if (csrf && options.method && options.method !== 'GET' && !('x-csrf-token' in headers)) headers['x-csrf-token'] = csrf;
    const response = await app.inject({ ...options, headers, remoteAddress });
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date }[]) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())) jar.delete(cookie.name);
      else jar.set(cookie.name, cookie.value);
    }
    return response;
  }
  return {
    jar,
    request,
    get: (url: string, headers: Record<string, string> = {}) => request({ method: 'GET', url, headers }),
    post: (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      request({ method: 'POST', url, payload: payload as InjectOptions['payload'], headers }),
    patch: (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'], headers }),
    put: (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      request({ method: 'PUT', url, payload: payload as InjectOptions['payload'], headers }),
  };
}

/** A multipart/form-data body with one file in field "file", as a browser's upload form sends it. */
export function multipartFile(bytes: Buffer, filename: string, contentType: string) {
  const boundary = `----lokapasar${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * The sign-in code as the buyer reads it on their phone: the newest demo-inbox message to that
 * number. Delivery is asynchronous (the route wakes the outbox worker too), so this waits for it.
 */
export async function signInCodeFor(app: App, browser: ReturnType<typeof client>, phone: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    await app.outbox.runOnce();
    const inbox = (await browser.get('/api/dev/inbox')).json() as { messages: { phone: string; body: string }[] };
    const code = inbox.messages.find((m) => m.phone === phone)?.body.match(/\b(\d{6})\b/)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no sign-in code reached ${phone}`);
}
