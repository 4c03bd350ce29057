import type { Executor } from '../../db/database.ts';
import { newId } from '../../shared/ids.ts';

/** One text message to one phone; the channel adapter decides how it travels. */
export interface OutgoingText {
  tenantId: string;
  phone: string;
  body: string;
  /** Demo mode prints messages marked sensitive only as a hint, never in production logs. */
  purpose: 'sign_in_code' | 'invite' | 'notification';
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

export async function listSimulatorMessages(db: Executor, tenantId: string, limit = 50) {
  return db
    .selectFrom('messages')
    .select(['id', 'phone', 'body', 'direction', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('channel', '=', 'simulator')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
