import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../http/context.ts';
import { ticker } from '../../shared/ticker.ts';
import { redispatch } from '../delivery/dispatch.ts';
import { autoCompleteOrders, expireUnpaidOrders } from './lifecycle.ts';
import { applyReweighDefaults } from './reweigh.ts';

export interface OrderJobs {
  /** One pass over every tenant: expire unpaid orders, complete delivered ones, re-offer delivery jobs; returns counts. */
  runOnce(now?: Date): Promise<{ expired: number; completed: number; offered: number }>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

/**
 * The timed steps of the order lifecycle, and delivery offers that ran out. Safe on several app nodes at once: each order is
 * moved in its own transaction after locking and rechecking it.
 */
export function createOrderJobs(db: Db, log: Logger): OrderJobs {
  async function runOnce(now = new Date()) {
    const tenants = await db
      .selectFrom('tenants')
      .select(['id', 'slug', 'name', 'area_code as areaCode', 'time_zone as timeZone'])
      .execute();
    const totals = { expired: 0, completed: 0, offered: 0 };
    for (const tenant of tenants) {
      const ctx: Ctx = { db, tenant, actor: null, lang: 'id' };
      totals.expired += await expireUnpaidOrders(ctx, now);
      totals.completed += await autoCompleteOrders(ctx, now);
      totals.offered += await redispatch(ctx, now);
      await applyReweighDefaults(ctx, now);
    }
    if (totals.expired || totals.completed || totals.offered) log.info(totals, 'order jobs');
    return totals;
  }

  const timer = ticker(runOnce, (error) => log.error({ err: error }, 'order jobs failed'));
  return { runOnce, start: (intervalMs = 30_000) => timer.start(intervalMs), stop: timer.stop };
}
