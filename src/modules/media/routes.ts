import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { readImage, uploadImage } from './service.ts';
import { folderStorage } from './storage.ts';

const mediaView = z.object({
  id: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number(),
  height: z.number(),
  mime: z.string(),
});

export const mediaRoutes: FastifyPluginAsyncZod = async (app) => {
  const storage = folderStorage(app.config.filesDir);

  app.post(
    '/media',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['media'],
        summary: 'Upload a photo (multipart field "file"; JPEG, PNG or WebP, checked from its bytes)',
        consumes: ['multipart/form-data'],
        security: [{ session: [] }],
        response: { 201: z.object({ media: mediaView }) },
      },
    },
    async (request, reply) => {
      requireActor(request);
      if (!request.isMultipart()) throw new AppError('unsupported_media_type');
      const file = await request.file();
      if (!file) throw new AppError('bad_request');
      const bytes = await file.toBuffer();
      return reply.code(201).send({ media: await uploadImage(request.ctx(), storage, bytes) });
    },
  );

  const params = z.object({ id: z.string().regex(/^med_[0-9a-z]{16}$/) });
  for (const [path, variant] of [
    ['/media/:id', 'full'],
    ['/media/:id/thumb', 'thumb'],
  ] as const) {
    app.get(path, { schema: { tags: ['media'], summary: `A photo (${variant})`, params } }, async (request, reply) => {
      const image = await readImage(request.ctx(), storage, request.params.id, variant);
      // Ids are never reused, so a photo can be cached for good.
      return reply.header('cache-control', 'public, max-age=31536000, immutable').type(image.mime).send(image.bytes);
    });
  }
};
