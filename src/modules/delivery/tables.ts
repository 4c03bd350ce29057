import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
/** numeric(9,6): read as a string, written as a number or null. */
type Coordinate = ColumnType<string | null, number | null | undefined, number | null>;

export const JOB_STATUSES = [
  'waiting',
  'offered',
  'accepted',
  'shopping',
  'picked_up',
  'delivering',
  'delivered',
  'failed',
  'returned',
  'cancelled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Wrong hand-over codes allowed before the job needs CS to confirm the hand-over. */
export const MAX_CODE_ATTEMPTS = 3;

export interface CouriersTable {
  tenant_id: string;
  id: string;
  program_id: string;
  user_id: string;
  name: string;
  association: Generated<string>;
  vehicle_plate: string;
  id_checked_by: string | null;
  id_checked_at: Date | null;
  active: Generated<boolean>;
  available: Generated<boolean>;
  lat: Coordinate;
  lng: Coordinate;
  located_at: Date | null;
  last_job_at: Date | null;
  created_at: CreatedAt;
}

export interface DeliveryJobsTable {
  tenant_id: string;
  id: string;
  order_id: string;
  program_id: string;
  kind: 'market_trip' | 'delivery';
  market_id: string | null;
  pickup_lat: Coordinate;
  pickup_lng: Coordinate;
  dropoff_lat: Coordinate;
  dropoff_lng: Coordinate;
  status: JobStatus;
  courier_id: string | null;
  partner: string | null;
  partner_ref: string | null;
  fee: ColumnType<bigint, bigint | number, bigint | number>;
  proof_code: string;
  code_attempts: Generated<number>;
  proof_media_id: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  delivered_at: Date | null;
}

export interface JobOffersTable {
  tenant_id: string;
  job_id: string;
  courier_id: string;
  status: 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn';
  offered_at: CreatedAt;
  expires_at: Date;
  answered_at: Date | null;
}

export interface JobEventsTable {
  tenant_id: string;
  id: string;
  job_id: string;
  from_status: JobStatus | null;
  to_status: JobStatus;
  actor: string;
  reason: Generated<string>;
  lat: Coordinate;
  lng: Coordinate;
  created_at: CreatedAt;
}

/** Cash the shopper paid at a stall from the float (seller_id null: titip lines). */
export interface StallPaymentsTable {
  tenant_id: string;
  id: string;
  job_id: string;
  courier_id: string;
  seller_id: string | null;
  amount: ColumnType<bigint, bigint | number, never>;
  media_id: string | null;
  created_at: CreatedAt;
}

export interface DeliveryTables {
  stall_payments: StallPaymentsTable;
  couriers: CouriersTable;
  delivery_jobs: DeliveryJobsTable;
  job_offers: JobOffersTable;
  job_events: JobEventsTable;
}
