import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, type FieldIssue, fieldError } from '../../http/errors.ts';
import type { MessageCode } from '../../http/messages.ts';
import { areaProblem } from '../../shared/areas.ts';
import { formatRupiah } from '../../shared/format.ts';
import { newId } from '../../shared/ids.ts';
import { linePrice } from '../../shared/quantity.ts';
import {
  findOrderableVariants,
  type OrderableVariant,
  type Reservation,
  type ReserveFailure,
  reserveStock,
} from '../catalog/reservations.ts';
import { requireDeliveryFee, tripMarket } from '../delivery/quote.ts';
import { deliveryDay } from '../delivery/schedule.ts';
import { cartLines, findCartId } from './cart.ts';
import { nextOrderNumber } from './numbers.ts';
import type { CheckoutInput, OrderView, TitipInput } from './schemas.ts';
import { recordOrderEvent } from './states.ts';
import type { FulfilmentMethod } from './tables.ts';
import { buyerOf, getOrder } from './views.ts';

const FAILURE_CODES: Record<ReserveFailure, MessageCode> = {
  out_of_stock: 'out_of_stock',
  off_step: 'quantity_not_orderable',
  unavailable: 'variant_unavailable',
};

interface ReservedLine {
  variant: OrderableVariant;
  quantityMilli: number;
}

/** One line of a new order: a catalogue variant and how much of it. */
export interface OrderLineInput {
  variantId: string;
  quantityMilli: number;
}

/**
 * Takes stock for every line; if any line fails, throws with every failed line (the caller's
 * rollback releases the rest). With `programId`, another program's goods count as unavailable.
 */
