import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRoles } from '../../http/auth.ts';
import { ADMIN_ROLES } from '../identity/roles.ts';
import { publishReferencePrices, referencePriceHistory, referencePricesCsv } from './reference-prices.ts';
import { referencePriceRange, referencePricesInput, referencePriceView } from './schemas.ts';

const tags = ['admin'];
const security = [{ session: [] }];
const admin = { preHandler: requireRoles(...ADMIN_ROLES) };

/** Program admins publish the dinas reference prices and export their history. */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/admin/reference-prices',
    {
      ...admin,
      schema: {
        tags,
        summary: "Publish a day's reference prices for one market (again the same day = a correction)",
        security,
        body: referencePricesInput,
        response: { 201: z.object({ prices: z.array(referencePriceView) }) },
      },
    },
    async (request, reply) => reply.code(201).send({ prices: await publishReferencePrices(request.ctx(), request.body) }),
  );

  app.get(
    '/admin/reference-prices',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Published reference prices in a date range (default the last 30 days)',
        security,
        querystring: referencePriceRange,
        response: { 200: z.object({ prices: z.array(referencePriceView.extend({ publishedAt: z.string() })) }) },
      },
    },
    async (request) => ({ prices: await referencePriceHistory(request.ctx(), request.query) }),
  );

  app.get(
    '/admin/reference-prices/export.csv',
    {
      ...admin,
      schema: {
        tags,
        summary: 'The same history as a CSV file',
        security,
        querystring: referencePriceRange,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const csv = await referencePricesCsv(request.ctx(), request.query);
      const name = `harga-acuan-${request.ctx().tenant.slug}-${request.query.to ?? 'terbaru'}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(csv);
    },
  );
};
