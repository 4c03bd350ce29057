import type { Executor } from '../../db/database.ts';
import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { hashPassword, randomToken, sha256 } from '../../shared/crypto.ts';
import { newId } from '../../shared/ids.ts';
import { recordAudit } from '../audit/service.ts';
import type { Role } from './roles.ts';
import { createSession } from './sessions.ts';
import { ensureUser, grantRole, requireMobile, rolesIn } from './users.ts';

export const INVITE_TTL_DAYS = 7;

/** Creates a one-time invite link for a staff role; only the token's hash is stored. */
export async function createInvite(
  db: Executor,
  options: { tenantId: string; role: Role; phone: string | null; createdBy: string | null; actorLabel: string },
) {
  const token = randomToken(24);
  const expiresAt = new Date(Date.now() + INVITE_TTL_DAYS * 86_400_000);
  const id = newId('inv');
  await db
    .insertInto('invites')
    .values({
      tenant_id: options.tenantId,
      id,
      token_hash: sha256(token),
      role: options.role,
      phone: options.phone,
      created_by: options.createdBy,
      expires_at: expiresAt,
    })
    .execute();
  await recordAudit(db, {
    tenantId: options.tenantId,
    actorUserId: options.createdBy,
    actorLabel: options.actorLabel,
    action: 'invite.create',
    entityType: 'invite',
    entityId: id,
    data: { role: options.role, phone: options.phone },
  });
  return { id, token, expiresAt, path: `/undangan/${token}` };
}

async function openInvite(db: Executor, tenantId: string, token: string, lock: boolean) {
  let query = db.selectFrom('invites').selectAll().where('tenant_id', '=', tenantId).where('token_hash', '=', sha256(token));
  if (lock) query = query.forUpdate();
  const invite = await query.executeTakeFirst();
  if (!invite || invite.accepted_at || invite.expires_at.getTime() <= Date.now()) throw new AppError('invite_invalid');
  return invite;
}

export async function getInvite(ctx: Ctx, token: string) {
  const invite = await openInvite(ctx.db, ctx.tenant.id, token, false);
  return { tenant: { name: ctx.tenant.name }, role: invite.role, phone: invite.phone, expiresAt: invite.expires_at.toISOString() };
}

/** Accepting sets the person's name and password, grants the role and signs them in. */
export async function acceptInvite(
  ctx: Ctx,
  token: string,
  input: { name: string; phone: string; password: string; sessionTtlHours: number },
) {
  const phone = requireMobile(input.phone);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    const invite = await openInvite(tx.db, tx.tenant.id, token, true);
    if (invite.phone && invite.phone !== phone) throw fieldError('phone', 'phone_mismatch');
    const user = await ensureUser(tx.db, phone);
    await tx.db
      .updateTable('users')
      .set({ name: input.name, password_hash: passwordHash, failed_password_attempts: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    await grantRole(tx.db, tx.tenant.id, user.id, invite.role);
    await tx.db
      .updateTable('invites')
      .set({ accepted_at: new Date(), accepted_by: user.id })
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', invite.id)
      .execute();
    await recordAudit(tx.db, {
      tenantId: tx.tenant.id,
      actorUserId: user.id,
      actorLabel: `${input.name} (${user.id})`,
      action: 'invite.accept',
      entityType: 'membership',
      entityId: `${user.id}:${invite.role}`,
      data: { inviteId: invite.id, role: invite.role },
    });
    const session = await createSession(tx.db, { tenantId: tx.tenant.id, userId: user.id, ttlHours: input.sessionTtlHours });
    return { user: { id: user.id, name: input.name, phone }, roles: await rolesIn(tx.db, tx.tenant.id, user.id), session };
  });
}
