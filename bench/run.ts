// `npm run bench [-- --scale smoke|small|regency|national] [--smoke] [--engine postgres|pglite|both] [--only checkout] [--load-only]`
// Measures Lokapasar beside the machine's own ceiling and prints a table with the targets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { type Database, fromPGlite, openPGlite, openPostgres, PGLITE_OPTIONS } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { type Bulk, pgliteBulk, postgresBulk } from './bulk.ts';
import { type CheckoutRun, checkStock, prepareCheckout, runCheckout } from './checkout.ts';
import { prepareDashboard } from './dashboard.ts';
import { measureDispatch } from './dispatch.ts';
import { assetSizes, homeJsGzip, measurePages } from './frontend.ts';
import { generate, SCALES } from './generate.ts';
import { type LoadResult, round, runLoad } from './load.ts';
import { printReport, type Row } from './report.ts';
import { ROOT, startApp, startCeiling, startPostgres } from './servers.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    smoke: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'both' },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '50' },
    // Only the load scenarios whose name contains this (the front end is skipped too).
    only: { type: 'string' },
    // Generate and load the data, report how long it took, and measure nothing else.
    'load-only': { type: 'boolean', default: false },
  },
});
const loadOnly = values['load-only'];
const scale = SCALES[values.smoke ? 'smoke' : (values.scale ?? 'small')];
if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
const seconds = Number(values.seconds ?? (values.smoke ? 2 : 10));
const connections = Number(values.connections);
const engines = values.engine === 'both' ? ['postgres', 'pglite'] : [values.engine as string];
const selected = (scenario: string) => !loadOnly && (!values.only || scenario.includes(values.only));
const CEILING = 'bare Node ceiling (2 KB JSON)';
const CHECKOUT = 'checkout (concurrent buyers, no oversell; latency of POST /api/checkout)';
const DISPATCH = 'courier dispatch decision (choose + offer, one transaction)';
const DASHBOARD = 'dashboard';
/** Concurrent staff sessions in the dashboard scenarios. */
const STAFF_CONNECTIONS = 10;

const rows: Row[] = [];
const log = (message: string) => console.error(`[bench] ${message}`);

log(`scale ${scale.name}, ${seconds}s per scenario, ${connections} connections`);
let ceilingResult: LoadResult | undefined;
if (selected(CEILING)) {
  const ceiling = await startCeiling();
  ceilingResult = await runLoad({ url: ceiling.url, paths: ['/'], connections, seconds, serverPid: ceiling.pid });
  await ceiling.stop();
  rows.push({ scenario: CEILING, engine: '-', result: ceilingResult });
}

