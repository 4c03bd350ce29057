import type { Selectable } from 'kysely';
import { actorLabel, type Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { Lang } from '../../http/messages.ts';
import { todayIn } from '../../shared/dates.ts';
import { recordAudit } from '../audit/service.ts';
import { ADMIN_ROLES } from '../identity/roles.ts';
import { mediaUrls } from '../media/service.ts';
import { getSellerSummary, type SellerSummary } from '../sellers/lookup.ts';
import { findCommodity } from './commodities.ts';
import type { SellerProduct, VariantView } from './schemas.ts';
import { type StockFacts, variantInStock } from './stock.ts';
import type { ProductsTable, VariantsTable } from './tables.ts';

// Shared by the storefront and the seller console: access, names and row -> view mapping.

export type VariantRow = Selectable<VariantsTable>;
export type ProductRow = Selectable<ProductsTable>;

/**
 * The seller whose products the caller may manage: the seller's own account or a program
 * admin. No actor is a trusted system caller (CLI import, demo seed). Someone else gets
 * `denied`: 403 when they named the seller, 404 when they named one of its products.
 */
export async function managedSeller(ctx: Ctx, sellerId: string, denied: 'forbidden' | 'not_found' = 'forbidden'): Promise<SellerSummary> {
  const seller = await getSellerSummary(ctx, sellerId);
  if (!seller) throw new AppError('not_found');
  const actor = ctx.actor;
  if (!actor || actor.userId === seller.userId || actor.roles.some((role) => ADMIN_ROLES.includes(role))) return seller;
  throw new AppError(denied);
}

/** Staff changing a seller's products is an admin action, audited; a seller's own edits are not. */
export async function auditOnBehalf(ctx: Ctx, seller: SellerSummary, action: string, productId: string, data: Record<string, unknown>) {
  if (ctx.actor && ctx.actor.userId === seller.userId) return;
  await recordAudit(ctx.db, {
    tenantId: ctx.tenant.id,
    actorUserId: ctx.actor?.userId ?? null,
    actorLabel: actorLabel(ctx),
    action,
    entityType: 'product',
    entityId: productId,
    data: { sellerId: seller.id, ...data },
  });
}

export function commodityName(slug: string, lang: Lang): string {
  const commodity = findCommodity(slug);
  return commodity ? commodity[lang] : slug;
}

/** "Kios A-12", "Los 7": how buyers and couriers find a trader in the market. */
export function stallLabel(stall: { stallType: string | null; stallBlock: string | null; stallNumber: string | null }): string | null {
  if (!stall.stallType && !stall.stallNumber) return null;
  const place = [stall.stallBlock, stall.stallNumber].filter(Boolean).join('-');
  const type = stall.stallType ? stall.stallType[0]?.toUpperCase() + stall.stallType.slice(1) : '';
  return [type, place].filter(Boolean).join(' ');
}

export function photoViews(ids: string[]) {
  return ids.map((id) => ({ id, ...mediaUrls(id) }));
}

export function stockFacts(row: VariantRow): StockFacts {
  return {
    active: row.active,
    price: row.price,
    unit: row.unit,
    stockMode: row.stock_mode,
    stockMilli: row.stock_milli,
    minimumMilli: row.minimum_milli,
    soldOutOn: row.sold_out_on,
  };
}

export function toVariantView(row: VariantRow, today: string): VariantView {
  return {
    id: row.id,
    name: row.name,
    unit: row.unit,
    stepMilli: row.step_milli,
    minimumMilli: row.minimum_milli,
    price: Number(row.price),
    stockMode: row.stock_mode,
    stockMilli: row.stock_mode === 'counted' ? row.stock_milli : null,
    inStock: variantInStock(stockFacts(row), today),
    weightGrams: row.weight_grams,
    active: row.active,
  };
}

export function toSellerProduct(row: ProductRow, variants: VariantRow[], today: string): SellerProduct {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category_slug,
    commodity: row.commodity_slug,
    photos: photoViews(row.photo_ids),
    active: row.active,
    listed: row.listed,
    variants: variants.map((v) => toVariantView(v, today)),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Variants of some products, in the seller's order, grouped by product id. */
export async function variantsOf(ctx: Ctx, productIds: string[]): Promise<Map<string, VariantRow[]>> {
  const grouped = new Map<string, VariantRow[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return grouped;
  const rows = await ctx.db
    .selectFrom('variants')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('product_id', 'in', productIds)
    .orderBy('product_id')
    .orderBy('position')
    .execute();
  for (const row of rows) grouped.get(row.product_id)?.push(row);
  return grouped;
}

export async function findProduct(ctx: Ctx, productId: string, forUpdate = false): Promise<ProductRow> {
  let query = ctx.db.selectFrom('products').selectAll().where('tenant_id', '=', ctx.tenant.id).where('id', '=', productId);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row;
}

/** One product as its seller (or an admin) sees it, inactive variants included. */
export async function getSellerProduct(ctx: Ctx, productId: string): Promise<SellerProduct> {
  const row = await findProduct(ctx, productId);
  await managedSeller(ctx, row.seller_id, 'not_found');
  const variants = await variantsOf(ctx, [row.id]);
  return toSellerProduct(row, variants.get(row.id) ?? [], todayIn(ctx.tenant.timeZone));
}
