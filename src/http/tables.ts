import type { ColumnType } from 'kysely';

/** Answers kept for requests sent with an Idempotency-Key (see idempotency.ts). */
export interface IdempotentRequestsTable {
  tenant_id: string;
  user_id: string;
  key: string;
  route: string;
  status_code: number;
  body: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface HttpTables {
  idempotent_requests: IdempotentRequestsTable;
}
