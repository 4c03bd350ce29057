import type { Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { todayIn } from '../../shared/dates.ts';
import { getSellerSummary } from '../sellers/lookup.ts';
import { listMarkets } from '../tenancy/service.ts';
import { listedProducts, toCards } from './listing.ts';
import { referenceBoard } from './reference-prices.ts';
import type { ProductCard, ProductDetail } from './schemas.ts';
import { photoViews, stallLabel, toVariantView, variantsOf } from './views.ts';

// What buyers see beyond the list: a product page, its price history, a shop front and a
// market front. Only listed products of approved sellers are found; others are not found.

export async function getProduct(ctx: Ctx, productId: string): Promise<ProductDetail> {
  const row = await listedProducts(ctx).select(['p.description', 'p.program_id']).where('p.id', '=', productId).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  const today = todayIn(ctx.tenant.timeZone);
  const [card] = await toCards(ctx, [row], today);
  const variants = ((await variantsOf(ctx, [row.id])).get(row.id) ?? []).filter((v) => v.active);
  return {
    ...(card as ProductCard),
    description: row.description,
    commodity: row.commodity_slug,
    programId: row.program_id,
    photos: photoViews(row.photo_ids),
    variants: variants.map((v) => toVariantView(v, today)),
  };
}

/** Price changes of a listed product's active variants, newest first. */
export async function listPriceHistory(ctx: Ctx, productId: string) {
  const listed = await listedProducts(ctx).where('p.id', '=', productId).executeTakeFirst();
  if (!listed) throw new AppError('not_found');
  const rows = await ctx.db
    .selectFrom('price_history as h')
    .innerJoin('variants as v', (join) => join.onRef('v.tenant_id', '=', 'h.tenant_id').onRef('v.id', '=', 'h.variant_id'))
    .select(['h.variant_id', 'v.name', 'h.unit', 'h.price', 'h.changed_at'])
    .where('h.tenant_id', '=', ctx.tenant.id)
    .where('h.product_id', '=', productId)
    .where('v.active', '=', true)
    .orderBy('h.changed_at', 'desc')
    .orderBy('h.id', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    variantId: r.variant_id,
    variantName: r.name,
    unit: r.unit,
    price: Number(r.price),
    changedAt: r.changed_at.toISOString(),
  }));
}

/** An approved seller's shop front; anyone else's is not found. */
export async function getShop(ctx: Ctx, sellerId: string) {
  const seller = await getSellerSummary(ctx, sellerId);
  if (seller?.status !== 'approved') throw new AppError('not_found');
  const market = seller.marketId ? (await listMarkets(ctx, { includeInactive: true })).find((m) => m.id === seller.marketId) : undefined;
  return {
    id: seller.id,
    name: seller.businessName,
    kind: seller.kind,
    programId: seller.programId,
    stall: stallLabel(seller),
    market: market ? { id: market.id, name: market.name } : null,
  };
}

/** A market: its stalls with something for sale, and today's reference prices. */
export async function getMarketFront(ctx: Ctx, marketId: string) {
  const market = (await listMarkets(ctx)).find((m) => m.id === marketId);
  if (!market) throw new AppError('not_found');
  const stalls = await ctx.db
    .selectFrom('products as p')
    .innerJoin('sellers as s', (join) => join.onRef('s.tenant_id', '=', 'p.tenant_id').onRef('s.id', '=', 'p.seller_id'))
    .select(['s.id', 's.business_name', 's.stall_type', 's.stall_block', 's.stall_number'])
    .select((eb) => eb.fn.countAll<string>().as('products'))
    .where('p.tenant_id', '=', ctx.tenant.id)
    .where('p.market_id', '=', marketId)
    .where('p.listed', '=', true)
    .where('s.status', '=', 'approved')
    .groupBy(['s.id', 's.business_name', 's.stall_type', 's.stall_block', 's.stall_number'])
    .orderBy('s.stall_block')
    .orderBy('s.stall_number')
    .orderBy('s.business_name')
    .execute();
  return {
    market,
    stalls: stalls.map((s) => ({
      sellerId: s.id,
      name: s.business_name,
      stall: stallLabel({ stallType: s.stall_type, stallBlock: s.stall_block, stallNumber: s.stall_number }),
      products: Number(s.products),
    })),
    referencePrices: await referenceBoard(ctx, { marketId }),
  };
}
