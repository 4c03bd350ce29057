import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { catalogRoutes } from '../modules/catalog/routes.ts';
import type { DeliveryPartners } from '../modules/delivery/partners/partner.ts';
import { configuredPartners } from '../modules/delivery/partners/registry.ts';
import { createPartnerJobs, type PartnerJobs } from '../modules/delivery/partners/requests.ts';
import { deliveryPartnerWebhookRoutes } from '../modules/delivery/partners/webhook-routes.ts';
import { deliveryRoutes } from '../modules/delivery/routes.ts';
import { healthRoutes } from '../modules/health/routes.ts';
import { identityRoutes } from '../modules/identity/routes.ts';
import { findSession, SESSION_COOKIE } from '../modules/identity/sessions.ts';
import { mediaRoutes } from '../modules/media/routes.ts';
import { storeImage } from '../modules/media/service.ts';
import { folderStorage } from '../modules/media/storage.ts';
import { messageChannel } from '../modules/messaging/channels.ts';
import { conversationConsoleRoutes } from '../modules/messaging/console-routes.ts';
import { createInboundHub, type InboundHub } from '../modules/messaging/inbound.ts';
import { messagingRoutes } from '../modules/messaging/routes.ts';
import { whatsappWebhookRoutes } from '../modules/messaging/webhook-routes.ts';
import { createOutboxWorker, type OutboxWorker } from '../modules/messaging/worker.ts';
import { orderConsoleRoutes } from '../modules/orders/console-routes.ts';
import { createOrderJobs, type OrderJobs } from '../modules/orders/jobs.ts';
import { orderRoutes } from '../modules/orders/routes.ts';
import { demoGatewayRoutes, isDemoGateway } from '../modules/payments/demo-gateway.ts';
import type { PaymentGateway } from '../modules/payments/gateway.ts';
import { configuredGateway } from '../modules/payments/midtrans-gateway.ts';
import { payoutRoutes } from '../modules/payments/payout-routes.ts';
import { paymentRoutes } from '../modules/payments/routes.ts';
import { paymentWebhookRoutes } from '../modules/payments/webhook-routes.ts';
import { receiptRoutes } from '../modules/receipts/routes.ts';
import { reportRoutes } from '../modules/reports/routes.ts';
import { sellerRoutes } from '../modules/sellers/routes.ts';
import { tenancyRoutes } from '../modules/tenancy/routes.ts';
import { cachedTenantResolver } from '../modules/tenancy/service.ts';
import { safeEqual } from '../shared/crypto.ts';
import type { Actor, Ctx, TenantRef } from './context.ts';
import { errorHandler, sendError } from './error-handler.ts';
import { AppError } from './errors.ts';
import { type Lang, pickLang } from './messages.ts';
import { setPublicAddress } from './public-address.ts';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    tenant: TenantRef | null;
    actor: Actor | null;
    csrfToken: string | null;
    /** The use-case context for this request; throws if the route has no tenant. */
    ctx(): Ctx;
  }
  interface FastifyInstance {
    config: Config;
    database: Database;
    outbox: OutboxWorker;
    /** Expires unpaid orders and completes delivered ones on a timer. */
    orderJobs: OrderJobs;
    /** The card/e-wallet gateway, when one is configured (or the demo gateway). */
    paymentGateway: PaymentGateway | null;
    /** The delivery partners this installation runs, by name (the simulated one in demo mode). */
    deliveryPartners: DeliveryPartners;
    /** Books jobs handed to partners and calls off cancelled ones, on a timer. */
    partnerJobs: PartnerJobs;
    /** New customer messages, for the modules that act on them. */
    inbound: InboundHub;
  }
}

export type App = FastifyInstance;

