import { z } from 'zod';
import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { GRAMS_PER_UNIT, UNITS, type Unit } from '../../shared/quantity.ts';
import { listProducts } from '../catalog/listing.ts';
import { findOrderableVariants, inStockToday, type OrderableVariant } from '../catalog/reservations.ts';
import type { ProductCard } from '../catalog/schemas.ts';
import { ensureUser, grantRole, requireMobile } from '../identity/users.ts';
import { findConversation } from '../messaging/console.ts';
import { startPayment } from '../payments/service.ts';
import { placeOrder } from './checkout.ts';
import { notifyOrderPlaced } from './notifications.ts';
import { checkoutInput, type OrderView } from './schemas.ts';
import { parseShoppingList, type ShoppingLine } from './shopping-list.ts';
import { getOrderForStaff } from './views.ts';

// A CS agent turns a customer's WhatsApp message into an order: the shopping list is parsed and
// each item matched against the program's catalogue (typos and regional names included), then
// the agent places the order for the customer's phone, as checkout would for their cart.

const id = z.string().trim().min(1).max(40);

/** Products searched per item; after preferring one market, the best few variants are offered. */
const CANDIDATES = 12;
const MAX_MATCHES = 4;

export const parseInput = z.strictObject({
  text: z.string().min(1).max(4096),
  marketId: id.optional().describe('Prefer this market’s goods; default: the market whose sellers match most items'),
});

export const catalogMatch = z.object({
  variantId: z.string(),
  productId: z.string(),
  productTitle: z.string(),
  variantName: z.string(),
  sellerId: z.string(),
  sellerName: z.string(),
  unit: z.enum(UNITS),
  price: z.number(),
  stepMilli: z.number(),
  minimumMilli: z.number(),
});
export type CatalogMatch = z.infer<typeof catalogMatch>;

