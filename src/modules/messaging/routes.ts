import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { listSimulatorMessages } from './service.ts';

export const messagingRoutes: FastifyPluginAsyncZod = async (app) => {
  // The demo "phone": what the simulated channel sent. Never exists outside demo mode.
  app.get(
    '/dev/inbox',
    {
      schema: {
        tags: ['demo'],
        summary: 'Messages sent by the simulated messaging channel (demo mode only)',
        response: {
          200: z.object({
            messages: z.array(z.object({ id: z.string(), phone: z.string(), body: z.string(), createdAt: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      if (!app.config.demo) throw new AppError('demo_only');
      const rows = await listSimulatorMessages(app.database.db, request.ctx().tenant.id);
      return {
        messages: rows.map((r) => ({ id: r.id, phone: r.phone, body: r.body, createdAt: r.created_at.toISOString() })),
      };
    },
  );
};
