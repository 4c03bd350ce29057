import { sql } from 'kysely';
import type { Ctx } from '../../http/context.ts';
import type { SellerFulfilmentView } from './schemas.ts';
import type { OrderStatus } from './tables.ts';
import { paymentOf } from './views.ts';

type Tab = 'new' | 'active' | 'done';
const ENDED: OrderStatus[] = ['delivered', 'completed', 'cancelled', 'rejected', 'expired'];

/** The parts of orders for these sellers in a tab, newest first (at most 100). */
export async function sellerFulfilments(ctx: Ctx, sellerIds: string[], tab: Tab): Promise<SellerFulfilmentView[]> {
  if (sellerIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('fulfilments as f')
    .innerJoin('orders as o', (join) => join.onRef('o.tenant_id', '=', 'f.tenant_id').onRef('o.id', '=', 'f.order_id'))
    .innerJoin('users as u', 'u.id', 'o.buyer_user_id')
    .select([
      'f.id',
      'f.order_id',
      'f.seller_id',
      'f.method',
      'f.status',
      'f.reason',
      'f.created_at',
      'o.number',
      'o.status as order_status',
      'o.address',
      'o.notes',
      'u.name as buyer_name',
      'u.phone as buyer_phone',
    ])
    .select((eb) =>
      eb
        .selectFrom('payments as p')
        .select(sql<string>`p.method || ' ' || p.status`.as('m'))
        .whereRef('p.tenant_id', '=', 'o.tenant_id')
        .whereRef('p.order_id', '=', 'o.id')
        .orderBy('p.created_at', 'desc')
        .limit(1)
        .as('payment'),
    )
    .where('f.tenant_id', '=', ctx.tenant.id)
    .where('f.seller_id', 'in', sellerIds)
    // new: waiting for my decision on a paid (or cash on delivery) order; active: accepted or
    // ready; done: handed over or rejected, or the order ended. Unpaid orders are not shown.
    .where((eb) => {
      if (tab === 'new') return eb.and([eb('f.status', '=', 'pending'), eb('o.status', '=', 'confirmed')]);
      if (tab === 'active') return eb.and([eb('f.status', 'in', ['accepted', 'ready']), eb('o.status', 'not in', ENDED)]);
      return eb.or([eb('f.status', 'in', ['delivered', 'rejected']), eb('o.status', 'in', ENDED)]);
    })
    .orderBy('f.created_at', 'desc')
    .limit(100)
    .execute();
  if (rows.length === 0) return [];
  const lines = await ctx.db
    .selectFrom('order_lines')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where(
      'order_id',
      'in',
      rows.map((r) => r.order_id),
    )
    .where('seller_id', 'in', sellerIds)
    .orderBy('position')
    .execute();
  return rows.map((row) => {
    const own = lines
      .filter((l) => l.order_id === row.order_id && l.seller_id === row.seller_id)
      .map((l) => ({
        // Only catalogue lines have a seller.
        variantId: l.variant_id ?? '',
        sellerId: row.seller_id,
        productTitle: l.product_title,
        variantName: l.variant_name,
        unit: l.unit,
        unitPrice: Number(l.unit_price),
        quantityMilli: l.final_quantity_milli ?? l.quantity_milli,
        lineTotal: Number(l.final_line_total ?? l.line_total),
      }));
    return {
      id: row.id,
      orderId: row.order_id,
      orderNumber: row.number,
      orderStatus: row.order_status,
      sellerId: row.seller_id,
      method: row.method,
      status: row.status,
      reason: row.reason,
      createdAt: row.created_at.toISOString(),
      buyerName: row.buyer_name,
      buyerPhone: row.buyer_phone,
      address: row.method === 'seller_shipping' ? row.address : null,
      notes: row.notes,
      lines: own,
      goodsTotal: own.reduce((sum, l) => sum + l.lineTotal, 0),
      ...paymentOf(row.payment),
    };
  });
}
