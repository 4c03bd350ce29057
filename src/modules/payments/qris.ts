// QRIS (EMVCo merchant-presented mode) payloads: parse, check the CRC, and turn a merchant's
// static QRIS into a dynamic one carrying the exact amount. Pure; see shared/SPECS.md.

export interface TlvField {
  tag: string;
  value: string;
  /** Sub-fields of templates (26-51 and 62). */
  children?: TlvField[];
}

export class QrisError extends Error {}

const TEMPLATE_TAGS = (tag: number) => (tag >= 26 && tag <= 51) || tag === 62;

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over the UTF-8 bytes, as 4 uppercase hex digits. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Tag-length-value list; lengths count characters. Throws on a truncated or malformed list. */
export function parseTlv(text: string, nested = true): TlvField[] {
  const fields: TlvField[] = [];
  let at = 0;
  while (at < text.length) {
    const tag = text.slice(at, at + 2);
    const lengthText = text.slice(at + 2, at + 4);
    if (!/^\d\d$/.test(tag) || !/^\d\d$/.test(lengthText)) throw new QrisError(`malformed field at position ${at}`);
    const length = Number(lengthText);
    const value = text.slice(at + 4, at + 4 + length);
    if (value.length !== length) throw new QrisError(`field ${tag} is truncated`);
    const field: TlvField = { tag, value };
    if (nested && TEMPLATE_TAGS(Number(tag))) field.children = parseTlv(value, false);
    fields.push(field);
    at += 4 + length;
  }
  return fields;
}

export function encodeTlv(fields: TlvField[]): string {
  return fields
    .map(({ tag, value }) => {
      if (value.length > 99) throw new QrisError(`field ${tag} is longer than 99 characters`);
      return `${tag}${String(value.length).padStart(2, '0')}${value}`;
    })
    .join('');
}

export interface QrisInfo {
  merchant_name: string | null;
  city: string | null;
  postal_code: string | null;
  mcc: string | null;
  nmid: string | null;
  point_of_initiation: 'static' | 'dynamic' | null;
  amount: number | null;
  crc: string | null;
  crc_valid: boolean;
}

/** The fields people ask about, and whether the CRC matches. Throws only when the TLV list is broken. */
export function parseQris(payload: string): QrisInfo {
  const fields = parseTlv(payload.trim());
  const value = (tag: string) => fields.find((f) => f.tag === tag)?.value ?? null;
  const crc = value('63');
  const crcPosition = payload.trim().lastIndexOf('6304');
  const crcValid =
    crc !== null && /^[0-9A-F]{4}$/.test(crc) && fields.at(-1)?.tag === '63' && crc16(payload.trim().slice(0, crcPosition + 4)) === crc;
  const initiation = value('01');
  const amount = value('54');
  return {
    merchant_name: value('59'),
    city: value('60'),
    postal_code: value('61'),
    mcc: value('52'),
    nmid: fields.find((f) => f.tag === '51')?.children?.find((c) => c.tag === '02')?.value ?? null,
    point_of_initiation: initiation === '11' ? 'static' : initiation === '12' ? 'dynamic' : null,
    amount: amount === null ? null : Number(amount),
    crc,
    crc_valid: crcValid,
  };
}

/** Largest amount a QRIS field 54 can hold: 13 digits. */
export const MAX_QRIS_AMOUNT = 9_999_999_999_999;

/**
 * The merchant's static QRIS with point of initiation 12 and the amount in tag 54 (before 58),
 * any old amount or tip fields dropped, and a new CRC. Rebuilt from the parsed list: replacing
 * text breaks on merchant names that contain tag-like digits.
 */
export function toDynamicQris(staticPayload: string, amount: number): string {
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_QRIS_AMOUNT) {
    throw new QrisError('amount must be whole rupiah between 1 and 9,999,999,999,999');
  }
  const payload = staticPayload.trim();
  if (!parseQris(payload).crc_valid) throw new QrisError('the static QRIS has a wrong CRC: scan or copy it again');
  const kept = parseTlv(payload, false).filter((f) => !['54', '55', '56', '57', '63'].includes(f.tag));
  const withInitiation = kept.map((f) => (f.tag === '01' ? { ...f, value: '12' } : f));
  const at = withInitiation.findIndex((f) => Number(f.tag) > 54);
  const amountField = { tag: '54', value: String(amount) };
  const fields = at === -1 ? [...withInitiation, amountField] : [...withInitiation.slice(0, at), amountField, ...withInitiation.slice(at)];
  const body = `${encodeTlv(fields)}6304`;
  return body + crc16(body);
}
