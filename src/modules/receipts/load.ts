import type { Ctx } from '../../http/context.ts';
import type { Lang } from '../../http/messages.ts';
import type { OrderView } from '../orders/schemas.ts';
import type { OrderStatus } from '../orders/tables.ts';
import type { PaymentMethod } from '../payments/tables.ts';
import { labelsFor } from './labels.ts';
import type { Receipt, ReceiptLine, ReceiptSeller } from './receipt.ts';

const STATUS_LABELS: Record<Lang, Record<OrderStatus, string>> = {
  id: {
    awaiting_payment: 'Menunggu pembayaran',
    confirmed: 'Dibayar, diteruskan ke penjual',
    accepted: 'Diproses penjual',
    ready: 'Siap diambil/diantar',
    delivered: 'Sudah sampai',
    completed: 'Selesai',
    cancelled: 'Dibatalkan',
    expired: 'Kedaluwarsa',
    rejected: 'Ditolak penjual',
  },
  en: {
    awaiting_payment: 'Awaiting payment',
    confirmed: 'Paid, sent to the sellers',
    accepted: 'Being prepared',
    ready: 'Ready for pickup/delivery',
    delivered: 'Delivered',
    completed: 'Completed',
    cancelled: 'Cancelled',
    expired: 'Expired',
    rejected: 'Rejected by the seller',
  },
};

const METHOD_LABELS: Record<Lang, Record<PaymentMethod, string>> = {
  id: { transfer: 'Transfer bank', qris: 'QRIS', gateway: 'Midtrans', cod: 'Bayar di tempat' },
  en: { transfer: 'Bank transfer', qris: 'QRIS', gateway: 'Midtrans', cod: 'Cash on delivery' },
};

const refundsOf = (order: OrderView, status: 'paid' | 'pending') =>
  order.refunds.filter((r) => r.status === status).reduce((sum, r) => sum + BigInt(r.amount), 0n);

/** The printable receipt of an order the caller may already see (the route checks that). */
export async function loadReceipt(ctx: Ctx, order: OrderView): Promise<Receipt> {
  const [program, payment] = await Promise.all([
    ctx.db
      .selectFrom('programs')
      .select(['name', 'whatsapp_phone'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', order.programId)
      .executeTakeFirstOrThrow(),
    order.payment
      ? ctx.db
          .selectFrom('payments')
          .select('provider_ref')
          .where('tenant_id', '=', ctx.tenant.id)
          .where('id', '=', order.payment.id)
          .executeTakeFirst()
      : undefined,
  ]);
  const receiptLine = (line: OrderView['lines'][number]): ReceiptLine => ({
    productTitle: line.substituteName ?? line.productTitle,
    variantName: line.substituteName ? '' : line.variantName,
    unit: line.unit,
    unitPrice: BigInt(line.unitPrice),
    quantityMilli: line.quantityMilli,
    lineTotal: BigInt(line.lineTotal),
    final:
      line.finalQuantityMilli === null || line.finalLineTotal === null
        ? null
        : { quantityMilli: line.finalQuantityMilli, lineTotal: BigInt(line.finalLineTotal) },
    substituteFor: line.substituteName ? line.productTitle : null,
    titipCap: line.kind === 'request' ? BigInt(line.lineTotal) : null,
  });
  const kept = order.fulfilments.filter((f) => f.status !== 'rejected');
  const receiptSellers: ReceiptSeller[] = kept.map((f) => ({
    name: f.sellerName,
    stall: f.stall,
    lines: order.lines.filter((line) => line.sellerId === f.sellerId).map(receiptLine),
  }));
  const titip = order.lines.filter((line) => line.kind === 'request');
  if (titip.length > 0) receiptSellers.push({ name: labelsFor(ctx.lang).titip, stall: null, lines: titip.map(receiptLine) });
  const paid = order.payment?.status === 'paid' ? order.payment : null;
  const uniqueCode = BigInt(order.payment?.uniqueCode ?? 0);
  return {
    language: ctx.lang,
    timeZone: ctx.tenant.timeZone,
    issuer: { tenantName: ctx.tenant.name, programName: program.name, phone: program.whatsapp_phone },
    order: {
      number: order.number,
      createdAt: new Date(order.createdAt),
      statusLabel: STATUS_LABELS[ctx.lang][order.status],
      buyerName: order.buyer.name,
      buyerPhone: order.buyer.phone,
      deliveryAddress: order.address,
      notes: order.notes,
    },
    sellers: receiptSellers,
    payment: {
      goodsTotal: BigInt(order.goodsTotal),
      deliveryFee: BigInt(order.deliveryFee),
      shoppingFee: BigInt(order.shoppingFee),
      uniqueCode,
      total: BigInt(order.total) + uniqueCode,
      refunded: refundsOf(order, 'paid'),
      refundDue: refundsOf(order, 'pending'),
      methodLabel: order.payment ? METHOD_LABELS[ctx.lang][order.payment.method] : '',
      paidAt: paid?.paidAt ? new Date(paid.paidAt) : null,
      reference: payment?.provider_ref ?? '',
    },
  };
}
