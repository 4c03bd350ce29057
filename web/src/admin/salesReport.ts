import type { Lang } from '../i18n';

// The sales report's shape and its periods. Months are 'YYYY-MM' strings throughout: they sort as
// text, go in the URL as they are, and are what <input type="month"> reads and writes.

/** GET /api/admin/programs/:programId/reports/sales: money in whole rupiah; `days` only those with sales. */
export type { SalesReport } from '../../../src/modules/reports/schemas';

/** The longest range the server reports on (its MAX_REPORT_MONTHS; not imported, to keep zod out of the page). */
export const MAX_MONTHS = 36;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const isMonth = (text: string | null | undefined): text is string => !!text && MONTH.test(text);

const parts = (month: string) => month.split('-').map(Number) as [number, number];

/** '2026-11' + 2 -> '2027-01' (negative steps go back). */
export function addMonths(month: string, step: number): string {
  const [year, number] = parts(month);
  const index = year * 12 + (number - 1) + step;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many months from `from` to `to`, both counted: 2026-01..2026-03 is 3. */
export function monthCount(from: string, to: string): number {
  const [fromYear, fromNumber] = parts(from);
  const [toYear, toNumber] = parts(to);
  return (toYear - fromYear) * 12 + (toNumber - fromNumber) + 1;
}

/** This month where the regency is (a Jakarta evening is already the next month's first day there). */
export function currentMonth(timeZone: string | undefined, now = new Date()): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
  } catch {
    format = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit' });
  }
  const found = Object.fromEntries(format.formatToParts(now).map((part) => [part.type, part.value]));
  return `${found.year}-${found.month}`;
}

export const presets = ['thisMonth', 'last3', 'thisYear'] as const;
export type Preset = (typeof presets)[number];

export function presetRange(preset: Preset, thisMonth: string): { from: string; to: string } {
  if (preset === 'last3') return { from: addMonths(thisMonth, -2), to: thisMonth };
  if (preset === 'thisYear') return { from: `${thisMonth.slice(0, 4)}-01`, to: thisMonth };
  return { from: thisMonth, to: thisMonth };
}

const locale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');
// Dates are calendar labels here, not instants: format them at UTC so no time zone moves them.
const utcDate = (text: string) => {
  const [year = 1970, month = 1, day = 1] = text.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
};

/** '2026-11' -> 'Nov 2026'. */
export const monthLabel = (month: string, lang: Lang) =>
  new Intl.DateTimeFormat(locale(lang), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(utcDate(month));

/** '2026-11' -> 'November 2026', for headings. */
export const longMonthLabel = (month: string, lang: Lang) =>
  new Intl.DateTimeFormat(locale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcDate(month));

/** '2026-11-03' -> 'Sel, 3 Nov' ('Tue 3 Nov'). */
export const dayLabel = (day: string, lang: Lang) =>
  new Intl.DateTimeFormat(locale(lang), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(utcDate(day));

/** A count as people read it: 1.234 (1,234 in English). */
export const countText = (value: number, lang: Lang) => new Intl.NumberFormat(locale(lang)).format(value);

/** Rupiah on a chart axis: 'Rp 1,2 jt' ('Rp 1.2M'). */
export const compactRupiah = (value: number, lang: Lang) =>
  `Rp ${new Intl.NumberFormat(locale(lang), { notation: 'compact', maximumFractionDigits: 1 }).format(value)}`;

/** The days of a month, '2026-11-01' .. '2026-11-30'. */
export function daysOf(month: string): string[] {
  const [year, number] = parts(month);
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}
