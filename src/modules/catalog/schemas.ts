import { z } from 'zod';
import { UNITS } from '../../shared/quantity.ts';
import { COMMODITY_SLUGS } from './commodities.ts';
import { CATEGORY_SLUGS } from './taxonomy.ts';

// Pure zod: request validation, OpenAPI, and row checks for importers (productInput).
// Quantities travel as integers in thousandths of the unit ("…Milli": 250 = 0.25 kg);
// prices as whole rupiah per unit (45000 = Rp 45.000/kg).

const MAX_PRICE = 1_000_000_000;
/** 1,000 units: no one sells a step or minimum larger than that. */
const MAX_STEP_MILLI = 1_000_000;

const id = z.string().trim().min(1).max(40);

const rupiah = z
  .number()
  .int('price_not_whole')
  .min(1, 'price_too_low')
  .max(MAX_PRICE, 'price_too_high')
  .describe('Whole rupiah per unit, e.g. 45000 = Rp 45.000');

const quantityMilli = (description: string) =>
  z.number().int('quantity_not_whole').min(1).max(MAX_STEP_MILLI).describe(`${description}, in thousandths of the unit (250 = 0.25)`);

const stockMilli = z
  .number()
  .int('quantity_not_whole')
  .min(0)
  .max(MAX_PRICE)
  .describe('Counted stock left, in thousandths of the unit (3500 = 3.5 kg)');

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date')
  .refine(
    (text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text),
    'invalid_date',
  );

const STOCK_MODES = ['counted', 'daily'] as const;
const category = z.enum(CATEGORY_SLUGS, { error: 'unknown_category' });
const commodity = z.enum(COMMODITY_SLUGS, { error: 'unknown_commodity' });

export const variantInput = z
  .strictObject({
    id: id.optional().describe('An existing variant to change; leave out for a new one'),
    name: z.string().trim().max(60).default('').describe('E.g. "Curah", "Kemasan 1 kg"; may be empty for a single variant'),
    unit: z.enum(UNITS),
    stepMilli: quantityMilli('What a buyer adds at a time').default(1000),
    minimumMilli: quantityMilli('Smallest order').default(1000),
    price: rupiah,
    stockMode: z.enum(STOCK_MODES).describe('counted: stockMilli is tracked; daily: fresh goods marked sold out for the day'),
    // Optional, and kept when left out on a change: orders move stock while a form is open.
    stockMilli: stockMilli.optional(),
    weightGrams: z.number().int().min(1).max(1_000_000).nullable().default(null).describe('Shipping weight of one unit'),
    active: z.boolean().default(true),
  })
  .check((ctx) => {
    if (ctx.value.minimumMilli % ctx.value.stepMilli !== 0) {
      ctx.issues.push({ code: 'custom', message: 'quantity_off_step', path: ['minimumMilli'], input: ctx.value.minimumMilli });
    }
  });
export type VariantInput = z.infer<typeof variantInput>;

const variants = z
  .array(variantInput)
  .min(1)
  .max(20)
  .check((ctx) => {
    const seen = new Set<string>();
    ctx.value.forEach((variant, index) => {
      const key = variant.name.toLowerCase();
      if (seen.has(key)) ctx.issues.push({ code: 'custom', message: 'duplicate_variant', path: [index, 'name'], input: variant.name });
      seen.add(key);
    });
  });

// No defaults here: a change leaves out what it does not change (zod applies defaults even to optional fields).
const productFields = {
  title: z.string().trim().min(2).max(120),
  description: z.string().trim().max(2000),
  category,
  commodity: commodity.nullable().describe('The staple this is, to show the dinas reference price beside it'),
  photoIds: z.array(id).max(8).describe('Ids from POST /api/media, first is the cover'),
  active: z.boolean(),
  variants,
};

/** A product with its variants: the seller console form and every imported row. */
export const productInput = z.strictObject({
  ...productFields,
  description: productFields.description.default(''),
  commodity: productFields.commodity.default(null),
  photoIds: productFields.photoIds.default([]),
  active: productFields.active.default(true),
});
export type ProductInput = z.infer<typeof productInput>;

/** A change: fields left out stay; `variants`, when sent, is the whole list (variants left out are deactivated). */
export const productPatch = z.strictObject(productFields).partial();
export type ProductPatch = z.infer<typeof productPatch>;

