import { z } from 'zod';
import { UNITS } from '../../shared/quantity.ts';
import { areaCode } from '../tenancy/schemas.ts';
import { FULFILMENT_METHODS, ORDER_STATUSES } from './tables.ts';

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

export const checkoutInput = z.strictObject({
  address: z.string().trim().min(5).max(500),
  areaCode,
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  notes: z.string().trim().max(500).default(''),
  fulfilment: z
    .record(id, z.enum(FULFILMENT_METHODS))
    .describe('How each seller in the cart hands over the goods, by seller id; other seller ids are ignored'),
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

export const cartView = z.object({
  lines: z.array(z.object({ ...lineFields, available: z.boolean().describe('Orderable and in stock today') })),
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
  total: z.number(),
  address: z.string(),
  areaCode: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  notes: z.string(),
  reservedUntil: z.string(),
  createdAt: z.string(),
  lines: z.array(z.object({ ...lineFields, finalQuantityMilli: z.number().nullable(), finalLineTotal: z.number().nullable() })),
  fulfilments: z.array(z.object({ id: z.string(), sellerId: z.string(), method: z.enum(FULFILMENT_METHODS), status: z.string() })),
});
export type OrderView = z.infer<typeof orderView>;
