import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { acceptInvite, getInvite } from './invites.ts';
import { signInWithPassword } from './password-sign-in.ts';
import { codeRequest, codeRequested, codeVerify, inviteAccept, inviteView, passwordSignIn, sessionView, signedIn } from './schemas.ts';
import { CSRF_COOKIE, endSession, type NewSession, SESSION_COOKIE } from './sessions.ts';
import { requestSignInCode, verifySignInCode } from './sign-in-code.ts';

function setSessionCookies(reply: FastifyReply, config: Config, session: NewSession) {
  const common = { path: '/', secure: config.cookieSecure, expires: session.expiresAt };
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true, sameSite: 'lax' });
  // Readable by the SPA, which echoes it in X-CSRF-Token.
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false, sameSite: 'strict' });
}

function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** Per-IP ceilings on top of the per-phone limits in the use cases. */
const perIp = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  const ttl = app.config.sessionTtlHours;

  app.get(
    '/session',
    { schema: { tags: ['identity'], summary: 'Who is signed in here', response: { 200: sessionView } } },
    async (request) => {
      const actor = request.actor;
      return actor ? { user: { id: actor.userId, name: actor.name, phone: actor.phone }, roles: actor.roles } : { user: null, roles: [] };
    },
  );

  app.post(
    '/auth/code/request',
    {
      config: perIp(10),
      schema: { tags: ['identity'], summary: 'Send a sign-in code to a phone', body: codeRequest, response: { 200: codeRequested } },
    },
    async (request) => {
      const result = await requestSignInCode(request.ctx(), { phone: request.body.phone, ip: request.ip });
      app.outbox.wake();
      return result;
    },
  );

  app.post(
    '/auth/code/verify',
    {
      config: perIp(20),
      schema: { tags: ['identity'], summary: 'Sign in with the code', body: codeVerify, response: { 200: signedIn } },
    },
    async (request, reply) => {
      const { user, roles, session } = await verifySignInCode(request.ctx(), { ...request.body, sessionTtlHours: ttl });
      setSessionCookies(reply, app.config, session);
      return { user, roles };
    },
  );

  app.post(
    '/auth/password',
    {
      config: perIp(10),
      schema: { tags: ['identity'], summary: 'Staff sign-in with a password', body: passwordSignIn, response: { 200: signedIn } },
    },
    async (request, reply) => {
      const { user, roles, session } = await signInWithPassword(request.ctx(), { ...request.body, sessionTtlHours: ttl });
      setSessionCookies(reply, app.config, session);
      return { user, roles };
    },
  );

  app.post(
    '/auth/sign-out',
    { schema: { tags: ['identity'], summary: 'End this session', response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.actor) await endSession(app.database.db, request.actor.sessionId);
      clearSessionCookies(reply);
      return reply.code(204).send(null);
    },
  );

  const tokenParams = z.object({ token: z.string().min(10).max(100) });

  app.get(
    '/invites/:token',
    { schema: { tags: ['identity'], summary: 'Look at a staff invite', params: tokenParams, response: { 200: inviteView } } },
    async (request) => getInvite(request.ctx(), request.params.token),
  );

  app.post(
    '/invites/:token/accept',
    {
      config: perIp(10),
      schema: {
        tags: ['identity'],
        summary: 'Accept a staff invite: set name and password, then signed in',
        params: tokenParams,
        body: inviteAccept,
        response: { 200: signedIn },
      },
    },
    async (request, reply) => {
      const { user, roles, session } = await acceptInvite(request.ctx(), request.params.token, { ...request.body, sessionTtlHours: ttl });
      setSessionCookies(reply, app.config, session);
      return { user, roles };
    },
  );
};
