import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { newId } from '../../shared/ids.ts';
import { formatPhone } from '../../shared/phone.ts';
import { downloadMedia, graphPayload, type OutgoingContent, PermanentSendError, sendToGraph } from './cloud-api.ts';

/** A message the worker hands to a channel: who, what, and through which program's number. */
export interface QueuedMessage {
  tenantId: string;
  /** The `messages` row, updated with the provider's id and status once sent. */
  messageId: string;
  phone: string;
  programId: string | null;
  content: OutgoingContent;
  /** The customer's last message to this number; free-form text only within 24 hours of it. */
  lastInboundAt: Date | null;
}

/** A way to reach a phone: the WhatsApp Cloud API, or the simulator in demo mode. */
export interface MessageChannel {
  name: 'simulator' | 'whatsapp';
  send(db: Db, message: QueuedMessage): Promise<{ providerMessageId: string }>;
  /** The bytes of a photo a customer sent, by the provider's media id. */
  fetchMedia?(providerMediaId: string): Promise<Buffer>;
}

/**
 * The demo channel: the message is already in the `messages` table, which the WhatsApp
 * simulator and the dev inbox show, and it goes to the server log, so sign-in works with no
 * WhatsApp account.
 */
export function simulatorChannel(log: Logger): MessageChannel {
  return {
    name: 'simulator',
    async send(_db, message) {
      const body = message.content.kind === 'text' || message.content.kind === 'buttons' ? message.content.body : message.content.kind;
      log.info({ tenantId: message.tenantId, to: formatPhone(message.phone) }, `[pesan demo] ${body}`);
      return { providerMessageId: newId('sim') };
    },
  };
}

export type WhatsAppConfig = Pick<NonNullable<Config['whatsapp']>, 'graphUrl' | 'accessToken' | 'template' | 'templateLanguage'>;

const DAY_MS = 24 * 3_600_000;

/**
 * Free-form content inside the customer-service window; outside it (or to someone who never
 * wrote) WhatsApp only delivers approved templates, so the text rides in the program's
 * notification template.
 */
export function withinWindow(message: QueuedMessage, config: WhatsAppConfig, now = new Date()): OutgoingContent {
  const open = message.lastInboundAt !== null && now.getTime() - message.lastInboundAt.getTime() < DAY_MS;
  if (open || message.content.kind === 'template') return message.content;
  const text =
    message.content.kind === 'image' ? (message.content.caption ?? message.content.link) : (message.content.body ?? '').slice(0, 1000);
  return { kind: 'template', name: config.template, language: config.templateLanguage, params: [text] };
}

/** The WhatsApp Business Cloud API, through the number of the message's program. */
export function whatsappChannel(config: WhatsAppConfig): MessageChannel {
  return {
    name: 'whatsapp',
    async send(db, message) {
      const program = message.programId
        ? await db
            .selectFrom('programs')
            .select('whatsapp_phone_number_id')
            .where('tenant_id', '=', message.tenantId)
            .where('id', '=', message.programId)
            .executeTakeFirst()
        : undefined;
      const phoneNumberId = program?.whatsapp_phone_number_id;
      if (!phoneNumberId) throw new PermanentSendError('the program has no WhatsApp number (whatsapp_phone_number_id)');
      return sendToGraph(config, phoneNumberId, graphPayload(message.phone, withinWindow(message, config)));
    },
    fetchMedia: (mediaId) => downloadMedia(config, mediaId),
  };
}

/** WhatsApp when it is set up; else the simulator in demo mode; else none (messages wait in the outbox and fail). */
export function messageChannel(config: Config, log: Logger): MessageChannel | null {
  if (config.whatsapp) return whatsappChannel(config.whatsapp);
  return config.demo ? simulatorChannel(log) : null;
}
