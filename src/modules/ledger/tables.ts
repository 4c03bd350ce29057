import type { ColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export const ACCOUNT_KINDS = ['asset', 'liability', 'revenue', 'expense'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** The money movements the ledger knows; add one here when a new flow starts posting. */
export const TRANSACTION_KINDS = [
  // Money in: a transfer, QRIS or gateway payment, or cash a courier took at the door.
  'buyer_payment',
  'cash_collected',
  // A completed order: held money becomes the sellers', the courier's and the program fee.
  'order_settlement',
  // Money out: back to a buyer, or to a seller or courier.
  'refund',
  'payout',
  // The market shopper's cash float: given by the treasurer, paid at stalls, returned or reimbursed.
  'float_given',
  'stall_payment',
  'float_settled',
] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

export interface LedgerAccountsTable {
  tenant_id: string;
  id: string;
  code: string;
  kind: AccountKind;
  name: string;
  created_at: CreatedAt;
}

export interface LedgerTransactionsTable {
  tenant_id: string;
  id: string;
  kind: TransactionKind;
  reference_type: string | null;
  reference_id: string | null;
  idempotency_key: string | null;
  memo: ColumnType<string, string | undefined, never>;
  occurred_at: Date;
  created_by: string;
  created_at: CreatedAt;
}

export interface LedgerPostingsTable {
  tenant_id: string;
  transaction_id: string;
  line: number;
  account_id: string;
  /** Integer rupiah: positive = debit, negative = credit. */
  amount: bigint;
}

export interface LedgerTables {
  ledger_accounts: LedgerAccountsTable;
  ledger_transactions: LedgerTransactionsTable;
  ledger_postings: LedgerPostingsTable;
}
