import { z } from 'zod';
import { PAYMENT_METHODS, PAYMENT_STATUSES, PAYOUT_METHODS } from './tables.ts';

// Pure zod: request validation, OpenAPI and the web app's types. Money is whole rupiah.

export const startPaymentInput = z.strictObject({ method: z.enum(PAYMENT_METHODS) });

export const proofInput = z.strictObject({
  mediaId: z
    .string()
    .regex(/^med_[0-9a-z]{16}$/, 'invalid_format')
    .describe('A photo uploaded with POST /api/media'),
});

export const staffNote = z.strictObject({
  reference: z.string().trim().min(1).max(200).describe('Bank mutation, QRIS transaction or transfer reference, for reconciliation'),
});

export const reasonInput = z.strictObject({ reason: z.string().trim().min(3).max(500) });

export const paymentView = z.object({
  id: z.string(),
  method: z.enum(PAYMENT_METHODS),
  status: z.enum(PAYMENT_STATUSES),
  amount: z.number().describe('What to pay: the order total plus the unique code for transfers'),
  uniqueCode: z.number(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  /** When the order stops waiting for this payment. */
  expiresAt: z.string(),
  proofUrl: z.string().nullable(),
  redirectUrl: z.string().nullable(),
  bank: z.object({ name: z.string(), accountNumber: z.string(), accountHolder: z.string() }).nullable(),
  qrisPayload: z.string().nullable().describe('Dynamic QRIS carrying the exact amount; the image is at …/payments/qris.svg'),
  /** Why CS sent the proof back, when they did. */
  rejectedReason: z.string().nullable(),
});
export type PaymentView = z.infer<typeof paymentView>;

export const refundView = z.object({
  id: z.string(),
  amount: z.number(),
  reason: z.string(),
  status: z.enum(['pending', 'paid']),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  reference: z.string().nullable(),
});
export type RefundView = z.infer<typeof refundView>;

/** A transfer or QRIS payment on the CS desk. */
export const deskPaymentView = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  buyerName: z.string(),
  buyerPhone: z.string(),
  method: z.enum(PAYMENT_METHODS),
  status: z.enum(PAYMENT_STATUSES),
  amount: z.number(),
  uniqueCode: z.number(),
  proofUrl: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  /** What staff noted when confirming (bank mutation, QRIS transaction), or the gateway's id. */
  reference: z.string().nullable(),
});
export type DeskPaymentView = z.infer<typeof deskPaymentView>;

/** A refund on the CS desk, with whose order it is. */
export const deskRefundView = refundView.extend({
  orderId: z.string(),
  orderNumber: z.string(),
  buyerName: z.string(),
  buyerPhone: z.string(),
  method: z.enum(PAYMENT_METHODS),
});
export type DeskRefundView = z.infer<typeof deskRefundView>;

/** How a program takes money: which methods, into which account, its fee and its deadlines. */
export const programPaymentSettings = z.strictObject({
  methods: z.array(z.enum(PAYMENT_METHODS)).min(1).max(4),
  bankName: z.string().trim().max(60).nullable(),
  bankAccountNumber: z
    .string()
    .trim()
    .regex(/^[0-9]{5,20}$/, 'invalid_format')
    .nullable(),
  bankAccountHolder: z.string().trim().max(100).nullable(),
  qrisPayload: z.string().trim().max(512).nullable().describe('The static merchant QRIS as text (scan the sticker and paste)'),
  feeBasisPoints: z.number().int().min(0).max(3000).describe('The program’s share of each seller’s goods; 250 = 2.5 %'),
  paymentTimeoutMinutes: z.number().int().min(5).max(10080),
  autoConfirmHours: z.number().int().min(1).max(720),
});
export type ProgramPaymentSettings = z.infer<typeof programPaymentSettings>;

/** A payout run: what the program pays each seller, one line per payee, settled line by line. */
export const payoutRunView = z.object({
  id: z.string(),
  programId: z.string(),
  status: z.enum(['open', 'settled']),
  total: z.number(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
  lines: z.array(
    z.object({
      payeeType: z.enum(['seller', 'courier']),
      payeeId: z.string(),
      payeeName: z.string(),
      method: z.enum(PAYOUT_METHODS),
      provider: z.string().nullable(),
      account: z.string().nullable(),
      accountName: z.string().nullable(),
      amount: z.number(),
      status: z.enum(['pending', 'settled']),
      reference: z.string().nullable(),
      settledAt: z.string().nullable(),
    }),
  ),
});
export type PayoutRunView = z.infer<typeof payoutRunView>;

/** A run in the program's list, without its lines. */
export const payoutRunSummary = payoutRunView.omit({ programId: true, lines: true });
export type PayoutRunSummary = z.infer<typeof payoutRunSummary>;
