import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRoles } from '../../http/auth.ts';
import { ADMIN_ROLES } from '../identity/roles.ts';
import { market, marketInput, marketPatch, tenantHome } from './schemas.ts';
import { createMarket, listMarkets, listPrograms, updateMarket } from './service.ts';

export const tenancyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tenant',
    { schema: { tags: ['tenancy'], summary: 'This regency: its programs and markets', response: { 200: tenantHome } } },
    async (request) => {
      const ctx = request.ctx();
      const [programs, markets] = await Promise.all([listPrograms(ctx), listMarkets(ctx)]);
      return {
        tenant: { slug: ctx.tenant.slug, name: ctx.tenant.name, areaCode: ctx.tenant.areaCode, timeZone: ctx.tenant.timeZone },
        demo: app.config.demo,
        programs,
        markets,
      };
    },
  );

  const admin = { preHandler: requireRoles(...ADMIN_ROLES) };

  app.get(
    '/admin/markets',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'All markets, including inactive',
        security: [{ session: [] }],
        response: { 200: z.object({ markets: z.array(market) }) },
      },
    },
    async (request) => ({ markets: await listMarkets(request.ctx(), { includeInactive: true }) }),
  );

  app.post(
    '/admin/markets',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Add a market',
        security: [{ session: [] }],
        body: marketInput,
        response: { 201: z.object({ market }) },
      },
    },
    async (request, reply) => reply.code(201).send({ market: await createMarket(request.ctx(), request.body) }),
  );

  app.patch(
    '/admin/markets/:marketId',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Change a market',
        security: [{ session: [] }],
        params: z.object({ marketId: z.string().max(40) }),
        body: marketPatch,
        response: { 200: z.object({ market }) },
      },
    },
    async (request) => ({ market: await updateMarket(request.ctx(), request.params.marketId, request.body) }),
  );
};
