import { type Selectable, sql } from 'kysely';
import type { Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { MAX_CODE_ATTEMPTS } from '../delivery/tables.ts';
import { mediaUrls } from '../media/service.ts';
import { paymentView, refundView } from '../payments/views.ts';
import { stallLabel } from '../sellers/lookup.ts';
import type { OrderSummary, OrderView } from './schemas.ts';
import { buyerMayCancel } from './states.ts';
import type { OrderLinesTable, OrderStatus, OrdersTable } from './tables.ts';

/** The signed-in buyer; carts and orders are theirs only. */
export function buyerOf(ctx: Ctx): string {
  if (!ctx.actor) throw new AppError('unauthenticated');
  return ctx.actor.userId;
}

const toNumber = (value: string | null) => (value === null ? null : Number(value));
const rupiahOrNull = (value: bigint | null) => (value === null ? null : Number(value));

/** The market-trip fields of an order line (see marketLineFields), for buyers, staff and the shopper. */
export function marketLineOf(
  line: Pick<
    Selectable<OrderLinesTable>,
    | 'kind'
    | 'estimate'
    | 'reweigh_status'
    | 'final_quantity_milli'
    | 'final_line_total'
    | 'proposed_quantity_milli'
    | 'proposed_line_total'
    | 'decide_by'
    | 'proposed_name'
    | 'substitute_name'
  >,
) {
  return {
    kind: line.kind,
    estimate: rupiahOrNull(line.estimate),
    reweighStatus: line.reweigh_status,
    finalQuantityMilli: line.final_quantity_milli,
    finalLineTotal: rupiahOrNull(line.final_line_total),
    proposedQuantityMilli: line.proposed_quantity_milli,
    proposedLineTotal: rupiahOrNull(line.proposed_line_total),
    decideBy: line.decide_by?.toISOString() ?? null,
    proposedName: line.proposed_name,
    substituteName: line.substitute_name,
  };
}

/** Everything about one order: lines, parts per seller, payment, refunds, timeline and rating. */
async function orderViewOf(ctx: Ctx, order: Selectable<OrdersTable>, audience: 'buyer' | 'staff'): Promise<OrderView> {
  const tenantId = ctx.tenant.id;
  const [lines, fulfilments, payments, refunds, events, rating, buyer, job] = await Promise.all([
    ctx.db
      .selectFrom('order_lines')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('order_id', '=', order.id)
      .orderBy('position')
      .execute(),
    ctx.db
      .selectFrom('fulfilments as f')
      .innerJoin('sellers as s', (join) => join.onRef('s.tenant_id', '=', 'f.tenant_id').onRef('s.id', '=', 'f.seller_id'))
      .leftJoin('markets as m', (join) => join.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.id', '=', 's.market_id'))
      .select([
        'f.id',
        'f.seller_id',
        'f.method',
        'f.status',
        'f.reason',
        's.business_name',
        's.phone',
        's.stall_type',
        's.stall_block',
        's.stall_number',
        'm.name as market_name',
      ])
      .where('f.tenant_id', '=', tenantId)
      .where('f.order_id', '=', order.id)
      .orderBy('f.seller_id')
      .execute(),
    ctx.db
      .selectFrom('payments')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('order_id', '=', order.id)
      .orderBy('created_at', 'desc')
      .execute(),
    ctx.db
      .selectFrom('refunds')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('order_id', '=', order.id)
      .orderBy('created_at')
      .execute(),
    ctx.db
      .selectFrom('order_events')
      .select(['created_at', 'from_status', 'to_status', 'fulfilment_id', 'reason'])
      .where('tenant_id', '=', tenantId)
      .where('order_id', '=', order.id)
      .orderBy('created_at')
      .execute(),
    ctx.db
      .selectFrom('order_ratings')
      .select(['stars', 'comment'])
      .where('tenant_id', '=', tenantId)
      .where('order_id', '=', order.id)
      .executeTakeFirst(),
    ctx.db.selectFrom('users').select(['name', 'phone']).where('id', '=', order.buyer_user_id).executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('delivery_jobs as j')
      .leftJoin('couriers as c', (join) => join.onRef('c.tenant_id', '=', 'j.tenant_id').onRef('c.id', '=', 'j.courier_id'))
      .leftJoin('users as cu', 'cu.id', 'c.user_id')
      .select([
        'j.id',
        'j.status',
        'j.kind',
        'j.proof_code',
        'j.code_attempts',
        'j.proof_media_id',
        'c.name',
        'c.vehicle_plate',
        'cu.phone',
      ])
      .where('j.tenant_id', '=', tenantId)
      .where('j.order_id', '=', order.id)
      .executeTakeFirst(),
  ]);
  // The live payment if there is one, else the latest (to show why it failed).
  const payment = payments.find((p) => p.status !== 'cancelled' && p.status !== 'failed') ?? payments[0];
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    programId: order.program_id,
    goodsTotal: Number(order.goods_total),
    deliveryFee: Number(order.delivery_fee),
    shoppingFee: Number(order.shopping_fee),
    total: Number(order.total),
    address: order.address,
    areaCode: order.area_code,
    lat: toNumber(order.lat),
    lng: toNumber(order.lng),
    notes: order.notes,
    reservedUntil: order.reserved_until.toISOString(),
    createdAt: order.created_at.toISOString(),
    deliveredAt: order.delivered_at?.toISOString() ?? null,
    completedAt: order.completed_at?.toISOString() ?? null,
    lines: lines.map((line) => ({
      variantId: line.variant_id,
      sellerId: line.seller_id,
      productTitle: line.product_title,
      variantName: line.variant_name,
      unit: line.unit,
      unitPrice: Number(line.unit_price),
      quantityMilli: line.quantity_milli,
      lineTotal: Number(line.line_total),
      position: line.position,
      ...marketLineOf(line),
    })),
    fulfilments: fulfilments.map((f) => ({
      id: f.id,
      sellerId: f.seller_id,
      sellerName: f.business_name,
      sellerPhone: f.phone,
      marketName: f.market_name,
      stall: stallLabel({ type: f.stall_type, block: f.stall_block, number: f.stall_number }),
      method: f.method,
      status: f.status,
      reason: f.reason,
    })),
    buyer: { name: buyer.name, phone: buyer.phone },
    payment: payment ? await paymentView(ctx, payment, { programId: order.program_id, reservedUntil: order.reserved_until }) : null,
    refunds: refunds.map(refundView),
    events: events.map((e) => ({
      at: e.created_at.toISOString(),
      from: e.from_status,
      to: e.to_status,
      fulfilmentId: e.fulfilment_id,
      reason: e.reason,
    })),
    rating: rating ?? null,
    delivery: job
      ? {
          jobId: job.id,
          status: job.status,
          kind: job.kind,
          codeAttemptsLeft: Math.max(0, MAX_CODE_ATTEMPTS - job.code_attempts),
          courier:
            job.name && job.phone && job.vehicle_plate ? { name: job.name, phone: job.phone, vehiclePlate: job.vehicle_plate } : null,
          proofCode: audience === 'buyer' ? job.proof_code : null,
          proofUrl: job.proof_media_id ? mediaUrls(job.proof_media_id).url : null,
          deliveryDistanceM: order.delivery_distance_m,
        }
      : null,
    buyerCanCancel: buyerMayCancel({
      status: order.status,
      partStatuses: fulfilments.map((f) => f.status),
      jobStatus: job?.status ?? null,
    }),
  };
}

function orderRow(ctx: Ctx, orderId: string) {
  return ctx.db.selectFrom('orders').selectAll().where('tenant_id', '=', ctx.tenant.id).where('id', '=', orderId);
}

/** One of the buyer's own orders; another buyer's or another tenant's is not found. */
export async function getOrder(ctx: Ctx, orderId: string): Promise<OrderView> {
  const order = await orderRow(ctx, orderId).where('buyer_user_id', '=', buyerOf(ctx)).executeTakeFirst();
  if (!order) throw new AppError('not_found');
  return orderViewOf(ctx, order, 'buyer');
}

/** Any order of this tenant, for staff (the route checks their role). */
export async function getOrderForStaff(ctx: Ctx, orderId: string): Promise<OrderView> {
  const order = await orderRow(ctx, orderId).executeTakeFirst();
  if (!order) throw new AppError('not_found');
  return orderViewOf(ctx, order, 'staff');
}

/** The latest payment's method and status, selected as one 'method status' text. */
export function paymentOf(latest: string | null | undefined) {
  const [paymentMethod = null, paymentStatus = null] = latest ? latest.split(' ') : [];
  return { paymentMethod, paymentStatus };
}

/** Orders newest first, of one buyer or (for staff) of everyone, optionally by status or number. */
export async function listOrders(
  ctx: Ctx,
  filter: { buyerId?: string; statuses?: OrderStatus[]; number?: string; limit: number },
): Promise<OrderSummary[]> {
  const rows = await ctx.db
    .selectFrom('orders as o')
    .innerJoin('users as u', 'u.id', 'o.buyer_user_id')
    .select((eb) => [
      'o.id',
      'o.number',
      'o.status',
      'o.total',
      'o.created_at',
      'u.name as buyerName',
      'u.phone as buyerPhone',
      eb
        .selectFrom('order_lines as l')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .whereRef('l.tenant_id', '=', 'o.tenant_id')
        .whereRef('l.order_id', '=', 'o.id')
        .as('itemCount'),
      eb
        .selectFrom('order_lines as l')
        .select('l.product_title')
        .whereRef('l.tenant_id', '=', 'o.tenant_id')
        .whereRef('l.order_id', '=', 'o.id')
        .orderBy('l.position')
        .limit(1)
        .as('firstItem'),
      eb
        .selectFrom('payments as p')
        .select(sql<string>`p.method || ' ' || p.status`.as('m'))
        .whereRef('p.tenant_id', '=', 'o.tenant_id')
        .whereRef('p.order_id', '=', 'o.id')
        .orderBy('p.created_at', 'desc')
        .limit(1)
        .as('payment'),
    ])
    .where('o.tenant_id', '=', ctx.tenant.id)
    .$if(filter.buyerId !== undefined, (q) => q.where('o.buyer_user_id', '=', filter.buyerId as string))
    .$if(filter.statuses !== undefined, (q) => q.where('o.status', 'in', filter.statuses as OrderStatus[]))
    .$if(filter.number !== undefined, (q) => q.where('o.number', 'ilike', `%${filter.number}%`))
    .orderBy('o.created_at', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map((row) => {
    const { paymentMethod, paymentStatus } = paymentOf(row.payment);
    return {
      id: row.id,
      number: row.number,
      status: row.status,
      total: Number(row.total),
      createdAt: row.created_at.toISOString(),
      itemCount: Number(row.itemCount ?? 0),
      firstItem: row.firstItem ?? '',
      buyerName: row.buyerName,
      buyerPhone: row.buyerPhone,
      paymentMethod,
      paymentStatus,
    };
  });
}
