import { z } from 'zod';
import { UNITS } from '../../shared/quantity.ts';
import { marketLineFields } from '../orders/schemas.ts';
import { PARTNER_NAMES } from './partners/names.ts';
import { JOB_STATUSES } from './tables.ts';
import { deliveryTariff } from './tariff.ts';

// Pure zod: request validation, OpenAPI and the web app's types (couriers, jobs, quotes).

/** "r 1234 ab" -> "R 1234 AB": Indonesian plates as printed. */
export function normalisePlate(plate: string): string {
  return plate.trim().toUpperCase().replace(/\s+/g, ' ');
}
const PLATE = /^[A-Z]{1,2} [0-9]{1,4}( [A-Z]{1,3})?$/;

export const courierInput = z.strictObject({
  programId: z.string().max(40),
  name: z.string().trim().min(2).max(100),
  phone: z.string().trim().min(8).max(20),
  association: z.string().trim().max(100).default(''),
  vehiclePlate: z.string().max(20).transform(normalisePlate).pipe(z.string().regex(PLATE, 'invalid_plate')),
  idChecked: z.boolean().default(false).describe('Staff saw the KTP and SIM'),
});
export type CourierInput = z.infer<typeof courierInput>;

export const courierView = z.object({
  id: z.string(),
  programId: z.string(),
  userId: z.string(),
  name: z.string(),
  phone: z.string(),
  association: z.string(),
  vehiclePlate: z.string(),
  idChecked: z.boolean(),
  active: z.boolean(),
  available: z.boolean(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  locatedAt: z.string().nullable(),
  lastJobAt: z.string().nullable(),
  /** Cash float (dana talangan) the courier holds; negative = the program owes them. */
  float: z.number(),
});
export type CourierView = z.infer<typeof courierView>;

export const jobView = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  programId: z.string(),
  kind: z.enum(['market_trip', 'delivery']),
  status: z.enum(JOB_STATUSES),
  fee: z.number(),
  /** Set while this job is offered to me. */
  offerExpiresAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  /** Where the goods start (the market, or the first shop with a location). */
  pickup: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  market: z.object({ name: z.string(), address: z.string(), lat: z.number().nullable(), lng: z.number().nullable() }).nullable(),
  dropoff: z.object({
    address: z.string(),
    areaCode: z.string(),
    notes: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
  }),
  buyer: z.object({ name: z.string(), phone: z.string() }),
  /** Cash to take at the door (cash on delivery not yet collected), else 0. */
  cashToCollect: z.number(),
  codeAttemptsLeft: z.number(),
  /** 'YYYY-MM-DD' the buyer expects the goods (the market's next trading day), null = as soon as possible. */
  deliverOn: z.string().nullable(),
  /** Cash the shopper paid at stalls from the float, per stall (sellerId null = titip). */
  stallPayments: z.array(
    z.object({ sellerId: z.string().nullable(), amount: z.number(), photoUrl: z.string().nullable(), at: z.string() }),
  ),
  stops: z.array(
    z.object({
      /** null: the buyer's titip lines, bought at any stall. */
      sellerId: z.string().nullable(),
      sellerName: z.string(),
      sellerPhone: z.string().nullable(),
      stall: z.string().nullable(),
      lines: z.array(
        z.object({
          position: z.number(),
          productTitle: z.string(),
          variantName: z.string(),
          unit: z.enum(UNITS),
          unitPrice: z.number(),
          quantityMilli: z.number(),
          lineTotal: z.number(),
          // What the shopper recorded (POST …/lines/:position), and whether the buyer must decide.
          ...marketLineFields,
        }),
      ),
    }),
  ),
});
export type JobView = z.infer<typeof jobView>;

export const recapView = z.object({
  date: z.string(),
  delivered: z.number(),
  fees: z.number().describe('Delivery fees earned by the jobs delivered that day'),
  cashCollected: z.number(),
  /** The cash float (dana talangan) in hand: given less spent at stalls and returned; negative = the program owes the courier. */
  float: z.number(),
});
export type CourierRecap = z.infer<typeof recapView>;

/** POST /api/delivery/quote's answer: the fee, or why there is none. */
export const deliveryQuoteView = z.object({
  ok: z.boolean(),
  fee: z.number().nullable(),
  distanceM: z.number().nullable(),
  reason: z.enum(['outside_service_area', 'pin_required']).nullable(),
  /** 'YYYY-MM-DD' the goods come, from the market's days and cut-off; null when not from one market. */
  deliverOn: z.string().nullable(),
  /** Jasa belanja the order adds when it is a market trip, else 0. */
  shoppingFee: z.number(),
});
export type DeliveryQuoteView = z.infer<typeof deliveryQuoteView>;

/** How a program delivers: its tariff, dispatch, reweighing rules, titip belanja and delivery partner. */
export const programDeliverySettings = z.strictObject({
  tariff: deliveryTariff,
  courierOfferSeconds: z.number().int().min(15).max(900).describe('How long a courier has to take an offered job'),
  courierMaxJobs: z.number().int().min(1).max(10).describe('Jobs a courier may hold at once'),
  reweighToleranceBp: z.number().int().min(0).max(5000).describe('A reweighed line within this applies without asking; 1000 = 10 %'),
  reweighDecisionMinutes: z.number().int().min(2).max(240),
  reweighDefault: z.enum(['accept', 'remove']).describe('What happens to a line the buyer did not answer about'),
  titipEnabled: z.boolean().describe('Buyers may add free-text "titip belanja" lines to a market trip'),
  titipMaxCap: z.number().int().min(1000).max(5_000_000),
  shoppingFee: z.number().int().min(0).max(100_000).describe('Jasa belanja added to each market-trip order, for the shopper'),
  deliveryPartner: z
    .enum(PARTNER_NAMES, { error: 'unknown_delivery_partner' })
    .nullable()
    .describe(
      'Hand deliveries to this partner instead of the program’s couriers; market trips and cash on delivery stay with the couriers',
    ),
});
export type ProgramDeliverySettings = z.infer<typeof programDeliverySettings>;
