import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UNITS } from '../../shared/quantity.ts';
import { market } from '../tenancy/schemas.ts';
import { adminRoutes } from './admin-routes.ts';
import { COMMODITIES } from './commodities.ts';
import { listProducts } from './listing.ts';
import { referenceBoard } from './reference-prices.ts';
import { isoDate, priceChange, productDetail, productPage, productQuery, referencePriceView, shopView, stallView } from './schemas.ts';
import { sellerConsoleRoutes } from './seller-routes.ts';
import { getMarketFront, getProduct, getShop, listPriceHistory } from './storefront.ts';
import { CATEGORIES } from './taxonomy.ts';

const tags = ['catalog'];
const productParams = z.object({ productId: z.string().max(40) });
/** Names follow Accept-Language, so shared caches must key on it. */
const perLanguage = { 'cache-control': 'public, max-age=3600', vary: 'accept-language' };

/** The public storefront, plus the seller console and admin routes of the catalog. */
export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/catalog/categories',
    {
      schema: {
        tags,
        summary: 'Product categories (the seeded taxonomy)',
        response: { 200: z.object({ categories: z.array(z.object({ slug: z.string(), name: z.string() })) }) },
      },
    },
    async (request, reply) => {
      reply.headers(perLanguage);
      return { categories: CATEGORIES.map((c) => ({ slug: c.slug, name: c[request.lang] })) };
    },
  );

  app.get(
    '/catalog/commodities',
    {
      schema: {
        tags,
        summary: 'Staples that have dinas reference prices',
        response: {
          200: z.object({ commodities: z.array(z.object({ slug: z.string(), name: z.string(), unit: z.enum(UNITS) })) }),
        },
      },
    },
    async (request, reply) => {
      reply.headers(perLanguage);
      return { commodities: COMMODITIES.map((c) => ({ slug: c.slug, name: c[request.lang], unit: c.unit })) };
    },
  );

  app.get(
    '/catalog/products',
    {
      schema: {
        tags,
        summary: 'Browse and search products, one keyset page at a time',
        description:
          'Filters combine. With `q`, results are ranked by relevance; typos and regional names are tolerated. ' +
          'Pass `nextCursor` back as `cursor` for the next page, with the same filters.',
        querystring: productQuery,
        response: { 200: productPage },
      },
    },
    async (request) => listProducts(request.ctx(), request.query),
  );

  app.get(
    '/catalog/products/:productId',
    {
      schema: {
        tags,
        summary: 'One product with its variants',
        params: productParams,
        response: { 200: z.object({ product: productDetail }) },
      },
    },
    async (request) => ({ product: await getProduct(request.ctx(), request.params.productId) }),
  );

  app.get(
    '/catalog/products/:productId/price-history',
    {
      schema: {
        tags,
        summary: "Price changes of a product's variants, newest first",
        params: productParams,
        response: { 200: z.object({ changes: z.array(priceChange) }) },
      },
    },
    async (request) => ({ changes: await listPriceHistory(request.ctx(), request.params.productId) }),
  );

  app.get(
    '/catalog/sellers/:sellerId',
    {
      schema: {
        tags,
        summary: "A seller's shop front (products: GET /catalog/products?sellerId=)",
        params: z.object({ sellerId: z.string().max(40) }),
        response: { 200: z.object({ seller: shopView }) },
      },
    },
    async (request) => ({ seller: await getShop(request.ctx(), request.params.sellerId) }),
  );

  app.get(
    '/catalog/markets/:marketId',
    {
      schema: {
        tags,
        summary: "A market: its stalls and today's reference prices",
        params: z.object({ marketId: z.string().max(40) }),
        response: { 200: z.object({ market, stalls: z.array(stallView), referencePrices: z.array(referencePriceView) }) },
      },
    },
    async (request) => getMarketFront(request.ctx(), request.params.marketId),
  );

  app.get(
    '/catalog/reference-prices',
    {
      schema: {
        tags,
        summary: 'Dinas reference prices as of a day (default today), per market',
        querystring: z.object({ marketId: z.string().max(40).optional(), date: isoDate.optional() }),
        response: { 200: z.object({ prices: z.array(referencePriceView) }) },
      },
    },
    async (request) => ({ prices: await referenceBoard(request.ctx(), request.query) }),
  );

  await app.register(sellerConsoleRoutes);
  await app.register(adminRoutes);
};
