import { z } from 'zod';
import { UNITS } from '../../shared/quantity.ts';
import { JOB_STATUSES } from '../delivery/tables.ts';
import { paymentView, refundView } from '../payments/schemas.ts';
import { areaCode } from '../tenancy/schemas.ts';
import { FULFILMENT_METHODS, FULFILMENT_STATUSES, ORDER_STATUSES } from './tables.ts';

// Pure zod: request validation, OpenAPI and the web app's types. Quantities are integers in
// thousandths of the unit (250 = 0.25 kg); money is whole rupiah.

const id = z.string().trim().min(1).max(40);

export const cartLineInput = z.strictObject({
  variantId: id,
  quantityMilli: z
    .number()
    .int('quantity_not_whole')
    .min(0)
    .max(1_000_000_000)
    .describe('In thousandths of the unit (250 = 0.25 kg); 0 removes the line'),
});
export type CartLineInput = z.infer<typeof cartLineInput>;

/** A titip line: the buyer's own words, what they expect it to cost, and the most they will pay. */
export const titipInput = z
  .strictObject({
    text: z.string().trim().min(2).max(200),
    estimate: z.number().int().min(500).max(5_000_000),
    cap: z.number().int().min(500).max(5_000_000),
  })
  .refine((r) => r.cap >= r.estimate, { path: ['cap'], message: 'cap_below_estimate' });
export type TitipInput = z.infer<typeof titipInput>;

export const checkoutInput = z.strictObject({
  address: z.string().trim().min(5).max(500),
  areaCode,
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  notes: z.string().trim().max(500).default(''),
  fulfilment: z
    .record(id, z.enum(FULFILMENT_METHODS))
    .describe('How each seller in the cart hands over the goods, by seller id; other seller ids are ignored'),
  requests: z
    .array(titipInput)
    .max(10)
    .default([])
    .describe('"Titip belanja": things the shopper buys at the market though they are not in the catalogue'),
});
export type CheckoutInput = z.infer<typeof checkoutInput>;

const lineFields = {
  variantId: z.string(),
  sellerId: z.string(),
  productTitle: z.string(),
  variantName: z.string(),
  unit: z.enum(UNITS),
  unitPrice: z.number(),
  quantityMilli: z.number(),
  lineTotal: z.number(),
};

/** A line as a market trip shapes it: titip or catalogue, what the shopper recorded, what waits for the buyer. */
export const marketLineFields = {
  /** A titip line ('request') has no variant or seller; its lineTotal is the buyer's cap. */
  kind: z.enum(['catalog', 'request']),
  /** A titip line's estimated price. */
  estimate: z.number().nullable(),
  /** Set once the shopper weighed it: adjusted, asked (the buyer decides by decideBy), accepted, removed, unavailable. */
  reweighStatus: z.enum(['adjusted', 'asked', 'accepted', 'removed', 'unavailable']).nullable(),
  finalQuantityMilli: z.number().nullable(),
  finalLineTotal: z.number().nullable(),
  proposedQuantityMilli: z.number().nullable(),
  proposedLineTotal: z.number().nullable(),
  decideBy: z.string().nullable(),
  /** A substitute the shopper proposes (the buyer decides), and the one bought once accepted. */
  proposedName: z.string().nullable(),
  substituteName: z.string().nullable(),
};

export const cartView = z.object({
  lines: z.array(
    z.object({
      ...lineFields,
      productId: z.string(),
      sellerName: z.string(),
      stepMilli: z.number().describe('Quantities go up in these steps'),
      minimumMilli: z.number(),
      available: z.boolean().describe('Orderable and in stock today'),
    }),
  ),
  goodsTotal: z.number(),
});
export type CartView = z.infer<typeof cartView>;

export const orderView = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(ORDER_STATUSES),
  programId: z.string(),
  goodsTotal: z.number(),
  deliveryFee: z.number(),
  /** Jasa belanja of a market trip (0 otherwise); the shopper earns it with the delivery fee. */
  shoppingFee: z.number(),
  total: z.number(),
  address: z.string(),
  areaCode: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  notes: z.string(),
  reservedUntil: z.string(),
  createdAt: z.string(),
  lines: z.array(
    z.object({
      ...lineFields,
      variantId: z.string().nullable(),
      sellerId: z.string().nullable(),
      position: z.number(),
      ...marketLineFields,
    }),
  ),
  fulfilments: z.array(
    z.object({
      id: z.string(),
      sellerId: z.string(),
      sellerName: z.string(),
      sellerPhone: z.string().nullable(),
      /** Where to find a market trader: the market's name and the stall ("Los B-12"). */
      marketName: z.string().nullable(),
      stall: z.string().nullable(),
      method: z.enum(FULFILMENT_METHODS),
      status: z.enum(FULFILMENT_STATUSES),
      reason: z.string().describe('Why the seller rejected it'),
    }),
  ),
  buyer: z.object({ name: z.string(), phone: z.string() }),
  /** The live payment (or the last one), null before the buyer picks a method. */
  payment: paymentView.nullable(),
  refunds: z.array(refundView),
  events: z.array(
    z.object({ at: z.string(), from: z.string().nullable(), to: z.string(), fulfilmentId: z.string().nullable(), reason: z.string() }),
  ),
  rating: z.object({ stars: z.number(), comment: z.string() }).nullable(),
  /** The courier job, when program couriers deliver part of the order. */
  delivery: z
    .object({
      /** For CS steps on the job (assign, confirm delivered). */
      jobId: z.string(),
      status: z.enum(JOB_STATUSES),
      kind: z.enum(['market_trip', 'delivery']),
      /** Wrong hand-over codes left before CS must confirm (0 = locked). */
      codeAttemptsLeft: z.number(),
      courier: z.object({ name: z.string(), phone: z.string(), vehiclePlate: z.string() }).nullable(),
      /** The buyer gives this to the courier at the door; shown to the buyer only. */
      proofCode: z.string().nullable(),
      proofUrl: z.string().nullable(),
      deliveryDistanceM: z.number().nullable(),
    })
    .nullable(),
  buyerCanCancel: z.boolean(),
  completedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type OrderView = z.infer<typeof orderView>;

export const orderSummary = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(ORDER_STATUSES),
  total: z.number(),
  createdAt: z.string(),
  itemCount: z.number(),
  firstItem: z.string(),
  buyerName: z.string(),
  buyerPhone: z.string(),
  paymentMethod: z.string().nullable(),
  paymentStatus: z.string().nullable(),
});
export type OrderSummary = z.infer<typeof orderSummary>;

export const ratingInput = z.strictObject({
  stars: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).default(''),
});

export const cancelInput = z.strictObject({ reason: z.string().trim().max(500).default('') });

/** A seller's part of an order, as the seller console lists it. */
export const sellerFulfilmentView = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  orderStatus: z.enum(ORDER_STATUSES),
  sellerId: z.string(),
  method: z.enum(FULFILMENT_METHODS),
  status: z.enum(FULFILMENT_STATUSES),
  reason: z.string(),
  createdAt: z.string(),
  buyerName: z.string(),
  buyerPhone: z.string(),
  /** Only for parts the seller ships themselves; pickup and courier deliveries do not need it. */
  address: z.string().nullable(),
  notes: z.string(),
  lines: z.array(z.object(lineFields)),
  goodsTotal: z.number(),
  /** How the buyer pays: a cash-on-delivery order is not paid until the courier collects. */
  paymentMethod: z.string().nullable(),
  paymentStatus: z.string().nullable(),
});
export type SellerFulfilmentView = z.infer<typeof sellerFulfilmentView>;
