import type { Ctx } from '../../http/context.ts';
import { formatPhone, formatRupiah } from '../../shared/format.ts';
import { formatQuantity } from '../../shared/quantity.ts';
import { enqueueMessage, enqueueText } from '../messaging/service.ts';
import { qrisImageUrl } from '../payments/qris-image.ts';
import { formatDateTime } from '../receipts/labels.ts';

// What the buyer is told by message (WhatsApp, or the simulator in demo mode) when their order
// is placed or moves without them: queued in the outbox inside the caller's transaction, so a
// rolled-back step never messages anyone. Every message goes through the number of the order's
// program, so it lands in the buyer's conversation with that program, and opens with its name.

export type BuyerNotice =
  | { kind: 'paid' }
  | { kind: 'proof_rejected'; reason: string }
  | { kind: 'part_rejected'; seller: string; reason: string; refund: bigint }
  | { kind: 'cancelled'; reason: string }
  | { kind: 'expired' }
  | { kind: 'on_the_way'; courier: string; plate: string }
  | { kind: 'delivered' };

type NoticeText = { [K in BuyerNotice['kind']]: (number: string, notice: Extract<BuyerNotice, { kind: K }>) => string };

/** The status updates, one text each; the program's name is put before it. */
const NOTICES: NoticeText = {
  paid: (number) => `Pembayaran pesanan ${number} sudah kami terima, terima kasih. Pesanan diteruskan ke penjual untuk disiapkan.`,
  proof_rejected: (number, n) =>
    `Bukti transfer pesanan ${number} belum bisa kami cocokkan: ${n.reason}. Silakan unggah ulang bukti yang benar.`,
  part_rejected: (number, n) =>
    `Maaf, ${n.seller} tidak dapat memenuhi bagiannya di pesanan ${number}: ${n.reason}.` +
    (n.refund > 0n ? ` Dana ${formatRupiah(n.refund)} akan dikembalikan.` : ''),
  cancelled: (number, n) => `Pesanan ${number} dibatalkan: ${n.reason}. Jika sudah membayar, dana akan dikembalikan.`,
  expired: (number) => `Pesanan ${number} dibatalkan otomatis karena belum dibayar sampai batas waktu.`,
  on_the_way: (number, n) =>
    `Pesanan ${number} sedang diantar oleh ${n.courier}, pelat nomor ${n.plate}. Siapkan kode serah terima dari halaman pesanan untuk kurir.`,
  delivered: (number) =>
    `Pesanan ${number} sudah sampai. Mohon konfirmasi "Pesanan sudah diterima" di halaman pesanan agar penjual dibayar.`,
};

function noticeText(number: string, notice: BuyerNotice): string {
  return (NOTICES[notice.kind] as (number: string, notice: BuyerNotice) => string)(number, notice);
}

/** Who hears about an order, and through which program's number. */
async function recipientOf(ctx: Ctx, orderId: string) {
  return ctx.db
    .selectFrom('orders as o')
    .innerJoin('users as u', 'u.id', 'o.buyer_user_id')
    .innerJoin('programs as p', (join) => join.onRef('p.tenant_id', '=', 'o.tenant_id').onRef('p.id', '=', 'o.program_id'))
    .select(['o.number', 'o.program_id as programId', 'p.name as programName', 'u.phone', 'u.name as buyerName'])
    .where('o.tenant_id', '=', ctx.tenant.id)
    .where('o.id', '=', orderId)
    .executeTakeFirstOrThrow();
}

/** Queues a status update to the order's buyer inside the caller's transaction. */
export async function notifyBuyer(ctx: Ctx, orderId: string, notice: BuyerNotice): Promise<void> {
  const to = await recipientOf(ctx, orderId);
  await enqueueText(ctx.db, {
    tenantId: ctx.tenant.id,
    phone: to.phone,
    programId: to.programId,
    body: `${to.programName}: ${noticeText(to.number, notice)}`,
  });
}

/** A line of the summary: "- Bawang merah 0,5 kg: Rp 20.000", a titip line with its cap. */
function summaryLine(line: {
  kind: string;
  product_title: string;
  variant_name: string;
  unit: string;
  quantity_milli: number;
  line_total: bigint;
}) {
  if (line.kind === 'request') return `- Titip: ${line.product_title} (maks. ${formatRupiah(line.line_total)})`;
  const name = line.variant_name ? `${line.product_title} (${line.variant_name})` : line.product_title;
  return `- ${name} ${formatQuantity(line.quantity_milli)} ${line.unit}: ${formatRupiah(line.line_total)}`;
}

