// The dashboard scenarios: what program staff load over a year of orders. A program admin is
// signed in straight in the database before the app starts (PGlite allows one process); GETs
// need only the session cookie (CSRF is checked on writes alone).
import type { Database } from '../src/db/database.ts';
import { createSession, SESSION_COOKIE } from '../src/modules/identity/sessions.ts';

export interface DashboardPlan {
  headers: Record<string, string>;
  /** The sales report over this month, the last 3 months and the last 12 months. */
  salesReport: string[];
  /** The CS order list staff keep open: open orders, done ones, all newest first. */
  orderList: string[];
  /** Looking an order up by (part of) the number a buyer reads over the phone. */
  orderSearch: string[];
}

/** 'YYYY-MM' of the month `offset` months from the one `now` is in, in regency time (WIB, UTC + 7 h). */
function month(now: Date, offset: number): string {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  const shifted = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + offset, 1));
  return shifted.toISOString().slice(0, 7);
}

export async function prepareDashboard(database: Database, host: string, now = new Date()): Promise<DashboardPlan> {
  const { db } = database;
  const tenant = await db
    .selectFrom('tenants')
    .select('id')
    .where('slug', '=', host.split('.')[0] as string)
    .executeTakeFirstOrThrow();
  const program = await db.selectFrom('programs').select('id').where('tenant_id', '=', tenant.id).orderBy('id').executeTakeFirstOrThrow();
  const userId = 'usr_benchadmin00000001';
  await db.insertInto('users').values({ id: userId, phone: '+6281920000001', name: 'Admin Program Bench' }).execute();
  await db.insertInto('memberships').values({ tenant_id: tenant.id, user_id: userId, role: 'program_admin' }).execute();
  const session = await createSession(db, { tenantId: tenant.id, userId, ttlHours: 24 });
  // Buyers call about recent orders and read out the number's last digits (PSR-26-012345).
  const numbers = await db
    .selectFrom('orders')
    .select('number')
    .where('tenant_id', '=', tenant.id)
    .orderBy('created_at', 'desc')
    .limit(5)
    .execute();
  const reports = `/api/admin/programs/${program.id}/reports/sales`;
  return {
    headers: { cookie: `${SESSION_COOKIE}=${session.token}` },
    salesReport: [0, -2, -11].map((from) => `${reports}?from=${month(now, from)}&to=${month(now, 0)}`),
    orderList: ['/api/cs/orders?tab=open', '/api/cs/orders?tab=done', '/api/cs/orders', '/api/cs/orders?status=awaiting_payment'],
    orderSearch: numbers.map((row) => `/api/cs/orders?number=${encodeURIComponent(row.number.slice(-6))}`),
  };
}
