import { type Ctx, inTransaction } from '../../http/context.ts';
import { fieldError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { formatQuantity, isOrderableQuantity, linePrice } from '../../shared/quantity.ts';
import { findOrderableVariants, inStockToday, type OrderableVariant } from '../catalog/reservations.ts';
import type { CartLineInput, CartView } from './schemas.ts';
import { buyerOf } from './views.ts';

// The signed-in buyer's cart: one per buyer per tenant. Stock is not held here, only at checkout.

/** The buyer's cart id; `forUpdate` makes a double-clicked checkout order once. */
export async function findCartId(ctx: Ctx, userId: string, forUpdate = false): Promise<string | undefined> {
  let query = ctx.db.selectFrom('carts').select('id').where('tenant_id', '=', ctx.tenant.id).where('user_id', '=', userId);
  if (forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst())?.id;
}

/** The cart's lines in variant id order: the order checkout locks stock rows in. */
export async function cartLines(ctx: Ctx, cartId: string) {
  return ctx.db
    .selectFrom('cart_lines')
    .select(['variant_id', 'quantity_milli'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('cart_id', '=', cartId)
    .orderBy('variant_id')
    .execute();
}

/** Why a buyer may not put this quantity of this variant in a cart, as a field-level 400. */
function checkQuantity(variant: OrderableVariant | undefined, quantityMilli: number) {
  if (!variant?.orderable) return fieldError('variantId', 'variant_unavailable');
  if (!isOrderableQuantity(quantityMilli, variant.step_milli, variant.minimum_milli)) {
    return fieldError('quantityMilli', 'quantity_not_orderable', {
      minimum: formatQuantity(variant.minimum_milli),
      step: formatQuantity(variant.step_milli),
      unit: variant.unit,
    });
  }
  return null;
}

export async function getCart(ctx: Ctx): Promise<CartView> {
  const cartId = await findCartId(ctx, buyerOf(ctx));
  const rows = cartId ? await cartLines(ctx, cartId) : [];
  const variants = await findOrderableVariants(
    ctx,
    rows.map((r) => r.variant_id),
  );
  const lines = rows.flatMap((row) => {
    const variant = variants.get(row.variant_id);
    if (!variant) return [];
    return [
      {
        variantId: variant.id,
        sellerId: variant.sellerId,
        productTitle: variant.productTitle,
        variantName: variant.name,
        unit: variant.unit,
        unitPrice: Number(variant.price),
        quantityMilli: row.quantity_milli,
        lineTotal: Number(linePrice(variant.price, row.quantity_milli)),
        available: variant.orderable && inStockToday(ctx, variant),
      },
    ];
  });
  return { lines, goodsTotal: lines.reduce((sum, line) => sum + line.lineTotal, 0) };
}

/** Sets how much of a variant is in the cart; 0 removes it. Checked before anything is written. */
export async function setCartLine(ctx: Ctx, input: CartLineInput): Promise<CartView> {
  const userId = buyerOf(ctx);
  if (input.quantityMilli > 0) {
    const variant = (await findOrderableVariants(ctx, [input.variantId])).get(input.variantId);
    const problem = checkQuantity(variant, input.quantityMilli);
    if (problem) throw problem;
  }
  await inTransaction(ctx, async (tx) => {
    if (input.quantityMilli === 0) {
      const cartId = await findCartId(tx, userId);
      if (!cartId) return;
      await tx.db
        .deleteFrom('cart_lines')
        .where('tenant_id', '=', tx.tenant.id)
        .where('cart_id', '=', cartId)
        .where('variant_id', '=', input.variantId)
        .execute();
      return;
    }
    // Two first adds at once (two tabs) must end in one cart, not a unique violation.
    const { id: cartId } = await tx.db
      .insertInto('carts')
      .values({ tenant_id: tx.tenant.id, id: newId('crt'), user_id: userId, guest_token_hash: null })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ updated_at: new Date() }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db
      .insertInto('cart_lines')
      .values({ tenant_id: tx.tenant.id, cart_id: cartId, variant_id: input.variantId, quantity_milli: input.quantityMilli })
      .onConflict((oc) => oc.columns(['tenant_id', 'cart_id', 'variant_id']).doUpdateSet({ quantity_milli: input.quantityMilli }))
      .execute();
  });
  return getCart(ctx);
}
