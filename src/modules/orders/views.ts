import type { Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { OrderView } from './schemas.ts';

/** The signed-in buyer; carts and orders are theirs only. */
export function buyerOf(ctx: Ctx): string {
  if (!ctx.actor) throw new AppError('unauthenticated');
  return ctx.actor.userId;
}

const toNumber = (value: string | null) => (value === null ? null : Number(value));

/** One of the buyer's own orders; another buyer's or another tenant's is not found. */
export async function getOrder(ctx: Ctx, orderId: string): Promise<OrderView> {
  const order = await ctx.db
    .selectFrom('orders')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', orderId)
    .where('buyer_user_id', '=', buyerOf(ctx))
    .executeTakeFirst();
  if (!order) throw new AppError('not_found');
  const [lines, fulfilments] = await Promise.all([
    ctx.db
      .selectFrom('order_lines')
      .selectAll()
      .where('tenant_id', '=', ctx.tenant.id)
      .where('order_id', '=', orderId)
      .orderBy('position')
      .execute(),
    ctx.db
      .selectFrom('fulfilments')
      .select(['id', 'seller_id', 'method', 'status'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where('order_id', '=', orderId)
      .orderBy('seller_id')
      .execute(),
  ]);
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    programId: order.program_id,
    goodsTotal: Number(order.goods_total),
    deliveryFee: Number(order.delivery_fee),
    total: Number(order.total),
    address: order.address,
    areaCode: order.area_code,
    lat: toNumber(order.lat),
    lng: toNumber(order.lng),
    notes: order.notes,
    reservedUntil: order.reserved_until.toISOString(),
    createdAt: order.created_at.toISOString(),
    lines: lines.map((line) => ({
      variantId: line.variant_id,
      sellerId: line.seller_id,
      productTitle: line.product_title,
      variantName: line.variant_name,
      unit: line.unit,
      unitPrice: Number(line.unit_price),
      quantityMilli: line.quantity_milli,
      lineTotal: Number(line.line_total),
      finalQuantityMilli: line.final_quantity_milli,
      finalLineTotal: line.final_line_total === null ? null : Number(line.final_line_total),
    })),
    fulfilments: fulfilments.map((f) => ({ id: f.id, sellerId: f.seller_id, method: f.method, status: f.status })),
  };
}
