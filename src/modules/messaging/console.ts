import { type Selectable, sql } from 'kysely';
import { z } from 'zod';
import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { tenantOrigin } from '../../http/public-address.ts';
import { newId } from '../../shared/ids.ts';
import type { Role } from '../identity/roles.ts';
import { assertMediaExists, mediaUrls } from '../media/service.ts';
import { ORDER_STATUSES } from '../orders/tables.ts';
import type { OutgoingContent } from './cloud-api.ts';
import { enqueueMessage } from './service.ts';
import type { ConversationsTable } from './tables.ts';

// The CS desk's side of WhatsApp: conversations with their customers, replies (queued through
// the outbox like every message we send), internal notes, assignment, who is typing, and the
// program's quick replies.

/** Who works the desk; a conversation can only be assigned to them. */
export const DESK_ROLES: Role[] = ['cs_agent', 'program_admin'];

/** An agent typing in the last few seconds is shown as typing now. */
const TYPING_SECONDS = 6;
/** WhatsApp allows free-form replies this long after the customer's last message. */
const WINDOW_MS = 24 * 3_600_000;
const MAX_CONVERSATIONS = 100;
const MAX_MESSAGES = 200;

const id = z.string().trim().min(1).max(40);

export const conversationSummary = z.object({
  id: z.string(),
  programId: z.string(),
  phone: z.string(),
  customerName: z.string(),
  assignedTo: z.object({ userId: z.string(), name: z.string() }).nullable(),
  unread: z.number(),
  lastMessageAt: z.string(),
  lastMessage: z.object({ body: z.string(), direction: z.enum(['in', 'out']), kind: z.string() }).nullable(),
  /** Free-form replies go as they are; outside the window they ride in the program's template. */
  windowOpen: z.boolean(),
});
export type ConversationSummary = z.infer<typeof conversationSummary>;

export const messageView = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  kind: z.string().describe('text, image, location, reply, buttons, template, note (internal, never sent) or other'),
  body: z.string(),
  status: z.string().nullable().describe('Outgoing: queued, sent, delivered, read or failed'),
  error: z.string().nullable(),
  authorName: z.string().nullable().describe('The agent who wrote it; null for the customer and the system'),
  createdAt: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type MessageView = z.infer<typeof messageView>;

export const conversationDetail = z.object({
  conversation: conversationSummary,
  messages: z.array(messageView),
  customer: z.object({
    userId: z.string().nullable(),
    name: z.string(),
    phone: z.string(),
    addresses: z.array(z.object({ address: z.string(), areaCode: z.string(), lat: z.number().nullable(), lng: z.number().nullable() })),
    orders: z.array(
      z.object({ id: z.string(), number: z.string(), status: z.enum(ORDER_STATUSES), total: z.number(), createdAt: z.string() }),
    ),
  }),
  typing: z.array(z.object({ userId: z.string(), name: z.string() })),
});
export type ConversationDetail = z.infer<typeof conversationDetail>;

export const replyInput = z
  .strictObject({
    body: z.string().trim().min(1).max(4096).optional(),
    quickReplyId: id.optional(),
    mediaId: id.optional(),
    caption: z.string().trim().max(1024).optional(),
  })
  .refine((r) => [r.body, r.quickReplyId, r.mediaId].filter((v) => v !== undefined).length === 1, {
    path: ['body'],
    message: 'message_content',
  })
  .describe('Exactly one of: body (text), quickReplyId, or mediaId (a photo, with an optional caption)');
export type ReplyInput = z.infer<typeof replyInput>;

export const quickReplyView = z.object({ id: z.string(), programId: z.string(), title: z.string(), body: z.string() });
export type QuickReplyView = z.infer<typeof quickReplyView>;

export const quickReplyInput = z.strictObject({
  programId: id,
  title: z.string().trim().min(1).max(40),
  body: z.string().trim().min(1).max(4096),
});

export type ConversationFilter = 'all' | 'mine' | 'unassigned';

function agentOf(ctx: Ctx): string {
  if (!ctx.actor) throw new AppError('unauthenticated');
  return ctx.actor.userId;
}

