import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { sha256 } from '../../shared/crypto.ts';

export interface AuditEntry {
  tenantId: string;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** Canonical JSON (sorted keys) so the same row always hashes the same. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

function rowHash(prevHash: string, row: Omit<AuditEntry, 'data'> & { seq: bigint; at: Date; data: Record<string, unknown> }) {
  return sha256(
    prevHash +
      canonical({
        tenantId: row.tenantId,
        seq: row.seq.toString(),
        at: row.at.toISOString(),
        actorUserId: row.actorUserId,
        actorLabel: row.actorLabel,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        data: row.data,
      }),
  );
}

/**
 * Appends one audit row. Call it inside the transaction of the change it records,
 * so the change and its record commit or vanish together.
 */
export async function recordAudit(trx: Executor, entry: AuditEntry): Promise<void> {
  // Serialise writers per tenant so the chain has no forks.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`audit:${entry.tenantId}`}))`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', entry.tenantId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = (last?.seq ?? 0n) + 1n;
  const at = new Date();
  const data = entry.data ?? {};
  const prevHash = last?.hash ?? GENESIS;
  const hash = rowHash(prevHash, { ...entry, seq, at, data });
  await trx
    .insertInto('audit_log')
    .values({
      tenant_id: entry.tenantId,
      seq,
      at,
      actor_user_id: entry.actorUserId,
      actor_label: entry.actorLabel,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      data: JSON.stringify(data),
      prev_hash: prevHash,
      hash,
    })
    .execute();
}

export interface AuditVerification {
  tenantId: string;
  rows: number;
  ok: boolean;
  firstBadSeq: string | null;
}

/** Recomputes the hash chain of each tenant; any edited, removed or reordered row breaks it. */
export async function verifyAuditChain(db: Executor, tenantId: string): Promise<AuditVerification> {
  const rows = await db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId).orderBy('seq').execute();
  let prevHash = GENESIS;
  let expectedSeq = 1n;
  for (const row of rows) {
    const hash = rowHash(prevHash, {
      tenantId: row.tenant_id,
      seq: row.seq,
      at: row.at,
      actorUserId: row.actor_user_id,
      actorLabel: row.actor_label,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      data: row.data,
    });
    if (row.seq !== expectedSeq || row.prev_hash !== prevHash || row.hash !== hash) {
      return { tenantId, rows: rows.length, ok: false, firstBadSeq: row.seq.toString() };
    }
    prevHash = hash;
    expectedSeq += 1n;
  }
  return { tenantId, rows: rows.length, ok: true, firstBadSeq: null };
}
