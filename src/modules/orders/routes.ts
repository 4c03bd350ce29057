import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.ts';
import { inTransaction } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { randomToken } from '../../shared/crypto.ts';
import { type CartOwner, getCart, mergeGuestCart, reorder, setCartLine } from './cart.ts';
import { answerChatReplies } from './chat-replies.ts';
import { checkout } from './checkout.ts';
import { cancelOrder, confirmReceipt } from './lifecycle.ts';
import { decideLine } from './reweigh.ts';
import { cancelInput, cartLineInput, cartView, checkoutInput, orderSummary, orderView, ratingInput } from './schemas.ts';
import { buyerOf, getOrder, listOrders } from './views.ts';

const tags = ['orders'];
const security = [{ session: [] }];
const orderParams = z.object({ orderId: z.string().max(40) });
const orderReply = { 200: z.object({ order: orderView }) };

const GUEST_CART_COOKIE = 'lp_cart';

/**
 * Whose cart this request means. A signed-in buyer's, after folding in the cart they filled as
 * a guest on this browser; else the guest browser's, whose cookie is set on its first add.
 */
async function cartOwner(request: FastifyRequest, reply: FastifyReply, creating: boolean): Promise<CartOwner | null> {
  const guestToken = request.cookies[GUEST_CART_COOKIE];
  if (request.actor) {
    if (guestToken) {
      await mergeGuestCart(request.ctx(), guestToken, request.actor.userId);
      reply.clearCookie(GUEST_CART_COOKIE, { path: '/' });
    }
    return { userId: request.actor.userId };
  }
  if (guestToken && /^[A-Za-z0-9_-]{43}$/.test(guestToken)) return { guestToken };
  if (!creating) return null;
  const token = randomToken();
  reply.setCookie(GUEST_CART_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.config.cookieSecure,
    maxAge: 30 * 24 * 3600,
  });
  return { guestToken: token };
}

/** The buyer's cart (guests too), checkout and own orders (signed in). */
export const orderRoutes: FastifyPluginAsyncZod = async (app) => {
  // Buyers answer reweigh questions with WhatsApp buttons too.
  app.inbound.on((messages) => answerChatReplies(app.database.db, messages));

  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/cart')) requireActor(request);
  });

  app.get(
    '/cart',
    { schema: { tags, summary: 'My cart (a guest’s cart until sign-in)', response: { 200: cartView } } },
    async (request, reply) => {
      const owner = await cartOwner(request, reply, false);
      return owner ? getCart(request.ctx(), owner) : { lines: [], goodsTotal: 0 };
    },
  );

  app.put(
    '/cart/lines',
    {
      schema: {
        tags,
        security,
        summary: 'Set how much of a variant is in my cart (0 removes it); guests get a cart cookie',
        body: cartLineInput,
        response: { 200: cartView },
      },
    },
    async (request, reply) => setCartLine(request.ctx(), (await cartOwner(request, reply, true)) as CartOwner, request.body),
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
    '/orders',
    {
      schema: {
        tags,
        security,
        summary: 'My orders, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }),
        response: { 200: z.object({ orders: z.array(orderSummary) }) },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      return { orders: await listOrders(ctx, { buyerId: buyerOf(ctx), limit: request.query.limit }) };
    },
  );

  app.get(
    '/orders/:orderId',
    { schema: { tags, security, summary: 'One of my orders', params: orderParams, response: orderReply } },
    async (request) => ({ order: await getOrder(request.ctx(), request.params.orderId) }),
  );

  app.post(
    '/orders/:orderId/cancel',
    {
      schema: {
        tags,
        security,
        summary: 'Cancel my order: before paying, or paid but before any seller accepted (the money is refunded)',
        params: orderParams,
        body: cancelInput,
        response: orderReply,
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await cancelOrder(ctx, { orderId: request.params.orderId, reason: request.body.reason || 'buyer_cancelled', asStaff: false });
      return { order: await getOrder(ctx, request.params.orderId) };
    },
  );

  app.post(
    '/orders/:orderId/confirm-receipt',
    {
      schema: {
        tags,
        security,
        summary: 'I have the goods: completes the order and releases the money to the sellers',
        params: orderParams,
        response: orderReply,
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await confirmReceipt(ctx, request.params.orderId);
      return { order: await getOrder(ctx, request.params.orderId) };
    },
  );

  app.put(
    '/orders/:orderId/rating',
    {
      schema: {
        tags,
        security,
        summary: 'Rate my delivered or completed order (once; later changes overwrite)',
        params: orderParams,
        body: ratingInput,
        response: orderReply,
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const order = await getOrder(ctx, request.params.orderId);
      if (order.status !== 'delivered' && order.status !== 'completed') {
        throw new AppError('invalid_transition', { params: { status: order.status, to: 'rated' } });
      }
      await inTransaction(ctx, async (tx) => {
        await tx.db
          .insertInto('order_ratings')
          .values({ tenant_id: tx.tenant.id, order_id: order.id, stars: request.body.stars, comment: request.body.comment })
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'order_id']).doUpdateSet({ stars: request.body.stars, comment: request.body.comment }),
          )
          .execute();
      });
      return { order: await getOrder(ctx, order.id) };
    },
  );

  app.post(
    '/orders/:orderId/lines/:position/decision',
    {
      schema: {
        tags,
        security,
        summary: 'Take the shopper’s weighed quantity and price for a line, or leave the line out',
        params: z.object({ orderId: z.string().max(40), position: z.coerce.number().int().min(0).max(1000) }),
        body: z.strictObject({ accept: z.boolean() }),
        response: orderReply,
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await decideLine(ctx, { orderId: request.params.orderId, position: request.params.position, accept: request.body.accept });
      return { order: await getOrder(ctx, request.params.orderId) };
    },
  );

  app.post(
    '/orders/:orderId/reorder',
    {
      schema: {
        tags,
        security,
        summary: 'Put the lines of an earlier order back in my cart, at today’s prices; lines no longer sold are skipped',
        params: orderParams,
        response: { 200: z.object({ cart: cartView, skipped: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const order = await getOrder(ctx, request.params.orderId);
      // Titip lines were the buyer's own words, not something to put back in a cart.
      const catalogue = order.lines.flatMap((line) => (line.variantId ? [{ ...line, variantId: line.variantId }] : []));
      return reorder(ctx, { userId: buyerOf(ctx) }, catalogue);
    },
  );
};
