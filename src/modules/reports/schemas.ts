import { z } from 'zod';

/** The longest period one report covers: three years of months. */
export const MAX_REPORT_MONTHS = 36;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'invalid_month');
const monthCount = (from: string, to: string) => {
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  return (toYear - fromYear) * 12 + toMonth - fromMonth + 1;
};

export const salesReportQuery = z
  .strictObject({ from: month, to: month })
  .refine((q) => q.to >= q.from, { path: ['to'], message: 'month_range_reversed' })
  .refine((q) => monthCount(q.from, q.to) <= MAX_REPORT_MONTHS, {
    path: ['to'],
    message: 'month_range_too_long',
    params: { maximum: MAX_REPORT_MONTHS },
  });

const rupiah = z.number().int();
const count = z.number().int().nonnegative();

export const salesReport = z.object({
  programId: z.string(),
  programName: z.string(),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  totals: z.object({ orders: count, goods: rupiah, fees: rupiah, customers: count, sellers: count, averageOrder: rupiah }),
  months: z.array(z.object({ month: z.string(), orders: count, goods: rupiah, fees: rupiah, customers: count, sellers: count })),
  days: z.array(z.object({ day: z.string(), orders: count, goods: rupiah, fees: rupiah })),
  sellers: z.array(z.object({ sellerId: z.string(), name: z.string(), marketName: z.string().nullable(), orders: count, goods: rupiah })),
  markets: z.array(z.object({ marketId: z.string().nullable(), name: z.string().nullable(), sellers: count, goods: rupiah })),
  open: z.object({ awaitingPayment: count, inProgress: count, delivered: count }),
  generatedAt: z.string(),
});
export type SalesReport = z.infer<typeof salesReport>;
