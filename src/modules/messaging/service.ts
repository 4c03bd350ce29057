import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { newId } from '../../shared/ids.ts';
import { type InboundMessage, type OutgoingContent, type StatusUpdate, splitText } from './cloud-api.ts';
import type { MessageKind, MessageStatus } from './tables.ts';

// Messages to and from customers' phones. Everything sent is a `messages` row (so the CS desk
// shows it at once, as queued) and an outbox row in the caller's transaction: the worker sends
// it after commit, so a rolled-back change messages nobody and a crash loses nothing.

/** One text message to one phone; the channel adapter decides how it travels. */
export interface OutgoingText {
  tenantId: string;
  phone: string;
  body: string;
  /** The program whose WhatsApp number speaks; default: the tenant's first. */
  programId?: string | null;
}

export interface OutgoingMessage {
  tenantId: string;
  phone: string;
  programId?: string | null;
  content: OutgoingContent;
  /** The CS agent who wrote it; null for messages the system sends. */
  authorUserId?: string | null;
}

/** The program a message goes out through: the one asked for, else the tenant's first with a WhatsApp number. */
async function speakingProgram(db: Executor, tenantId: string, programId: string | null | undefined): Promise<string | null> {
  if (programId) return programId;
  const program = await db
    .selectFrom('programs')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .orderBy(sql`whatsapp_phone_number_id IS NULL`)
    .orderBy(sql`whatsapp_phone IS NULL`)
    .orderBy('created_at')
    .executeTakeFirst();
  return program?.id ?? null;
}