/** A conversation of this tenant; another tenant's is not found. */
export async function findConversation(ctx: Ctx, conversationId: string): Promise<Selectable<ConversationsTable>> {
  const conversation = await ctx.db
    .selectFrom('conversations')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) throw new AppError('not_found');
  return conversation;
}

function conversationRows(ctx: Ctx) {
  return ctx.db
    .selectFrom('conversations as c')
    .leftJoin('users as u', 'u.id', 'c.assigned_to')
    .select([
      'c.id',
      'c.program_id',
      'c.phone',
      'c.customer_name',
      'c.assigned_to',
      'u.name as assignee_name',
      'c.unread',
      'c.last_message_at',
      'c.last_inbound_at',
    ])
    .where('c.tenant_id', '=', ctx.tenant.id);
}

type ConversationRow = Awaited<ReturnType<ReturnType<typeof conversationRows>['execute']>>[number];

/** The summaries of these conversations, with each one's latest message (notes are internal, so not shown). */
async function summarize(ctx: Ctx, rows: ConversationRow[]): Promise<ConversationSummary[]> {
  const latest =
    rows.length === 0
      ? []
      : await ctx.db
          .selectFrom('messages')
          .select(['conversation_id', 'body', 'direction', 'kind'])
          .distinctOn('conversation_id')
          .where('tenant_id', '=', ctx.tenant.id)
          .where(
            'conversation_id',
            'in',
            rows.map((r) => r.id),
          )
          .where('kind', '<>', 'note')
          .orderBy('conversation_id')
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .execute();
  const lastMessages = new Map(latest.map(({ conversation_id, ...message }) => [conversation_id, message]));
  const now = Date.now();
  return rows.map((row) => ({
    id: row.id,
    programId: row.program_id,
    phone: row.phone,
    customerName: row.customer_name,
    assignedTo: row.assigned_to ? { userId: row.assigned_to, name: row.assignee_name ?? '' } : null,
    unread: row.unread,
    lastMessageAt: row.last_message_at.toISOString(),
    lastMessage: lastMessages.get(row.id) ?? null,
    windowOpen: row.last_inbound_at !== null && now - row.last_inbound_at.getTime() < WINDOW_MS,
  }));
}

async function summaryOf(ctx: Ctx, conversationId: string): Promise<ConversationSummary> {
  const rows = await conversationRows(ctx).where('c.id', '=', conversationId).execute();
  if (rows.length === 0) throw new AppError('not_found');
  return (await summarize(ctx, rows))[0] as ConversationSummary;
}

/** The desk's list, newest activity first: everyone's, the agent's own, or nobody's yet. */
export async function listConversations(
  ctx: Ctx,
  query: { programId?: string; filter: ConversationFilter },
): Promise<ConversationSummary[]> {
  const rows = await conversationRows(ctx)
    .$if(query.programId !== undefined, (q) => q.where('c.program_id', '=', query.programId as string))
    .$if(query.filter === 'mine', (q) => q.where('c.assigned_to', '=', agentOf(ctx)))
    .$if(query.filter === 'unassigned', (q) => q.where('c.assigned_to', 'is', null))
    .orderBy('c.last_message_at', 'desc')
    .orderBy('c.id')
    .limit(MAX_CONVERSATIONS)
    .execute();
  return summarize(ctx, rows);
}

function messageRows(ctx: Ctx) {
  return ctx.db
    .selectFrom('messages as m')
    .leftJoin('users as u', 'u.id', 'm.author_user_id')
    .select(['m.id', 'm.direction', 'm.kind', 'm.body', 'm.status', 'm.error', 'u.name as author_name', 'm.created_at', 'm.data'])
    .where('m.tenant_id', '=', ctx.tenant.id);
}

function toMessageView(row: Awaited<ReturnType<ReturnType<typeof messageRows>['execute']>>[number]): MessageView {
  return {
    id: row.id,
    direction: row.direction,
    kind: row.kind,
    body: row.body,
    status: row.status,
    error: row.error,
    authorName: row.author_name,
    createdAt: row.created_at.toISOString(),
    data: row.data,
  };
}