async function reserveLines(ctx: Ctx, lines: OrderLineInput[], programId: string | undefined): Promise<ReservedLine[]> {
  if (lines.length === 0) throw new AppError('cart_empty');
  // Variant id order: concurrent orders lock the same stock rows in the same order, so they cannot deadlock.
  const sorted = [...lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
  const variants = await findOrderableVariants(
    ctx,
    sorted.map((line) => line.variantId),
  );
  const reserved: ReservedLine[] = [];
  const issues: FieldIssue[] = [];
  for (const line of sorted) {
    const variant = variants.get(line.variantId);
    const ofProgram = programId === undefined || variant?.programId === programId;
    const result: Reservation =
      variant && ofProgram ? await reserveStock(ctx, line.variantId, line.quantityMilli, variant) : { ok: false, reason: 'unavailable' };
    if (result.ok) reserved.push({ variant: result.variant, quantityMilli: line.quantityMilli });
    else issues.push({ field: `lines.${line.variantId}`, code: FAILURE_CODES[result.reason] });
  }
  if (issues.length > 0) throw new AppError('stock_unavailable', { details: issues });
  return reserved;
}

/** One method for every seller in the order; methods for sellers no longer in the cart are ignored. */
function fulfilmentsFor(reserved: ReservedLine[], chosen: CheckoutInput['fulfilment']) {
  const sellerIds = [...new Set(reserved.map((line) => line.variant.sellerId))].sort();
  const missing = sellerIds.filter((sellerId) => !Object.hasOwn(chosen, sellerId));
  if (missing.length > 0) {
    throw new AppError('validation_failed', {
      details: missing.map((sellerId) => ({ field: `fulfilment.${sellerId}`, code: 'required' })),
    });
  }
  return sellerIds.map((sellerId) => ({ sellerId, method: chosen[sellerId] as FulfilmentMethod }));
}

/**
 * Titip lines ride along a market trip: the program must take them, every delivered part must
 * come from one market, and each cap stays under the program's maximum.
 */
function checkTitip(
  requests: TitipInput[],
  program: { titip_enabled: boolean; titip_max_cap: bigint },
  market: { id: string } | null,
): void {
  if (requests.length === 0) return;
  if (!program.titip_enabled) throw fieldError('requests', 'titip_disabled');
  if (!market) throw fieldError('requests', 'titip_needs_market_trip');
  const over = requests.findIndex((r) => BigInt(r.cap) > program.titip_max_cap);
  if (over >= 0) throw fieldError(`requests.${over}.cap`, 'titip_over_max', { maximum: formatRupiah(program.titip_max_cap) });
}

/** A new order: whose, what, and the checkout form's delivery and fulfilment choices. */
export interface NewOrder extends CheckoutInput {
  buyerId: string;
  lines: OrderLineInput[];
  /** Only this program's goods may be ordered (CS ordering through a program's number). */
  programId?: string;
}

/**
 * Places an order awaiting payment, in one transaction (the caller's, if any): reserves every
 * line's stock, numbers the order, writes its lines (priced once per line), one fulfilment per
 * seller and the first event (by ctx.actor). Any failure leaves nothing reserved. Returns its id.
 */
export async function placeOrder(ctx: Ctx, order: NewOrder): Promise<string> {
  const areaIssue = areaProblem(order.areaCode, ctx.tenant.areaCode);
  if (areaIssue) throw fieldError('areaCode', areaIssue, { regency: ctx.tenant.name });
  return inTransaction(ctx, async (tx) => {
    const reserved = await reserveLines(tx, order.lines, order.programId);
    const programIds = new Set(reserved.map((line) => line.variant.programId));
    if (programIds.size > 1) throw fieldError('cart', 'mixed_programs');
    const fulfilments = fulfilmentsFor(reserved, order.fulfilment);

    const programId = reserved[0]?.variant.programId as string;
    const program = await tx.db
      .selectFrom('programs')
      // Added by the orders migration; the tenancy module's table type does not know it.
      .select(['slug', 'payment_timeout_minutes as timeoutMinutes', 'titip_enabled', 'titip_max_cap', 'shopping_fee'])
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', programId)
      .executeTakeFirstOrThrow();
    const now = new Date();
    const id = newId('ord');
    const lines = reserved.map(({ variant, quantityMilli }, position) => ({
      tenant_id: tx.tenant.id,
      order_id: id,
      position,
      variant_id: variant.id,
      seller_id: variant.sellerId,
      product_title: variant.productTitle,
      variant_name: variant.name,
      unit: variant.unit,
      unit_price: variant.price,
      quantity_milli: quantityMilli,
      line_total: linePrice(variant.price, quantityMilli),
    }));
    // The fee shown before checkout, fixed on the order now.
    const delivered = fulfilments.filter((f) => f.method === 'delivery').map((f) => f.sellerId);
    const market = delivered.length > 0 ? await tripMarket(tx, delivered) : null;
    checkTitip(order.requests, program, market);
    // The buyer pays each titip line's cap now; what the shopper does not spend comes back.
    const titipLines = order.requests.map((request, index) => ({
      tenant_id: tx.tenant.id,
      order_id: id,
      position: lines.length + index,
      kind: 'request' as const,
      variant_id: null,
      seller_id: null,
      product_title: request.text,
      variant_name: '',
      unit: 'pcs' as const,
      unit_price: BigInt(request.cap),
      quantity_milli: 1000,
      line_total: BigInt(request.cap),
      estimate: request.estimate,
    }));
    const goodsTotal = [...lines, ...titipLines].reduce((sum, line) => sum + line.line_total, 0n);
    const delivery =
      delivered.length > 0
        ? await requireDeliveryFee(tx, {
            programId,
            sellerIds: delivered,
            point: order.lat !== undefined && order.lng !== undefined ? { lat: order.lat, lng: order.lng } : null,
            areaCode: order.areaCode,
          })
        : { fee: 0n, distanceM: null };

    // A shopper goes from stall to stall only on a market trip.
    const shoppingFee = market ? program.shopping_fee : 0n;
    await tx.db
      .insertInto('orders')
      .values({
        tenant_id: tx.tenant.id,
        id,
        // Numbered last (below): the tenant's counter row is then locked only until commit.
        number: id,
        buyer_user_id: order.buyerId,
        program_id: programId,
        status: 'awaiting_payment',
        goods_total: goodsTotal,
        delivery_fee: delivery.fee,
        shopping_fee: shoppingFee,
        total: goodsTotal + delivery.fee + shoppingFee,
        delivery_distance_m: delivery.distanceM,
        deliver_on: market ? deliveryDay(market, tx.tenant.timeZone, now) : null,
        address: order.address,
        area_code: order.areaCode,
        lat: order.lat ?? null,
        lng: order.lng ?? null,
        notes: order.notes,
        reserved_until: new Date(now.getTime() + program.timeoutMinutes * 60_000),
      })
      .execute();
    await tx.db
      .insertInto('order_lines')
      .values([...lines, ...titipLines])
      .execute();
    await tx.db
      .insertInto('fulfilments')
      .values(
        fulfilments.map((f) => ({ tenant_id: tx.tenant.id, id: newId('ful'), order_id: id, seller_id: f.sellerId, method: f.method })),
      )
      .execute();
    await recordOrderEvent(tx, { orderId: id, from: null, to: 'awaiting_payment' });
    const number = await nextOrderNumber(tx, program.slug, now);
    await tx.db.updateTable('orders').set({ number }).where('tenant_id', '=', tx.tenant.id).where('id', '=', id).execute();
    return id;
  });
}

/** Turns the buyer's cart into an order awaiting payment (see placeOrder); the cart is emptied, or kept as it was on any failure. */
export async function checkout(ctx: Ctx, input: CheckoutInput): Promise<OrderView> {
  const buyerId = buyerOf(ctx);
  const orderId = await inTransaction(ctx, async (tx) => {
    const cartId = await findCartId(tx, { userId: buyerId }, true);
    if (!cartId) throw new AppError('cart_empty');
    const lines = await cartLines(tx, cartId);
    // Emptied first: a failed order rolls this back, and the order number stays the last lock taken.
    await tx.db.deleteFrom('cart_lines').where('tenant_id', '=', tx.tenant.id).where('cart_id', '=', cartId).execute();
    return placeOrder(tx, { ...input, buyerId, lines: lines.map((l) => ({ variantId: l.variant_id, quantityMilli: l.quantity_milli })) });
  });
  return getOrder(ctx, orderId);
}
