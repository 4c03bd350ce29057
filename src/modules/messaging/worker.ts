import type { FastifyBaseLogger as Logger } from 'fastify';
import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.ts';
import type { MessageChannel } from './channels.ts';
import type { OutgoingText } from './service.ts';

const MAX_ATTEMPTS = 8;
const BATCH = 20;

/** 5 s, 10 s, 20 s … capped at 10 minutes. */
export function backoffSeconds(attempt: number): number {
  return Math.min(5 * 2 ** (attempt - 1), 600);
}

export interface OutboxWorker {
  /** Delivers what is due now; returns how many rows were handled. */
  runOnce(): Promise<number>;
  /** Asks for a run soon (after a commit that queued something). */
  wake(): void;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

/**
 * Delivers outbox rows. Several app nodes can run it at once: each claims rows with
 * FOR UPDATE SKIP LOCKED, so no message is sent twice by two workers.
 */
export function createOutboxWorker(db: Db, channel: MessageChannel | null, log: Logger): OutboxWorker {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let wakeRequested = false;

  async function deliver(kind: string, payload: Record<string, unknown>, trx: Executor) {
    if (kind !== 'message.text') throw new Error(`unknown outbox kind ${kind}`);
    if (!channel) throw new Error('no messaging channel is configured (set up WhatsApp or run in demo mode)');
    await channel.sendText(trx, payload as unknown as OutgoingText);
  }

  async function runOnce(): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('outbox')
        .selectAll()
        .where('status', '=', 'pending')
        .where('run_after', '<=', sql<Date>`now()`)
        .orderBy('run_after')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const row of rows) {
        try {
          await deliver(row.kind, row.payload, trx);
          await trx
            .updateTable('outbox')
            .set({ status: 'done', attempts: row.attempts + 1, done_at: new Date(), last_error: null })
            .where('tenant_id', '=', row.tenant_id)
            .where('id', '=', row.id)
            .execute();
        } catch (error) {
          const attempts = row.attempts + 1;
          const message = (error as Error).message;
          log.warn({ outboxId: row.id, attempts, err: message }, 'outbox delivery failed');
          await trx
            .updateTable('outbox')
            .set({
              attempts,
              last_error: message,
              status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
              run_after: new Date(Date.now() + backoffSeconds(attempts) * 1000),
            })
            .where('tenant_id', '=', row.tenant_id)
            .where('id', '=', row.id)
            .execute();
        }
      }
      return rows.length;
    });
  }

  async function tick() {
    if (running) {
      wakeRequested = true;
      return;
    }
    running = runOnce().catch((error) => {
      log.error({ err: error }, 'outbox worker run failed');
      return 0;
    });
    const handled = await running;
    running = null;
    if (wakeRequested || handled === BATCH) {
      wakeRequested = false;
      setImmediate(tick);
    }
  }

  return {
    runOnce,
    wake() {
      setImmediate(tick);
    },
    start(intervalMs = 1000) {
      timer ??= setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