/** The conversation with this phone on this program's number, created on first contact. */
export async function conversationWith(
  db: Executor,
  input: { tenantId: string; programId: string; phone: string; customerName?: string | null },
): Promise<string> {
  const row = await db
    .insertInto('conversations')
    .values({
      tenant_id: input.tenantId,
      id: newId('cnv'),
      program_id: input.programId,
      phone: input.phone,
      customer_name: input.customerName ?? '',
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'program_id', 'phone']).doUpdateSet((eb) => ({
        // Keep a name an agent typed; fill it from the WhatsApp profile when there is none.
        customer_name: sql<string>`CASE WHEN conversations.customer_name = '' THEN ${eb.ref('excluded.customer_name')} ELSE conversations.customer_name END`,
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** What a message says in one line of text: the desk's list, the dev inbox, templates. */
function bodyOf(content: OutgoingContent): string {
  switch (content.kind) {
    case 'text':
    case 'buttons':
      return content.body;
    case 'image':
      return content.caption ?? '';
    case 'template':
      return content.params.join(' ');
  }
}

function dataOf(content: OutgoingContent): Record<string, unknown> | null {
  switch (content.kind) {
    case 'text':
      return null;
    case 'image':
      return { link: content.link };
    case 'buttons':
      return { buttons: content.buttons };
    case 'template':
      return { name: content.name, language: content.language, params: content.params };
  }
}

/**
 * Queues a message inside the caller's transaction: its row in the conversation, and the outbox
 * row the worker sends it from. A text longer than WhatsApp takes goes as several messages.
 * Returns the message ids.
 */
export async function enqueueMessage(db: Executor, message: OutgoingMessage): Promise<string[]> {
  const programId = await speakingProgram(db, message.tenantId, message.programId);
  const conversationId = programId ? await conversationWith(db, { tenantId: message.tenantId, programId, phone: message.phone }) : null;
  const parts: OutgoingContent[] =
    message.content.kind === 'text' ? splitText(message.content.body).map((body) => ({ kind: 'text', body })) : [message.content];
  const ids: string[] = [];
  for (const content of parts) {
    const id = newId('msg');
    await db
      .insertInto('messages')
      .values({
        tenant_id: message.tenantId,
        id,
        channel: 'whatsapp',
        direction: 'out',
        phone: message.phone,
        body: bodyOf(content),
        kind: content.kind as MessageKind,
        data: JSON.stringify(dataOf(content)),
        status: 'queued',
        conversation_id: conversationId,
        author_user_id: message.authorUserId ?? null,
        provider_message_id: null,
        // now() is the transaction's start: a summary and its QR image would tie and swap places.
        created_at: sql<Date>`clock_timestamp()`,
      })
      .execute();
    await db
      .insertInto('outbox')
      .values({
        tenant_id: message.tenantId,
        id: newId('obx'),
        kind: 'message.send',
        payload: JSON.stringify({ messageId: id }),
        run_after: sql<Date>`clock_timestamp()`,
      })
      .execute();
    ids.push(id);
  }
  if (conversationId) await touchConversation(db, message.tenantId, conversationId);
  return ids;
}

/** Queues a text message (see enqueueMessage); returns the id of its first part. */
export async function enqueueText(db: Executor, message: OutgoingText): Promise<string> {
  const [id] = await enqueueMessage(db, { ...message, content: { kind: 'text', body: message.body } });
  return id as string;
}

async function touchConversation(db: Executor, tenantId: string, conversationId: string, inbound = false) {
  await db
    .updateTable('conversations')
    .set((eb) => ({
      last_message_at: new Date(),
      ...(inbound ? { last_inbound_at: new Date(), unread: eb('unread', '+', 1) } : {}),
    }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', conversationId)
    .execute();
}

/**
 * A message a customer sent to a program's number, once: Meta retries webhooks, so a message
 * id seen before changes nothing (`duplicate`). Opens the 24-hour reply window.
 */
export async function recordInbound(
  db: Executor,
  input: { tenantId: string; programId: string; channel: 'simulator' | 'whatsapp'; message: InboundMessage },
): Promise<{ conversationId: string; messageId: string; duplicate: boolean }> {
  const { message } = input;
  const conversationId = await conversationWith(db, {
    tenantId: input.tenantId,
    programId: input.programId,
    phone: message.phone,
    customerName: message.profileName,
  });
  const id = newId('msg');
  const inserted = await db
    .insertInto('messages')
    .values({
      tenant_id: input.tenantId,
      id,
      channel: input.channel,
      direction: 'in',
      phone: message.phone,
      body: message.text,
      kind: message.kind,
      data: JSON.stringify({ mediaId: message.mediaId, location: message.location, replyId: message.replyId }),
      status: null,
      conversation_id: conversationId,
      author_user_id: null,
      provider_message_id: message.providerMessageId,
      created_at: message.sentAt,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'channel', 'provider_message_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return { conversationId, messageId: id, duplicate: true };
  await touchConversation(db, input.tenantId, conversationId, true);
  // A photo arrives as WhatsApp's media id: the worker fetches it so the desk can show it.
  if (message.mediaId && input.channel === 'whatsapp') {
    await db
      .insertInto('outbox')
      .values({
        tenant_id: input.tenantId,
        id: newId('obx'),
        kind: 'media.fetch',
        payload: JSON.stringify({ messageId: id, mediaId: message.mediaId }),
      })
      .execute();
  }
  return { conversationId, messageId: id, duplicate: false };
}

const STATUS_ORDER: MessageStatus[] = ['queued', 'sent', 'delivered', 'read'];

/** WhatsApp's report on a message we sent: it only moves forward (a late "sent" after "read" changes nothing); failures always count. */
export async function recordStatus(db: Executor, tenantId: string, update: StatusUpdate): Promise<void> {
  const earlier = update.status === 'failed' ? STATUS_ORDER : STATUS_ORDER.slice(0, STATUS_ORDER.indexOf(update.status));
  await db
    .updateTable('messages')
    .set({ status: update.status, error: update.error })
    .where('tenant_id', '=', tenantId)
    .where('channel', '=', 'whatsapp')
    .where('provider_message_id', '=', update.providerMessageId)
    .where('status', 'in', earlier)
    .execute();
}

/** What the simulated channel sent: the demo inbox. */
export async function listSimulatorMessages(db: Executor, tenantId: string, limit = 50) {
  return db
    .selectFrom('messages')
    .select(['id', 'phone', 'body', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('channel', '=', 'simulator')
    .where('direction', '=', 'out')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
