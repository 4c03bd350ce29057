import type { Ctx } from '../../http/context.ts';
import { percentOf } from '../../shared/money.ts';
import { postTransaction } from '../ledger/service.ts';
import {
  accounts,
  courierPayable,
  deliveryPayable,
  HELD_ORDERS,
  PROGRAM_FEE,
  sellerPayable,
  titipPurchases,
  UNIQUE_CODES,
} from './accounts.ts';
import { refundableAmount } from './refunds.ts';

/** How a completed order's held money is shared out; `held` is what is left of the payment after refunds. */
export interface Settlement {
  held: bigint;
  sellers: { sellerId: string; name: string; goods: bigint; fee: bigint }[];
  /** Titip lines: the shopper bought them from the float at any stall; no program fee. */
  titip: bigint;
  deliveryFee: bigint;
  /** Jasa belanja: the shopper's, with the delivery fee. */
  shoppingFee: bigint;
  uniqueCode: bigint;
}

/**
 * The split of a completed order, inside the caller's transaction: each seller that did not
 * reject gets its goods (reweighed totals when set) less the program fee; the delivery fee
 * goes to the courier who delivered (see settleOrder); the unique code to the program. Throws if that does not add up to the
 * money still held, which would mean a refund or a reweigh was booked wrongly.
 */
export async function settlementOf(ctx: Ctx, orderId: string): Promise<Settlement | null> {
  const order = await ctx.db
    .selectFrom('orders as o')
    .innerJoin('programs as p', (join) => join.onRef('p.tenant_id', '=', 'o.tenant_id').onRef('p.id', '=', 'o.program_id'))
    .select(['o.delivery_fee', 'o.shopping_fee', 'p.fee_basis_points'])
    .where('o.tenant_id', '=', ctx.tenant.id)
    .where('o.id', '=', orderId)
    .executeTakeFirstOrThrow();
  const payment = await ctx.db
    .selectFrom('payments')
    .select(['id', 'amount', 'unique_code'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .where('status', '=', 'paid')
    .executeTakeFirst();
  if (!payment) return null;
  const goods = await ctx.db
    .selectFrom('order_lines as l')
    .leftJoin('fulfilments as f', (join) =>
      join.onRef('f.tenant_id', '=', 'l.tenant_id').onRef('f.order_id', '=', 'l.order_id').onRef('f.seller_id', '=', 'l.seller_id'),
    )
    .leftJoin('sellers as s', (join) => join.onRef('s.tenant_id', '=', 'l.tenant_id').onRef('s.id', '=', 'l.seller_id'))
    .select((eb) => [
      'l.seller_id as sellerId',
      's.business_name as name',
      eb.fn.sum<bigint>(eb.fn.coalesce('l.final_line_total', 'l.line_total')).as('goods'),
    ])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.order_id', '=', orderId)
    .where((eb) => eb.or([eb('l.seller_id', 'is', null), eb('f.status', '<>', 'rejected')]))
    .groupBy(['l.seller_id', 's.business_name'])
    .orderBy('l.seller_id')
    .execute();
  const settlement: Settlement = {
    held: await refundableAmount(ctx, payment),
    sellers: goods.flatMap((g) => {
      const amount = BigInt(g.goods);
      return g.sellerId
        ? [{ sellerId: g.sellerId, name: g.name ?? '', goods: amount, fee: percentOf(amount, order.fee_basis_points) }]
        : [];
    }),
    titip: BigInt(goods.find((g) => g.sellerId === null)?.goods ?? 0),
    deliveryFee: order.delivery_fee,
    shoppingFee: order.shopping_fee,
    uniqueCode: BigInt(payment.unique_code),
  };
  const shared =
    settlement.sellers.reduce((sum, s) => sum + s.goods, 0n) +
    settlement.titip +
    settlement.deliveryFee +
    settlement.shoppingFee +
    settlement.uniqueCode;
  if (shared !== settlement.held) {
    throw new Error(`order ${orderId}: ${shared} to share out but ${settlement.held} held`);
  }
  return settlement;
}

/** Books a completed order's split (see settlementOf); once per order, even if called again. */
export async function settleOrder(ctx: Ctx, order: { id: string; number: string; programId: string }): Promise<void> {
  const settlement = await settlementOf(ctx, order.id);
  if (!settlement || settlement.held === 0n) return;
  // The delivery fee is the courier's who delivered it; else the program holds it for couriers.
  const courier = await ctx.db
    .selectFrom('delivery_jobs as j')
    .innerJoin('couriers as c', (join) => join.onRef('c.tenant_id', '=', 'j.tenant_id').onRef('c.id', '=', 'j.courier_id'))
    .select(['c.user_id', 'c.name'])
    .where('j.tenant_id', '=', ctx.tenant.id)
    .where('j.order_id', '=', order.id)
    .where('j.status', '=', 'delivered')
    .executeTakeFirst();
  const [held, fee, codes, delivery, titip] = await accounts(
    ctx,
    HELD_ORDERS,
    PROGRAM_FEE,
    UNIQUE_CODES,
    courier ? courierPayable(courier.user_id, courier.name) : deliveryPayable(order.programId),
    titipPurchases(order.programId),
  );
  const postings = [{ accountCode: held as string, amount: settlement.held }];
  for (const seller of settlement.sellers) {
    const [payable] = await accounts(ctx, sellerPayable(seller.sellerId, seller.name));
    postings.push({ accountCode: payable as string, amount: -(seller.goods - seller.fee) });
  }
  postings.push({ accountCode: fee as string, amount: -settlement.sellers.reduce((sum, s) => sum + s.fee, 0n) });
  postings.push({ accountCode: delivery as string, amount: -(settlement.deliveryFee + settlement.shoppingFee) });
  // The float paid the stall for titip lines (stall_payment); the buyer's money now covers it.
  postings.push({ accountCode: titip as string, amount: -settlement.titip });
  postings.push({ accountCode: codes as string, amount: -settlement.uniqueCode });
  await postTransaction(ctx, {
    kind: 'order_settlement',
    reference: { type: 'order', id: order.id },
    idempotencyKey: `settlement:${order.id}`,
    memo: order.number,
    // A zero fee or a free delivery is no posting at all.
    postings: postings.filter((p) => p.amount !== 0n),
  });
}
