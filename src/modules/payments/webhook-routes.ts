import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { receiveMidtransNotification } from './notifications.ts';

// Midtrans sends every field as a string; the rest of the notification is kept as sent.
const midtransNotification = z.looseObject({
  order_id: z.string().min(1).max(64),
  status_code: z.string().max(3),
  gross_amount: z.string().max(20),
  // Missing is a bad signature (403), not a malformed request.
  signature_key: z.string().max(256).default(''),
  transaction_status: z.string().max(40),
  transaction_id: z.string().max(100).optional(),
  fraud_status: z.string().max(40).optional(),
});

/** Calls from payment gateways: no session and no CSRF; the signature is the authentication. */
export const paymentWebhookRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/webhooks/payments/midtrans',
    {
      // A notification is about 1 KB; rejected ones are stored, so they are kept small.
      bodyLimit: 32 * 1024,
      schema: {
        tags: ['webhooks'],
        summary: 'Midtrans HTTP notification: the Payment Notification URL in the Midtrans dashboard',
        description:
          'Checked with signature_key (SHA-512 of order_id + status_code + gross_amount + server key) and applied at most once. ' +
          'A wrong signature answers 403 and an unknown order_id 404, so Midtrans retries once the setup is fixed. ' +
          'A signed notification that cannot be applied (another amount, a replay, news older than the payment) is recorded and answered 200: retrying would not change it.',
        body: midtransNotification,
        response: {
          200: z.object({ ok: z.literal(true), result: z.enum(['applied', 'recorded', 'duplicate', 'amount_mismatch']) }),
        },
      },
    },
    async (request) => {
      const gateway = app.paymentGateway;
      if (!gateway) throw new AppError('not_found');
      // The gateway acts here, not whoever's cookie came along.
      const ctx = { ...request.ctx(), actor: null };
      const result = await receiveMidtransNotification(ctx, request.body, gateway.serverKey);
      const about = { orderId: request.body.order_id, status: request.body.transaction_status, result };
      if (result === 'bad_signature') {
        request.log.warn(about, 'midtrans notification with a wrong signature');
        throw new AppError('invalid_signature');
      }
      if (result === 'unknown_payment') {
        request.log.warn(about, 'midtrans notification for an unknown payment');
        throw new AppError('not_found');
      }
      if (result === 'amount_mismatch') request.log.warn(about, 'midtrans notification with another amount');
      return { ok: true as const, result };
    },
  );
};
