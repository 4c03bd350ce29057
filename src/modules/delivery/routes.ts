import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requireRoles } from '../../http/auth.ts';
import { rememberAnswer, replayIfSeen } from '../../http/idempotency.ts';
import { accountBalance } from '../ledger/service.ts';
import { courierCash } from '../payments/accounts.ts';
import { courierById, listCouriers, myCourier, registerCourier, updateCourier, updateMyStatus } from './couriers.ts';
import { giveFloat, payAtStall, settleFloat } from './float.ts';
import {
  acceptJob,
  advanceJob,
  assignJob,
  confirmDeliveryByStaff,
  declineJob,
  deliverJob,
  dropJob,
  failJob,
  weighJobLine,
} from './jobs.ts';
import { deliveryQuote, tripTerms } from './quote.ts';
import { courierInput, courierView, deliveryQuoteView, jobView, programDeliverySettings, recapView } from './schemas.ts';
import { getProgramDeliverySettings, updateProgramDeliverySettings } from './settings.ts';
import { type JobStatus, MAX_CODE_ATTEMPTS } from './tables.ts';
import { courierJobs, courierRecap } from './views.ts';

const security = [{ session: [] }];
const courierTags = ['courier app'];
const jobParams = z.object({ jobId: z.string().max(40) });
const position = { lat: z.number().min(-90).max(90).optional(), lng: z.number().min(-180).max(180).optional() };
const reasonBody = z.strictObject({ reason: z.string().trim().min(3).max(500), ...position });
const courierOnly = requireRoles('courier');
const noContent = { 204: z.null() };

const TABS: Record<'offers' | 'active' | 'done', readonly JobStatus[]> = {
  offers: ['offered'],
  active: ['accepted', 'shopping', 'picked_up', 'delivering', 'failed'],
  done: ['delivered', 'returned', 'cancelled'],
};

/** Where the courier said they were when they took a step, if they shared it. */
function whereFrom(body: { lat?: number; lng?: number }) {
  return body.lat !== undefined && body.lng !== undefined ? { lat: body.lat, lng: body.lng } : undefined;
}

