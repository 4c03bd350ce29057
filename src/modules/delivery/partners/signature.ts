import { createHmac } from 'node:crypto';
import { safeEqual } from '../../../shared/crypto.ts';

/** Header carrying the hex HMAC-SHA256 of the raw request body, keyed with the partner's secret. */
export const SIGNATURE_HEADER = 'x-lokapasar-signature';

export function signPartnerBody(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function verifyPartnerSignature(body: string, signature: string, secret: string): boolean {
  return safeEqual(signature.toLowerCase(), signPartnerBody(body, secret));
}
