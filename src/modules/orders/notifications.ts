import type { Ctx } from '../../http/context.ts';
import { formatRupiah } from '../../shared/format.ts';
import { enqueueText } from '../messaging/service.ts';

// What the buyer is told, by message (WhatsApp, or the simulator in demo mode), when their
// order moves without them: queued in the outbox inside the same transaction, so a rolled-back
// step never messages anyone.

export type BuyerNotice =
  | { kind: 'paid' }
  | { kind: 'proof_rejected'; reason: string }
  | { kind: 'part_rejected'; seller: string; reason: string; refund: bigint }
  | { kind: 'cancelled'; reason: string }
  | { kind: 'expired' }
  | { kind: 'on_the_way'; courier: string; plate: string }
  | { kind: 'delivered' };

function text(number: string, notice: BuyerNotice): string {
  switch (notice.kind) {
    case 'paid':
      return `Pembayaran pesanan ${number} sudah kami terima. Pesanan diteruskan ke penjual.`;
    case 'proof_rejected':
      return `Bukti transfer pesanan ${number} belum bisa kami cocokkan: ${notice.reason}. Silakan unggah ulang bukti yang benar.`;
    case 'part_rejected':
      return (
        `Maaf, ${notice.seller} tidak dapat memenuhi bagiannya di pesanan ${number}: ${notice.reason}.` +
        (notice.refund > 0n ? ` Dana ${formatRupiah(notice.refund)} akan dikembalikan.` : '')
      );
    case 'cancelled':
      return `Pesanan ${number} dibatalkan: ${notice.reason}. Jika sudah membayar, dana akan dikembalikan.`;
    case 'expired':
      return `Pesanan ${number} dibatalkan otomatis karena belum dibayar sampai batas waktu.`;
    case 'on_the_way':
      return `Pesanan ${number} sedang diantar oleh ${notice.courier} (${notice.plate}). Siapkan kode serah terima dari halaman pesanan.`;
    case 'delivered':
      return `Pesanan ${number} sudah sampai. Mohon konfirmasi "Pesanan sudah diterima" di halaman pesanan agar penjual dibayar.`;
  }
}

/** Queues a message to the order's buyer inside the caller's transaction. */
export async function notifyBuyer(ctx: Ctx, orderId: string, notice: BuyerNotice): Promise<void> {
  const order = await ctx.db
    .selectFrom('orders as o')
    .innerJoin('users as u', 'u.id', 'o.buyer_user_id')
    .select(['o.number', 'u.phone'])
    .where('o.tenant_id', '=', ctx.tenant.id)
    .where('o.id', '=', orderId)
    .executeTakeFirstOrThrow();
  await enqueueText(ctx.db, { tenantId: ctx.tenant.id, phone: order.phone, body: text(order.number, notice) });
}
