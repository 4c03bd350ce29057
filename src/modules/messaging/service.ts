import type { Executor } from '../../db/database.ts';
import { newId } from '../../shared/ids.ts';

/** One text message to one phone; the channel adapter decides how it travels. */
export interface OutgoingText {
  tenantId: string;
  phone: string;
  body: string;
}

/**
 * Queues a message in the outbox inside the caller's transaction; the worker sends it
 * after commit, so a rolled-back change never messages anyone and a crash loses nothing.
 */
export async function enqueueText(trx: Executor, message: OutgoingText): Promise<string> {
  const id = newId('obx');
  await trx
    .insertInto('outbox')
    .values({ tenant_id: message.tenantId, id, kind: 'message.text', payload: JSON.stringify(message) })
    .execute();
  return id;
}

/** What the simulated channel sent: the demo inbox. */
export async function listSimulatorMessages(db: Executor, tenantId: string, limit = 50) {
  return db
    .selectFrom('messages')
    .select(['id', 'phone', 'body', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('channel', '=', 'simulator')
    .where('direction', '=', 'out')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
