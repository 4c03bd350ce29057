import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface OutboxTable {
  tenant_id: string;
  id: string;
  kind: string;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
  /** 'sending': claimed by a worker until lease_until (see worker.ts). */
  status: Generated<'pending' | 'sending' | 'done' | 'failed'>;
  attempts: Generated<number>;
  run_after: Generated<Date>;
  lease_until: Date | null;
  last_error: string | null;
  created_at: CreatedAt;
  done_at: Date | null;
}

export type MessageKind = 'text' | 'image' | 'location' | 'reply' | 'buttons' | 'template' | 'note' | 'other';
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

export interface MessagesTable {
  tenant_id: string;
  id: string;
  channel: 'simulator' | 'whatsapp';
  direction: 'in' | 'out';
  phone: string;
  body: string;
  provider_message_id: string | null;
  conversation_id: string | null;
  kind: Generated<MessageKind>;
  /** An image's media, a location, buttons, a template: what the body alone does not say. */
  data: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  status: MessageStatus | null;
  error: string | null;
  /** The agent who wrote it; null for the customer and the system. */
  author_user_id: string | null;
  created_at: CreatedAt;
}

export interface ConversationsTable {
  tenant_id: string;
  id: string;
  program_id: string;
  phone: string;
  customer_name: Generated<string>;
  assigned_to: string | null;
  unread: Generated<number>;
  last_message_at: Generated<Date>;
  /** The customer's last message: free-form replies only within 24 hours of it. */
  last_inbound_at: Date | null;
  created_at: CreatedAt;
}

export interface ConversationTypingTable {
  tenant_id: string;
  conversation_id: string;
  user_id: string;
  at: Generated<Date>;
}

export interface QuickRepliesTable {
  tenant_id: string;
  id: string;
  program_id: string;
  title: string;
  body: string;
  created_at: CreatedAt;
}

export interface MessagingTables {
  outbox: OutboxTable;
  messages: MessagesTable;
  conversations: ConversationsTable;
  conversation_typing: ConversationTypingTable;
  quick_replies: QuickRepliesTable;
}