async function messageById(ctx: Ctx, messageId: string): Promise<MessageView> {
  return toMessageView(await messageRows(ctx).where('m.id', '=', messageId).executeTakeFirstOrThrow());
}

/** What the desk knows of the customer: their account (by phone), where they had orders delivered, and their orders here. */
async function customerOf(ctx: Ctx, conversation: Selectable<ConversationsTable>): Promise<ConversationDetail['customer']> {
  const user = await ctx.db.selectFrom('users').select(['id', 'name']).where('phone', '=', conversation.phone).executeTakeFirst();
  const customer = { userId: user?.id ?? null, name: user?.name || conversation.customer_name, phone: conversation.phone };
  if (!user) return { ...customer, addresses: [], orders: [] };
  const orders = () => ctx.db.selectFrom('orders').where('tenant_id', '=', ctx.tenant.id).where('buyer_user_id', '=', user.id);
  const [addresses, recent] = await Promise.all([
    orders()
      .select((eb) => ['address', 'area_code', 'lat', 'lng', eb.fn.max('created_at').as('last_used')])
      .groupBy(['address', 'area_code', 'lat', 'lng'])
      .orderBy('last_used', 'desc')
      .limit(5)
      .execute(),
    orders().select(['id', 'number', 'status', 'total', 'created_at']).orderBy('created_at', 'desc').limit(10).execute(),
  ]);
  const coordinate = (value: string | null) => (value === null ? null : Number(value));
  return {
    ...customer,
    addresses: addresses.map((a) => ({ address: a.address, areaCode: a.area_code, lat: coordinate(a.lat), lng: coordinate(a.lng) })),
    orders: recent.map((o) => ({
      id: o.id,
      number: o.number,
      status: o.status,
      total: Number(o.total),
      createdAt: o.created_at.toISOString(),
    })),
  };
}

/** One conversation: its latest messages (oldest first), the customer, and the other agents typing in it. */
export async function getConversation(ctx: Ctx, conversationId: string): Promise<ConversationDetail> {
  const conversation = await findConversation(ctx, conversationId);
  const [summary, latest, customer, typing] = await Promise.all([
    summaryOf(ctx, conversationId),
    messageRows(ctx)
      .where('m.conversation_id', '=', conversationId)
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(MAX_MESSAGES)
      .execute(),
    customerOf(ctx, conversation),
    ctx.db
      .selectFrom('conversation_typing as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select(['t.user_id as userId', 'u.name'])
      .where('t.tenant_id', '=', ctx.tenant.id)
      .where('t.conversation_id', '=', conversationId)
      .where('t.user_id', '<>', agentOf(ctx))
      .where('t.at', '>', sql<Date>`now() - make_interval(secs => ${TYPING_SECONDS})`)
      .orderBy('u.name')
      .execute(),
  ]);
  return { conversation: summary, messages: latest.reverse().map(toMessageView), customer, typing };
}

export async function markRead(ctx: Ctx, conversationId: string): Promise<void> {
  await findConversation(ctx, conversationId);
  await ctx.db
    .updateTable('conversations')
    .set({ unread: 0 })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', conversationId)
    .execute();
}

/** Gives the conversation to a desk agent of this tenant, or to nobody (null). */
export async function assignConversation(ctx: Ctx, conversationId: string, userId: string | null): Promise<ConversationSummary> {
  await findConversation(ctx, conversationId);
  if (userId !== null) {
    const agent = await ctx.db
      .selectFrom('memberships')
      .select('user_id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('user_id', '=', userId)
      .where('role', 'in', DESK_ROLES)
      .executeTakeFirst();
    if (!agent) throw fieldError('userId', 'not_desk_staff', { tenant: ctx.tenant.name });
  }
  await ctx.db
    .updateTable('conversations')
    .set({ assigned_to: userId })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', conversationId)
    .execute();
  return summaryOf(ctx, conversationId);
}

/** What a reply sends: typed text, one of the program's quick replies, or an uploaded photo by its public address. */
async function replyContent(ctx: Ctx, conversation: Selectable<ConversationsTable>, input: ReplyInput): Promise<OutgoingContent> {
  if (input.quickReplyId !== undefined) {
    const quickReply = await ctx.db
      .selectFrom('quick_replies')
      .select('body')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('program_id', '=', conversation.program_id)
      .where('id', '=', input.quickReplyId)
      .executeTakeFirst();
    if (!quickReply) throw fieldError('quickReplyId', 'unknown_quick_reply');
    return { kind: 'text', body: quickReply.body };
  }
  if (input.mediaId !== undefined) {
    await assertMediaExists(ctx, [input.mediaId], 'mediaId');
    // WhatsApp fetches the photo itself, so it needs the full address.
    return { kind: 'image', link: `${await tenantOrigin(ctx)}${mediaUrls(input.mediaId).url}`, caption: input.caption || undefined };
  }
  return { kind: 'text', body: input.body ?? '' };
}

/** An agent's reply, queued in the outbox through the conversation's program number; the caller wakes the worker after commit. */
export async function sendReply(ctx: Ctx, conversationId: string, input: ReplyInput): Promise<MessageView> {
  const authorUserId = agentOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const conversation = await findConversation(tx, conversationId);
    const [messageId] = await enqueueMessage(tx.db, {
      tenantId: tx.tenant.id,
      phone: conversation.phone,
      programId: conversation.program_id,
      content: await replyContent(tx, conversation, input),
      authorUserId,
    });
    return messageById(tx, messageId as string);
  });
}

