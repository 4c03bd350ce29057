import type { JSONColumnType } from 'kysely';

export interface AuditLogTable {
  tenant_id: string;
  seq: bigint;
  at: Date;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  data: JSONColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