// Routes that work without a tenant (probes, API docs).
// Meta's WhatsApp webhook serves every tenant: messages are routed by the receiving number.
const TENANTLESS = /^\/api\/(health|openapi\.json|docs|webhooks\/whatsapp)(\/|$|\?)/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function buildApp(config: Config, database: Database): Promise<App> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Readable logs on a laptop terminal; JSON lines everywhere else.
      ...(process.stdout.isTTY && config.demo ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } } : {}),
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
    },
    bodyLimit: 256 * 1024,
    trustProxy: process.env.TRUST_PROXY === 'true',
    requestIdHeader: 'x-request-id',
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorate('config', config);
  app.decorate('database', database);
  const files = folderStorage(config.filesDir);
  const keepPhoto = async (tenantId: string, bytes: Buffer) =>
    (await storeImage(database.db, files, { tenantId, uploadedBy: null }, bytes)).url;
  app.decorate('outbox', createOutboxWorker(database.db, messageChannel(config, app.log), app.log, keepPhoto));
  app.decorate('paymentGateway', configuredGateway(config));
  app.decorate('orderJobs', createOrderJobs(database.db, app.log));
  app.decorate('deliveryPartners', configuredPartners(app));
  app.decorate('partnerJobs', createPartnerJobs(database.db, app.deliveryPartners, app.log));
  app.decorate('inbound', createInboundHub(app.log));
  setPublicAddress(config);
  app.addHook('onClose', async () => {
    await app.outbox.stop();
    await app.orderJobs.stop();
    await app.partnerJobs.stop();
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https://*.tile.openstreetmap.org'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    // The SPA opens wa.me and openstreetmap links in new tabs.
    crossOriginEmbedderPolicy: false,
    hsts: config.cookieSecure,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new AppError('rate_limited', { params: { seconds: Math.ceil(context.ttl / 1000) } }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Lokapasar API', version: '0.1.0', description: 'Pasar daring daerah: API publik dan konsol.' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.decorateRequest('lang', 'id');
  app.decorateRequest('tenant', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('ctx', function (this: FastifyRequest): Ctx {
    if (!this.tenant) throw new AppError('tenant_not_found', { params: { host: this.hostname } });
    return { db: database.db, tenant: this.tenant, actor: this.actor, lang: this.lang };
  });

  const resolveTenantOf = cachedTenantResolver(database.db, config);

  // Who and where: language, tenant from the host, the session, and CSRF for cookie writes.
  app.addHook('onRequest', async (request, reply) => {
    request.lang = pickLang(request.headers['accept-language']);
    if (!request.url.startsWith('/api/') || TENANTLESS.test(request.url)) return;
    request.tenant = await resolveTenantOf(request.host);
    if (!request.tenant) {
      return sendError(request, reply, new AppError('tenant_not_found', { params: { host: request.hostname } }));
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await findSession(database.db, request.tenant.id, token);
      request.actor = session?.actor ?? null;
      request.csrfToken = session?.csrfToken ?? null;
    }
    // A cookie-authenticated write must echo the session's CSRF token in a header,
    // which another site's page cannot read.
    if (request.csrfToken && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, request.csrfToken)) {
        return sendError(request, reply, new AppError('csrf_failed'));
      }
    }
  });

  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(tenancyRoutes, { prefix: '/api' });
  await app.register(identityRoutes, { prefix: '/api' });
  await app.register(messagingRoutes, { prefix: '/api' });
  await app.register(whatsappWebhookRoutes, { prefix: '/api' });
  await app.register(sellerRoutes, { prefix: '/api' });
  await app.register(mediaRoutes, { prefix: '/api' });
  await app.register(catalogRoutes, { prefix: '/api' });
  await app.register(orderRoutes, { prefix: '/api' });
  await app.register(orderConsoleRoutes, { prefix: '/api' });
  await app.register(conversationConsoleRoutes, { prefix: '/api' });
  await app.register(paymentRoutes, { prefix: '/api' });
  await app.register(paymentWebhookRoutes, { prefix: '/api' });
  if (isDemoGateway(app.paymentGateway)) await app.register(demoGatewayRoutes, { prefix: '/api' });
  await app.register(receiptRoutes, { prefix: '/api' });
  await app.register(reportRoutes, { prefix: '/api' });
  await app.register(payoutRoutes, { prefix: '/api' });
  await app.register(deliveryRoutes, { prefix: '/api' });
  await app.register(deliveryPartnerWebhookRoutes, { prefix: '/api' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await registerWeb(app, config.webDir);
  return app;
}

/** The built SPA: hashed assets cached for a year, every other page path answered with index.html. */
async function registerWeb(app: App, webDir: string) {
  const indexFile = path.join(webDir, 'index.html');
  const hasWeb = fs.existsSync(indexFile);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      preCompressed: true,
      setHeaders(res, filePath) {
        res.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return sendError(request, reply, new AppError('route_not_found'));
    }
    if (!hasWeb) return reply.code(503).type('text/plain').send('Web app not built: run `npm run build`.');
    return reply.header('cache-control', 'no-cache').type('text/html').send(fs.createReadStream(indexFile));
  });
}
