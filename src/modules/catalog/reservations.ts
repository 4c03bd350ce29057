import type { Selectable } from 'kysely';
import type { Ctx } from '../../http/context.ts';
import { todayIn } from '../../shared/dates.ts';
import { isOrderableQuantity } from '../../shared/quantity.ts';
import { variantInStock } from './stock.ts';
import type { VariantsTable } from './tables.ts';
import { refreshSummary } from './variants.ts';
import { stockFacts } from './views.ts';

// What the orders module may do to stock: look up variants a buyer can order, take counted
// stock for an order and give it back. Quantities are thousandths of the unit.

/** A variant as a cart or an order sees it. */
export interface OrderableVariant extends Selectable<VariantsTable> {
  productTitle: string;
  sellerId: string;
  sellerName: string;
  programId: string;
  /** Active, of an active product of an approved seller: the buyer may put it in an order. */
  orderable: boolean;
}

export type ReserveFailure = 'out_of_stock' | 'off_step' | 'unavailable';
export type Reservation = { ok: true; variant: OrderableVariant } | { ok: false; reason: ReserveFailure };

/** This tenant's variants among `ids`, by id; another tenant's or an unknown id is simply absent. */
export async function findOrderableVariants(ctx: Ctx, ids: string[]): Promise<Map<string, OrderableVariant>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('variants as v')
    .innerJoin('products as p', (join) => join.onRef('p.tenant_id', '=', 'v.tenant_id').onRef('p.id', '=', 'v.product_id'))
    .innerJoin('sellers as s', (join) => join.onRef('s.tenant_id', '=', 'p.tenant_id').onRef('s.id', '=', 'p.seller_id'))
    .selectAll('v')
    .select([
      'p.title as productTitle',
      'p.seller_id as sellerId',
      's.business_name as sellerName',
      'p.program_id as programId',
      'p.active as productActive',
      's.status',
    ])
    .where('v.tenant_id', '=', ctx.tenant.id)
    .where('v.id', 'in', ids)
    .execute();
  return new Map(
    rows.map(({ productActive, status, ...row }) => [row.id, { ...row, orderable: row.active && productActive && status === 'approved' }]),
  );
}

/** Whether a variant can be bought today at all (counted stock for at least the minimum, or daily goods not sold out). */
export function inStockToday(ctx: Ctx, variant: OrderableVariant): boolean {
  return variantInStock(stockFacts(variant), todayIn(ctx.tenant.timeZone));
}

/** Lists show a product as out of stock from its variants; recompute it when a variant crosses that line. */
async function refreshProduct(ctx: Ctx, productId: string): Promise<void> {
  const product = await ctx.db
    .selectFrom('products')
    .select('active')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', productId)
    .executeTakeFirstOrThrow();
  await refreshSummary(ctx, productId, product.active);
}

/**
 * Takes `quantityMilli` of a variant for an order, inside the caller's transaction.
 * Counted stock is taken by one conditional UPDATE: concurrent checkouts queue on the row
 * lock and each re-checks what is left, so stock never goes below zero. Daily goods only
 * need to be not sold out today. Returns the variant (for its price) or why it failed.
 * `known` is the variant as read in this transaction, to save a lookup.
 */
export async function reserveStock(ctx: Ctx, variantId: string, quantityMilli: number, known?: OrderableVariant): Promise<Reservation> {
  // A checkout looks up all its variants in one query and passes each in.
  const variant = known ?? (await findOrderableVariants(ctx, [variantId])).get(variantId);
  if (!variant?.orderable) return { ok: false, reason: 'unavailable' };
  if (!isOrderableQuantity(quantityMilli, variant.step_milli, variant.minimum_milli)) return { ok: false, reason: 'off_step' };
  if (variant.stock_mode === 'daily') return inStockToday(ctx, variant) ? { ok: true, variant } : { ok: false, reason: 'out_of_stock' };

  const left = await ctx.db
    .updateTable('variants')
    .set((eb) => ({ stock_milli: eb('stock_milli', '-', quantityMilli), updated_at: new Date() }))
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', variantId)
    .where('active', '=', true)
    .where('stock_milli', '>=', quantityMilli)
    .returning(['stock_milli', 'minimum_milli'])
    .executeTakeFirst();
  if (!left) return { ok: false, reason: 'out_of_stock' };
  // It was in stock (at least the minimum was left); it is out now if less than the minimum is.
  if (left.stock_milli < left.minimum_milli) await refreshProduct(ctx, variant.product_id);
  return { ok: true, variant: { ...variant, stock_milli: left.stock_milli } };
}

/** Gives counted stock back (an unpaid order expired or was cancelled); daily goods have nothing to give back. */
export async function releaseStock(ctx: Ctx, variantId: string, quantityMilli: number): Promise<void> {
  const after = await ctx.db
    .updateTable('variants')
    .set((eb) => ({ stock_milli: eb('stock_milli', '+', quantityMilli), updated_at: new Date() }))
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', variantId)
    .where('stock_mode', '=', 'counted')
    .returning(['stock_milli', 'minimum_milli', 'product_id'])
    .executeTakeFirst();
  // Out of stock before the release: it may be back in stock now.
  if (after && after.stock_milli - quantityMilli < after.minimum_milli) await refreshProduct(ctx, after.product_id);
}
