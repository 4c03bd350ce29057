import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requireRoles } from '../../http/auth.ts';
import { sellersOfUser } from '../sellers/lookup.ts';
import { actOnFulfilment, cancelOrder, type SellerAction } from './lifecycle.ts';
import { orderSummary, orderView, sellerFulfilmentView } from './schemas.ts';
import { sellerFulfilments } from './seller-views.ts';
import { ORDER_STATUSES, type OrderStatus } from './tables.ts';
import { getOrderForStaff, listOrders } from './views.ts';

const security = [{ session: [] }];
const orderParams = z.object({ orderId: z.string().max(40) });
const fulfilmentParams = z.object({ fulfilmentId: z.string().max(40), action: z.enum(['accept', 'reject', 'ready', 'hand-over']) });
const actionBody = z.strictObject({ reason: z.string().trim().max(500).default('') });
const ORDER_DESK = ['cs_agent', 'program_admin'] as const;

/** Which order statuses a console tab shows. */
const TABS: Record<string, OrderStatus[]> = {
  open: ['awaiting_payment', 'confirmed', 'accepted', 'ready', 'delivered'],
  done: ['completed', 'cancelled', 'expired', 'rejected'],
};

async function act(request: FastifyRequest<{ Params: z.infer<typeof fulfilmentParams>; Body: z.infer<typeof actionBody> }>) {
  const action = (request.params.action === 'hand-over' ? 'hand_over' : request.params.action) as SellerAction;
  await actOnFulfilment(request.ctx(), { fulfilmentId: request.params.fulfilmentId, action, reason: request.body.reason });
}

/** Seller and CS sides of orders. */
export const orderConsoleRoutes: FastifyPluginAsyncZod = async (app) => {
  // Seller: my parts of orders, and the steps I take on them.
  app.get(
    '/seller/orders',
    {
      preHandler: async (request) => void requireActor(request),
      schema: {
        tags: ['seller console'],
        security,
        summary: 'Parts of orders for my shops: new ones first, then in progress, then done',
        querystring: z.object({ tab: z.enum(['new', 'active', 'done']).default('new') }),
        response: { 200: z.object({ fulfilments: z.array(sellerFulfilmentView) }) },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const sellers = await sellersOfUser(ctx, requireActor(request).userId);
      return {
        fulfilments: await sellerFulfilments(
          ctx,
          sellers.map((s) => s.id),
          request.query.tab,
        ),
      };
    },
  );

  app.post(
    '/seller/fulfilments/:fulfilmentId/:action',
    {
      preHandler: async (request) => void requireActor(request),
      schema: {
        tags: ['seller console'],
        security,
        summary: 'Accept, reject (with a reason; that part is refunded), mark ready, or hand over (pickup and seller shipping)',
        params: fulfilmentParams,
        body: actionBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await act(request);
      return reply.code(204).send(null);
    },
  );

  // CS and program admins: every order of the tenant.
  app.get(
    '/cs/orders',
    {
      preHandler: requireRoles(...ORDER_DESK, 'treasurer'),
      schema: {
        tags: ['cs console'],
        security,
        summary: 'Orders newest first, by tab or status, or by (part of) the order number',
        querystring: z.object({
          tab: z.enum(['open', 'done']).optional(),
          status: z.enum(ORDER_STATUSES).optional(),
          number: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9-]{1,20}$/)
            .optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ orders: z.array(orderSummary) }) },
      },
    },
    async (request) => {
      const { tab, status, number, limit } = request.query;
      const statuses = status ? [status] : tab ? TABS[tab] : undefined;
      return { orders: await listOrders(request.ctx(), { statuses, number, limit }) };
    },
  );

  app.get(
    '/cs/orders/:orderId',
    {
      preHandler: requireRoles(...ORDER_DESK, 'treasurer'),
      schema: {
        tags: ['cs console'],
        security,
        summary: 'Any order of this regency',
        params: orderParams,
        response: { 200: z.object({ order: orderView }) },
      },
    },
    async (request) => ({ order: await getOrderForStaff(request.ctx(), request.params.orderId) }),
  );

  app.post(
    '/cs/orders/:orderId/cancel',
    {
      preHandler: requireRoles(...ORDER_DESK),
      schema: {
        tags: ['cs console'],
        security,
        summary: 'Cancel an order before delivery; paid money is opened for refund',
        params: orderParams,
        body: z.strictObject({ reason: z.string().trim().min(3).max(500) }),
        response: { 200: z.object({ order: orderView }) },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await cancelOrder(ctx, { orderId: request.params.orderId, reason: request.body.reason, asStaff: true });
      return { order: await getOrderForStaff(ctx, request.params.orderId) };
    },
  );

  app.post(
    '/cs/fulfilments/:fulfilmentId/:action',
    {
      preHandler: requireRoles(...ORDER_DESK),
      schema: {
        tags: ['cs console'],
        security,
        summary: 'Take a seller’s step for a trader without the app (accept, reject, ready, hand over)',
        params: fulfilmentParams,
        body: actionBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await act(request);
      return reply.code(204).send(null);
    },
  );
};
