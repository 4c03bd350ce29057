import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRoles } from '../../http/auth.ts';
import { rememberAnswer, replayIfSeen } from '../../http/idempotency.ts';
import { chatOrderInput, parseChatOrder, parseInput, parseResult, placeChatOrder } from '../orders/from-chat.ts';
import { orderView } from '../orders/schemas.ts';
import {
  addNote,
  assignConversation,
  conversationDetail,
  conversationSummary,
  createQuickReply,
  DESK_ROLES,
  deleteQuickReply,
  getConversation,
  listConversations,
  listQuickReplies,
  markRead,
  markTyping,
  messageView,
  quickReplyInput,
  quickReplyView,
  replyInput,
  sendReply,
} from './console.ts';

const tags = ['cs console'];
const security = [{ session: [] }];
const idParams = z.object({ id: z.string().max(40) });
const noContent = { 204: z.null() };
const messageReply = { 201: z.object({ message: messageView }) };

/** The CS desk's WhatsApp inbox: conversations, replies, notes, quick replies, and orders taken from a chat. */
export const conversationConsoleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireRoles(...DESK_ROLES));

  app.get(
    '/cs/conversations',
    {
      schema: {
        tags,
        security,
        summary: 'Conversations, latest activity first (at most 100): everyone’s, mine, or not yet assigned',
        querystring: z.object({
          programId: z.string().max(40).optional(),
          filter: z.enum(['all', 'mine', 'unassigned']).default('all'),
        }),
        response: { 200: z.object({ conversations: z.array(conversationSummary) }) },
      },
    },
    async (request) => ({ conversations: await listConversations(request.ctx(), request.query) }),
  );

  app.get(
    '/cs/conversations/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One conversation: its last 200 messages (oldest first), the customer, and other agents typing',
        params: idParams,
        response: { 200: conversationDetail },
      },
    },
    async (request) => getConversation(request.ctx(), request.params.id),
  );

  app.post(
    '/cs/conversations/:id/read',
    { schema: { tags, security, summary: 'Mark the conversation read (unread = 0)', params: idParams, response: noContent } },
    async (request, reply) => {
      await markRead(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/cs/conversations/:id/assign',
    {
      schema: {
        tags,
        security,
        summary: 'Assign the conversation to a CS agent or program admin of this regency, or to nobody (null)',
        params: idParams,
        body: z.strictObject({ userId: z.string().max(40).nullable() }),
        response: { 200: z.object({ conversation: conversationSummary }) },
      },
    },
    async (request) => ({ conversation: await assignConversation(request.ctx(), request.params.id, request.body.userId) }),
  );

  app.post(
    '/cs/conversations/:id/messages',
    {
      schema: {
        tags,
        security,
        summary: 'Reply to the customer: a text, a quick reply, or a photo (queued, then sent by the outbox)',
        description: 'Outside the 24-hour window WhatsApp only delivers templates, so the text then rides in the program’s template.',
        params: idParams,
        body: replyInput,
        response: messageReply,
      },
    },
    async (request, reply) => {
      const message = await sendReply(request.ctx(), request.params.id, request.body);
      app.outbox.wake();
      return reply.code(201).send({ message });
    },
  );

  app.post(
    '/cs/conversations/:id/notes',
    {
      schema: {
        tags,
        security,
        summary: 'An internal note for other agents, shown in the conversation and never sent',
        params: idParams,
        body: z.strictObject({ body: z.string().trim().min(1).max(4096) }),
        response: messageReply,
      },
    },
    async (request, reply) => reply.code(201).send({ message: await addNote(request.ctx(), request.params.id, request.body.body) }),
  );

  app.post(
    '/cs/conversations/:id/typing',
    {
      schema: {
        tags,
        security,
        summary: 'I am typing in this conversation (send every few seconds)',
        params: idParams,
        response: noContent,
      },
    },
    async (request, reply) => {
      await markTyping(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/cs/conversations/:id/parse',
    {
      schema: {
        tags,
        security,
        summary: 'Read a shopping list from a message and match its items to the program’s catalogue',
        params: idParams,
        body: parseInput,
        response: { 200: parseResult },
      },
    },
    async (request) => parseChatOrder(request.ctx(), request.params.id, request.body),
  );

  app.post(
    '/cs/conversations/:id/orders',
    {
      // A double click with the same Idempotency-Key orders once.
      preHandler: replayIfSeen,
      onSend: rememberAnswer,
      schema: {
        tags,
        security,
        summary: 'Order for the customer of this conversation (their account by phone) and start the payment',
        description:
          'Like checkout, all or nothing: a line that cannot be reserved answers 409 with one detail per line (lines.<variantId>). ' +
          'The customer’s web cart is not touched.',
        params: idParams,
        body: chatOrderInput,
        response: { 201: z.object({ order: orderView }) },
      },
    },
    async (request, reply) => {
      const order = await placeChatOrder(request.ctx(), request.params.id, request.body);
      app.outbox.wake();
      return reply.code(201).send({ order });
    },
  );

  app.get(
    '/cs/quick-replies',
    {
      schema: {
        tags,
        security,
        summary: 'Quick replies, by title; of one program when programId is given',
        querystring: z.object({ programId: z.string().max(40).optional() }),
        response: { 200: z.object({ quickReplies: z.array(quickReplyView) }) },
      },
    },
    async (request) => ({ quickReplies: await listQuickReplies(request.ctx(), request.query.programId) }),
  );

  app.post(
    '/cs/quick-replies',
    {
      schema: {
        tags,
        security,
        summary: 'A new quick reply (its title is unique in the program)',
        body: quickReplyInput,
        response: { 201: z.object({ quickReply: quickReplyView }) },
      },
    },
    async (request, reply) => reply.code(201).send({ quickReply: await createQuickReply(request.ctx(), request.body) }),
  );

  app.delete(
    '/cs/quick-replies/:id',
    { schema: { tags, security, summary: 'Delete a quick reply', params: idParams, response: noContent } },
    async (request, reply) => {
      await deleteQuickReply(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
