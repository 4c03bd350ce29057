import { isUniqueViolation } from '../../db/errors.ts';
import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { reindexSellerProducts } from '../catalog/products.ts';
import { ADMIN_ROLES } from '../identity/roles.ts';
import { ensureUser, requireMobile } from '../identity/users.ts';
import { checkReferences } from './references.ts';
import { actorOf, getSellerView, sellerQuery, toSellerView } from './repo.ts';
import type { ApplicationInput, PayoutInput, SellerView, TraderRegistration } from './schemas.ts';
import { recordSellerStep, transitionSeller, uncheckedItems } from './states.ts';

function payoutColumns(payout: PayoutInput) {
  if (payout.method === 'cash') return { payout_method: 'cash', payout_provider: null, payout_account: null, payout_name: null } as const;
  // E-wallet accounts are phone numbers: stored as E.164 like every other phone.
  const account = payout.method === 'ewallet' ? requireMobile(payout.account, 'payout.account') : payout.account;
  return { payout_method: payout.method, payout_provider: payout.provider, payout_account: account, payout_name: payout.name };
}

/** The columns an application sets; those of the other kind are cleared. */
function applicationColumns(input: ApplicationInput) {
  const shared = {
    business_name: input.businessName,
    owner_name: input.ownerName,
    nik: input.nik ?? null,
    category_slug: input.categorySlug ?? null,
    photo_ids: input.photoIds,
    ...payoutColumns(input.payout),
  };
  const none = {
    nib: null,
    npwp: null,
    address: '',
    area_code: null,
    market_id: null,
    stall_type: null,
    stall_block: null,
    stall_number: null,
  };
  if (input.kind === 'umkm') {
    return {
      ...shared,
      ...none,
      nib: input.nib ?? null,
      npwp: input.npwp ?? null,
      address: input.address,
      area_code: input.areaCode,
      commodities: '',
      market_days: '',
    };
  }
  return {
    ...shared,
    ...none,
    market_id: input.marketId,
    stall_type: input.stallType,
    stall_block: input.stallBlock || null,
    stall_number: input.stallNumber,
    commodities: input.commodities,
    market_days: input.marketDays,
  };
}

/** Inserts a submitted seller; a second seller for one person in one program is a field error. */
async function insertSeller(
  ctx: Ctx,
  input: ApplicationInput,
  owner: { userId: string | null; phone: string | null; registeredBy: string | null; duplicateField: string },
): Promise<string> {
  const id = newId('slr');
  await ctx.db
    .insertInto('sellers')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      program_id: input.programId,
      kind: input.kind,
      status: 'submitted',
      user_id: owner.userId,
      phone: owner.phone,
      registered_by: owner.registeredBy,
      ...applicationColumns(input),
    })
    .execute()
    .catch((error) => {
      if (isUniqueViolation(error, 'sellers_user_program')) throw fieldError(owner.duplicateField, 'already_applied');
      throw error;
    });
  return id;
}

/** A signed-in person (often a buyer) applies to sell in a program. */
export async function submitApplication(ctx: Ctx, input: ApplicationInput): Promise<SellerView> {
  const actor = actorOf(ctx);
  return inTransaction(ctx, async (tx) => {
    await checkReferences(tx, input);
    const id = await insertSeller(tx, input, { userId: actor.userId, phone: actor.phone, registeredBy: null, duplicateField: 'programId' });
    await recordSellerStep(tx, { sellerId: id, from: null, to: 'submitted', action: 'apply' });
    return getSellerView(tx, id);
  });
}

/** The seller fixes what the curator asked for and sends the application again. */
export async function resubmitApplication(ctx: Ctx, sellerId: string, input: ApplicationInput): Promise<SellerView> {
  const actor = actorOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const current = await tx.db
      .selectFrom('sellers')
      .select(['kind', 'program_id'])
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', sellerId)
      .where('user_id', '=', actor.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('not_found');
    if (input.kind !== current.kind) throw fieldError('kind', 'cannot_change');
    if (input.programId !== current.program_id) throw fieldError('programId', 'cannot_change');
    await checkReferences(tx, input);
    await tx.db
      .updateTable('sellers')
      .set({ ...applicationColumns(input), updated_at: new Date() })
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', sellerId)
      .execute();
    // Refused (and the update rolled back) unless changes were requested.
    await transitionSeller(tx, { sellerId, action: 'resubmit' });
    // Products carry the seller's name and market for search and filters.
    await reindexSellerProducts(tx, sellerId);
    return getSellerView(tx, sellerId);
  });
}

/**
 * Program staff register a market trader, with or without the trader's phone. A program
 * admin who ticks the whole checklist admits the trader at once; otherwise it waits in the queue.
 */
export async function registerTrader(ctx: Ctx, input: TraderRegistration): Promise<SellerView> {
  const actor = actorOf(ctx);
  const phone = input.phone ? requireMobile(input.phone) : null;
  return inTransaction(ctx, async (tx) => {
    const program = await checkReferences(tx, input);
    const user = phone ? await ensureUser(tx.db, phone, input.ownerName) : null;
    const id = await insertSeller(tx, input, { userId: user?.id ?? null, phone, registeredBy: actor.userId, duplicateField: 'phone' });
    const checklist = input.checklist;
    const approveNow =
      checklist !== undefined &&
      actor.roles.some((role) => ADMIN_ROLES.includes(role)) &&
      uncheckedItems(program.checklist, checklist).length === 0;
    // Admitted at once: one message (approved), not "received" followed by "approved".
    await recordSellerStep(tx, { sellerId: id, from: null, to: 'submitted', action: 'apply' }, { notify: !approveNow });
    if (approveNow) await transitionSeller(tx, { sellerId: id, action: 'approve', checklist });
    return getSellerView(tx, id);
  });
}

/** The signed-in person's own seller records (applications and shops), oldest first. */
export async function listMySellers(ctx: Ctx): Promise<SellerView[]> {
  const actor = actorOf(ctx);
  const rows = await sellerQuery(ctx).where('sellers.user_id', '=', actor.userId).orderBy('sellers.created_at').execute();
  return rows.map(toSellerView);
}
