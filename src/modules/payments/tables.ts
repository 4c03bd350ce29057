import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
/** bigint rupiah: read as bigint, written as number or bigint. */
type Rupiah = ColumnType<bigint, bigint | number, bigint | number>;

export const PAYMENT_METHODS = ['transfer', 'qris', 'gateway', 'cod'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_STATUSES = ['pending', 'submitted', 'paid', 'failed', 'cancelled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYOUT_METHODS = ['bank', 'ewallet', 'cash'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

export interface PaymentsTable {
  tenant_id: string;
  id: string;
  order_id: string;
  method: PaymentMethod;
  status: PaymentStatus;
  amount: Rupiah;
  unique_code: Generated<number>;
  proof_media_id: string | null;
  provider_ref: string | null;
  redirect_url: string | null;
  paid_at: Date | null;
  /** In the public address of a QRIS payment's image (see qris-image.ts); set when first sent. */
  qris_image_token: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface PaymentEventsTable {
  tenant_id: string;
  id: string;
  payment_id: string;
  from_status: PaymentStatus | null;
  to_status: PaymentStatus | null;
  kind: string;
  provider_event_id: string | null;
  accepted: boolean;
  reason: Generated<string>;
  payload: ColumnType<unknown, string | null | undefined, never>;
  actor: string;
  created_at: CreatedAt;
}

export interface RefundsTable {
  tenant_id: string;
  id: string;
  order_id: string;
  payment_id: string;
  amount: Rupiah;
  reason: string;
  status: 'pending' | 'paid';
  created_by: string;
  paid_by: string | null;
  paid_at: Date | null;
  reference: string | null;
  created_at: CreatedAt;
}

export interface PayoutRunsTable {
  tenant_id: string;
  id: string;
  program_id: string;
  status: 'open' | 'settled';
  total: Rupiah;
  created_by: string;
  created_at: CreatedAt;
  settled_at: Date | null;
}

export interface PayoutLinesTable {
  tenant_id: string;
  run_id: string;
  payee_type: 'seller' | 'courier';
  payee_id: string;
  payee_name: string;
  method: PayoutMethod;
  provider: string | null;
  account: string | null;
  account_name: string | null;
  amount: Rupiah;
  status: 'pending' | 'settled';
  reference: string | null;
  settled_by: string | null;
  settled_at: Date | null;
}

export interface PaymentsTables {
  payments: PaymentsTable;
  payment_events: PaymentEventsTable;
  refunds: RefundsTable;
  payout_runs: PayoutRunsTable;
  payout_lines: PayoutLinesTable;
}
