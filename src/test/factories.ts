import type { Db } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { TenantRef } from '../http/context.ts';
import type { Role } from '../modules/identity/roles.ts';
import { ensureUser, grantRole } from '../modules/identity/users.ts';
import { createTenant } from '../modules/tenancy/create-tenant.ts';
import { hashPassword } from '../shared/crypto.ts';
import { newId } from '../shared/ids.ts';

export const STAFF_PASSWORD = 'rahasia-petugas-123';

let counter = 0;
/** A valid, unique Indonesian mobile number per call: +62812 then 8 digits. */
export function uniquePhone(): string {
  counter += 1;
  return `+62812${String(process.pid % 10000).padStart(4, '0')}${String(counter).padStart(4, '0')}`;
}

export async function makeTenant(db: Db, overrides: { slug?: string; name?: string; domains?: string[] } = {}): Promise<TenantRef> {
  const slug = overrides.slug ?? `kab-${newId('t').slice(2, 10)}`;
  const { tenant } = await createTenant(db, {
    slug,
    name: overrides.name ?? `Kabupaten ${slug}`,
    areaCode: '33.03',
    timeZone: 'Asia/Jakarta',
    domains: overrides.domains,
    actorLabel: 'test',
  });
  return { id: tenant.id, slug: tenant.slug, name: tenant.name, areaCode: tenant.area_code, timeZone: tenant.time_zone };
}

export async function makeStaff(db: Db, tenantId: string, role: Role, options: { phone?: string; password?: string } = {}) {
  const phone = options.phone ?? uniquePhone();
  const user = await ensureUser(db, phone, `Petugas ${role}`);
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(options.password ?? STAFF_PASSWORD) })
    .where('id', '=', user.id)
    .execute();
  await grantRole(db, tenantId, user.id, role);
  return { ...user, phone, password: options.password ?? STAFF_PASSWORD };
}

export async function makeMarket(db: Db, tenantId: string, name = `Pasar ${newId('m').slice(2, 8)}`) {
  const id = newId('mkt');
  await db
    .insertInto('markets')
    .values({ tenant_id: tenantId, id, name, kind: 'traditional_market', area_code: '33.03.05', hours: 'Setiap hari' })
    .execute();
  return { id, name };
}

/** How many rows each table holds for a tenant: "nothing half-written" means these do not move. */
export async function rowCounts<T extends keyof DB>(db: Db, tenantId: string, tables: readonly T[]): Promise<Record<T, number>> {
  const counts = {} as Record<T, number>;
  for (const table of tables) {
    const row = await db
      .selectFrom(table as 'tenants')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id' as 'id', '=', tenantId)
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
