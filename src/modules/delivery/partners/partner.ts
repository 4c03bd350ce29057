import type { TenantRef } from '../../../http/context.ts';

// An external delivery service a program may hand its deliveries to instead of its own couriers
// (no monopoly for one ojek association). It is told about a job after the job is committed
// (requests.ts) and reports progress to POST /api/webhooks/delivery/<name> (webhook-routes.ts).

/** What a partner is told about a job: where to collect, where to bring it, whom to call. */
export interface PartnerJobRequest {
  /** Our job id, echoed in every status callback; also the booking's idempotency key. */
  jobId: string;
  tenant: TenantRef;
  orderNumber: string;
  /** Where the goods start (the first shop with a location), if known. */
  pickup: { lat: number; lng: number } | null;
  /** The sellers whose parts the driver collects. */
  stops: { seller: string; phone: string | null; address: string }[];
  dropoff: { address: string; areaCode: string; notes: string; lat: number | null; lng: number | null };
  buyer: { name: string; phone: string };
}

export interface DeliveryPartner {
  name: string;
  /** Key the partner signs its status callbacks with (HMAC-SHA256 of the raw body); from the environment, never the database. */
  secret: string;
  /**
   * Books a delivery. Must be idempotent by `job.jobId`: asked again for the same job (a retry
   * after a failure, a crash or a lost answer) it answers the same booking.
   */
  requestDelivery(job: PartnerJobRequest): Promise<{ ref: string }>;
  /** Calls a booking off: the order was cancelled here. */
  cancel(ref: string): Promise<void>;
  /** Stops background work when the app closes (the simulated partner's pending steps). */
  stop?(): void;
}

/** The partners this installation runs, by name. */
export type DeliveryPartners = ReadonlyMap<string, DeliveryPartner>;
