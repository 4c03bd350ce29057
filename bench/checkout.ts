// The checkout scenario: signed-in buyers put 1–3 lines in their cart and check out, all at
// once, while a few hot variants run out; afterwards every variant's stock must add up.

import http from 'node:http';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { createSession } from '../src/modules/identity/sessions.ts';
import { areaChildren } from '../src/shared/areas.ts';
import { type LoadResult, percentile, round } from './load.ts';
import { cpuSeconds, peakRssMb } from './proc.ts';
import { seededRandom } from './random.ts';

const POOL_SIZE = 200;
const HOT_VARIANTS = 10;
/** Share of cart lines that go for a hot variant: about a third of checkouts compete for scarce stock. */
const HOT_SHARE = 0.2;
/** Plentiful variants never run out during a run. */
const PLENTIFUL_MILLI = 100_000_000;
const UNIT_MILLI = 1000;

interface Buyer {
  token: string;
  csrfToken: string;
}

interface PoolVariant {
  variantId: string;
  sellerId: string;
  hot: boolean;
  initialMilli: number;
}

export interface CheckoutPlan {
  host: string;
  tenantId: string;
  /** A real village of the tenant's regency: checkout refuses addresses outside it. */
  address: { address: string; areaCode: string };
  buyers: Buyer[];
  /** The run's buyers: their orders are the run's, among a year of generated ones. */
  buyerIds: string[];
  pool: PoolVariant[];
}

/** The scenario's own figures; `result` holds the usual load figures, its latencies those of POST /api/checkout. */
export interface CheckoutFigures {
  /** The run's orders in the database afterwards: a checkout that timed out at the client may still have committed. */
  orders: number;
  ordersPerSecond: number;
  /** Checkouts sent. */
  checkouts: number;
  /** Checkouts answered 201. */
  placed: number;
  /** Checkouts answered 409 stock_unavailable: expected, not errors. */
  soldOut: number;
  /** Checkouts with no answer within the client's timeout (counted as errors too). */
  timedOut: number;
  /** Variants whose stock does not add up: initial ≠ left + ordered, or below zero. */
  oversold: number;
  variantsChecked: number;
}

/**
 * Written straight to the database before the app starts (PGlite allows one process): one
 * signed-in buyer per connection, so carts never collide, and a pool of counted variants of
 * the first tenant. Hot variant i holds (i + 1) × seconds units, so they sell out one by one
 * through the run instead of all at once.
 */
export async function prepareCheckout(
  database: Database,
  host: string,
  options: { buyers: number; seconds: number },
): Promise<CheckoutPlan> {
  const { db } = database;
  const tenant = await db
    .selectFrom('tenants')
    .select(['id', 'area_code'])
    .where('slug', '=', host.split('.')[0] as string)
    .executeTakeFirstOrThrow();
  const district = areaChildren(tenant.area_code)[0]?.code ?? '';
  const village = areaChildren(district)[0]?.code;
  if (!village) throw new Error(`no village known in ${tenant.area_code}`);
  const variants = await db
    .selectFrom('variants as v')
    .innerJoin('products as p', (join) => join.onRef('p.tenant_id', '=', 'v.tenant_id').onRef('p.id', '=', 'v.product_id'))
    .select(['v.id as variantId', 'p.seller_id as sellerId'])
    .where('v.tenant_id', '=', tenant.id)
    .where('v.stock_mode', '=', 'counted')
    .orderBy('v.id')
    .limit(POOL_SIZE)
    .execute();
  if (variants.length < HOT_VARIANTS * 2) throw new Error(`checkout needs ${HOT_VARIANTS * 2} counted variants, found ${variants.length}`);
  const pool = variants.map((v, i) => ({
    ...v,
    hot: i < HOT_VARIANTS,
    initialMilli: i < HOT_VARIANTS ? (i + 1) * options.seconds * UNIT_MILLI : PLENTIFUL_MILLI,
  }));
  for (const v of pool.filter((p) => p.hot)) {
    await db
      .updateTable('variants')
      .set({ stock_milli: v.initialMilli })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', v.variantId)
      .execute();
  }
  await db
    .updateTable('variants')
    .set({ stock_milli: PLENTIFUL_MILLI })
    .where('tenant_id', '=', tenant.id)
    .where(
      'id',
      'in',
      pool.filter((p) => !p.hot).map((p) => p.variantId),
    )
    .execute();

  const users = Array.from({ length: options.buyers }, (_, i) => ({
    id: `usr_bench${String(i).padStart(11, '0')}`,
    phone: `+628190${String(i).padStart(7, '0')}`,
    name: `Pembeli ${i + 1}`,
  }));
  await db.insertInto('users').values(users).execute();
  await db
    .insertInto('memberships')
    .values(users.map((u) => ({ tenant_id: tenant.id, user_id: u.id, role: 'buyer' })))
    .execute();
  const buyers: Buyer[] = [];
  for (const user of users) buyers.push(await createSession(db, { tenantId: tenant.id, userId: user.id, ttlHours: 24 }));
  return {
    host,
    tenantId: tenant.id,
    address: { address: 'Jl. Jend. Sudirman 5', areaCode: village },
    buyers,
    buyerIds: users.map((u) => u.id),
    pool,
  };
}

