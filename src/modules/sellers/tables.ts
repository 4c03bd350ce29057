import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export const SELLER_STATUSES = ['submitted', 'changes_requested', 'approved', 'rejected', 'suspended'] as const;
export type SellerStatus = (typeof SELLER_STATUSES)[number];
export type SellerKind = 'umkm' | 'trader';

export interface SellersTable {
  tenant_id: string;
  id: string;
  program_id: string;
  kind: SellerKind;
  status: SellerStatus;
  user_id: string | null;
  business_name: string;
  owner_name: string;
  phone: string | null;
  nik: string | null;
  nib: string | null;
  npwp: string | null;
  address: Generated<string>;
  area_code: string | null;
  category_slug: string | null;
  photo_ids: Generated<string[]>;
  payout_method: Generated<'bank' | 'ewallet' | 'cash'>;
  payout_provider: string | null;
  payout_account: string | null;
  payout_name: string | null;
  market_id: string | null;
  stall_type: 'kios' | 'los' | 'lapak' | null;
  stall_block: string | null;
  stall_number: string | null;
  commodities: Generated<string>;
  market_days: Generated<string>;
  registered_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SellerEventsTable {
  tenant_id: string;
  id: string;
  seller_id: string;
  from_status: SellerStatus | null;
  to_status: SellerStatus;
  actor_user_id: string | null;
  reason: Generated<string>;
  checklist: JSONColumnType<Record<string, boolean>, string | undefined, never>;
  created_at: CreatedAt;
}

export interface SellerCertificatesTable {
  tenant_id: string;
  id: string;
  seller_id: string;
  kind: 'pirt' | 'halal' | 'bpom' | 'other';
  number: string;
  /** date: read as a YYYY-MM-DD string (see db/database.ts). */
  expires_on: ColumnType<string | null, string | null | undefined, string | null>;
  photo_id: string | null;
  created_at: CreatedAt;
}

export interface SellersTables {
  sellers: SellersTable;
  seller_events: SellerEventsTable;
  seller_certificates: SellerCertificatesTable;
}
