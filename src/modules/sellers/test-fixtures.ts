// Factories for the sellers tests (not a test file itself).
import type { Db } from '../../db/database.ts';
import type { TenantRef } from '../../http/context.ts';
import { newId } from '../../shared/ids.ts';
import { client, type TestApp } from '../../test/app.ts';
import { makeStaff, uniquePhone } from '../../test/factories.ts';
import type { Role } from '../identity/roles.ts';
import { createSession } from '../identity/sessions.ts';
import { ensureUser, grantRole } from '../identity/users.ts';

/** A browser already signed in as `userId` (sign-in itself is tested by identity). */
export async function signedIn(t: TestApp, tenant: TenantRef, userId: string, lang = 'id') {
  const session = await createSession(t.database.db, { tenantId: tenant.id, userId, ttlHours: 1 });
  const browser = client(t.app, `${tenant.slug}.localhost`, lang);
  browser.jar.set('lp_session', session.token);
  browser.jar.set('lp_csrf', session.csrfToken);
  return browser;
}

export async function makeBuyer(t: TestApp, tenant: TenantRef, name = 'Yuni') {
  const user = await ensureUser(t.database.db, uniquePhone(), name);
  await grantRole(t.database.db, tenant.id, user.id, 'buyer');
  return { user, browser: await signedIn(t, tenant, user.id) };
}

export async function makeStaffBrowser(t: TestApp, tenant: TenantRef, role: Role = 'program_admin') {
  const user = await makeStaff(t.database.db, tenant.id, role);
  return { user, browser: await signedIn(t, tenant, user.id) };
}

export async function makeProgram(db: Db, tenantId: string, checklist?: string[]) {
  const id = newId('prg');
  await db
    .insertInto('programs')
    .values({
      tenant_id: tenantId,
      id,
      slug: `p-${id.slice(4, 12)}`,
      name: 'Tuka-Tuku',
      ...(checklist ? { curation_checklist: JSON.stringify(checklist) } : {}),
    })
    .execute();
  return id;
}

/** A media row as if uploaded (the upload itself is tested by the media module). */
export async function makePhoto(db: Db, tenantId: string) {
  const id = newId('med');
  await db
    .insertInto('media')
    .values({ tenant_id: tenantId, id, mime: 'image/webp', byte_size: 10, width: 1, height: 1, storage_key: 'x', thumb_key: 'x' })
    .execute();
  return id;
}

export const FULL_CHECKLIST = { quality: true, stock_availability: true, packaging_label: true, certificates: true };

export function umkmBody(programId: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'umkm',
    programId,
    businessName: 'Keripik Tempe Mbak Yuni',
    ownerName: 'Sri Wahyuni',
    nik: '3303 0541 0185 0001',
    npwp: '01.234.567.8-901.000',
    address: 'Jl. Mayjen Sungkono 12, Bojong',
    areaCode: '33.03.05.1001',
    categorySlug: 'makanan-olahan',
    payout: { method: 'bank', provider: 'BRI', account: '0123-01-000123-50-1', name: 'Sri Wahyuni' },
    ...overrides,
  };
}

export function traderBody(programId: string, marketId: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'trader',
    programId,
    businessName: 'Bumbu Bu Sri',
    ownerName: 'Sri Rahayu',
    marketId,
    stallType: 'kios',
    stallBlock: 'A',
    stallNumber: '12',
    commodities: 'bawang merah, bawang putih, cabai, kunyit',
    marketDays: 'Setiap hari',
    categorySlug: 'bumbu-dapur',
    ...overrides,
  };
}

/** Rows written so far in a tenant: "nothing half-written" means these do not move. */
export async function rowCounts(db: Db, tenantId: string) {
  const counts: Record<string, number> = {};
  for (const table of ['sellers', 'seller_events', 'audit_log', 'outbox', 'users'] as const) {
    const query = db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n'));
    const row = await (table === 'users' ? query : query.where('tenant_id', '=', tenantId)).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Messages queued or sent to a phone, oldest first (what the customer's WhatsApp shows). */
export async function queuedTexts(db: Db, tenantId: string, phone: string): Promise<string[]> {
  const rows = await db
    .selectFrom('messages')
    .select('body')
    .where('tenant_id', '=', tenantId)
    .where('direction', '=', 'out')
    .where('phone', '=', phone)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.body);
}
