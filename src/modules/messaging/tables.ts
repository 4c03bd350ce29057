import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface OutboxTable {
  tenant_id: string;
  id: string;
  kind: string;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
  status: Generated<'pending' | 'done' | 'failed'>;
  attempts: Generated<number>;
  run_after: Generated<Date>;
  last_error: string | null;
  created_at: CreatedAt;
  done_at: Date | null;
}

export interface MessagesTable {
  tenant_id: string;
  id: string;
  channel: 'simulator' | 'whatsapp';
  direction: 'in' | 'out';
  phone: string;
  body: string;
  provider_message_id: string | null;
  created_at: CreatedAt;
}

export interface MessagingTables {
  outbox: OutboxTable;
  messages: MessagesTable;
}
