import type { Lang } from '../i18n';

// Numbers in admin forms as people type them: a decimal comma in Indonesian, a point in English.

/** 250 basis points -> "2,5" (percent; "2.5" in English). */
export function percentText(basisPoints: number, lang: Lang): string {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}${lang === 'en' ? '.' : ','}${fraction}` : String(whole);
}

/** "2,5" or "2.5" -> 250; null for anything but a percentage with at most two decimals. */
export function parsePercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 150000 -> "150.000": rupiah as people write them, in either language (parseRupiah reads it back). */
export const rupiahText = (value: number) => new Intl.NumberFormat('id-ID').format(value);

export const wholeNumber = (text: string) => (/^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : null);

/** 1.3 -> "1,3" (Indonesian) or "1.3" (English). */
export const decimalText = (value: number, lang: Lang) => (lang === 'en' ? String(value) : String(value).replace('.', ','));

/** "1,3" or "1.3" -> 1.3; null for anything but a number with at most three decimals. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,6}(?:[.,]\d{1,3})?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : null;
}
