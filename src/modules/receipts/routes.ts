import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.ts';
import type { Role } from '../identity/roles.ts';
import { getOrder, getOrderForStaff } from '../orders/views.ts';
import { loadReceipt } from './load.ts';
import { renderReceiptPdf } from './pdf.ts';

/** Staff who may print any order's receipt (sellers print from the market desk through CS). */
const RECEIPT_DESK: Role[] = ['cs_agent', 'program_admin', 'treasurer'];

export const receiptRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orders/:orderId/receipt.pdf',
    {
      preHandler: async (request) => void requireActor(request),
      schema: {
        tags: ['orders'],
        security: [{ session: [] }],
        summary: 'The order receipt as PDF: A4, or 58 mm for thermal printers at market stalls',
        params: z.object({ orderId: z.string().max(40) }),
        querystring: z.object({ size: z.enum(['a4', '58mm']).default('a4') }),
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const staff = ctx.actor?.roles.some((role) => RECEIPT_DESK.includes(role));
      const order = staff ? await getOrderForStaff(ctx, request.params.orderId) : await getOrder(ctx, request.params.orderId);
      const pdf = await renderReceiptPdf(await loadReceipt(ctx, order), request.query.size);
      return reply
        .type('application/pdf')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `inline; filename="${order.number}-${request.query.size}.pdf"`)
        .send(pdf);
    },
  );
};
