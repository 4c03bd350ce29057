import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { hashPassword, verifyPassword } from '../../shared/crypto.ts';
import { type Role, STAFF_ROLES } from './roles.ts';
import { createSession, type NewSession } from './sessions.ts';
import { requireMobile, rolesIn } from './users.ts';

export const MAX_PASSWORD_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

// Verified against when the phone is unknown, so both cases take the same time.
const dummyHash = hashPassword('lokapasar-timing-equaliser');

const ZONE_NAMES: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** "14.35 WITA": the unlock time as the people of this regency read their clocks. */
function lockedUntilText(until: Date, timeZone: string): string {
  const time = until.toLocaleTimeString('id-ID', { timeZone, hour: '2-digit', minute: '2-digit' });
  return `${time} ${ZONE_NAMES[timeZone] ?? timeZone}`;
}

type Outcome =
  | { ok: true; user: { id: string; name: string; phone: string }; roles: Role[]; session: NewSession }
  | { ok: false; error: AppError };

/**
 * Staff sign-in. Five wrong passwords lock the account for 15 minutes; the failed count
 * is committed before the error is answered.
 */
export async function signInWithPassword(ctx: Ctx, input: { phone: string; password: string; sessionTtlHours: number }) {
  const phone = requireMobile(input.phone);
  const outcome = await inTransaction(ctx, async (tx): Promise<Outcome> => {
    const user = await tx.db.selectFrom('users').selectAll().where('phone', '=', phone).forUpdate().executeTakeFirst();
    if (!user?.password_hash) {
      await verifyPassword(input.password, await dummyHash);
      return { ok: false, error: new AppError('invalid_credentials') };
    }
    if (user.locked_until && user.locked_until.getTime() > Date.now()) {
      return {
        ok: false,
        error: new AppError('account_locked', { params: { until: lockedUntilText(user.locked_until, tx.tenant.timeZone) } }),
      };
    }
    if (!(await verifyPassword(input.password, user.password_hash))) {
      const attempts = user.failed_password_attempts + 1;
      const lock = attempts >= MAX_PASSWORD_ATTEMPTS ? new Date(Date.now() + LOCK_MINUTES * 60_000) : null;
      await tx.db
        .updateTable('users')
        .set({ failed_password_attempts: lock ? 0 : attempts, locked_until: lock })
        .where('id', '=', user.id)
        .execute();
      return {
        ok: false,
        error: lock
          ? new AppError('account_locked', { params: { until: lockedUntilText(lock, tx.tenant.timeZone) } })
          : new AppError('invalid_credentials'),
      };
    }
    const roles = await rolesIn(tx.db, tx.tenant.id, user.id);
    if (!roles.some((r) => STAFF_ROLES.includes(r))) {
      return { ok: false, error: new AppError('not_staff', { params: { tenant: tx.tenant.name } }) };
    }
    await tx.db.updateTable('users').set({ failed_password_attempts: 0, locked_until: null }).where('id', '=', user.id).execute();
    const session = await createSession(tx.db, { tenantId: tx.tenant.id, userId: user.id, ttlHours: input.sessionTtlHours });
    return { ok: true, user: { id: user.id, name: user.name, phone: user.phone }, roles, session };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome;
}
