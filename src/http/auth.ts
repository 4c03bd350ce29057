import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../modules/identity/roles.ts';
import type { Actor } from './context.ts';
import { AppError } from './errors.ts';

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}

/** preHandler: the caller must be signed in to this tenant and hold one of the roles. */
export function requireRoles(...roles: Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const actor = requireActor(request);
    if (!actor.roles.some((r) => roles.includes(r))) throw new AppError('forbidden');
  };
}
