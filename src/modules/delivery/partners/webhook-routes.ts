import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../../http/context.ts';
import { AppError } from '../../../http/errors.ts';
import { recordJobNote } from '../job-states.ts';
import { partnerActor, partnerEvent, receivePartnerEvent } from './events.ts';
import { SIGNATURE_HEADER, verifyPartnerSignature } from './signature.ts';

// The signature covers the body exactly as sent, so it is kept before JSON parsing.
const rawBodies = new WeakMap<FastifyRequest, string>();

/** A callback with a wrong signature is recorded on the job it names, if that job is with the partner. */
async function recordBadSignature(ctx: Ctx, partnerName: string, body: unknown): Promise<void> {
  const jobId = (body as { jobId?: unknown } | null)?.jobId;
  if (typeof jobId !== 'string') return;
  const job = await ctx.db
    .selectFrom('delivery_jobs')
    .select(['id', 'status'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', jobId)
    .where('partner', '=', partnerName)
    .executeTakeFirst();
  if (job) await recordJobNote(ctx, job, `bad_signature (partner:${partnerName})`);
}

/** Status callbacks from delivery partners: no session and no CSRF; the signature is the authentication. */
export const deliveryPartnerWebhookRoutes: FastifyPluginAsyncZod = async (app) => {
  // Only this plugin's routes: everywhere else JSON is parsed as usual.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    rawBodies.set(request, body as string);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      // Not JSON: refused by the schema, but only after the signature check.
      done(null, body);
    }
  });

  app.post(
    '/webhooks/delivery/:partner',
    {
      // A callback is well under 1 KB; ones with a wrong signature are recorded, so they are kept small.
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['webhooks'],
        summary: 'Delivery partner status callback',
        description:
          `Signed with ${SIGNATURE_HEADER}: the hex HMAC-SHA256 of the raw body with the partner's secret; a wrong or missing ` +
          'signature answers 403 and changes nothing. Each eventId is applied at most once (a replay answers duplicate). ' +
          'A step the job is not ready for (out of order) answers 409 and changes nothing, so it can be sent again later. ' +
          'delivered carries the code the buyer read out; a wrong one is counted (wrong_code), three lock it for CS. ' +
          'cancelled gives the job back to the program’s couriers (before pickup only).',
        params: z.object({ partner: z.string().max(40) }),
        body: partnerEvent,
        response: {
          200: z.object({
            ok: z.literal(true),
            result: z.enum(['applied', 'duplicate', 'wrong_code']),
            attemptsLeft: z.number().optional(),
          }),
        },
      },
      // Before the body is validated: an unsigned request is refused whatever it holds.
      preValidation: async (request) => {
        const partner = app.deliveryPartners.get(request.params.partner);
        if (!partner) throw new AppError('not_found');
        const signature = request.headers[SIGNATURE_HEADER];
        const raw = rawBodies.get(request) ?? '';
        if (typeof signature === 'string' && verifyPartnerSignature(raw, signature, partner.secret)) return;
        await recordBadSignature({ ...request.ctx(), actor: null }, partner.name, request.body);
        request.log.warn({ partner: partner.name }, 'delivery partner callback with a wrong signature');
        throw new AppError('invalid_partner_signature');
      },
    },
    async (request) => {
      const name = request.params.partner;
      // The partner acts here, not whoever's cookie came along.
      const ctx = { ...request.ctx(), actor: partnerActor(name) };
      const outcome = await receivePartnerEvent(ctx, name, request.body);
      if (outcome.result === 'wrong_code') request.log.warn({ partner: name, jobId: request.body.jobId }, 'partner: wrong hand-over code');
      return { ok: true as const, ...outcome };
    },
  );
};
