import type { Selectable } from 'kysely';
import { actorLabel, type Ctx, inTransaction } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { addDays, daysBetween, todayIn } from '../../shared/dates.ts';
import { newId } from '../../shared/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { ADMIN_ROLES } from '../identity/roles.ts';
import { assertMediaExists } from '../media/service.ts';
import { actorOf } from './repo.ts';
import type { CertificateInput, CertificateView } from './schemas.ts';
import type { SellerCertificatesTable } from './tables.ts';

/** Certificates expiring within this many days are flagged in the curation view. */
export const EXPIRY_WARNING_DAYS = 30;

function toCertificateView(row: Selectable<SellerCertificatesTable>, today: string): CertificateView {
  return {
    id: row.id,
    sellerId: row.seller_id,
    kind: row.kind,
    number: row.number,
    expiresOn: row.expires_on,
    daysLeft: row.expires_on ? daysBetween(today, row.expires_on) : null,
    photoId: row.photo_id,
  };
}

/** The certificates of these sellers (of this tenant), soonest expiry first. */
export async function listCertificates(ctx: Ctx, sellerIds: string[]): Promise<CertificateView[]> {
  if (sellerIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('seller_certificates')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('seller_id', 'in', sellerIds)
    .orderBy('expires_on', (ob) => ob.asc().nullsLast())
    .orderBy('created_at')
    .execute();
  const today = todayIn(ctx.tenant.timeZone);
  return rows.map((row) => toCertificateView(row, today));
}

/** A P-IRT, halal, BPOM or other certificate, added by the seller themself or a program admin. */
export async function addCertificate(ctx: Ctx, sellerId: string, input: CertificateInput): Promise<CertificateView> {
  const actor = actorOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const seller = await tx.db
      .selectFrom('sellers')
      .select('user_id')
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', sellerId)
      .executeTakeFirst();
    const isAdmin = actor.roles.some((role) => ADMIN_ROLES.includes(role));
    // Someone else's seller is as invisible as a missing one.
    if (!seller || (!isAdmin && seller.user_id !== actor.userId)) throw new AppError('not_found');
    if (input.photoId) await assertMediaExists(tx, [input.photoId], 'photoId');
    const row = await tx.db
      .insertInto('seller_certificates')
      .values({
        tenant_id: tx.tenant.id,
        id: newId('crt'),
        seller_id: sellerId,
        kind: input.kind,
        number: input.number,
        expires_on: input.expiresOn ?? null,
        photo_id: input.photoId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx.db, {
      tenantId: tx.tenant.id,
      actorUserId: actor.userId,
      actorLabel: actorLabel(tx),
      action: 'seller.certificate.add',
      entityType: 'seller',
      entityId: sellerId,
      data: { certificateId: row.id, kind: input.kind, number: input.number, expiresOn: input.expiresOn ?? null },
    });
    return toCertificateView(row, todayIn(tx.tenant.timeZone));
  });
}

/** Certificates that expire within `days` days or already have, soonest first (rejected sellers left out). */
export async function listExpiring(ctx: Ctx, days: number) {
  const today = todayIn(ctx.tenant.timeZone);
  const rows = await ctx.db
    .selectFrom('seller_certificates as c')
    .innerJoin('sellers as s', (join) => join.onRef('s.tenant_id', '=', 'c.tenant_id').onRef('s.id', '=', 'c.seller_id'))
    .selectAll('c')
    .select(['s.business_name', 's.status as seller_status'])
    .where('c.tenant_id', '=', ctx.tenant.id)
    .where('c.expires_on', '<=', addDays(today, days))
    .where('s.status', '<>', 'rejected')
    .orderBy('c.expires_on')
    .orderBy('s.business_name')
    .limit(500)
    .execute();
  return rows.map((row) => ({ ...toCertificateView(row, today), businessName: row.business_name, sellerStatus: row.seller_status }));
}
