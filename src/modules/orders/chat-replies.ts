import type { Db, Executor } from '../../db/database.ts';
import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { formatRupiah } from '../../shared/format.ts';
import { formatQuantity } from '../../shared/quantity.ts';
import type { ReceivedMessage } from '../messaging/inbound.ts';
import { enqueueText } from '../messaging/service.ts';
import { parseReweighReply } from './notifications.ts';
import { decideLine } from './reweigh.ts';

// Buyers answer questions about their order with WhatsApp buttons: "Setuju" or "Tolak" under a
// reweigh question decides the line as the order page does, and only from the buyer's phone.

type ReweighReply = NonNullable<ReturnType<typeof parseReweighReply>>;

/** Acts on the new messages that answer a question about an order; the rest are for the CS desk. */
export async function answerChatReplies(db: Db, messages: ReceivedMessage[]): Promise<void> {
  for (const message of messages) {
    const reply = message.replyId ? parseReweighReply(message.replyId) : null;
    if (reply) await answerReweigh(db, message, reply);
  }
}

async function answerReweigh(db: Db, message: ReceivedMessage, reply: ReweighReply): Promise<void> {
  const tenantId = message.tenant.id;
  const { phone } = await db
    .selectFrom('messages')
    .select('phone')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', message.messageId)
    .executeTakeFirstOrThrow();
  // Replies go back through the number the buyer wrote to, into the same conversation.
  const say = (executor: Executor, body: string) => enqueueText(executor, { tenantId, phone, programId: message.programId, body });
  const buyer = await db
    .selectFrom('orders as o')
    .innerJoin('users as u', 'u.id', 'o.buyer_user_id')
    .select(['o.number', 'u.id', 'u.name', 'u.phone'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.id', '=', reply.orderId)
    .executeTakeFirst();
  if (buyer?.phone !== phone) {
    await db.transaction().execute((trx) => say(trx, 'Maaf, pertanyaan itu bukan untuk nomor ini, jadi tidak ada yang kami ubah.'));
    return;
  }
  const asBuyer: Ctx = {
    db,
    tenant: message.tenant,
    actor: { userId: buyer.id, name: buyer.name, phone: buyer.phone, roles: ['buyer'], sessionId: 'whatsapp' },
    lang: 'id',
  };
  try {
    await inTransaction(asBuyer, async (tx) => {
      await decideLine(tx, reply);
      const line = await tx.db
        .selectFrom('order_lines')
        .select(['product_title', 'substitute_name', 'unit', 'final_quantity_milli', 'final_line_total'])
        .where('tenant_id', '=', tenantId)
        .where('order_id', '=', reply.orderId)
        .where('position', '=', reply.position)
        .executeTakeFirstOrThrow();
      await say(
        tx.db,
        reply.accept
          ? `Baik, ${line.substitute_name ?? line.product_title} ${formatQuantity(line.final_quantity_milli ?? 0)} ${line.unit} ` +
              `seharga ${formatRupiah(line.final_line_total ?? 0n)} kami ambil untuk pesanan ${buyer.number}.`
          : `Baik, ${line.product_title} tidak jadi dibeli untuk pesanan ${buyer.number}.`,
      );
    });
  } catch (error) {
    // Answered already (here or on the order page), or decided by the deadline's default.
    if (!(error instanceof AppError)) throw error;
    await db
      .transaction()
      .execute((trx) =>
        say(trx, `Pertanyaan untuk pesanan ${buyer.number} sudah terjawab atau lewat batas waktunya, jadi tidak ada yang kami ubah.`),
      );
  }
}
