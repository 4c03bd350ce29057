import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.ts';
import { getCart, setCartLine } from './cart.ts';
import { checkout } from './checkout.ts';
import { cartLineInput, cartView, checkoutInput, orderView } from './schemas.ts';
import { getOrder } from './views.ts';

const tags = ['orders'];
const security = [{ session: [] }];

/** The signed-in buyer's cart, checkout and own orders. */
export const orderRoutes: FastifyPluginAsyncZod = async (app) => {
  // Guests get a cart later (carts.guest_token_hash); for now every route needs a sign-in.
  app.addHook('preHandler', async (request) => {
    requireActor(request);
  });

  app.get('/cart', { schema: { tags, security, summary: 'My cart', response: { 200: cartView } } }, async (request) =>
    getCart(request.ctx()),
  );

  app.put(
    '/cart/lines',
    {
      schema: {
        tags,
        security,
        summary: 'Set how much of a variant is in my cart (0 removes it)',
        body: cartLineInput,
        response: { 200: cartView },
      },
    },
    async (request) => setCartLine(request.ctx(), request.body),
  );

  app.post(
    '/checkout',
    {
      schema: {
        tags,
        security,
        summary: 'Order my cart: reserves stock until the payment deadline (reservedUntil)',
        description: 'All or nothing: when any line cannot be reserved, answers 409 with one detail per line and keeps the cart.',
        body: checkoutInput,
        response: { 201: z.object({ order: orderView }) },
      },
    },
    async (request, reply) => reply.code(201).send({ order: await checkout(request.ctx(), request.body) }),
  );

  app.get(
    '/orders/:orderId',
    {
      schema: {
        tags,
        security,
        summary: 'One of my orders',
        params: z.object({ orderId: z.string().max(40) }),
        response: { 200: z.object({ order: orderView }) },
      },
    },
    async (request) => ({ order: await getOrder(request.ctx(), request.params.orderId) }),
  );
};
