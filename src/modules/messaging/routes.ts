import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { requireMobile } from '../identity/users.ts';
import { parseWebhook } from './cloud-api.ts';
import { receiveBatches } from './inbound.ts';
import { listSimulatorMessages } from './service.ts';

const tags = ['demo'];

const simulatedMessage = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  kind: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  status: z.string().nullable(),
  createdAt: z.string(),
});

const customerMessage = z
  .strictObject({
    programId: z.string().max(40),
    phone: z.string().trim().min(1, 'required').max(30, 'invalid_phone'),
    name: z.string().trim().max(100).optional(),
    text: z.string().trim().max(4096).optional(),
    replyId: z.string().max(256).optional(),
    replyTitle: z.string().max(20).optional(),
  })
  .refine((body) => body.text || body.replyId, { path: ['text'], message: 'required' });

/** The Cloud API id of a program's WhatsApp number, which inbound messages are routed by. */
async function numberOf(ctx: Ctx, programId: string): Promise<string> {
  const program = await ctx.db
    .selectFrom('programs')
    .select('whatsapp_phone_number_id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', programId)
    .executeTakeFirst();
  if (!program?.whatsapp_phone_number_id) throw new AppError('not_found');
  return program.whatsapp_phone_number_id;
}

/** What Meta would post for one customer message: a text, or a tap on a button we sent. */
function webhookBody(input: z.infer<typeof customerMessage>, phone: string, phoneNumberId: string) {
  const waId = phone.replace(/^\+/, '');
  const base = { from: waId, id: newId('wamid.sim'), timestamp: String(Math.floor(Date.now() / 1000)) };
  const message = input.replyId
    ? {
        ...base,
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: input.replyId, title: input.replyTitle ?? input.text ?? '' } },
      }
    : { ...base, type: 'text', text: { body: input.text ?? '' } };
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        changes: [
          {
            field: 'messages',
            value: {
              metadata: { phone_number_id: phoneNumberId },
              contacts: [{ wa_id: waId, ...(input.name ? { profile: { name: input.name } } : {}) }],
              messages: [message],
            },
          },
        ],
      },
    ],
  };
}

export const messagingRoutes: FastifyPluginAsyncZod = async (app) => {
  // The demo's phones: none of these exist outside demo mode (checked before the body is).
  app.addHook('onRequest', async (request) => {
    if (!app.config.demo && request.url.startsWith('/api/dev/')) throw new AppError('demo_only');
  });

  app.get(
    '/dev/inbox',
    {
      schema: {
        tags,
        summary: 'Messages sent by the simulated messaging channel (demo mode only)',
        response: {
          200: z.object({
            messages: z.array(z.object({ id: z.string(), phone: z.string(), body: z.string(), createdAt: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const rows = await listSimulatorMessages(app.database.db, request.ctx().tenant.id);
      return {
        messages: rows.map((r) => ({ id: r.id, phone: r.phone, body: r.body, createdAt: r.created_at.toISOString() })),
      };
    },
  );

  app.get(
    '/dev/whatsapp/numbers',
    {
      schema: {
        tags,
        summary: 'The WhatsApp numbers of this regency’s programs, for the WhatsApp simulator (demo mode only)',
        response: {
          200: z.object({
            numbers: z.array(
              z.object({ programId: z.string(), programName: z.string(), phone: z.string().nullable(), phoneNumberId: z.string() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const rows = await ctx.db
        .selectFrom('programs')
        .select(['id', 'name', 'whatsapp_phone', 'whatsapp_phone_number_id'])
        .where('tenant_id', '=', ctx.tenant.id)
        .where('whatsapp_phone_number_id', 'is not', null)
        .orderBy('name')
        .execute();
      return {
        numbers: rows.map((r) => ({
          programId: r.id,
          programName: r.name,
          phone: r.whatsapp_phone,
          phoneNumberId: r.whatsapp_phone_number_id as string,
        })),
      };
    },
  );

  app.get(
    '/dev/whatsapp',
    {
      schema: {
        tags,
        summary: 'The WhatsApp simulator: one customer’s conversation with a program’s number, oldest first (demo mode only)',
        querystring: z.object({ programId: z.string().max(40), phone: z.string().trim().max(30) }),
        response: { 200: z.object({ messages: z.array(simulatedMessage) }) },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const phone = requireMobile(request.query.phone);
      await numberOf(ctx, request.query.programId);
      const rows = await ctx.db
        .selectFrom('messages as m')
        .innerJoin('conversations as c', (join) => join.onRef('c.tenant_id', '=', 'm.tenant_id').onRef('c.id', '=', 'm.conversation_id'))
        .select(['m.id', 'm.direction', 'm.kind', 'm.body', 'm.data', 'm.status', 'm.created_at'])
        .where('c.tenant_id', '=', ctx.tenant.id)
        .where('c.program_id', '=', request.query.programId)
        .where('c.phone', '=', phone)
        // Agents' internal notes are not messages the customer sees.
        .where('m.kind', '<>', 'note')
        .orderBy('m.created_at')
        .orderBy('m.id')
        .limit(500)
        .execute();
      return {
        messages: rows.map((r) => ({
          id: r.id,
          direction: r.direction,
          kind: r.kind,
          body: r.body,
          data: r.data,
          status: r.status,
          createdAt: r.created_at.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/dev/whatsapp/messages',
    {
      schema: {
        tags,
        summary: 'The WhatsApp simulator: a customer writes to a program’s number, or taps a button (demo mode only)',
        description:
          'Goes the same way as a message from Meta’s webhook: stored once in the customer’s conversation, then handed to ' +
          'the modules that act on messages (a tap on "Setuju" under a reweigh question decides the line).',
        body: customerMessage,
        response: { 201: z.object({ received: z.number() }) },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const phone = requireMobile(request.body.phone);
      const batches = parseWebhook(webhookBody(request.body, phone, await numberOf(ctx, request.body.programId)));
      const received = await receiveBatches(app.database.db, batches, 'simulator');
      await app.inbound.emit(received);
      app.outbox.wake();
      return reply.code(201).send({ received: received.length });
    },
  );
};
