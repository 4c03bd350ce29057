import { sql } from 'kysely';
import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { randomDigits, safeEqual, sha256 } from '../../shared/crypto.ts';
import { newId } from '../../shared/ids.ts';
import { enqueueText } from '../messaging/service.ts';
import type { Role } from './roles.ts';
import { createSession, type NewSession } from './sessions.ts';
import { ensureUser, grantRole, requireMobile, rolesIn } from './users.ts';

export const CODE_TTL_SECONDS = 5 * 60;
export const RESEND_AFTER_SECONDS = 60;
export const MAX_CODES_PER_HOUR = 5;
export const MAX_CODE_ATTEMPTS = 5;

const codeHash = (codeId: string, code: string) => sha256(`${codeId}:${code}`);

/** Sends a 6-digit sign-in code to the phone through the messaging channel. */
export async function requestSignInCode(ctx: Ctx, input: { phone: string; ip: string }) {
  const phone = requireMobile(input.phone);
  return inTransaction(ctx, async (tx) => {
    // One request per phone at a time, so two quick taps cannot both pass the limits.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`otp:${tx.tenant.id}:${phone}`}))`.execute(tx.db);
    const recent = await tx.db
      .selectFrom('otp_codes')
      .select('created_at')
      .where('tenant_id', '=', tx.tenant.id)
      .where('phone', '=', phone)
      .where('created_at', '>', new Date(Date.now() - 3600_000))
      .orderBy('created_at', 'desc')
      .execute();
    const latest = recent[0]?.created_at;
    if (latest) {
      const wait = Math.ceil(RESEND_AFTER_SECONDS - (Date.now() - latest.getTime()) / 1000);
      if (wait > 0) throw new AppError('code_resend_wait', { params: { seconds: wait }, headers: { 'retry-after': String(wait) } });
    }
    if (recent.length >= MAX_CODES_PER_HOUR) {
      const oldest = recent.at(-1)?.created_at ?? new Date();
      const minutes = Math.max(1, Math.ceil((oldest.getTime() + 3600_000 - Date.now()) / 60_000));
      throw new AppError('code_request_limited', { params: { minutes }, headers: { 'retry-after': String(minutes * 60) } });
    }
    const id = newId('otp');
    const code = randomDigits(6);
    await tx.db
      .insertInto('otp_codes')
      .values({
        tenant_id: tx.tenant.id,
        id,
        phone,
        code_hash: codeHash(id, code),
        requested_ip: input.ip,
        expires_at: new Date(Date.now() + CODE_TTL_SECONDS * 1000),
      })
      .execute();
    await enqueueText(tx.db, {
      tenantId: tx.tenant.id,
      phone,
      body: `Kode masuk ${tx.tenant.name}: ${code}. Berlaku 5 menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.`,
    });
    return { phone, expiresInSeconds: CODE_TTL_SECONDS, resendAfterSeconds: RESEND_AFTER_SECONDS };
  });
}

type VerifyOutcome =
  | { ok: true; user: { id: string; name: string; phone: string }; roles: Role[]; session: NewSession }
  | { ok: false; error: AppError };

/**
 * Checks the latest code for the phone. A wrong try is counted and committed before the
 * error is answered, so guessing is capped at MAX_CODE_ATTEMPTS per code.
 */
export async function verifySignInCode(ctx: Ctx, input: { phone: string; code: string; sessionTtlHours: number }) {
  const phone = requireMobile(input.phone);
  const outcome = await inTransaction(ctx, async (tx): Promise<VerifyOutcome> => {
    const latest = await tx.db
      .selectFrom('otp_codes')
      .selectAll()
      .where('tenant_id', '=', tx.tenant.id)
      .where('phone', '=', phone)
      .where('consumed_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!latest || latest.expires_at.getTime() <= Date.now() || latest.attempts >= MAX_CODE_ATTEMPTS) {
      return { ok: false, error: fieldError('code', 'code_expired') };
    }
    if (!safeEqual(latest.code_hash, codeHash(latest.id, input.code))) {
      const attempts = latest.attempts + 1;
      await tx.db.updateTable('otp_codes').set({ attempts }).where('tenant_id', '=', tx.tenant.id).where('id', '=', latest.id).execute();
      const remaining = MAX_CODE_ATTEMPTS - attempts;
      return {
        ok: false,
        error: remaining > 0 ? fieldError('code', 'invalid_code', { remaining }) : fieldError('code', 'code_expired'),
      };
    }
    await tx.db
      .updateTable('otp_codes')
      .set({ consumed_at: new Date() })
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', latest.id)
      .execute();
    const user = await ensureUser(tx.db, phone);
    await grantRole(tx.db, tx.tenant.id, user.id, 'buyer');
    const session = await createSession(tx.db, { tenantId: tx.tenant.id, userId: user.id, ttlHours: input.sessionTtlHours });
    return { ok: true, user, roles: await rolesIn(tx.db, tx.tenant.id, user.id), session };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome;
}
