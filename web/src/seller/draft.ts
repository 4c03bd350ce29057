import type { Translate } from '../i18n';
import type { payoutMethods, Seller, stallTypes } from './api';

/** A seller application as the form holds it: every input a string, as typed. */
export type Draft = {
  kind: 'umkm' | 'trader';
  programId: string;
  businessName: string;
  ownerName: string;
  nik: string;
  nib: string;
  npwp: string;
  address: string;
  district: string;
  areaCode: string;
  categorySlug: string;
  photoIds: string[];
  payoutMethod: (typeof payoutMethods)[number];
  payoutProvider: string;
  payoutAccount: string;
  payoutName: string;
  marketId: string;
  stallType: (typeof stallTypes)[number];
  stallBlock: string;
  stallNumber: string;
  commodities: string;
  marketDays: string;
};
export type TextKey = { [K in keyof Draft]: Draft[K] extends string ? K : never }[keyof Draft];

export function emptyDraft(kind: Draft['kind']): Draft {
  return {
    kind,
    programId: '',
    businessName: '',
    ownerName: '',
    nik: '',
    nib: '',
    npwp: '',
    address: '',
    district: '',
    areaCode: '',
    categorySlug: '',
    photoIds: [],
    payoutMethod: 'cash',
    payoutProvider: '',
    payoutAccount: '',
    payoutName: '',
    marketId: '',
    stallType: 'kios',
    stallBlock: '',
    stallNumber: '',
    commodities: '',
    marketDays: '',
  };
}

/** The form filled from a saved application, to fix what the curator asked for. */
export function draftFromSeller(seller: Seller): Draft {
  return {
    kind: seller.kind,
    programId: seller.programId,
    businessName: seller.businessName,
    ownerName: seller.ownerName,
    nik: seller.nik ?? '',
    nib: seller.nib ?? '',
    npwp: seller.npwp ?? '',
    address: seller.address,
    district: seller.areaCode?.split('.').slice(0, 3).join('.') ?? '',
    areaCode: seller.areaCode ?? '',
    categorySlug: seller.categorySlug ?? '',
    photoIds: seller.photoIds,
    payoutMethod: seller.payout.method,
    payoutProvider: seller.payout.provider ?? '',
    payoutAccount: seller.payout.account ?? '',
    payoutName: seller.payout.name ?? '',
    marketId: seller.marketId ?? '',
    stallType: seller.stallType ?? 'kios',
    stallBlock: seller.stallBlock ?? '',
    stallNumber: seller.stallNumber ?? '',
    commodities: seller.commodities,
    marketDays: seller.marketDays,
  };
}

/** Server field names of an application, for errors shown under their inputs. */
export const APPLICATION_FIELDS = [
  'kind',
  'businessName',
  'ownerName',
  'nik',
  'nib',
  'npwp',
  'address',
  'areaCode',
  'categorySlug',
  'photoIds',
  'marketId',
  'stallType',
  'stallBlock',
  'stallNumber',
  'commodities',
  'marketDays',
  'payout.method',
  'payout.provider',
  'payout.account',
  'payout.name',
];

/** Optional fields left empty are left out, not sent as "". */
const optional = (key: string, value: string) => (value.trim() ? { [key]: value.trim() } : {});

/** The request body for POST /api/sellers/applications (and the staff registration form). */
export function applicationBody(draft: Draft): Record<string, unknown> {
  const payout =
    draft.payoutMethod === 'cash'
      ? { method: 'cash' }
      : {
          method: draft.payoutMethod,
          provider: draft.payoutProvider.trim(),
          account: draft.payoutAccount.trim(),
          name: draft.payoutName.trim(),
        };
  const common = {
    kind: draft.kind,
    programId: draft.programId,
    businessName: draft.businessName.trim(),
    ownerName: draft.ownerName.trim(),
    photoIds: draft.photoIds,
    payout,
    ...optional('categorySlug', draft.categorySlug),
  };
  if (draft.kind === 'umkm') {
    return {
      ...common,
      nik: draft.nik.trim(),
      ...optional('nib', draft.nib),
      ...optional('npwp', draft.npwp),
      address: draft.address.trim(),
      areaCode: draft.areaCode,
    };
  }
  return {
    ...common,
    ...optional('nik', draft.nik),
    marketId: draft.marketId,
    stallType: draft.stallType,
    stallBlock: draft.stallBlock.trim(),
    stallNumber: draft.stallNumber.trim(),
    commodities: draft.commodities.trim(),
    marketDays: draft.marketDays.trim(),
  };
}

/** Missing required inputs, checked before sending (the server checks everything again). */
export function missingFields(draft: Draft, t: Translate): Record<string, string | undefined> {
  const required: string[] = ['programId', 'businessName', 'ownerName'];
  if (draft.kind === 'umkm') required.push('nik', 'address', 'areaCode', 'categorySlug');
  else required.push('marketId', 'stallNumber', 'commodities');
  if (draft.payoutMethod !== 'cash') required.push('payoutProvider', 'payoutAccount', 'payoutName');
  const errors: Record<string, string | undefined> = {};
  for (const key of required) {
    if (!String(draft[key as keyof Draft]).trim()) errors[serverField(key)] = t('form.required');
  }
  return errors;
}

/** Draft keys whose server field has another name. */
export function serverField(key: string): string {
  return key.startsWith('payout') ? `payout.${key.slice(6).toLowerCase()}` : key;
}
