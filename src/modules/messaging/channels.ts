import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Executor } from '../../db/database.ts';
import { newId } from '../../shared/ids.ts';
import { formatPhone } from '../../shared/phone.ts';
import type { OutgoingText } from './service.ts';

/** A way to reach a phone. WhatsApp Cloud API joins in the messaging issue; the simulator is the demo channel. */
export interface MessageChannel {
  name: 'simulator' | 'whatsapp';
  sendText(db: Executor, message: OutgoingText): Promise<{ providerMessageId: string }>;
}

/**
 * The demo channel: the message lands in the `messages` table, which the dev inbox page
 * shows, and in the server log, so sign-in works with no WhatsApp account.
 */
export function simulatorChannel(log: Logger): MessageChannel {
  return {
    name: 'simulator',
    async sendText(db, message) {
      const providerMessageId = newId('sim');
      await db
        .insertInto('messages')
        .values({
          tenant_id: message.tenantId,
          id: newId('msg'),
          channel: 'simulator',
          direction: 'out',
          phone: message.phone,
          body: message.body,
          provider_message_id: providerMessageId,
        })
        .execute();
      log.info({ tenantId: message.tenantId, to: formatPhone(message.phone) }, `[pesan demo] ${message.body}`);
      return { providerMessageId };
    },
  };
}
