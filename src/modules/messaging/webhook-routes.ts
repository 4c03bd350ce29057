import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { parseWebhook, verifySignature } from './cloud-api.ts';
import { receiveBatches } from './inbound.ts';

// Meta's WhatsApp webhook: one address for the whole installation (not a tenant's host);
// each message is routed to its program by the number that received it.

// The signature covers the body byte for byte, so it is kept before any parsing.
const rawBodies = new WeakMap<FastifyRequest, Buffer>();

export const whatsappWebhookRoutes: FastifyPluginAsyncZod = async (app) => {
  // Only this plugin's routes: everywhere else JSON is parsed as usual.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    rawBodies.set(request, body as Buffer);
    done(null, null);
  });

  const whatsapp = () => {
    if (!app.config.whatsapp) throw new AppError('not_found');
    return app.config.whatsapp;
  };

  app.get(
    '/webhooks/whatsapp',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Meta’s webhook verification: answers hub.challenge when hub.verify_token matches',
        querystring: z.object({
          'hub.mode': z.string().optional(),
          'hub.verify_token': z.string().optional(),
          'hub.challenge': z.string().max(200).optional(),
        }),
      },
    },
    async (request, reply) => {
      const config = whatsapp();
      const query = request.query;
      if (query['hub.mode'] !== 'subscribe' || query['hub.verify_token'] !== config.verifyToken || !query['hub.challenge']) {
        throw new AppError('forbidden');
      }
      return reply.type('text/plain').send(query['hub.challenge']);
    },
  );

  app.post(
    '/webhooks/whatsapp',
    {
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['webhooks'],
        summary: 'Messages and delivery statuses from the WhatsApp Business Cloud API',
        description:
          'Signed by Meta in X-Hub-Signature-256 (sha256=<hex HMAC-SHA256 of the raw body with the app secret): a wrong or missing ' +
          'signature answers 403 and stores nothing. Each message id is stored once (Meta retries). A number no program has is 404.',
        response: { 200: z.object({ ok: z.literal(true), received: z.number() }) },
      },
    },
    async (request) => {
      const config = whatsapp();
      const raw = rawBodies.get(request) ?? Buffer.alloc(0);
      const signature = request.headers['x-hub-signature-256'];
      if (!verifySignature(raw, typeof signature === 'string' ? signature : undefined, config.appSecret)) {
        request.log.warn('WhatsApp webhook with a wrong or missing signature');
        throw new AppError('invalid_signature');
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AppError('invalid_json');
      }
      let batches: ReturnType<typeof parseWebhook>;
      try {
        batches = parseWebhook(body);
      } catch {
        throw new AppError('bad_request');
      }
      const received = await receiveBatches(app.database.db, batches, 'whatsapp');
      if (received.length > 0) {
        await app.inbound.emit(received);
        // Replies the handlers queued (a button answered) go now, not at the next tick.
        app.outbox.wake();
      }
      return { ok: true as const, received: received.length };
    },
  );
};