/** The seller's quick edit for the day. */
export const variantQuickEdit = z.strictObject({
  price: rupiah.optional(),
  stockMilli: stockMilli.optional(),
  soldOut: z.boolean().optional().describe('Daily goods: sold out for today (back tomorrow)'),
  active: z.boolean().optional(),
});
export type VariantQuickEdit = z.infer<typeof variantQuickEdit>;

export const SORTS = ['relevance', 'name', 'price'] as const;
export type Sort = (typeof SORTS)[number];

const booleanText = z.enum(['true', 'false']).transform((text) => text === 'true');
const priceText = z.coerce.number().int('price_not_whole').min(0).max(MAX_PRICE, 'price_too_high');

export const productQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Words; typos and regional names (cabe, lombok, brambang) are tolerated'),
  programId: id.optional(),
  marketId: id.optional(),
  sellerId: id.optional(),
  category: category.optional(),
  minPrice: priceText.optional(),
  maxPrice: priceText.optional(),
  inStock: booleanText.optional(),
  sort: z.enum(SORTS).optional().describe('relevance (default with q), name (default without), price (cheapest first)'),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type ProductQuery = z.infer<typeof productQuery>;

// ---- Responses ----

export const photoView = z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() });

export const variantView = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.enum(UNITS),
  stepMilli: z.number(),
  minimumMilli: z.number(),
  price: z.number(),
  stockMode: z.enum(STOCK_MODES),
  stockMilli: z.number().nullable().describe('Counted stock left; null for daily goods'),
  inStock: z.boolean(),
  weightGrams: z.number().nullable(),
  active: z.boolean(),
});
export type VariantView = z.infer<typeof variantView>;

export const referencePriceView = z.object({
  marketId: z.string(),
  marketName: z.string(),
  commodity: z.string(),
  commodityName: z.string(),
  unit: z.enum(UNITS),
  price: z.number(),
  date: z.string(),
});
export type ReferencePriceView = z.infer<typeof referencePriceView>;

export const shopView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['umkm', 'trader']),
  programId: z.string(),
  stall: z.string().nullable().describe('Where a trader is in the market, e.g. "Kios A-12"'),
  market: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const stallView = z.object({ sellerId: z.string(), name: z.string(), stall: z.string().nullable(), products: z.number() });

const sellerRef = z.object({ id: z.string(), name: z.string(), stall: z.string().nullable() });
const marketRef = z.object({ id: z.string(), name: z.string() });

export const productCard = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  photo: photoView.nullable(),
  price: z.number().describe('Cheapest active variant, per unit'),
  unit: z.enum(UNITS),
  inStock: z.boolean(),
  seller: sellerRef,
  market: marketRef.nullable(),
  referencePrice: referencePriceView.nullable(),
});
export type ProductCard = z.infer<typeof productCard>;

export const productDetail = productCard.extend({
  description: z.string(),
  commodity: z.string().nullable(),
  programId: z.string(),
  photos: z.array(photoView),
  variants: z.array(variantView),
});
export type ProductDetail = z.infer<typeof productDetail>;

export const productPage = z.object({
  products: z.array(productCard),
  nextCursor: z.string().nullable(),
  correctedQuery: z.string().nullable().describe('When nothing matched the words as typed: the corrected words searched instead'),
});

export const sellerProduct = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  commodity: z.string().nullable(),
  photos: z.array(photoView),
  active: z.boolean(),
  listed: z.boolean(),
  variants: z.array(variantView),
  updatedAt: z.string(),
});
export type SellerProduct = z.infer<typeof sellerProduct>;

export const priceChange = z.object({
  variantId: z.string(),
  variantName: z.string(),
  unit: z.enum(UNITS),
  price: z.number(),
  changedAt: z.string(),
});

export const referencePricesInput = z.strictObject({
  marketId: id,
  date: isoDate.optional().describe("Defaults to today in the regency's time zone"),
  prices: z
    .array(z.strictObject({ commodity, price: rupiah }))
    .min(1)
    .max(50)
    .check((ctx) => {
      const seen = new Set<string>();
      ctx.value.forEach((row, index) => {
        if (seen.has(row.commodity))
          ctx.issues.push({ code: 'custom', message: 'duplicate_commodity', path: [index, 'commodity'], input: row.commodity });
        seen.add(row.commodity);
      });
    }),
});
export type ReferencePricesInput = z.infer<typeof referencePricesInput>;

export const referencePriceRange = z.object({
  marketId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ReferencePriceRange = z.infer<typeof referencePriceRange>;
