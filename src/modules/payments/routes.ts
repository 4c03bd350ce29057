import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { requireActor, requireRoles } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import type { Role } from '../identity/roles.ts';
import { mediaUrls } from '../media/service.ts';
import { orderView } from '../orders/schemas.ts';
import { getOrder, getOrderForStaff } from '../orders/views.ts';
import { qrisImageRoutes } from './qris-image.ts';
import { markRefundPaid } from './refunds.ts';
import {
  deskPaymentView,
  deskRefundView,
  programPaymentSettings,
  proofInput,
  reasonInput,
  staffNote,
  startPaymentInput,
} from './schemas.ts';
import { confirmPayment, rejectTransferProof, startPayment, submitTransferProof } from './service.ts';
import { getProgramPaymentSettings, updateProgramPaymentSettings } from './settings.ts';
import { refundView as toRefundView } from './views.ts';

const security = [{ session: [] }];
const orderParams = z.object({ orderId: z.string().max(40) });
const orderReply = { 200: z.object({ order: orderView }) };
/** Who checks money in and out. */
const PAYMENT_DESK: Role[] = ['cs_agent', 'program_admin', 'treasurer'];

/** Paying an order (buyer) and checking payments and refunds (CS, treasurer). */
export const paymentRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(qrisImageRoutes);

  app.post(
    '/orders/:orderId/payments',
    {
      preHandler: async (request) => void requireActor(request),
      schema: {
        tags: ['payments'],
        security,
        summary: 'Pay my order by transfer, QRIS, the gateway or cash on delivery',
        description:
          'Transfer: pay `payment.amount` exactly (the total plus a unique code) and upload the receipt photo. ' +
          'QRIS: scan `payment.qrisPayload` (image at …/payments/qris.svg). Gateway: continue at `payment.redirectUrl`. ' +
          'Cash on delivery confirms the order at once. Asking again with the same method returns the open payment.',
        params: orderParams,
        body: startPaymentInput,
        response: orderReply,
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await startPayment(ctx, { orderId: request.params.orderId, method: request.body.method }, app.paymentGateway);
      return { order: await getOrder(ctx, request.params.orderId) };
    },
  );

  app.post(
    '/orders/:orderId/payments/proof',
    {
      preHandler: async (request) => void requireActor(request),
      schema: {
        tags: ['payments'],
        security,
        summary: 'Attach the transfer receipt photo (uploaded first with POST /api/media); CS then checks the bank',
        params: orderParams,
        body: proofInput,
        response: orderReply,
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await submitTransferProof(ctx, { orderId: request.params.orderId, mediaId: request.body.mediaId });
      return { order: await getOrder(ctx, request.params.orderId) };
    },
  );

  app.get(
    '/orders/:orderId/payments/qris.svg',
    {
      preHandler: async (request) => void requireActor(request),
      schema: { tags: ['payments'], security, summary: 'The QR image of the open QRIS payment (SVG)', params: orderParams },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const staff = ctx.actor?.roles.some((role) => PAYMENT_DESK.includes(role));
      const order = staff ? await getOrderForStaff(ctx, request.params.orderId) : await getOrder(ctx, request.params.orderId);
      const payload = order.payment?.qrisPayload;
      if (!payload) throw new AppError('not_found');
      const svg = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return reply.header('cache-control', 'private, no-store').type('image/svg+xml').send(svg);
    },
  );

  app.get(
    '/cs/payments',
    {
      preHandler: requireRoles(...PAYMENT_DESK),
      schema: {
        tags: ['cs console'],
        security,
        summary: 'Payments to check: open ones (proof uploaded first), or paid ones',
        querystring: z.object({
          status: z.enum(['open', 'paid']).default('open'),
          amount: z.coerce.number().int().min(1).optional().describe('Find a transfer by the exact amount seen in the bank'),
        }),
        response: { 200: z.object({ payments: z.array(deskPaymentView) }) },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const rows = await ctx.db
        .selectFrom('payments as p')
        .innerJoin('orders as o', (join) => join.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.order_id'))
        .innerJoin('users as u', 'u.id', 'o.buyer_user_id')
        .select([
          'p.id',
          'p.order_id',
          'o.number',
          'u.name',
          'u.phone',
          'p.method',
          'p.status',
          'p.amount',
          'p.unique_code',
          'p.proof_media_id',
          'p.created_at',
          'p.paid_at',
          'p.provider_ref',
        ])
        .where('p.tenant_id', '=', ctx.tenant.id)
        .where('p.method', 'in', ['transfer', 'qris'])
        .where('p.status', 'in', request.query.status === 'open' ? ['submitted', 'pending'] : ['paid'])
        .$if(request.query.amount !== undefined, (q) => q.where('p.amount', '=', BigInt(request.query.amount as number)))
        // Proofs waiting for a check first, then the oldest.
        .orderBy((eb) => eb.case().when('p.status', '=', 'submitted').then(0).else(1).end())
        .orderBy('p.created_at', request.query.status === 'open' ? 'asc' : 'desc')
        .limit(100)
        .execute();
      return {
        payments: rows.map((r) => ({
          id: r.id,
          orderId: r.order_id,
          orderNumber: r.number,
          buyerName: r.name,
          buyerPhone: r.phone,
          method: r.method,
          status: r.status,
          amount: Number(r.amount),
          uniqueCode: r.unique_code,
          proofUrl: r.proof_media_id ? mediaUrls(r.proof_media_id).url : null,
          createdAt: r.created_at.toISOString(),
          paidAt: r.paid_at?.toISOString() ?? null,
          reference: r.provider_ref,
        })),
      };
    },
  );

  app.post(
    '/cs/payments/:paymentId/confirm',
    {
      preHandler: requireRoles(...PAYMENT_DESK),
      schema: {
        tags: ['cs console'],
        security,
        summary: 'The money is in the bank or QRIS account: mark paid (the order goes to the sellers)',
        params: z.object({ paymentId: z.string().max(40) }),
        body: staffNote,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await confirmPayment(request.ctx(), { paymentId: request.params.paymentId, reference: request.body.reference });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/cs/payments/:paymentId/reject-proof',
    {
      preHandler: requireRoles(...PAYMENT_DESK),
      schema: {
        tags: ['cs console'],
        security,
        summary: 'The transfer is not in the bank: send the proof back with the reason; the buyer can upload again',
        params: z.object({ paymentId: z.string().max(40) }),
        body: reasonInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await rejectTransferProof(request.ctx(), { paymentId: request.params.paymentId, reason: request.body.reason });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/cs/refunds',
    {
      preHandler: requireRoles(...PAYMENT_DESK),
      schema: {
        tags: ['cs console'],
        security,
        summary: 'Refunds to pay (pending) or paid',
        querystring: z.object({ status: z.enum(['pending', 'paid']).default('pending') }),
        response: {
          200: z.object({
            refunds: z.array(deskRefundView),
          }),
        },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const rows = await ctx.db
        .selectFrom('refunds as r')
        .innerJoin('orders as o', (join) => join.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.order_id'))
        .innerJoin('payments as p', (join) => join.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.id', '=', 'r.payment_id'))
        .innerJoin('users as u', 'u.id', 'o.buyer_user_id')
        .selectAll('r')
        .select(['o.number', 'u.name', 'u.phone', 'p.method'])
        .where('r.tenant_id', '=', ctx.tenant.id)
        .where('r.status', '=', request.query.status)
        .orderBy('r.created_at', request.query.status === 'pending' ? 'asc' : 'desc')
        .limit(100)
        .execute();
      return {
        refunds: rows.map((r) => ({
          ...toRefundView(r),
          orderId: r.order_id,
          orderNumber: r.number,
          buyerName: r.name,
          buyerPhone: r.phone,
          method: r.method,
        })),
      };
    },
  );

  app.post(
    '/cs/refunds/:refundId/paid',
    {
      preHandler: requireRoles(...PAYMENT_DESK),
      schema: {
        tags: ['cs console'],
        security,
        summary: 'The money was sent back to the buyer: record the reference; the ledger moves it out',
        params: z.object({ refundId: z.string().max(40) }),
        body: staffNote,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await markRefundPaid(request.ctx(), { refundId: request.params.refundId, reference: request.body.reference });
      return reply.code(204).send(null);
    },
  );

  const programParams = z.object({ programId: z.string().max(40) });
  const settingsReply = { 200: z.object({ settings: programPaymentSettings }) };
  app.get(
    '/admin/programs/:programId/payment-settings',
    {
      preHandler: requireRoles('program_admin', 'platform_admin', 'treasurer'),
      schema: { tags: ['admin'], security, summary: 'How a program takes money', params: programParams, response: settingsReply },
    },
    async (request) => ({ settings: await getProgramPaymentSettings(request.ctx(), request.params.programId) }),
  );

  app.put(
    '/admin/programs/:programId/payment-settings',
    {
      preHandler: requireRoles('program_admin', 'platform_admin'),
      schema: {
        tags: ['admin'],
        security,
        summary: 'Set payment methods, bank account, static QRIS (CRC checked), fee and deadlines',
        params: programParams,
        body: programPaymentSettings,
        response: settingsReply,
      },
    },
    async (request) => ({ settings: await updateProgramPaymentSettings(request.ctx(), request.params.programId, request.body) }),
  );
};
