import { z } from 'zod';
import { CATEGORY_SLUGS } from '../catalog/taxonomy.ts';
import { phoneInput } from '../identity/schemas.ts';
import { SELLER_STATUSES } from './tables.ts';

// Request and response shapes of the sellers module, used by the routes and the OpenAPI document.
// Refinement messages are field codes translated in src/http/messages.ts.

/** People type ID numbers with spaces, dots and dashes (e.g. NPWP 01.234.567.8-901.000). */
const stripSeparators = (text: string) => text.replace(/[\s.-]/g, '');
const digits = (length: number, code: string) =>
  z
    .string()
    .max(40)
    .transform(stripSeparators)
    .refine((value) => new RegExp(`^\\d{${length}}$`).test(value), code);

/** Nomor Induk Kependudukan: 16 digits. */
export const nik = digits(16, 'invalid_nik');
/** Nomor Induk Berusaha (OSS): 13 digits. */
export const nib = digits(13, 'invalid_nib');
/** NPWP: 16 digits since 2024; the old 15-digit number becomes 16 with a leading 0. */
export const npwp = z
  .string()
  .max(40)
  .transform((text) => {
    const plain = stripSeparators(text);
    return /^\d{15}$/.test(plain) ? `0${plain}` : plain;
  })
  .refine((value) => /^\d{16}$/.test(value), 'invalid_npwp');

/** A seller's address is located down to the village (desa/kelurahan). */
export const villageCode = z
  .string()
  .trim()
  .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'village_code');

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const id = z.string().trim().min(1).max(40);
const category = z.enum(CATEGORY_SLUGS, 'unknown_category');

export const PAYOUT_METHODS = ['bank', 'ewallet', 'cash'] as const;
export const payoutInput = z.discriminatedUnion(
  'method',
  [
    z.strictObject({ method: z.literal('cash') }),
    z.strictObject({
      method: z.literal('bank'),
      provider: text(2, 60),
      account: z
        .string()
        .max(40)
        .transform(stripSeparators)
        .refine((value) => /^\d{5,20}$/.test(value), 'invalid_account_number'),
      name: text(2, 120),
    }),
    // E-wallets (DANA, OVO, GoPay, ShopeePay) are keyed by a mobile number, checked by the server.
    z.strictObject({ method: z.literal('ewallet'), provider: text(2, 60), account: phoneInput, name: text(2, 120) }),
  ],
  'invalid_value',
);
export type PayoutInput = z.infer<typeof payoutInput>;

export const STALL_TYPES = ['kios', 'los', 'lapak'] as const;

const common = {
  programId: id,
  businessName: text(2, 120),
  ownerName: text(2, 120),
  photoIds: z.array(id).max(8).default([]),
  payout: payoutInput.default({ method: 'cash' }),
};

export const umkmApplication = z.strictObject({
  kind: z.literal('umkm'),
  ...common,
  nik,
  nib: nib.optional(),
  npwp: npwp.optional(),
  address: text(5, 300),
  areaCode: villageCode,
  categorySlug: category,
});

export const traderApplication = z.strictObject({
  kind: z.literal('trader'),
  ...common,
  nik: nik.optional(),
  categorySlug: category.optional(),
  marketId: id,
  stallType: z.enum(STALL_TYPES),
  stallBlock: text(0, 20).default(''),
  stallNumber: text(1, 20),
  commodities: text(2, 300),
  marketDays: text(0, 100).default(''),
});

export const applicationInput = z.discriminatedUnion('kind', [umkmApplication, traderApplication], 'invalid_value');
export type ApplicationInput = z.infer<typeof applicationInput>;
export type TraderInput = z.infer<typeof traderApplication>;

export const CHECKLIST_ITEM = /^[a-z][a-z0-9_]{1,39}$/;
/** Curation checklist as ticked: item code -> checked. */
export const checklistInput = z.record(z.string().regex(CHECKLIST_ITEM), z.boolean());

/** Program staff register a market trader who may never fill a form themselves. */
export const traderRegistration = traderApplication.extend({
  phone: phoneInput.optional(),
  checklist: checklistInput.optional(),
});
export type TraderRegistration = z.infer<typeof traderRegistration>;

export const DECISIONS = ['approve', 'reject', 'request_changes', 'suspend', 'reinstate'] as const;
export const decisionInput = z.strictObject({
  action: z.enum(DECISIONS),
  reason: z.string().trim().max(500).default(''),
  checklist: checklistInput.default({}),
});

export const CERTIFICATE_KINDS = ['pirt', 'halal', 'bpom', 'other'] as const;
export const certificateInput = z.strictObject({
  kind: z.enum(CERTIFICATE_KINDS),
  number: text(1, 60),
  expiresOn: z.iso.date('invalid_date').optional(),
  photoId: id.optional(),
});
export type CertificateInput = z.infer<typeof certificateInput>;

// ---- responses ----

const status = z.enum(SELLER_STATUSES);

export const sellerView = z.object({
  id: z.string(),
  programId: z.string(),
  programName: z.string(),
  kind: z.enum(['umkm', 'trader']),
  status,
  userId: z.string().nullable(),
  businessName: z.string(),
  ownerName: z.string(),
  phone: z.string().nullable(),
  nik: z.string().nullable(),
  nib: z.string().nullable(),
  npwp: z.string().nullable(),
  address: z.string(),
  areaCode: z.string().nullable(),
  areaName: z.string().nullable(),
  categorySlug: z.string().nullable(),
  photoIds: z.array(z.string()),
  payout: z.object({
    method: z.enum(PAYOUT_METHODS),
    provider: z.string().nullable(),
    account: z.string().nullable(),
    name: z.string().nullable(),
  }),
  marketId: z.string().nullable(),
  marketName: z.string().nullable(),
  stallType: z.enum(STALL_TYPES).nullable(),
  stallBlock: z.string().nullable(),
  stallNumber: z.string().nullable(),
  commodities: z.string(),
  marketDays: z.string(),
  registeredBy: z.string().nullable(),
  /** The reason given with the latest decision (what to fix, why rejected or suspended). */
  lastReason: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SellerView = z.infer<typeof sellerView>;

export const certificateView = z.object({
  id: z.string(),
  sellerId: z.string(),
  kind: z.enum(CERTIFICATE_KINDS),
  number: z.string(),
  expiresOn: z.string().nullable(),
  /** Days until expiry in the regency's calendar; negative once expired, null without a date. */
  daysLeft: z.number().nullable(),
  photoId: z.string().nullable(),
});
export type CertificateView = z.infer<typeof certificateView>;

export const sellerEventView = z.object({
  fromStatus: status.nullable(),
  toStatus: status,
  actorName: z.string().nullable(),
  reason: z.string(),
  checklist: z.record(z.string(), z.boolean()),
  createdAt: z.string(),
});

export const sellerDetail = z.object({
  seller: sellerView,
  events: z.array(sellerEventView),
  certificates: z.array(certificateView),
  /** The checklist items of the seller's program, in order. */
  checklist: z.array(z.string()),
});
export type SellerDetail = z.infer<typeof sellerDetail>;

export const queueQuery = z.strictObject({
  status: status.optional(),
  program: id.optional(),
  cursor: z.string().max(200).optional(),
});

export const queueItem = sellerView.pick({
  id: true,
  kind: true,
  status: true,
  businessName: true,
  ownerName: true,
  programName: true,
  marketName: true,
  createdAt: true,
});
export const queuePage = z.object({ sellers: z.array(queueItem), nextCursor: z.string().nullable() });

export const expiringCertificate = certificateView.extend({ businessName: z.string(), sellerStatus: status });
