import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requireRoles } from '../../http/auth.ts';
import { fieldError } from '../../http/errors.ts';
import { areaChildren, isWithin } from '../../shared/areas.ts';
import { ADMIN_ROLES } from '../identity/roles.ts';
import { listMySellers, registerTrader, resubmitApplication, submitApplication } from './applications.ts';
import { addCertificate, EXPIRY_WARNING_DAYS, listCertificates, listExpiring } from './certificates.ts';
import { decideSeller, getSellerDetail, listChecklists, listQueue } from './curation.ts';
import {
  applicationInput,
  certificateInput,
  certificateView,
  decisionInput,
  expiringCertificate,
  queuePage,
  queueQuery,
  sellerDetail,
  sellerView,
  traderRegistration,
} from './schemas.ts';

const signedIn = { preHandler: async (request: FastifyRequest) => void requireActor(request) };
const admin = { preHandler: requireRoles(...ADMIN_ROLES) };
// Customer service registers traders too; only program admins curate.
const staff = { preHandler: requireRoles('cs_agent', ...ADMIN_ROLES) };
const session = [{ session: [] }];
const sellerParams = z.object({ sellerId: z.string().max(40) });
const one = z.object({ seller: sellerView });

export const sellerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/areas',
    {
      schema: {
        tags: ['sellers'],
        summary: 'Districts of this regency, or villages of one of its districts (Kemendagri codes)',
        querystring: z.object({ parent: z.string().max(20).optional() }),
        response: { 200: z.object({ areas: z.array(z.object({ code: z.string(), name: z.string() })) }) },
      },
    },
    async (request) => {
      const regency = request.ctx().tenant.areaCode;
      const parent = request.query.parent ?? regency;
      if (!isWithin(parent, regency)) throw fieldError('parent', 'area_outside_regency', { regency: request.ctx().tenant.name });
      return { areas: areaChildren(parent) };
    },
  );

  app.post(
    '/sellers/applications',
    {
      ...signedIn,
      schema: {
        tags: ['sellers'],
        summary: 'Apply to sell: a UMKM business or a market trader',
        security: session,
        body: applicationInput,
        response: { 201: one },
      },
    },
    async (request, reply) => {
      const seller = await submitApplication(request.ctx(), request.body);
      app.outbox.wake();
      return reply.code(201).send({ seller });
    },
  );

  app.get(
    '/me/sellers',
    {
      ...signedIn,
      schema: {
        tags: ['sellers'],
        summary: 'My seller applications and shops, with their certificates',
        security: session,
        response: { 200: z.object({ sellers: z.array(sellerView), certificates: z.array(certificateView) }) },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const sellers = await listMySellers(ctx);
      return {
        sellers,
        certificates: await listCertificates(
          ctx,
          sellers.map((s) => s.id),
        ),
      };
    },
  );

  app.patch(
    '/me/sellers/:sellerId',
    {
      ...signedIn,
      schema: {
        tags: ['sellers'],
        summary: 'Send the corrected application again after changes were requested',
        security: session,
        params: sellerParams,
        body: applicationInput,
        response: { 200: one },
      },
    },
    async (request) => {
      const seller = await resubmitApplication(request.ctx(), request.params.sellerId, request.body);
      app.outbox.wake();
      return { seller };
    },
  );

  app.post(
    '/sellers/:sellerId/certificates',
    {
      ...signedIn,
      schema: {
        tags: ['sellers'],
        summary: 'Add a P-IRT, halal, BPOM or other certificate (the seller or a program admin)',
        security: session,
        params: sellerParams,
        body: certificateInput,
        response: { 201: z.object({ certificate: certificateView }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send({ certificate: await addCertificate(request.ctx(), request.params.sellerId, request.body) }),
  );

  app.post(
    '/admin/sellers',
    {
      ...staff,
      schema: {
        tags: ['admin'],
        summary: 'Register a market trader on their behalf',
        security: session,
        body: traderRegistration,
        response: { 201: one },
      },
    },
    async (request, reply) => {
      const seller = await registerTrader(request.ctx(), request.body);
      app.outbox.wake();
      return reply.code(201).send({ seller });
    },
  );

  app.get(
    '/admin/curation/checklists',
    {
      ...staff,
      schema: {
        tags: ['admin'],
        summary: "Each program's curation checklist (item codes)",
        security: session,
        response: { 200: z.object({ checklists: z.record(z.string(), z.array(z.string())) }) },
      },
    },
    async (request) => ({ checklists: await listChecklists(request.ctx()) }),
  );

  app.get(
    '/admin/sellers',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Curation queue, oldest first',
        security: session,
        querystring: queueQuery,
        response: { 200: queuePage },
      },
    },
    async (request) => listQueue(request.ctx(), request.query),
  );

  app.get(
    '/admin/sellers/:sellerId',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'A seller with history, certificates and the program checklist',
        security: session,
        params: sellerParams,
        response: { 200: sellerDetail },
      },
    },
    async (request) => getSellerDetail(request.ctx(), request.params.sellerId),
  );

  app.post(
    '/admin/sellers/:sellerId/decisions',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Approve, reject, request changes, suspend or reinstate a seller',
        security: session,
        params: sellerParams,
        body: decisionInput,
        response: { 200: sellerDetail },
      },
    },
    async (request) => {
      const detail = await decideSeller(request.ctx(), request.params.sellerId, request.body);
      app.outbox.wake();
      return detail;
    },
  );

  app.get(
    '/admin/certificates/expiring',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Certificates expiring within N days, and those already expired, soonest first',
        security: session,
        querystring: z.object({ days: z.coerce.number().int().min(0).max(366).default(EXPIRY_WARNING_DAYS) }),
        response: { 200: z.object({ certificates: z.array(expiringCertificate) }) },
      },
    },
    async (request) => ({ certificates: await listExpiring(request.ctx(), request.query.days) }),
  );
};