/** The signed-in courier's registrations in this tenant (one per program). */
async function myCourierIds(request: FastifyRequest): Promise<string[]> {
  const ctx = request.ctx();
  const rows = await ctx.db
    .selectFrom('couriers')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('user_id', '=', requireActor(request).userId)
    .execute();
  return rows.map((r) => r.id);
}

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/delivery/quote',
    {
      schema: {
        tags: ['orders'],
        summary: 'The delivery fee for these sellers’ goods to a pin and village, before checkout',
        body: z.strictObject({
          programId: z.string().max(40),
          sellerIds: z.array(z.string().max(40)).min(1).max(50),
          areaCode: z.string().max(13),
          ...position,
        }),
        response: { 200: deliveryQuoteView },
      },
    },
    async (request) => {
      const { lat, lng, ...rest } = request.body;
      const ctx = request.ctx();
      const quote = await deliveryQuote(ctx, { ...rest, point: lat !== undefined && lng !== undefined ? { lat, lng } : null });
      const { deliverOn, shoppingFee } = await tripTerms(ctx, rest);
      const trip = { deliverOn, shoppingFee: Number(shoppingFee) };
      return quote.ok
        ? { ok: true, fee: Number(quote.fee), distanceM: quote.distanceM, reason: null, ...trip }
        : { ok: false, fee: null, distanceM: null, reason: quote.reason, ...trip };
    },
  );

  // The courier app.
  app.get(
    '/courier/me',
    {
      preHandler: courierOnly,
      schema: { tags: courierTags, security, summary: 'My courier registration', response: { 200: z.object({ courier: courierView }) } },
    },
    async (request) => ({ courier: await myCourier(request.ctx()) }),
  );

  app.patch(
    '/courier/me',
    {
      preHandler: courierOnly,
      schema: {
        tags: courierTags,
        security,
        summary: 'Go on or off duty, and share where I am (jobs are offered by distance)',
        body: z.strictObject({ available: z.boolean().optional(), ...position }),
        response: { 200: z.object({ courier: courierView }) },
      },
    },
    async (request) => ({ courier: await updateMyStatus(request.ctx(), request.body) }),
  );

  app.get(
    '/courier/jobs',
    {
      preHandler: courierOnly,
      schema: {
        tags: courierTags,
        security,
        summary: 'Jobs offered to me (with their deadline), mine in progress, or done',
        querystring: z.object({ tab: z.enum(['offers', 'active', 'done']).default('active') }),
        response: { 200: z.object({ jobs: z.array(jobView) }) },
      },
    },
    async (request) => ({
      jobs: await courierJobs(request.ctx(), await myCourierIds(request), TABS[request.query.tab], MAX_CODE_ATTEMPTS),
    }),
  );

  const step = (
    path: string,
    summary: string,
    body: z.ZodType,
    run: (request: FastifyRequest<{ Params: { jobId: string } }>, body: never) => Promise<void>,
  ) =>
    app.post(
      `/courier/jobs/:jobId/${path}`,
      {
        // Queued offline and sent again: a repeat with the same Idempotency-Key gets the first answer.
        preHandler: [courierOnly, replayIfSeen],
        onSend: rememberAnswer,
        schema: { tags: courierTags, security, summary, params: jobParams, body, response: noContent },
      },
      async (request, reply) => {
        await run(request, request.body as never);
        return reply.code(204).send(null);
      },
    );
  const empty = z.strictObject({});
  step('accept', 'Take the job offered to me (409 job_taken when it went to someone else or ran out)', empty, (r) =>
    acceptJob(r.ctx(), r.params.jobId),
  );
  step('decline', 'Say no to the offer; it goes to the next courier', empty, (r) => declineJob(r.ctx(), r.params.jobId));
  step('drop', 'Give back a job I took but cannot do; it is offered again', reasonBody, (r, b: z.infer<typeof reasonBody>) =>
    dropJob(r.ctx(), r.params.jobId, b.reason),
  );
  const advanceBody = z.strictObject({ to: z.enum(['shopping', 'picked_up', 'delivering', 'returned']), ...position });
  step(
    'advance',
    'Shopping at the market, picked up (the sellers’ parts are handed over), on the way, or returned',
    advanceBody,
    (r, b: z.infer<typeof advanceBody>) => advanceJob(r.ctx(), r.params.jobId, b.to, whereFrom(b)),
  );
  step('fail', 'Could not hand over (nobody home, refused)', reasonBody, (r, b: z.infer<typeof reasonBody>) =>
    failJob(r.ctx(), r.params.jobId, b.reason, whereFrom(b)),
  );
  const deliverBody = z.strictObject({
    code: z
      .string()
      .regex(/^[0-9]{4}$/, 'invalid_format')
      .describe('The 4-digit code the buyer reads from their order page'),
    proofMediaId: z
      .string()
      .regex(/^med_[0-9a-z]{16}$/)
      .optional()
      .describe('A photo of the hand-over, uploaded with POST /api/media'),
    ...position,
  });
  step(
    'deliver',
    'Handed over: the buyer’s code proves it; cash on delivery goes into my cash balance',
    deliverBody,
    (r, b: z.infer<typeof deliverBody>) =>
      deliverJob(r.ctx(), r.params.jobId, { code: b.code, proofMediaId: b.proofMediaId, at: whereFrom(b) }),
  );

  const stallBody = z.strictObject({
    sellerId: z.string().max(40).nullable().describe('The trader paid; null for the buyer’s titip lines bought at any stall'),
    amount: z.number().int().min(1).max(10_000_000),
    mediaId: z
      .string()
      .regex(/^med_[0-9a-z]{16}$/)
      .optional()
      .describe('A photo of the trader’s note, uploaded with POST /api/media'),
  });
  step(
    'stall-payments',
    'I paid a stall in cash from my float (dana talangan); at most what its lines still cost',
    stallBody,
    (r, b: z.infer<typeof stallBody>) => payAtStall(r.ctx(), r.params.jobId, b),
  );

  app.post(
    '/courier/jobs/:jobId/lines/:position',
    {
      preHandler: [courierOnly, replayIfSeen],
      onSend: rememberAnswer,
      schema: {
        tags: courierTags,
        security,
        summary: 'What I actually bought for a line: the weighed quantity and price, or not available',
        description:
          'Within the program’s tolerance it applies at once; beyond it the buyer is asked (answer or default by the deadline). ' +
          'A paid order cannot cost more than was paid (400 reweigh_over_paid).',
        params: z.object({ jobId: z.string().max(40), position: z.coerce.number().int().min(0).max(1000) }),
        body: z.strictObject({
          quantityMilli: z.number().int().min(0).max(1_000_000_000),
          unitPrice: z.number().int().min(1).max(1_000_000_000).optional().describe('Rupiah per unit if the trader charged another price'),
          unavailable: z.boolean().default(false),
          substitute: z
            .string()
            .trim()
            .min(2)
            .max(200)
            .optional()
            .describe('Another item bought instead (the buyer always decides on a substitute)'),
          reason: z.string().trim().max(300).default(''),
        }),
        response: noContent,
      },
    },
    async (request, reply) => {
      await weighJobLine(request.ctx(), request.params.jobId, { position: request.params.position, ...request.body });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/courier/cash',
    {
      preHandler: courierOnly,
      schema: {
        tags: courierTags,
        security,
        summary: 'Cash I collected at doors and have not handed in yet',
        response: { 200: z.object({ balance: z.number() }) },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const actor = requireActor(request);
      const code = courierCash(actor.userId, actor.name).code;
      const exists = await ctx.db
        .selectFrom('ledger_accounts')
        .select('id')
        .where('tenant_id', '=', ctx.tenant.id)
        .where('code', '=', code)
        .executeTakeFirst();
      return { balance: exists ? Number(await accountBalance(ctx, code)) : 0 };
    },
  );

  app.get(
    '/courier/recap',
    {
      preHandler: courierOnly,
      schema: {
        tags: courierTags,
        security,
        summary: 'My day: jobs delivered, fees earned, cash collected',
        querystring: z.object({
          date: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
        }),
        response: { 200: recapView },
      },
    },
    async (request) =>
      courierRecap(request.ctx(), { ids: await myCourierIds(request), userId: requireActor(request).userId }, request.query.date),
  );

  // Staff: the registry, and dispatch by hand.
  const desk = requireRoles('program_admin', 'cs_agent');
  app.get(
    '/admin/couriers',
    {
      // Treasurers too: they hand out and settle the couriers' cash floats.
      preHandler: requireRoles('program_admin', 'cs_agent', 'treasurer'),
      schema: {
        tags: ['admin'],
        security,
        summary: 'The program’s couriers',
        querystring: z.object({ programId: z.string().max(40).optional() }),
        response: { 200: z.object({ couriers: z.array(courierView) }) },
      },
    },
    async (request) => ({ couriers: await listCouriers(request.ctx(), request.query.programId) }),
  );

  app.post(
    '/admin/couriers',
    {
      preHandler: requireRoles('program_admin'),
      schema: {
        tags: ['admin'],
        security,
        summary: 'Register a courier',
        body: courierInput,
        response: { 201: z.object({ courier: courierView }) },
      },
    },
    async (request, reply) => reply.code(201).send({ courier: await registerCourier(request.ctx(), request.body) }),
  );

  app.patch(
    '/admin/couriers/:courierId',
    {
      preHandler: requireRoles('program_admin'),
      schema: {
        tags: ['admin'],
        security,
        summary: 'Mark the ID checked, suspend or reinstate, change association or plate',
        params: z.object({ courierId: z.string().max(40) }),
        body: z.strictObject({
          idChecked: z.boolean().optional(),
          active: z.boolean().optional(),
          association: z.string().trim().max(100).optional(),
          vehiclePlate: courierInput.shape.vehiclePlate.optional(),
        }),
        response: { 200: z.object({ courier: courierView }) },
      },
    },
    async (request) => ({ courier: await updateCourier(request.ctx(), request.params.courierId, request.body) }),
  );

  const programParams = z.object({ programId: z.string().max(40) });
  const settingsReply = { 200: z.object({ settings: programDeliverySettings }) };
  app.get(
    '/admin/programs/:programId/delivery-settings',
    {
      preHandler: requireRoles('program_admin', 'platform_admin', 'cs_agent'),
      schema: { tags: ['admin'], security, summary: 'How a program delivers', params: programParams, response: settingsReply },
    },
    async (request) => ({ settings: await getProgramDeliverySettings(request.ctx(), request.params.programId) }),
  );
  app.put(
    '/admin/programs/:programId/delivery-settings',
    {
      preHandler: requireRoles('program_admin', 'platform_admin'),
      schema: {
        tags: ['admin'],
        security,
        summary: 'Set the delivery tariff, dispatch timing, reweighing rules and titip belanja',
        params: programParams,
        body: programDeliverySettings,
        response: settingsReply,
      },
    },
    async (request) => ({ settings: await updateProgramDeliverySettings(request.ctx(), request.params.programId, request.body) }),
  );

  const floatBody = z.strictObject({
    action: z.enum(['give', 'settle']),
    amount: z
      .number()
      .int()
      .min(-10_000_000)
      .max(10_000_000)
      .describe('give: cash handed to the courier (> 0). settle: cash the courier returns (> 0) or the program reimburses (< 0)'),
  });
  app.post(
    '/admin/couriers/:courierId/float',
    {
      preHandler: requireRoles('treasurer', 'program_admin'),
      schema: {
        tags: ['admin'],
        security,
        summary: 'Give a courier a cash float for market shopping, or settle it (returned or reimbursed)',
        params: z.object({ courierId: z.string().max(40) }),
        body: floatBody.refine((b) => b.action === 'settle' || b.amount > 0, { path: ['amount'], message: 'too_small' }),
        response: { 200: z.object({ courier: courierView }) },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const { action, amount } = request.body;
      if (action === 'give') await giveFloat(ctx, request.params.courierId, amount);
      else await settleFloat(ctx, request.params.courierId, amount);
      return { courier: await courierById(ctx, request.params.courierId) };
    },
  );

  app.post(
    '/cs/jobs/:jobId/assign',
    {
      preHandler: desk,
      schema: {
        tags: ['cs console'],
        security,
        summary: 'Give a waiting job (or one a courier dropped) to a courier by hand',
        params: jobParams,
        body: z.strictObject({ courierId: z.string().max(40) }),
        response: noContent,
      },
    },
    async (request, reply) => {
      await assignJob(request.ctx(), request.params.jobId, request.body.courierId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/cs/jobs/:jobId/confirm-delivered',
    {
      preHandler: desk,
      schema: {
        tags: ['cs console'],
        security,
        summary: 'Confirm a hand-over the code could not prove (after the buyer confirmed by phone)',
        params: jobParams,
        body: z.strictObject({ reason: z.string().trim().min(3).max(500) }),
        response: noContent,
      },
    },
    async (request, reply) => {
      await confirmDeliveryByStaff(request.ctx(), request.params.jobId, request.body.reason);
      return reply.code(204).send(null);
    },
  );
};