interface Tally {
  requests: number;
  orders: number;
  checkouts: number;
  soldOut: number;
  /** Requests that failed, timeouts included. */
  errors: number;
  /** Checkouts the client gave up on: the server may still commit them. */
  checkoutTimeouts: number;
  non2xx: number;
  latencies: number[];
}

/** One JSON request on a kept-alive connection (fetch would drop the Host header that picks the tenant). */
function request(agent: http.Agent, url: URL, method: string, path: string, headers: Record<string, string>, body: unknown) {
  const payload = JSON.stringify(body);
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method,
        path,
        timeout: 10_000,
        headers: { ...headers, 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** One buyer's loop until the deadline: put 1–3 lines, check out; a refused checkout keeps the cart, so empty it. */
async function buyerLoop(agent: http.Agent, url: URL, plan: CheckoutPlan, buyer: Buyer, seed: number, deadline: number, tally: Tally) {
  const random = seededRandom(seed);
  const hot = plan.pool.filter((p) => p.hot);
  const plentiful = plan.pool.filter((p) => !p.hot);
  const headers = {
    host: plan.host,
    cookie: `lp_session=${buyer.token}`,
    'x-csrf-token': buyer.csrfToken,
    'content-type': 'application/json',
  };
  const send = async (method: string, path: string, body: unknown) => {
    tally.requests++;
    try {
      return await request(agent, url, method, path, headers, body);
    } catch (error) {
      tally.errors++;
      if (path === '/api/checkout' && (error as Error).message === 'timed out') tally.checkoutTimeouts++;
      return null;
    }
  };
  const putLines = async (lines: PoolVariant[], quantityMilli: number) => {
    for (const line of lines) {
      const reply = await send('PUT', '/api/cart/lines', { variantId: line.variantId, quantityMilli });
      if (reply && reply.status !== 200) tally.non2xx++;
    }
  };

  while (performance.now() < deadline) {
    const picked = new Map<string, PoolVariant>();
    for (let n = random.int(1, 3); n > 0; n--) {
      const variant = random.pick(random.next() < HOT_SHARE ? hot : plentiful);
      picked.set(variant.variantId, variant);
    }
    const lines = [...picked.values()];
    await putLines(lines, UNIT_MILLI);
    const fulfilment = Object.fromEntries(lines.map((line) => [line.sellerId, 'pickup']));
    const started = performance.now();
    tally.checkouts++;
    const reply = await send('POST', '/api/checkout', { ...plan.address, fulfilment });
    if (!reply) {
      // No answer: the order may or may not have been placed; either way the next cart starts empty.
      await putLines(lines, 0);
      continue;
    }
    tally.latencies.push(performance.now() - started);
    if (reply.status === 201) {
      tally.orders++;
      continue;
    }
    if (reply.status === 409 && reply.text.includes('"stock_unavailable"')) tally.soldOut++;
    else tally.non2xx++;
    await putLines(lines, 0);
  }
}

export interface CheckoutRun {
  result: LoadResult;
  elapsed: number;
  checkouts: number;
  placed: number;
  soldOut: number;
  timedOut: number;
}

/** Drives the buyers from this process at the app in another, on 127.0.0.1, for a bounded time. */
export async function runCheckout(options: { url: string; plan: CheckoutPlan; seconds: number; serverPid: number }): Promise<CheckoutRun> {
  const tally: Tally = { requests: 0, orders: 0, checkouts: 0, soldOut: 0, errors: 0, checkoutTimeouts: 0, non2xx: 0, latencies: [] };
  const cpuBefore = cpuSeconds(options.serverPid);
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const agent = new http.Agent({ keepAlive: true });
  const url = new URL(options.url);
  await Promise.all(options.plan.buyers.map((buyer, i) => buyerLoop(agent, url, options.plan, buyer, 2026 + i, deadline, tally)));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const latencies = tally.latencies.sort((a, b) => a - b);
  const result: LoadResult = {
    requests: tally.requests,
    throughput: Math.round(tally.requests / elapsed),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    errors: tally.errors,
    non2xx: tally.non2xx,
    serverCpuCores: round((cpuSeconds(options.serverPid) - cpuBefore) / elapsed),
    serverPeakRssMb: peakRssMb(options.serverPid),
  };
  return {
    result,
    elapsed,
    checkouts: tally.checkouts,
    placed: tally.orders,
    soldOut: tally.soldOut,
    timedOut: tally.checkoutTimeouts,
  };
}

/**
 * After the run, from the database: the run's orders (those of its buyers: the generated year of
 * orders is not counted), and variants whose stock does not add up against the run's orders.
 */
export async function checkStock(database: Database, plan: CheckoutPlan, run: CheckoutRun): Promise<CheckoutFigures> {
  const { db } = database;
  const orders = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', plan.tenantId)
    .where('buyer_user_id', 'in', plan.buyerIds)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('variants as v')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('order_lines as l')
          .innerJoin('orders as o', (join) => join.onRef('o.tenant_id', '=', 'l.tenant_id').onRef('o.id', '=', 'l.order_id'))
          .select(['l.variant_id', sql<string>`sum(l.quantity_milli)`.as('ordered')])
          .where('l.tenant_id', '=', plan.tenantId)
          .where('o.buyer_user_id', 'in', plan.buyerIds)
          .where('o.status', 'not in', ['cancelled', 'expired'])
          .groupBy('l.variant_id')
          .as('sold'),
      (join) => join.onRef('sold.variant_id', '=', 'v.id'),
    )
    .select(['v.id', 'v.stock_milli', 'sold.ordered'])
    .where('v.tenant_id', '=', plan.tenantId)
    .where(
      'v.id',
      'in',
      plan.pool.map((p) => p.variantId),
    )
    .execute();
  const left = new Map(rows.map((r) => [r.id, { stock: r.stock_milli, ordered: Number(r.ordered ?? 0) }]));
  const oversold = plan.pool.filter((p) => {
    const row = left.get(p.variantId);
    return !row || row.stock < 0 || row.stock + row.ordered !== p.initialMilli;
  }).length;
  return {
    orders: Number(orders.n),
    ordersPerSecond: Math.round(Number(orders.n) / run.elapsed),
    checkouts: run.checkouts,
    placed: run.placed,
    soldOut: run.soldOut,
    timedOut: run.timedOut,
    oversold,
    variantsChecked: plan.pool.length,
  };
}