/** A note for the other agents: shown in the conversation, never sent to the customer. */
export async function addNote(ctx: Ctx, conversationId: string, body: string): Promise<MessageView> {
  const authorUserId = agentOf(ctx);
  const conversation = await findConversation(ctx, conversationId);
  const messageId = newId('msg');
  await ctx.db
    .insertInto('messages')
    .values({
      tenant_id: ctx.tenant.id,
      id: messageId,
      channel: 'whatsapp',
      direction: 'out',
      phone: conversation.phone,
      body,
      kind: 'note',
      data: null,
      status: null,
      error: null,
      conversation_id: conversation.id,
      author_user_id: authorUserId,
      provider_message_id: null,
    })
    .execute();
  return messageById(ctx, messageId);
}

/** The agent is typing now (the web app calls this every few seconds while they type). */
export async function markTyping(ctx: Ctx, conversationId: string): Promise<void> {
  const userId = agentOf(ctx);
  await findConversation(ctx, conversationId);
  await ctx.db
    .insertInto('conversation_typing')
    .values({ tenant_id: ctx.tenant.id, conversation_id: conversationId, user_id: userId })
    .onConflict((oc) => oc.columns(['tenant_id', 'conversation_id', 'user_id']).doUpdateSet({ at: sql`now()` }))
    .execute();
}

export async function listQuickReplies(ctx: Ctx, programId?: string): Promise<QuickReplyView[]> {
  const rows = await ctx.db
    .selectFrom('quick_replies')
    .select(['id', 'program_id', 'title', 'body'])
    .where('tenant_id', '=', ctx.tenant.id)
    .$if(programId !== undefined, (q) => q.where('program_id', '=', programId as string))
    .orderBy('title')
    .execute();
  return rows.map((r) => ({ id: r.id, programId: r.program_id, title: r.title, body: r.body }));
}

/** A new quick reply; its title is unique in the program. */
export async function createQuickReply(ctx: Ctx, input: z.infer<typeof quickReplyInput>): Promise<QuickReplyView> {
  const program = await ctx.db
    .selectFrom('programs')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', input.programId)
    .executeTakeFirst();
  if (!program) throw fieldError('programId', 'unknown_program');
  const created = await ctx.db
    .insertInto('quick_replies')
    .values({ tenant_id: ctx.tenant.id, id: newId('qrp'), program_id: input.programId, title: input.title, body: input.body })
    .onConflict((oc) => oc.columns(['tenant_id', 'program_id', 'title']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!created) throw fieldError('title', 'duplicate_name');
  return { id: created.id, ...input };
}

export async function deleteQuickReply(ctx: Ctx, quickReplyId: string): Promise<void> {
  const deleted = await ctx.db
    .deleteFrom('quick_replies')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', quickReplyId)
    .executeTakeFirst();
  if (deleted.numDeletedRows === 0n) throw new AppError('not_found');
}
