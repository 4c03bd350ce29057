import type { Actor, Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { areaName } from '../../shared/areas.ts';
import type { SellerView } from './schemas.ts';

// Reading sellers as the API shows them; every query is scoped to ctx.tenant.

/** The signed-in caller; routes check this first, so a missing actor here is a bug turned into a 401. */
export function actorOf(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated');
  return ctx.actor;
}

/** Sellers of this tenant with their program and market names and the latest decision's reason. */
export function sellerQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('sellers')
    .innerJoin('programs', (join) =>
      join.onRef('programs.tenant_id', '=', 'sellers.tenant_id').onRef('programs.id', '=', 'sellers.program_id'),
    )
    .leftJoin('markets', (join) => join.onRef('markets.tenant_id', '=', 'sellers.tenant_id').onRef('markets.id', '=', 'sellers.market_id'))
    .selectAll('sellers')
    .select(['programs.name as program_name', 'markets.name as market_name'])
    .select((eb) =>
      eb
        .selectFrom('seller_events')
        .select('seller_events.reason')
        .whereRef('seller_events.tenant_id', '=', 'sellers.tenant_id')
        .whereRef('seller_events.seller_id', '=', 'sellers.id')
        .orderBy('seller_events.created_at', 'desc')
        .limit(1)
        .as('last_reason'),
    )
    .where('sellers.tenant_id', '=', ctx.tenant.id);
}

type SellerRow = Awaited<ReturnType<ReturnType<typeof sellerQuery>['executeTakeFirstOrThrow']>>;

export function toSellerView(row: SellerRow): SellerView {
  return {
    id: row.id,
    programId: row.program_id,
    programName: row.program_name,
    kind: row.kind,
    status: row.status,
    userId: row.user_id,
    businessName: row.business_name,
    ownerName: row.owner_name,
    phone: row.phone,
    nik: row.nik,
    nib: row.nib,
    npwp: row.npwp,
    address: row.address,
    areaCode: row.area_code,
    areaName: row.area_code ? areaName(row.area_code) : null,
    categorySlug: row.category_slug,
    photoIds: row.photo_ids,
    payout: { method: row.payout_method, provider: row.payout_provider, account: row.payout_account, name: row.payout_name },
    marketId: row.market_id,
    marketName: row.market_name,
    stallType: row.stall_type,
    stallBlock: row.stall_block,
    stallNumber: row.stall_number,
    commodities: row.commodities,
    marketDays: row.market_days,
    registeredBy: row.registered_by,
    lastReason: row.last_reason ?? '',
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A seller of this tenant, or 404. */
export async function getSellerView(ctx: Ctx, sellerId: string): Promise<SellerView> {
  const row = await sellerQuery(ctx).where('sellers.id', '=', sellerId).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return toSellerView(row);
}
