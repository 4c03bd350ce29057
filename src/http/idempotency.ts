import type { FastifyReply, FastifyRequest } from 'fastify';
import { sha256 } from '../shared/crypto.ts';
import { AppError } from './errors.ts';

// Steps a courier's phone may send twice (it queued them offline, or lost the answer) carry an
// Idempotency-Key header. The first answer (success or refusal) is kept per user and key; a
// repeat gets the same answer without running the step again.

const HEADER = 'idempotency-key';
const KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** The request a key stands for: the same key with another step or body is a client bug, not a repeat. */
function requestOf(request: FastifyRequest): string {
  return `${request.method} ${request.url} ${sha256(JSON.stringify(request.body ?? null))}`;
}

function keyOf(request: FastifyRequest): string | null {
  const key = request.headers[HEADER];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new AppError('validation_failed', { details: [{ field: HEADER, code: 'invalid_format' }] });
  }
  return key;
}

/** preHandler for idempotent routes: a repeat is answered from the stored first answer. */
export async function replayIfSeen(request: FastifyRequest, reply: FastifyReply) {
  const key = keyOf(request);
  if (!key || !request.actor || !request.tenant) return;
  const seen = await request.server.database.db
    .selectFrom('idempotent_requests')
    .select(['route', 'status_code', 'body'])
    .where('tenant_id', '=', request.tenant.id)
    .where('user_id', '=', request.actor.userId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!seen) return;
  if (seen.route !== requestOf(request)) throw new AppError('conflict', { details: [{ field: HEADER, code: 'invalid_value' }] });
  return reply
    .code(seen.status_code)
    .header('idempotent-replay', 'true')
    .type('application/json')
    .send(seen.body || null);
}

/** onSend for idempotent routes: keeps the answer (not server errors, which may pass on a retry). */
export async function rememberAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const key = request.headers[HEADER];
  if (typeof key !== 'string' || !KEY.test(key) || !request.actor || !request.tenant) return payload;
  if (reply.statusCode >= 500 || reply.getHeader('idempotent-replay')) return payload;
  await request.server.database.db
    .insertInto('idempotent_requests')
    .values({
      tenant_id: request.tenant.id,
      user_id: request.actor.userId,
      key,
      route: requestOf(request),
      status_code: reply.statusCode,
      body: typeof payload === 'string' ? payload : '',
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'key']).doNothing())
    .execute();
  return payload;
}
