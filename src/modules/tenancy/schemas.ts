import { z } from 'zod';

// Pure zod: shared by the server (validation, OpenAPI) and the web app (types).

export const slug = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'invalid_slug');
/** Kemendagri regency/city code, e.g. 33.03 Purbalingga. */
export const regencyCode = z
  .string()
  .trim()
  .regex(/^\d{2}\.\d{2}$/, 'invalid_area_code');
/** Kemendagri code down to district or village, e.g. 33.03.01.2001. */
export const areaCode = z
  .string()
  .trim()
  .regex(/^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$/, 'invalid_area_code');

export const MARKET_KINDS = ['traditional_market', 'umkm_hub', 'showroom', 'warehouse'] as const;

export const market = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(MARKET_KINDS),
  address: z.string(),
  areaCode: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  hours: z.string(),
  /** ISO weekdays the market trades: '1234567' every day, '135' Mon, Wed, Fri. */
  marketDays: z.string(),
  /** 'HH:MM': orders after it are delivered on the next market day; null = no cut-off. */
  orderCutoff: z.string().nullable(),
  active: z.boolean(),
});
export type Market = z.infer<typeof market>;

/** A market's fields as sent; marketInput adds the defaults of a new market. */
const marketFields = {
  name: z.string().trim().min(2).max(120),
  kind: z.enum(MARKET_KINDS),
  address: z.string().trim().max(300),
  areaCode,
  lat: z.number().min(-90).max(90).nullable(),
  lng: z.number().min(-180).max(180).nullable(),
  hours: z.string().trim().max(200),
  marketDays: z
    .string()
    .regex(/^[1-7]{1,7}$/, 'invalid_market_days')
    .transform((days) => [...new Set(days)].sort().join('')),
  orderCutoff: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'invalid_time')
    .nullable(),
};

export const marketInput = z.strictObject({
  ...marketFields,
  address: marketFields.address.default(''),
  lat: marketFields.lat.default(null),
  lng: marketFields.lng.default(null),
  hours: marketFields.hours.default(''),
  marketDays: marketFields.marketDays.default('1234567'),
  orderCutoff: marketFields.orderCutoff.default(null),
});
export type MarketInput = z.infer<typeof marketInput>;

// No defaults: a field left out of a PATCH stays as it is.
export const marketPatch = z.strictObject(marketFields).partial().extend({ active: z.boolean().optional() });
export type MarketPatch = z.infer<typeof marketPatch>;

export const program = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  whatsappPhone: z.string().nullable(),
  /** Whether checkout offers "titip belanja" lines on a market trip, and the most one line may cost. */
  titipEnabled: z.boolean(),
  titipMaxCap: z.number(),
});
export type Program = z.infer<typeof program>;

export const tenantHome = z.object({
  tenant: z.object({ slug: z.string(), name: z.string(), areaCode: z.string(), timeZone: z.string() }),
  demo: z.boolean(),
  programs: z.array(program),
  markets: z.array(market),
});
export type TenantHome = z.infer<typeof tenantHome>;

export const tenantInput = z.strictObject({
  slug,
  name: z.string().trim().min(2).max(120),
  areaCode: regencyCode,
  timeZone: z.enum(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']).default('Asia/Jakarta'),
});
export type TenantInput = z.infer<typeof tenantInput>;
