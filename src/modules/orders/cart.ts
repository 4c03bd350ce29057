import { type Ctx, inTransaction } from '../../http/context.ts';
import { fieldError } from '../../http/errors.ts';
import { sha256 } from '../../shared/crypto.ts';
import { newId } from '../../shared/ids.ts';
import { formatQuantity, isOrderableQuantity, linePrice } from '../../shared/quantity.ts';
import { findOrderableVariants, inStockToday, type OrderableVariant } from '../catalog/reservations.ts';
import type { CartLineInput, CartView } from './schemas.ts';

// One cart per buyer per tenant, or per guest browser (a random token in a cookie, stored
// hashed). Stock is not held here, only at checkout. A guest's cart joins the buyer's cart
// when they sign in.

/** Whose cart: a signed-in user, or a guest browser's token. */
export type CartOwner = { userId: string } | { guestToken: string };

function ownerColumns(owner: CartOwner) {
  return 'userId' in owner
    ? { column: 'user_id' as const, value: owner.userId }
    : { column: 'guest_token_hash' as const, value: sha256(owner.guestToken) };
}

/** The owner's cart id; `forUpdate` makes a double-clicked checkout order once. */
export async function findCartId(ctx: Ctx, owner: CartOwner, forUpdate = false): Promise<string | undefined> {
  const { column, value } = ownerColumns(owner);
  let query = ctx.db.selectFrom('carts').select('id').where('tenant_id', '=', ctx.tenant.id).where(column, '=', value);
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

export async function getCart(ctx: Ctx, owner: CartOwner): Promise<CartView> {
  const cartId = await findCartId(ctx, owner);
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
        productId: variant.product_id,
        sellerId: variant.sellerId,
        sellerName: variant.sellerName,
        stepMilli: variant.step_milli,
        minimumMilli: variant.minimum_milli,
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

/** The owner's cart id, created the first time; two first adds at once (two tabs) end in one cart. */
async function ensureCart(ctx: Ctx, owner: CartOwner): Promise<string> {
  const { column, value } = ownerColumns(owner);
  const { id } = await ctx.db
    .insertInto('carts')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId('crt'),
      user_id: column === 'user_id' ? value : null,
      guest_token_hash: column === 'guest_token_hash' ? value : null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', column]).doUpdateSet({ updated_at: new Date() }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function putLine(ctx: Ctx, cartId: string, variantId: string, quantityMilli: number) {
  await ctx.db
    .insertInto('cart_lines')
    .values({ tenant_id: ctx.tenant.id, cart_id: cartId, variant_id: variantId, quantity_milli: quantityMilli })
    .onConflict((oc) => oc.columns(['tenant_id', 'cart_id', 'variant_id']).doUpdateSet({ quantity_milli: quantityMilli }))
    .execute();
}

/** Sets how much of a variant is in the cart; 0 removes it. Checked before anything is written. */
export async function setCartLine(ctx: Ctx, owner: CartOwner, input: CartLineInput): Promise<CartView> {
  if (input.quantityMilli > 0) {
    const variant = (await findOrderableVariants(ctx, [input.variantId])).get(input.variantId);
    const problem = checkQuantity(variant, input.quantityMilli);
    if (problem) throw problem;
  }
  await inTransaction(ctx, async (tx) => {
    if (input.quantityMilli === 0) {
      const cartId = await findCartId(tx, owner);
      if (!cartId) return;
      await tx.db
        .deleteFrom('cart_lines')
        .where('tenant_id', '=', tx.tenant.id)
        .where('cart_id', '=', cartId)
        .where('variant_id', '=', input.variantId)
        .execute();
      return;
    }
    await putLine(tx, await ensureCart(tx, owner), input.variantId, input.quantityMilli);
  });
  return getCart(ctx, owner);
}

/**
 * Moves a guest browser's cart into the signed-in buyer's cart (after sign-in); for a variant in
 * both, the larger quantity stays. The guest cart is then gone.
 */
export async function mergeGuestCart(ctx: Ctx, guestToken: string, userId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const guestCartId = await findCartId(tx, { guestToken }, true);
    if (!guestCartId) return;
    const guestLines = await cartLines(tx, guestCartId);
    if (guestLines.length > 0) {
      const cartId = await ensureCart(tx, { userId });
      const existing = new Map((await cartLines(tx, cartId)).map((l) => [l.variant_id, l.quantity_milli]));
      for (const line of guestLines) {
        await putLine(tx, cartId, line.variant_id, Math.max(line.quantity_milli, existing.get(line.variant_id) ?? 0));
      }
    }
    await tx.db.deleteFrom('carts').where('tenant_id', '=', tx.tenant.id).where('id', '=', guestCartId).execute();
  });
}

/**
 * Puts an earlier order's lines back in the buyer's cart at today's prices. Lines no longer
 * sold, or whose quantity no longer fits the variant's steps, are skipped and named.
 */
export async function reorder(
  ctx: Ctx,
  owner: CartOwner,
  lines: { variantId: string; productTitle: string; quantityMilli: number }[],
): Promise<{ cart: CartView; skipped: string[] }> {
  const variants = await findOrderableVariants(
    ctx,
    lines.map((l) => l.variantId),
  );
  const fitting = lines.filter((l) => checkQuantity(variants.get(l.variantId), l.quantityMilli) === null);
  await inTransaction(ctx, async (tx) => {
    if (fitting.length === 0) return;
    const cartId = await ensureCart(tx, owner);
    for (const line of fitting) await putLine(tx, cartId, line.variantId, line.quantityMilli);
  });
  const skipped = lines.filter((l) => !fitting.includes(l)).map((l) => l.productTitle);
  return { cart: await getCart(ctx, owner), skipped };
}
