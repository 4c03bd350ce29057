import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../http/context.ts';
import { randomToken, sha256 } from '../../shared/crypto.ts';
import type { Role } from './roles.ts';

export const SESSION_COOKIE = 'lp_session';
export const CSRF_COOKIE = 'lp_csrf';

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Starts a session; the token goes to the cookie, only its hash to the database. */
export async function createSession(db: Executor, options: { tenantId: string; userId: string; ttlHours: number }): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken(18);
  const expiresAt = new Date(Date.now() + options.ttlHours * 3600_000);
  await db
    .insertInto('sessions')
    .values({ id: sha256(token), tenant_id: options.tenantId, user_id: options.userId, csrf_token: csrfToken, expires_at: expiresAt })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface SessionLookup {
  actor: Actor;
  csrfToken: string;
}

/** The signed-in user for a session cookie in this tenant, or null if absent, expired or another tenant's. */
export async function findSession(db: Executor, tenantId: string, token: string): Promise<SessionLookup | null> {
  // One round trip per request: the session, its user and their roles in this tenant.
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select((eb) => [
      'sessions.id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.name',
      'users.phone',
      'users.is_platform_admin',
      eb
        .selectFrom('memberships')
        .select(sql<Role[]>`coalesce(array_agg(memberships.role ORDER BY memberships.role), '{}')`.as('roles'))
        .whereRef('memberships.user_id', '=', 'users.id')
        .where('memberships.tenant_id', '=', tenantId)
        .as('roles'),
    ])
    .where('sessions.id', '=', sha256(token))
    .where('sessions.tenant_id', '=', tenantId)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (!row) return null;
  // Touch at most once a minute: reads stay reads.
  if (Date.now() - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', row.id).execute();
  }
  const roles = [...(row.roles ?? [])];
  if (row.is_platform_admin && !roles.includes('platform_admin')) roles.push('platform_admin');
  return {
    actor: { userId: row.user_id, name: row.name, phone: row.phone, roles, sessionId: row.id },
    csrfToken: row.csrf_token,
  };
}

export async function endSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
