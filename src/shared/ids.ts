import { randomBytes } from 'node:crypto';

// Crockford base32 without I, L, O, U: readable over the phone.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A random id with a readable prefix, e.g. `mkt_5q8k2m0c7v1x3z9d`. */
export function newId(prefix: string, length = 16): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return `${prefix}_${out}`;
}
