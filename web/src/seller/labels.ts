import { CATEGORIES } from '../../../src/modules/catalog/taxonomy';
import type { Lang, Translate } from '../i18n';
import type { MessageKey } from '../messages';
import { type Certificate, certificateKinds, EXPIRY_WARNING_DAYS, sellerStatuses } from './api';

// Seller codes shown as words; an unknown code (a newer server) is shown as it is.

function known(t: Translate, prefix: string, codes: readonly string[], code: string): string {
  return codes.includes(code) ? t(`${prefix}.${code}` as MessageKey) : code;
}

export const statusLabel = (t: Translate, status: string) => known(t, 'sellers.status', sellerStatuses, status);
export const certificateKindLabel = (t: Translate, kind: string) => known(t, 'sellers.cert', certificateKinds, kind);

const checklistItems = ['quality', 'stock_availability', 'packaging_label', 'certificates'];
/** A program may add its own checklist items; those show as their code. */
export const checklistLabel = (t: Translate, item: string) => known(t, 'curation.item', checklistItems, item);

export function categoryLabel(lang: Lang, slug: string | null): string {
  const category = CATEGORIES.find((c) => c.slug === slug);
  return category ? category[lang] : (slug ?? '');
}

/** Badge colour by status: waiting, fine, or stopped. */
export function statusBadge(status: string): string {
  if (status === 'approved') return 'badge';
  if (status === 'rejected' || status === 'suspended') return 'badge badge-danger';
  return 'badge badge-warn';
}

/** "Berlaku sampai …", "Habis dalam 10 hari", "Kedaluwarsa 5 hari lalu". */
export function expiryText(t: Translate, certificate: Pick<Certificate, 'expiresOn' | 'daysLeft'>): string {
  const { expiresOn, daysLeft } = certificate;
  if (expiresOn === null || daysLeft === null) return t('sellers.cert.noExpiry');
  if (daysLeft < 0) return t('sellers.cert.expired', { date: expiresOn, days: -daysLeft });
  if (daysLeft <= EXPIRY_WARNING_DAYS) return t('sellers.cert.expiresIn', { date: expiresOn, days: daysLeft });
  return t('sellers.cert.validUntil', { date: expiresOn });
}
