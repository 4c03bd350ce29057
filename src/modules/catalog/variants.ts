import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, type FieldIssue, fieldError } from '../../http/errors.ts';
import { todayIn } from '../../shared/dates.ts';
import { newId } from '../../shared/ids.ts';
import type { SellerProduct, VariantInput, VariantQuickEdit } from './schemas.ts';
import { summarizeVariants } from './stock.ts';
import { auditOnBehalf, getSellerProduct, managedSeller, stockFacts, type VariantRow } from './views.ts';

// Variant writes: the full list from the product form, the quick edit for the day,
// and the price history both of them append to.

/** Every variant id sent must be one of the product's own; checked before anything is written. */
export function checkVariantIds(inputs: VariantInput[], existing: VariantRow[]): void {
  const own = new Set(existing.map((v) => v.id));
  const issues: FieldIssue[] = inputs.flatMap((input, index) =>
    input.id !== undefined && !own.has(input.id) ? [{ field: `variants.${index}.id`, code: 'unknown_variant' as const }] : [],
  );
  if (issues.length > 0) throw new AppError('validation_failed', { details: issues });
}

async function recordPrice(ctx: Ctx, variant: Pick<VariantRow, 'id' | 'product_id' | 'unit' | 'price'>) {
  await ctx.db
    .insertInto('price_history')
    .values({
      tenant_id: ctx.tenant.id,
      product_id: variant.product_id,
      variant_id: variant.id,
      unit: variant.unit,
      price: variant.price,
      changed_by: ctx.actor?.userId ?? null,
    })
    .execute();
}

/**
 * Writes the product's variant list in order: sent with an id = changed, without = new.
 * Variants left out are deactivated, not deleted, since orders may point at them.
 */
export async function saveVariants(ctx: Ctx, productId: string, inputs: VariantInput[], existing: VariantRow[]): Promise<void> {
  const byId = new Map(existing.map((v) => [v.id, v]));
  for (const [position, input] of inputs.entries()) {
    const values = {
      position,
      name: input.name,
      unit: input.unit,
      step_milli: input.stepMilli,
      minimum_milli: input.minimumMilli,
      price: input.price,
      stock_mode: input.stockMode,
      weight_grams: input.weightGrams,
      active: input.active,
    };
    const current = input.id === undefined ? undefined : byId.get(input.id);
    if (current) {
      await ctx.db
        .updateTable('variants')
        .set({ ...values, stock_milli: input.stockMilli, updated_at: new Date() })
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', current.id)
        .execute();
      if (current.price !== BigInt(input.price) || current.unit !== input.unit) {
        await recordPrice(ctx, { id: current.id, product_id: productId, unit: input.unit, price: BigInt(input.price) });
      }
    } else {
      const id = newId('var');
      await ctx.db
        .insertInto('variants')
        .values({ tenant_id: ctx.tenant.id, id, product_id: productId, ...values, stock_milli: input.stockMilli ?? 0 })
        .execute();
      await recordPrice(ctx, { id, product_id: productId, unit: input.unit, price: BigInt(input.price) });
    }
  }
  const kept = new Set(inputs.flatMap((input) => (input.id ? [input.id] : [])));
  const dropped = existing.filter((v) => !kept.has(v.id) && v.active).map((v) => v.id);
  if (dropped.length > 0) {
    await ctx.db
      .updateTable('variants')
      .set({ active: false, updated_at: new Date() })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', 'in', dropped)
      .execute();
  }
}

/** Recomputes what lists show (listed, cheapest price, in stock) from the variants as saved. */
export async function refreshSummary(ctx: Ctx, productId: string, productActive: boolean): Promise<void> {
  const rows = await ctx.db
    .selectFrom('variants')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('product_id', '=', productId)
    .orderBy('position')
    .execute();
  const summary = summarizeVariants(productActive, rows.map(stockFacts));
  await ctx.db
    .updateTable('products')
    .set({
      listed: summary.listed,
      min_price: summary.minPrice,
      price_unit: summary.priceUnit,
      sold_out_until: summary.soldOutUntil,
      updated_at: new Date(),
    })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', productId)
    .execute();
}

/** The seller's quick edit for the day: price, counted stock, "sold out today", on/off. */
export async function updateVariant(ctx: Ctx, variantId: string, edit: VariantQuickEdit): Promise<SellerProduct> {
  return inTransaction(ctx, async (tx) => {
    const variant = await tx.db
      .selectFrom('variants')
      .selectAll()
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', variantId)
      .executeTakeFirst();
    if (!variant) throw new AppError('not_found');
    // Locks the product: two quick edits of one product cannot both recompute its summary from stale rows.
    const product = await tx.db
      .selectFrom('products')
      .select(['seller_id', 'active'])
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', variant.product_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const seller = await managedSeller(tx, product.seller_id, 'not_found');
    if (edit.soldOut !== undefined && variant.stock_mode === 'counted') throw fieldError('soldOut', 'stock_is_counted');
    if (edit.stockMilli !== undefined && variant.stock_mode === 'daily') throw fieldError('stockMilli', 'stock_is_daily');

    await tx.db
      .updateTable('variants')
      .set({
        price: edit.price,
        stock_milli: edit.stockMilli,
        sold_out_on: edit.soldOut === undefined ? undefined : edit.soldOut ? todayIn(tx.tenant.timeZone) : null,
        active: edit.active,
        updated_at: new Date(),
      })
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', variant.id)
      .execute();
    if (edit.price !== undefined && BigInt(edit.price) !== variant.price) {
      await recordPrice(tx, { ...variant, price: BigInt(edit.price) });
    }
    await refreshSummary(tx, variant.product_id, product.active);
    await auditOnBehalf(tx, seller, 'variant.update', variant.product_id, { variantId: variant.id, ...edit });
    return getSellerProduct(tx, variant.product_id);
  });
}
