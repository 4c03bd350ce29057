import { sql } from 'kysely';
import { actorLabel, type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { grantRole } from '../identity/users.ts';
import { enqueueText } from '../messaging/service.ts';
import type { SellerStatus } from './tables.ts';

export const SELLER_ACTIONS = ['approve', 'reject', 'request_changes', 'resubmit', 'suspend', 'reinstate'] as const;
export type SellerAction = (typeof SELLER_ACTIONS)[number];

/** The seller lifecycle: from status -> action -> to status. Anything not listed is forbidden. */
export const TRANSITIONS: Record<SellerStatus, Partial<Record<SellerAction, SellerStatus>>> = {
  submitted: { approve: 'approved', reject: 'rejected', request_changes: 'changes_requested' },
  changes_requested: { resubmit: 'submitted' },
  approved: { suspend: 'suspended' },
  suspended: { reinstate: 'approved' },
  rejected: {},
};

export function nextStatus(from: SellerStatus, action: SellerAction): SellerStatus | null {
  return TRANSITIONS[from][action] ?? null;
}

/** The seller is told why: these decisions cannot be taken without a reason. */
export const NEEDS_REASON: readonly SellerAction[] = ['reject', 'request_changes', 'suspend'];

/** The checklist items of `required` that are not ticked. */
export function uncheckedItems(required: readonly string[], checklist: Record<string, boolean>): string[] {
  return required.filter((item) => checklist[item] !== true);
}

type Step = SellerAction | 'apply';

/** What the seller reads on WhatsApp after each step, in Bahasa Indonesia. */
export function sellerMessage(step: Step, names: { business: string; program: string }, reason: string): string {
  const { business, program } = names;
  switch (step) {
    case 'apply':
    case 'resubmit':
      return `Terima kasih, pendaftaran ${business} di ${program} sudah kami terima dan sedang diperiksa petugas. Hasilnya kami kabarkan lewat pesan ini.`;
    case 'approve':
      return `Selamat, pendaftaran ${business} di ${program} disetujui. Masuk ke konsol penjual untuk mulai mengisi produk.`;
    case 'reject':
      return `Mohon maaf, pendaftaran ${business} di ${program} tidak dapat disetujui.\nAlasan: ${reason}`;
    case 'request_changes':
      return `Pendaftaran ${business} di ${program} perlu diperbaiki.\nCatatan petugas: ${reason}\nSilakan perbaiki data di konsol penjual lalu kirim ulang.`;
    case 'suspend':
      return `Toko ${business} di ${program} dihentikan sementara.\nAlasan: ${reason}\nHubungi admin program untuk keterangan lebih lanjut.`;
    case 'reinstate':
      return `Toko ${business} di ${program} aktif kembali. Selamat berjualan!`;
  }
}

/**
 * One lifecycle step, inside the caller's transaction: the event row, the audit row and
 * the message to the seller (sent by the outbox worker after commit).
 */
export async function recordSellerStep(
  ctx: Ctx,
  step: {
    sellerId: string;
    from: SellerStatus | null;
    to: SellerStatus;
    action: Step;
    reason?: string;
    checklist?: Record<string, boolean>;
  },
  options: { notify?: boolean } = {},
): Promise<void> {
  const reason = step.reason ?? '';
  const checklist = step.checklist ?? {};
  await ctx.db
    .insertInto('seller_events')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId('sev'),
      seller_id: step.sellerId,
      from_status: step.from,
      to_status: step.to,
      actor_user_id: ctx.actor?.userId ?? null,
      reason,
      checklist: JSON.stringify(checklist),
      // now() is the transaction's start: two steps in one transaction would tie.
      created_at: sql<Date>`clock_timestamp()`,
    })
    .execute();
  await recordAudit(ctx.db, {
    tenantId: ctx.tenant.id,
    actorUserId: ctx.actor?.userId ?? null,
    actorLabel: actorLabel(ctx),
    action: `seller.${step.action}`,
    entityType: 'seller',
    entityId: step.sellerId,
    data: { from: step.from, to: step.to, reason, checklist },
  });
  if (options.notify === false) return;
  const seller = await ctx.db
    .selectFrom('sellers')
    .innerJoin('programs', (join) =>
      join.onRef('programs.tenant_id', '=', 'sellers.tenant_id').onRef('programs.id', '=', 'sellers.program_id'),
    )
    .select(['sellers.phone', 'sellers.business_name', 'programs.name as program_name'])
    .where('sellers.tenant_id', '=', ctx.tenant.id)
    .where('sellers.id', '=', step.sellerId)
    .executeTakeFirstOrThrow();
  // A trader registered by staff without a phone is told in person at the market.
  if (!seller.phone) return;
  const body = sellerMessage(step.action, { business: seller.business_name, program: seller.program_name }, reason);
  await enqueueText(ctx.db, { tenantId: ctx.tenant.id, phone: seller.phone, body });
}

/**
 * Moves a seller along the lifecycle: checks the table and the guards, then saves the
 * status with its event, audit row and message in one transaction. Approving grants the
 * seller role to the seller's own account.
 */
export async function transitionSeller(
  ctx: Ctx,
  input: { sellerId: string; action: SellerAction; reason?: string; checklist?: Record<string, boolean> },
): Promise<SellerStatus> {
  const reason = input.reason?.trim() ?? '';
  const checklist = input.checklist ?? {};
  return inTransaction(ctx, async (tx) => {
    const seller = await tx.db
      .selectFrom('sellers')
      .select(['status', 'user_id', 'program_id'])
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', input.sellerId)
      .forUpdate()
      .executeTakeFirst();
    if (!seller) throw new AppError('not_found');
    const to = nextStatus(seller.status, input.action);
    if (!to) throw new AppError('invalid_transition', { params: { status: seller.status, action: input.action } });
    if (NEEDS_REASON.includes(input.action) && !reason) throw fieldError('reason', 'reason_required');

    if (input.action === 'approve') {
      const program = await tx.db
        .selectFrom('programs')
        .select('curation_checklist')
        .where('tenant_id', '=', tx.tenant.id)
        .where('id', '=', seller.program_id)
        .executeTakeFirstOrThrow();
      if (uncheckedItems(program.curation_checklist, checklist).length > 0) throw fieldError('checklist', 'checklist_incomplete');
      if (seller.user_id) await grantRole(tx.db, tx.tenant.id, seller.user_id, 'seller');
    }

    await tx.db
      .updateTable('sellers')
      .set({ status: to, updated_at: new Date() })
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', input.sellerId)
      .execute();
    await recordSellerStep(tx, { sellerId: input.sellerId, from: seller.status, to, action: input.action, reason, checklist });
    return to;
  });
}
