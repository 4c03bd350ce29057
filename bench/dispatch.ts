// Courier dispatch decision: with many couriers online and many jobs open, how long does
// choosing and offering the next courier take (read candidates and their loads, choose, write
// the offer and its event, queue the message), in one transaction per job. Measured in this
// process against the bench database, before the app starts (PGlite is one process's at a time).
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import type { Ctx } from '../src/http/context.ts';
import { offerNext } from '../src/modules/delivery/dispatch.ts';
import { lockJob } from '../src/modules/delivery/job-states.ts';
import { percentile, round } from './load.ts';
import { seededRandom } from './random.ts';

export interface DispatchFigures {
  couriers: number;
  jobs: number;
  offered: number;
  p50: number;
  p95: number;
  p99: number;
}

const pad = (n: number, width = 11) => String(n).padStart(width, '0');

/** Couriers on duty around the first market of the first tenant, and waiting jobs from it. */
async function prepare(database: Database, couriers: number, jobs: number) {
  const db = database.db;
  const random = seededRandom(7);
  const tenant = await db
    .selectFrom('tenants')
    .select(['id', 'slug', 'name', 'area_code', 'time_zone'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const program = await db.selectFrom('programs').select('id').where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
  const market = { lat: -7.3886, lng: 109.3634 };
  // Within about 5 km of the market; a few never shared their position.
  const near = () => ({ lat: market.lat + (random.next() - 0.5) * 0.09, lng: market.lng + (random.next() - 0.5) * 0.09 });
  const users = Array.from({ length: couriers + 1 }, (_, i) => ({
    id: `usr_kurir${pad(i)}`,
    phone: `+628191${pad(i, 7)}`,
    name: `Kurir ${i + 1}`,
  }));
  await db.insertInto('users').values(users).execute();
  const buyer = users[couriers] as (typeof users)[number];
  const rows = users.slice(0, couriers).map((u, i) => {
    const point = i % 25 === 0 ? null : near();
    return {
      tenant_id: tenant.id,
      id: `cur_bench${pad(i)}`,
      program_id: program.id,
      user_id: u.id,
      name: u.name,
      vehicle_plate: `R ${1000 + i} AB`,
      id_checked_by: 'bench',
      id_checked_at: new Date(),
      available: true,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      located_at: point ? new Date() : null,
      last_job_at: random.next() < 0.3 ? null : new Date(Date.now() - random.int(1, 600) * 60_000),
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('couriers')
      .values(rows.slice(i, i + 500))
      .execute();
  const orders = Array.from({ length: jobs }, (_, i) => ({
    tenant_id: tenant.id,
    id: `ord_bench${pad(i)}`,
    number: `BEN-26-${pad(i, 6)}`,
    buyer_user_id: buyer.id,
    program_id: program.id,
    status: 'confirmed' as const,
    goods_total: 50_000,
    delivery_fee: 10_000,
    total: 60_000,
    address: 'Jl. Bench',
    area_code: `${tenant.area_code}.01.2001`,
    reserved_until: new Date(),
  }));
  await db.insertInto('orders').values(orders).execute();
  await db
    .insertInto('delivery_jobs')
    .values(
      orders.map((o, i) => {
        const pickup = near();
        return {
          tenant_id: tenant.id,
          id: `job_bench${pad(i)}`,
          order_id: o.id,
          program_id: program.id,
          kind: 'market_trip' as const,
          market_id: null,
          pickup_lat: pickup.lat,
          pickup_lng: pickup.lng,
          status: 'waiting' as const,
          fee: 10_000,
          proof_code: '1234',
        };
      }),
    )
    .execute();
  await sql`ANALYZE couriers, delivery_jobs, job_offers`.execute(db);
  const ctx: Ctx = {
    db,
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, areaCode: tenant.area_code, timeZone: tenant.time_zone },
    actor: null,
    lang: 'id',
  };
  // The generated couriers on duty are candidates too.
  const onDuty = await db
    .selectFrom('couriers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenant.id)
    .where('available', '=', true)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return { ctx, jobIds: orders.map((_, i) => `job_bench${pad(i)}`), onDuty: Number(onDuty.n) };
}

/** Offers every open job once, timing each decision (transaction included). */
export async function measureDispatch(database: Database, couriers: number, jobs: number): Promise<DispatchFigures> {
  const { ctx, jobIds, onDuty } = await prepare(database, couriers, jobs);
  const times: number[] = [];
  let offered = 0;
  for (const jobId of jobIds) {
    const started = performance.now();
    const courier = await database.db.transaction().execute(async (trx) => {
      const tx = { ...ctx, db: trx };
      return offerNext(tx, await lockJob(tx, jobId));
    });
    times.push(performance.now() - started);
    if (courier) offered += 1;
  }
  times.sort((a, b) => a - b);
  return {
    couriers: onDuty,
    jobs,
    offered,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
  };
}
