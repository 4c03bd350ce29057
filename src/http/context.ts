import type { Executor } from '../db/database.ts';
import { isDeadlock } from '../db/errors.ts';
import type { Role } from '../modules/identity/roles.ts';
import type { Lang } from './messages.ts';

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
  /** Kemendagri code of the regency or city, e.g. 33.03. */
  areaCode: string;
  /** IANA zone for times shown to people: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT). */
  timeZone: string;
}

/** Who is calling: a signed-in user with their roles in the current tenant. */
export interface Actor {
  userId: string;
  name: string;
  phone: string;
  roles: Role[];
  sessionId: string;
}

/** Passed first to every use case: where (tenant), who (actor) and on what (db or transaction). */
export interface Ctx {
  db: Executor;
  tenant: TenantRef;
  actor: Actor | null;
  lang: Lang;
}

/** Label for the audit log when there is no signed-in user (CLI, system jobs). */
export function actorLabel(ctx: Pick<Ctx, 'actor'>, fallback = 'system'): string {
  return ctx.actor ? `${ctx.actor.name || ctx.actor.phone} (${ctx.actor.userId})` : fallback;
}

/**
 * Runs `fn` in a transaction, joining the caller's one if there already is one. A transaction
 * PostgreSQL aborted as a deadlock victim is run again (up to 3 times): two use cases that
 * lock the same rows in different orders, say a checkout and a seller's quick edit, then both
 * succeed instead of one answering 500. `fn` must keep its effects inside the transaction.
 */
export async function inTransaction<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
    } catch (error) {
      if (!isDeadlock(error) || attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
