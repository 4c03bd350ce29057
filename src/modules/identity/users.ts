import type { Executor } from '../../db/database.ts';
import { fieldError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { normalizeMobile } from '../../shared/phone.ts';
import type { Role } from './roles.ts';

/** Normalises a phone from a request field, or answers 400 on that field. */
export function requireMobile(input: string, field = 'phone'): string {
  const phone = normalizeMobile(input);
  if (!phone) throw fieldError(field, 'invalid_phone');
  return phone;
}

export async function findUserByPhone(db: Executor, phone: string) {
  return db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirst();
}

/** The user with this phone, created on first contact. */
export async function ensureUser(db: Executor, phone: string, name = ''): Promise<{ id: string; name: string; phone: string }> {
  const existing = await findUserByPhone(db, phone);
  if (existing) return existing;
  return db
    .insertInto('users')
    .values({ id: newId('usr'), phone, name })
    .onConflict((oc) => oc.column('phone').doUpdateSet({ phone }))
    .returning(['id', 'name', 'phone'])
    .executeTakeFirstOrThrow();
}

export async function grantRole(db: Executor, tenantId: string, userId: string, role: Role): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ tenant_id: tenantId, user_id: userId, role })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function rolesIn(db: Executor, tenantId: string, userId: string): Promise<Role[]> {
  // One query: the user's memberships here, plus the platform-wide operator flag.
  const rows = await db
    .selectFrom('users')
    .leftJoin('memberships', (join) => join.onRef('memberships.user_id', '=', 'users.id').on('memberships.tenant_id', '=', tenantId))
    .select(['users.is_platform_admin', 'memberships.role'])
    .where('users.id', '=', userId)
    .orderBy('memberships.role')
    .execute();
  const roles = rows.flatMap((r) => (r.role ? [r.role] : []));
  if (rows[0]?.is_platform_admin && !roles.includes('platform_admin')) roles.push('platform_admin');
  return roles;
}
