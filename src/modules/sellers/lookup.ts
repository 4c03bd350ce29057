import type { Ctx } from '../../http/context.ts';
import type { SellerKind, SellerStatus } from './tables.ts';

/** What other modules (catalog, orders) may know about a seller. */
export interface SellerSummary {
  id: string;
  programId: string;
  kind: SellerKind;
  status: SellerStatus;
  userId: string | null;
  businessName: string;
  phone: string | null;
  marketId: string | null;
  stallType: 'kios' | 'los' | 'lapak' | null;
  stallBlock: string | null;
  stallNumber: string | null;
}

function summaryQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('sellers')
    .select([
      'id',
      'program_id as programId',
      'kind',
      'status',
      'user_id as userId',
      'business_name as businessName',
      'phone',
      'market_id as marketId',
      'stall_type as stallType',
      'stall_block as stallBlock',
      'stall_number as stallNumber',
    ])
    .where('tenant_id', '=', ctx.tenant.id);
}

/** A seller of this tenant, or undefined. */
export async function getSellerSummary(ctx: Ctx, sellerId: string): Promise<SellerSummary | undefined> {
  return summaryQuery(ctx).where('id', '=', sellerId).executeTakeFirst();
}

/** The sellers (one per program at most) that a signed-in user runs in this tenant. */
export async function sellersOfUser(ctx: Ctx, userId: string): Promise<SellerSummary[]> {
  return summaryQuery(ctx).where('user_id', '=', userId).orderBy('created_at').execute();
}

/** Where a trader sits in the market, as people say it: "los B-12", "kios 7"; null for UMKM. */
export function stallLabel(stall: { type: string | null; block: string | null; number: string | null }): string | null {
  if (!stall.number) return null;
  return [stall.type, [stall.block, stall.number].filter(Boolean).join('-')].filter(Boolean).join(' ');
}
