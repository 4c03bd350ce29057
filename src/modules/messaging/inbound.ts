import type { Db } from '../../db/database.ts';
import type { TenantRef } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { WebhookBatch } from './cloud-api.ts';
import { recordInbound, recordStatus } from './service.ts';

// What arrives from customers' phones, from Meta's webhook or from the demo simulator: the
// same batches, handled the same way. Each batch belongs to the program whose number got it.

export interface ReceivedMessage {
  tenant: TenantRef;
  programId: string;
  conversationId: string;
  messageId: string;
  replyId: string | null;
  text: string;
}

/** The program (and its tenant) behind each WhatsApp number; an unknown number is a 404 and nothing is stored. */
async function programsByNumber(db: Db, numbers: string[]) {
  const rows = await db
    .selectFrom('programs as p')
    .innerJoin('tenants as t', 't.id', 'p.tenant_id')
    .select([
      'p.id as programId',
      'p.whatsapp_phone_number_id as number',
      't.id',
      't.slug',
      't.name',
      't.area_code as areaCode',
      't.time_zone as timeZone',
    ])
    .where('p.whatsapp_phone_number_id', 'in', numbers.length ? numbers : [''])
    .execute();
  const found = new Map(rows.map(({ programId, number, ...tenant }) => [number as string, { programId, tenant }]));
  const unknown = numbers.find((number) => !found.has(number));
  if (unknown)
    throw new AppError('not_found', { details: [{ field: 'phone_number_id', code: 'unknown_phone_number', params: { id: unknown } }] });
  return found;
}

/**
 * Stores the batches' messages (once each: a retried webhook changes nothing) and delivery
 * statuses, in one transaction. Returns the new messages, for what follows them (button replies).
 */
export async function receiveBatches(db: Db, batches: WebhookBatch[], channel: 'simulator' | 'whatsapp'): Promise<ReceivedMessage[]> {
  const programs = await programsByNumber(db, [...new Set(batches.map((b) => b.phoneNumberId))]);
  return db.transaction().execute(async (trx) => {
    const received: ReceivedMessage[] = [];
    for (const batch of batches) {
      const { programId, tenant } = programs.get(batch.phoneNumberId) as { programId: string; tenant: TenantRef };
      for (const message of batch.messages) {
        const stored = await recordInbound(trx, { tenantId: tenant.id, programId, channel, message });
        if (!stored.duplicate) {
          received.push({ tenant, programId, ...stored, replyId: message.replyId, text: message.text });
        }
      }
      for (const status of batch.statuses) await recordStatus(trx, tenant.id, status);
    }
    return received;
  });
}

type InboundHandler = (messages: ReceivedMessage[]) => Promise<void>;

/**
 * What other modules do with new messages (a buyer tapping "Setuju" answers a reweigh
 * question): they register here when the app is built, so messaging need not know them.
 */
export function createInboundHub(log: { error(obj: unknown, msg: string): void }) {
  const handlers: InboundHandler[] = [];
  return {
    on(handler: InboundHandler) {
      handlers.push(handler);
    },
    /** Runs every handler; one failing is logged and does not stop the others (the message is stored already). */
    async emit(messages: ReceivedMessage[]) {
      for (const handler of handlers) {
        await handler(messages).catch((error: unknown) => log.error({ err: error }, 'inbound message handler failed'));
      }
    },
  };
}
export type InboundHub = ReturnType<typeof createInboundHub>;
