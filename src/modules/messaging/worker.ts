import type { FastifyBaseLogger as Logger } from 'fastify';
import { sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { MessageChannel } from './channels.ts';
import { type OutgoingContent, PermanentSendError } from './cloud-api.ts';
import type { OutboxTable } from './tables.ts';

const MAX_ATTEMPTS = 8;
const BATCH = 20;
/** How long a claimed row is a worker's; a crashed worker's rows are taken again after it. */
const LEASE_SECONDS = 60;

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

type OutboxRow = { tenant_id: string; id: string; kind: string; payload: Record<string, unknown>; attempts: number; run_after: Date };

/**
 * Delivers outbox rows. Rows are claimed with a lease in a short transaction (FOR UPDATE SKIP
 * LOCKED, so several app nodes never take the same row), then sent with no transaction open:
 * a slow WhatsApp call holds no database connection. A worker that dies mid-send leaves its
 * rows to be taken again when the lease runs out: a message may then go twice, never zero times.
 */
export function createOutboxWorker(
  db: Db,
  channel: MessageChannel | null,
  log: Logger,
  /** Keeps a photo customers sent (media module); returns its public address. */
  keepPhoto?: (tenantId: string, bytes: Buffer) => Promise<string>,
): OutboxWorker {
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let wakeRequested = false;

  async function claim(): Promise<OutboxRow[]> {
    const rows = await sql<OutboxRow>`
      UPDATE outbox SET status = 'sending', attempts = attempts + 1,
        lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
      WHERE (tenant_id, id) IN (
        SELECT tenant_id, id FROM outbox
        WHERE (status = 'pending' AND run_after <= now()) OR (status = 'sending' AND lease_until < now())
        ORDER BY run_after LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)
      RETURNING tenant_id, id, kind, payload, attempts, run_after`.execute(db);
    // RETURNING keeps no order: messages go in the order they were queued (a summary before its QR image).
    return rows.rows.sort((a, b) => new Date(a.run_after).getTime() - new Date(b.run_after).getTime());
  }

  /** A customer's photo: fetched from WhatsApp and kept, so the desk shows it (data.link). */
  async function fetchPhoto(row: OutboxRow) {
    if (!channel?.fetchMedia || !keepPhoto) throw new PermanentSendError('this channel cannot fetch photos');
    const link = await keepPhoto(row.tenant_id, await channel.fetchMedia(String(row.payload.mediaId)));
    await db
      .updateTable('messages')
      .set({ data: sql`coalesce(data, '{}'::jsonb) || ${JSON.stringify({ link })}::jsonb` })
      .where('tenant_id', '=', row.tenant_id)
      .where('id', '=', String(row.payload.messageId))
      .execute();
  }

  async function deliver(row: OutboxRow) {
    if (!channel) throw new Error('no messaging channel is configured (set up WhatsApp or run in demo mode)');
    if (row.kind === 'media.fetch') return fetchPhoto(row);
    if (row.kind !== 'message.send') throw new PermanentSendError(`unknown outbox kind ${row.kind}`);
    const message = await db
      .selectFrom('messages as m')
      .leftJoin('conversations as c', (join) => join.onRef('c.tenant_id', '=', 'm.tenant_id').onRef('c.id', '=', 'm.conversation_id'))
      .select(['m.id', 'm.phone', 'm.kind', 'm.body', 'm.data', 'c.program_id', 'c.last_inbound_at'])
      .where('m.tenant_id', '=', row.tenant_id)
      .where('m.id', '=', String(row.payload.messageId))
      .executeTakeFirstOrThrow();
    const sent = await channel.send(db, {
      tenantId: row.tenant_id,
      messageId: message.id,
      phone: message.phone,
      programId: message.program_id,
      content: contentOf(message),
      lastInboundAt: message.last_inbound_at,
    });
    await db
      .updateTable('messages')
      .set({ status: 'sent', provider_message_id: sent.providerMessageId, channel: channel.name })
      .where('tenant_id', '=', row.tenant_id)
      .where('id', '=', message.id)
      .execute();
  }

  async function finish(row: OutboxRow, values: Updateable<OutboxTable>) {
    await db.updateTable('outbox').set(values).where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
  }

  /** A message that will never go (or ran out of tries) is marked failed on the desk too. */
  async function markFailed(row: OutboxRow, error: string) {
    await db
      .updateTable('messages')
      .set({ status: 'failed', error })
      .where('tenant_id', '=', row.tenant_id)
      .where('id', '=', String(row.payload.messageId ?? ''))
      .execute();
  }

  async function runBatch(): Promise<number> {
    const rows = await claim();
    for (const row of rows) {
      try {
        await deliver(row);
        await finish(row, { status: 'done', done_at: new Date(), last_error: null, lease_until: null });
      } catch (error) {
        const message = (error as Error).message;
        const giveUp = error instanceof PermanentSendError || row.attempts >= MAX_ATTEMPTS;
        log.warn({ outboxId: row.id, attempts: row.attempts, err: message }, 'outbox delivery failed');
        await finish(row, {
          status: giveUp ? 'failed' : 'pending',
          last_error: message,
          lease_until: null,
          run_after: new Date(Date.now() + backoffSeconds(row.attempts) * 1000),
        });
        if (giveUp && row.kind === 'message.send') await markFailed(row, message);
      }
    }
    return rows.length;
  }

  /** One batch at a time in this process (other nodes are kept apart by SKIP LOCKED): each waits for the one before. */
  function exclusiveBatch(): Promise<number> {
    queued += 1;
    const batch = chain.then(runBatch).finally(() => {
      queued -= 1;
    });
    chain = batch.catch(() => 0);
    return batch;
  }

  async function tick() {
    if (queued > 0) {
      wakeRequested = true;
      return;
    }
    const handled = await exclusiveBatch().catch((error) => {
      log.error({ err: error }, 'outbox worker run failed');
      return 0;
    });
    if (wakeRequested || handled === BATCH) {
      wakeRequested = false;
      setImmediate(tick);
    }
  }

  return {
    // After any run already going (a wake from a request), so the caller sees its rows handled.
    runOnce: exclusiveBatch,
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
      await chain;
    },
  };
}

/** The message as the channel sends it, rebuilt from its row. */
function contentOf(message: { kind: string; body: string; data: Record<string, unknown> | null }): OutgoingContent {
  const data = message.data ?? {};
  switch (message.kind) {
    case 'image':
      return { kind: 'image', link: String(data.link), caption: message.body || undefined };
    case 'buttons':
      return { kind: 'buttons', body: message.body, buttons: data.buttons as { id: string; title: string }[] };
    case 'template':
      return { kind: 'template', name: String(data.name), language: String(data.language), params: data.params as string[] };
    default:
      return { kind: 'text', body: message.body };
  }
}
