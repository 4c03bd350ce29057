import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Normalises an Indonesian mobile number to E.164 (+62…), accepting 08…, 62…, +62…
 * with spaces, dots, dashes or brackets. Returns null for anything that is not an
 * Indonesian mobile number (codes and WhatsApp messages cannot reach a landline).
 */
export function normalizeMobile(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  if (!/^\+?\d{8,15}$/.test(compact)) return null;
  // "62812…" without a plus would otherwise parse as a national number and look like a landline.
  const withPlus = compact.startsWith('62') ? `+${compact}` : compact;
  const parsed = parsePhoneNumberFromString(withPlus, 'ID');
  if (parsed?.country !== 'ID' || !parsed.isValid()) return null;
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return null;
  return parsed.number;
}

export { formatPhone } from './format.ts';
