import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { tenantOrigin } from '../../http/public-address.ts';
import { randomToken, safeEqual } from '../../shared/crypto.ts';
import { toDynamicQris } from './qris.ts';

// A QRIS payment's QR code as a PNG at a public address, for WhatsApp image messages: Meta
// fetches the image itself, with no session, so the address carries a random token instead.

/** The absolute address of a QRIS payment's image, for WhatsApp; its token is made on first use. */
export async function qrisImageUrl(ctx: Ctx, paymentId: string): Promise<string> {
  const { qris_image_token: token } = await ctx.db
    .updateTable('payments')
    .set({ qris_image_token: sql<string>`coalesce(qris_image_token, ${randomToken()})` })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', paymentId)
    .returning('qris_image_token')
    .executeTakeFirstOrThrow();
  return `${await tenantOrigin(ctx)}/api/payments/${encodeURIComponent(paymentId)}/qris.png?token=${token}`;
}

export const qrisImageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/payments/:paymentId/qris.png',
    {
      schema: {
        tags: ['payments'],
        summary: 'The QR image of an open QRIS payment (PNG), for WhatsApp: no session, the token from the link sent to the buyer',
        params: z.object({ paymentId: z.string().max(40) }),
        querystring: z.object({ token: z.string().max(100).default('') }),
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const payment = await ctx.db
        .selectFrom('payments as p')
        .innerJoin('orders as o', (join) => join.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.order_id'))
        .innerJoin('programs as g', (join) => join.onRef('g.tenant_id', '=', 'o.tenant_id').onRef('g.id', '=', 'o.program_id'))
        .select(['p.amount', 'p.qris_image_token', 'g.qris_payload'])
        .where('p.tenant_id', '=', ctx.tenant.id)
        .where('p.id', '=', request.params.paymentId)
        .where('p.method', '=', 'qris')
        .where('p.status', 'in', ['pending', 'submitted'])
        .executeTakeFirst();
      if (!payment?.qris_image_token || !payment.qris_payload || !safeEqual(payment.qris_image_token, request.query.token)) {
        throw new AppError('not_found');
      }
      const payload = toDynamicQris(payment.qris_payload, Number(payment.amount));
      const png = await QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 480 });
      return reply.header('cache-control', 'private, no-store').type('image/png').send(png);
    },
  );
};