for (const engine of engines) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `lokapasar-bench-${engine}-`));
  let postgres: Awaited<ReturnType<typeof startPostgres>> | null = null;
  // A failed run must not leave a PostgreSQL cluster or gigabytes of data behind.
  try {
    let env: Record<string, string>;
    if (engine === 'postgres') {
      if (!process.env.DATABASE_URL) postgres = await startPostgres();
      env = { DATABASE_URL: process.env.DATABASE_URL || (postgres?.url as string) };
    } else {
      env = { DATA_DIR: path.join(work, 'data'), DATABASE_URL: '' };
    }
    log(`${engine}: migrating and generating data`);
    const loadStarted = performance.now();
    const openDatabase = async () =>
      engine === 'postgres' ? openPostgres(env.DATABASE_URL as string) : openPGlite({ dataDir: env.DATA_DIR });
    const { database, bulk } = await openForLoading(engine, env);
    await migrate(database);
    const data = await generate(database, bulk, scale, { log: (message) => log(`${engine}: ${message}`) });
    await bulk.close();
    const loadSeconds = round((performance.now() - loadStarted) / 1000, 1);
    // On PostgreSQL a chunk's tables load side by side, so their times overlap.
    for (const [table, s] of bulk.stats) {
      log(`${engine}: COPY ${table}: ${s.rows} rows in ${s.seconds.toFixed(1)}s (${Math.round(s.rows / s.seconds)} rows/s)`);
    }
    log(`${engine}: ${JSON.stringify(data.counts)} in ${loadSeconds}s`);
    rows.push({ scenario: 'data load (migrate, generate, COPY, ANALYZE)', engine, note: loadNote(data.counts, loadSeconds) });
    const host = data.hosts[0] as string;
    const dashboard = selected(DASHBOARD) ? await prepareDashboard(database, host) : null;
    const checkoutPlan = selected(CHECKOUT) ? await prepareCheckout(database, host, { buyers: connections, seconds }) : null;
    if (selected(DISPATCH)) {
      log(`${engine}: courier dispatch`);
      const dispatch = await measureDispatch(database, values.smoke ? 50 : 500, values.smoke ? 20 : 200);
      rows.push({ scenario: DISPATCH, engine, dispatch, target: 'p99 < 50 ms' });
    }
    await database.close();
    if (loadOnly) continue;

    // The first start opens a fresh data dir; the second is the cold start the target is about.
    await (await startApp({ ...env, FILES_DIR: path.join(work, 'files') })).stop();
    const app = await startApp({ ...env, FILES_DIR: path.join(work, 'files'), DEFAULT_TENANT: 'bench-1' });
    rows.push({ scenario: 'cold start to healthy', engine, startMs: app.startMs, target: engine === 'pglite' ? '< 3000 ms' : undefined });

    const scenario = async (
      name: string,
      paths: string[],
      target?: string,
      options: { ratio?: boolean; headers?: Record<string, string>; connections?: number } = {},
    ) => {
      if (!selected(name)) return;
      const headers = options.headers ?? {};
      const probe = await fetch(`${app.url}${paths[0]}`, { headers: { ...headers, host } });
      if (!probe.ok) {
        rows.push({ scenario: name, engine, target, note: `not available yet (${probe.status})` });
        return;
      }
      log(`${engine}: ${name}`);
      const result = await runLoad({
        url: app.url,
        paths,
        host,
        headers,
        connections: options.connections ?? connections,
        seconds,
        serverPid: app.pid,
      });
      rows.push({
        scenario: name,
        engine,
        result,
        target,
        ceilingRatio: options.ratio && ceilingResult ? round(result.throughput / ceilingResult.throughput) : undefined,
      });
    };
    await scenario('regency home (programs, markets)', ['/api/tenant']);
    await scenario(
      'storefront product list',
      ['/api/catalog/products?limit=20', '/api/catalog/products?limit=20&category=sayur', '/api/catalog/products?limit=20&inStock=true'],
      'p99 < 50 ms, >= 40% of ceiling',
      { ratio: true },
    );
    await scenario(
      'storefront search',
      data.searchTerms.map((q) => `/api/catalog/products?limit=20&q=${encodeURIComponent(q)}`),
      'p99 < 50 ms, >= 40% of ceiling',
      { ratio: true },
    );
    if (data.productIds.length) {
      await scenario(
        'product page',
        data.productIds.slice(0, 200).map((id) => `/api/catalog/products/${id}`),
        'p99 < 50 ms',
      );
    }
    if (dashboard) {
      // A regency's staff with the console open are a handful of people, not 50 buyers at once.
      const staff = { headers: dashboard.headers, connections: Math.min(connections, STAFF_CONNECTIONS) };
      const who = `${staff.connections} staff sessions`;
      await scenario(`${DASHBOARD}: sales report (this month, 3 months, 12 months; ${who})`, dashboard.salesReport, 'p95 < 200 ms', staff);
      await scenario(`${DASHBOARD}: CS order list (open, done, all, unpaid; ${who})`, dashboard.orderList, 'p95 < 200 ms', staff);
      if (dashboard.orderSearch.length) {
        await scenario(`${DASHBOARD}: CS order search by number (${who})`, dashboard.orderSearch, 'p95 < 200 ms', staff);
      }
    }
    let checkoutRun: CheckoutRun | null = null;
    if (checkoutPlan) {
      log(`${engine}: checkout`);
      checkoutRun = await runCheckout({ url: app.url, plan: checkoutPlan, seconds, serverPid: app.pid });
    }
    await app.stop();
    // Stock is checked once the app has stopped: PGlite's data dir is one process's at a time.
    if (checkoutPlan && checkoutRun) {
      const checked = await openDatabase();
      const checkout = await checkStock(checked, checkoutPlan, checkoutRun);
      await checked.close();
      rows.push({ scenario: CHECKOUT, engine, result: checkoutRun.result, checkout, target: '>= 300 orders/s, 0 oversold' });
    }
  } finally {
    await postgres?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// --only measures the load scenarios alone, --load-only nothing but the data load.
const { sizes, pages } = values.only || loadOnly ? { sizes: [], pages: [] } : await measureFrontEnd();

const resultsDir = path.join(ROOT, 'bench', 'results');
fs.mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${scale.name}.json`);
fs.writeFileSync(
  file,
  JSON.stringify(
    {
      scale,
      seconds,
      connections,
      machine: { cpus: os.cpus().length, memGb: round(os.totalmem() / 2 ** 30, 1), node: process.version },
      rows,
      sizes,
      pages,
    },
    null,
    2,
  ),
);
printReport(rows, sizes);
console.log(`\nresults: ${path.relative(ROOT, file)}`);

// A checkout run that oversold, or placed no order at all, fails the bench (and CI's smoke run).
for (const row of rows) {
  if (row.checkout && (row.checkout.oversold > 0 || row.checkout.orders === 0)) {
    console.error(`[bench] ${row.engine} checkout: ${row.checkout.oversold} variants oversold, ${row.checkout.orders} orders`);
    process.exitCode = 1;
  }
}

/** The database handle, and a COPY loader on the same database (PGlite: the same instance, it is one process's). */
async function openForLoading(engine: string, env: Record<string, string>): Promise<{ database: Database; bulk: Bulk }> {
  if (engine === 'postgres') {
    return { database: openPostgres(env.DATABASE_URL as string), bulk: await postgresBulk(env.DATABASE_URL as string) };
  }
  fs.mkdirSync(env.DATA_DIR as string, { recursive: true });
  const pglite = await PGlite.create({ ...PGLITE_OPTIONS, dataDir: env.DATA_DIR });
  return { database: fromPGlite(pglite), bulk: pgliteBulk(pglite) };
}

function loadNote(counts: Record<string, number>, seconds: number): string {
  const rowCount = Object.values(counts).reduce((a, b) => a + b, 0);
  const shown = ['products', 'customers', 'orders', 'order_lines', 'fulfilments', 'payments'].map((t) => `${counts[t] ?? 0} ${t}`);
  return `${shown.join(', ')} (${rowCount} rows) in ${seconds} s`;
}

/** Front end: what a phone downloads, and how fast the storefront paints on slow 4G with a 4x slower CPU. */
async function measureFrontEnd() {
  const sizes = assetSizes();
  const homeJs = homeJsGzip(sizes);
  rows.push({ scenario: 'storefront home JS (gzip)', engine: '-', note: `${round(homeJs / 1024, 1)} KB`, target: '< 150 KB' });
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
    rows.push({ scenario: 'page load in Chromium', engine: '-', note: 'skipped: no Chromium (apt-get install chromium)' });
    return { sizes, pages: [] };
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lokapasar-bench-web-'));
  const app = await startApp({ DATA_DIR: work, DATABASE_URL: '', DEMO: 'true', SEED_DEMO: 'true', NODE_ENV: 'development' });
  const port = new URL(app.url).port;
  const origin = `http://purbalingga.localhost:${port}`;
  const listed = (await (
    await fetch(`${app.url}/api/catalog/products?limit=1`, { headers: { host: 'purbalingga.localhost' } })
  ).json()) as {
    products: { id: string }[];
  };
  const pages = await measurePages([
    { page: 'storefront home', url: `${origin}/` },
    ...listed.products.map((p) => ({ page: 'product page', url: `${origin}/produk/${p.id}` })),
  ]);
  await app.stop();
  fs.rmSync(work, { recursive: true, force: true });
  for (const page of pages) {
    rows.push({
      scenario: `${page.page} on slow 4G, CPU 4x`,
      engine: 'pglite',
      note: `${page.transferredKb} KB, FCP ${page.fcpMs} ms, LCP ${page.lcpMs} ms`,
      target: 'LCP < 2500 ms',
    });
  }
  return { sizes, pages };
}

export type { LoadResult };