export const parsedLine = z.object({
  text: z.string(),
  name: z.string().nullable(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
  grams: z.number().nullable(),
  amountRupiah: z.number().nullable(),
  note: z.string().nullable(),
  /** Best first; empty for notes and items nothing in the catalogue matches. */
  matches: z.array(catalogMatch),
  /** The item's amount in thousandths of the best match's unit, null when it does not convert. */
  suggestedQuantityMilli: z.number().nullable(),
});
export type ParsedLine = z.infer<typeof parsedLine>;

export const parseResult = z.object({ marketId: z.string().nullable(), lines: z.array(parsedLine) });
export type ParseResult = z.infer<typeof parseResult>;

export const chatOrderInput = checkoutInput.extend({
  lines: z
    .array(
      z.strictObject({
        variantId: id,
        quantityMilli: z.number().int('quantity_not_whole').min(1).max(1_000_000_000),
      }),
    )
    .min(1)
    .max(50)
    .refine((lines) => new Set(lines.map((l) => l.variantId)).size === lines.length, { message: 'duplicate_line' }),
  paymentMethod: z.enum(['qris', 'transfer', 'cod']),
});
export type ChatOrderInput = z.infer<typeof chatOrderInput>;

/** Units a buyer counts in, and the units of sale each may mean ("10 biji" of eggs sold by the butir). */
const SAME_COUNT: Record<string, Unit[]> = { biji: ['pcs', 'butir'], buah: ['pcs'], butir: ['butir', 'pcs'], pcs: ['pcs', 'butir'] };

/** The line's quantity in thousandths of `unit`, before fitting to steps; null when they do not convert. */
function quantityIn(line: ShoppingLine, unit: Unit): number | null {
  if (line.grams !== null) {
    const gramsPerUnit = GRAMS_PER_UNIT[unit];
    return gramsPerUnit ? (line.grams * 1000) / gramsPerUnit : null;
  }
  if (line.quantity === null) return null;
  // "kangkung 2": two of whatever the seller sells it by.
  if (line.unit === null || (SAME_COUNT[line.unit] ?? [line.unit]).includes(unit)) return line.quantity * 1000;
  return null;
}

/**
 * How much of a variant the line asks for, in thousandths of its unit: the quantity converted,
 * or what the money buys rounded down to a step (at least the minimum); null when unknown.
 */
export function suggestQuantity(
  line: ShoppingLine,
  variant: { unit: Unit; price: bigint; step_milli: number; minimum_milli: number },
): number | null {
  const quantity = quantityIn(line, variant.unit);
  if (quantity !== null) return Math.round(quantity);
  if (line.amount_rupiah === null) return null;
  const affordable = Math.floor((line.amount_rupiah * 1000) / Number(variant.price));
  return Math.max(variant.minimum_milli, affordable - (affordable % variant.step_milli));
}

/** The market most items have a match in (the first such on a tie), or null when no match is a market's. */
function busiestMarket(found: ProductCard[][]): string | null {
  const items = new Map<string, number>();
  for (const cards of found) {
    for (const marketId of new Set(cards.flatMap((card) => (card.market ? [card.market.id] : [])))) {
      items.set(marketId, (items.get(marketId) ?? 0) + 1);
    }
  }
  let busiest: string | null = null;
  for (const [marketId, count] of items) if (busiest === null || count > (items.get(busiest) ?? 0)) busiest = marketId;
  return busiest;
}

/** The orderable, in-stock variants of these products, by product, in each product's own order. */
async function variantsOf(ctx: Ctx, productIds: string[]): Promise<Map<string, OrderableVariant[]>> {
  const rows =
    productIds.length === 0
      ? []
      : await ctx.db
          .selectFrom('variants')
          .select('id')
          .where('tenant_id', '=', ctx.tenant.id)
          .where('product_id', 'in', productIds)
          .where('active', '=', true)
          .orderBy('product_id')
          .orderBy('position')
          .execute();
  const variants = await findOrderableVariants(
    ctx,
    rows.map((r) => r.id),
  );
  const byProduct = new Map<string, OrderableVariant[]>();
  for (const { id: variantId } of rows) {
    const variant = variants.get(variantId);
    if (!variant?.orderable || !inStockToday(ctx, variant)) continue;
    byProduct.set(variant.product_id, [...(byProduct.get(variant.product_id) ?? []), variant]);
  }
  return byProduct;
}

function toMatch(variant: OrderableVariant): CatalogMatch {
  return {
    variantId: variant.id,
    productId: variant.product_id,
    productTitle: variant.productTitle,
    variantName: variant.name,
    sellerId: variant.sellerId,
    sellerName: variant.sellerName,
    unit: variant.unit,
    price: Number(variant.price),
    stepMilli: variant.step_milli,
    minimumMilli: variant.minimum_milli,
  };
}

/**
 * The message's items with their catalogue matches in the conversation's program, best first:
 * the preferred market's goods first, then by search relevance, and within a product the
 * variants the item's amount converts to first.
 */
export async function parseChatOrder(ctx: Ctx, conversationId: string, input: z.infer<typeof parseInput>): Promise<ParseResult> {
  const conversation = await findConversation(ctx, conversationId);
  if (input.marketId !== undefined) {
    const market = await ctx.db
      .selectFrom('markets')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', input.marketId)
      .executeTakeFirst();
    if (!market) throw fieldError('marketId', 'unknown_market');
  }
  const lines = parseShoppingList(input.text);
  const found = await Promise.all(
    lines.map(async (line) =>
      line.name
        ? (await listProducts(ctx, { q: line.name, programId: conversation.program_id, inStock: true, limit: CANDIDATES })).products
        : [],
    ),
  );
  const marketId = input.marketId ?? busiestMarket(found);
  const variants = await variantsOf(ctx, [...new Set(found.flat().map((card) => card.id))]);

  return {
    marketId,
    lines: lines.map((line, index) => {
      const cards = [...(found[index] ?? [])].sort((a, b) => Number(b.market?.id === marketId) - Number(a.market?.id === marketId));
      const converts = (variant: OrderableVariant) => Number(suggestQuantity(line, variant) !== null);
      const best = cards
        .flatMap((card) => [...(variants.get(card.id) ?? [])].sort((a, b) => converts(b) - converts(a)))
        .slice(0, MAX_MATCHES);
      return {
        text: line.text,
        name: line.name,
        quantity: line.quantity,
        unit: line.unit,
        grams: line.grams,
        amountRupiah: line.amount_rupiah,
        note: line.note,
        matches: best.map(toMatch),
        suggestedQuantityMilli: best[0] ? suggestQuantity(line, best[0]) : null,
      };
    }),
  };
}

/** startPayment's field is `method`; the CS form calls it `paymentMethod`. */
function asPaymentMethodField(error: unknown): never {
  if (error instanceof AppError && error.details.some((d) => d.field === 'method')) {
    throw new AppError(error.code, {
      params: error.params,
      details: error.details.map((d) => (d.field === 'method' ? { ...d, field: 'paymentMethod' } : d)),
    });
  }
  throw error;
}

/**
 * Orders for the conversation's customer, as checkout would for their cart (same stock
 * reservation, fees, titip and checks) but from the agent's lines, leaving the customer's web
 * cart alone. The buyer is the account of the conversation's phone, created if there is none.
 * The order, its first event (by the agent), its payment and the summary to the buyer's chat
 * are one transaction; the caller wakes the outbox after it.
 */
export async function placeChatOrder(ctx: Ctx, conversationId: string, input: ChatOrderInput): Promise<OrderView> {
  const conversation = await findConversation(ctx, conversationId);
  const phone = requireMobile(conversation.phone);
  const { paymentMethod, ...order } = input;
  const orderId = await inTransaction(ctx, async (tx) => {
    const buyer = await ensureUser(tx.db, phone, conversation.customer_name);
    await grantRole(tx.db, tx.tenant.id, buyer.id, 'buyer');
    const placed = await placeOrder(tx, { ...order, buyerId: buyer.id, programId: conversation.program_id });
    // startPayment serves buyers paying their own order, so it runs in the name of the buyer the agent orders for.
    // No card gateway: the agent offers QRIS, transfer or cash on delivery.
    const asBuyer: Ctx = { ...tx, actor: { userId: buyer.id, name: buyer.name, phone: buyer.phone, roles: ['buyer'], sessionId: '' } };
    await startPayment(asBuyer, { orderId: placed, method: paymentMethod }, null).catch(asPaymentMethodField);
    await notifyOrderPlaced(tx, placed);
    return placed;
  });
  return getOrderForStaff(ctx, orderId);
}