/** How to pay the order's open payment, in one paragraph; QRIS also gets the QR image, in its own message. */
function paymentText(
  payment: { method: string; amount: bigint; unique_code: number } | undefined,
  bank: { bank_name: string | null; bank_account_number: string | null; bank_account_holder: string | null },
  deadline: string,
): string {
  switch (payment?.method) {
    case 'transfer':
      return (
        `Silakan transfer tepat ${formatRupiah(payment.amount)} (sudah termasuk kode unik ${payment.unique_code}) ke ` +
        [bank.bank_name, bank.bank_account_number, bank.bank_account_holder && `a.n. ${bank.bank_account_holder}`]
          .filter(Boolean)
          .join(' ') +
        ` sebelum ${deadline}, lalu kirim foto bukti transfernya di sini.`
      );
    case 'qris':
      return `Bayar ${formatRupiah(payment.amount)} dengan QRIS: pindai gambar kode QR yang kami kirimkan sebelum ${deadline}.`;
    case 'cod':
      return `Bayar tunai ${formatRupiah(payment.amount)} kepada kurir saat pesanan diantar.`;
    default:
      return `Silakan pilih cara bayar di halaman pesanan sebelum ${deadline}.`;
  }
}

/**
 * The order summary and how to pay it, to the buyer inside the caller's transaction: lines,
 * titip lines, fees, total and address, then the open payment's instructions (a QRIS payment
 * also as the QR image, at a public address WhatsApp can fetch).
 */
export async function notifyOrderPlaced(ctx: Ctx, orderId: string): Promise<void> {
  const to = await recipientOf(ctx, orderId);
  const order = await ctx.db
    .selectFrom('orders as o')
    .innerJoin('programs as p', (join) => join.onRef('p.tenant_id', '=', 'o.tenant_id').onRef('p.id', '=', 'o.program_id'))
    .select([
      'o.delivery_fee',
      'o.shopping_fee',
      'o.total',
      'o.address',
      'o.reserved_until',
      'p.bank_name',
      'p.bank_account_number',
      'p.bank_account_holder',
    ])
    .where('o.tenant_id', '=', ctx.tenant.id)
    .where('o.id', '=', orderId)
    .executeTakeFirstOrThrow();
  const lines = await ctx.db
    .selectFrom('order_lines')
    .select(['kind', 'product_title', 'variant_name', 'unit', 'quantity_milli', 'line_total'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .orderBy('position')
    .execute();
  const payment = await ctx.db
    .selectFrom('payments')
    .select(['id', 'method', 'amount', 'unique_code'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .where('status', 'in', ['pending', 'submitted'])
    .executeTakeFirst();
  const deadline = formatDateTime(order.reserved_until, 'id', ctx.tenant.timeZone);
  const summary = [
    `${to.programName}: pesanan ${to.number} sudah kami catat.`,
    ...lines.map(summaryLine),
    `Ongkos kirim: ${formatRupiah(order.delivery_fee)}`,
    ...(order.shopping_fee > 0n ? [`Jasa belanja: ${formatRupiah(order.shopping_fee)}`] : []),
    `Total: ${formatRupiah(order.total)}`,
    `Alamat: ${order.address} (${[to.buyerName, formatPhone(to.phone)].filter(Boolean).join(', ')})`,
    '',
    paymentText(payment, order, deadline),
  ].join('\n');
  const message = { tenantId: ctx.tenant.id, phone: to.phone, programId: to.programId };
  await enqueueText(ctx.db, { ...message, body: summary });
  if (payment?.method === 'qris') {
    await enqueueMessage(ctx.db, {
      ...message,
      content: {
        kind: 'image',
        link: await qrisImageUrl(ctx, payment.id),
        caption: `QRIS pesanan ${to.number}: bayar ${formatRupiah(payment.amount)} sebelum ${deadline}. Pindai dari aplikasi bank atau dompet digital.`,
      },
    });
  }
}

/** The id of a reweigh question's button: `reweigh:<orderId>:<position>:accept|remove`. */
function reweighReplyId(orderId: string, position: number, decision: 'accept' | 'remove'): string {
  return `reweigh:${orderId}:${position}:${decision}`;
}

/** A button reply to a reweigh question, or null for any other reply. */
export function parseReweighReply(replyId: string): { orderId: string; position: number; accept: boolean } | null {
  const match = /^reweigh:([A-Za-z0-9_]{1,40}):(\d{1,4}):(accept|remove)$/.exec(replyId);
  if (!match) return null;
  return { orderId: match[1] as string, position: Number(match[2]), accept: match[3] === 'accept' };
}

/**
 * Asks the buyer about one line of their order (a reweighed quantity, a substitute), inside the
 * caller's transaction, with buttons they can answer in the chat (see chat-replies.ts).
 */
export async function askBuyerAboutLine(ctx: Ctx, line: { orderId: string; position: number }, body: (number: string) => string) {
  const to = await recipientOf(ctx, line.orderId);
  await enqueueMessage(ctx.db, {
    tenantId: ctx.tenant.id,
    phone: to.phone,
    programId: to.programId,
    content: {
      kind: 'buttons',
      body: `${to.programName}: ${body(to.number)}`,
      buttons: [
        { id: reweighReplyId(line.orderId, line.position, 'accept'), title: 'Setuju' },
        { id: reweighReplyId(line.orderId, line.position, 'remove'), title: 'Tolak' },
      ],
    },
  });
}
