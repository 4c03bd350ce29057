import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

// Shapes of the sellers API (src/modules/sellers/schemas.ts), shared by the seller and admin pages.

export const sellerStatuses = ['submitted', 'changes_requested', 'approved', 'rejected', 'suspended'] as const;
export type SellerStatus = (typeof sellerStatuses)[number];
export const stallTypes = ['kios', 'los', 'lapak'] as const;
export const payoutMethods = ['cash', 'bank', 'ewallet'] as const;
export const certificateKinds = ['pirt', 'halal', 'bpom', 'other'] as const;
export const decisions = ['approve', 'request_changes', 'reject', 'suspend', 'reinstate'] as const;
export type Decision = (typeof decisions)[number];

export type Seller = {
  id: string;
  programId: string;
  programName: string;
  kind: 'umkm' | 'trader';
  status: SellerStatus;
  userId: string | null;
  businessName: string;
  ownerName: string;
  phone: string | null;
  nik: string | null;
  nib: string | null;
  npwp: string | null;
  address: string;
  areaCode: string | null;
  areaName: string | null;
  categorySlug: string | null;
  photoIds: string[];
  payout: { method: (typeof payoutMethods)[number]; provider: string | null; account: string | null; name: string | null };
  marketId: string | null;
  marketName: string | null;
  stallType: (typeof stallTypes)[number] | null;
  stallBlock: string | null;
  stallNumber: string | null;
  commodities: string;
  marketDays: string;
  registeredBy: string | null;
  lastReason: string;
  createdAt: string;
  updatedAt: string;
};

export type Certificate = {
  id: string;
  sellerId: string;
  kind: (typeof certificateKinds)[number];
  number: string;
  expiresOn: string | null;
  daysLeft: number | null;
  photoId: string | null;
};
export type ExpiringCertificate = Certificate & { businessName: string; sellerStatus: SellerStatus };

export type SellerEvent = {
  fromStatus: SellerStatus | null;
  toStatus: SellerStatus;
  actorName: string | null;
  reason: string;
  checklist: Record<string, boolean>;
  createdAt: string;
};
export type SellerDetail = { seller: Seller; events: SellerEvent[]; certificates: Certificate[]; checklist: string[] };
export type QueuePage = { sellers: Seller[]; nextCursor: string | null };
export type Area = { code: string; name: string };

/** Certificates this close to expiry are flagged. */
export const EXPIRY_WARNING_DAYS = 30;

export const mySellersKey = ['me', 'sellers'] as const;
export const adminSellersKey = ['admin', 'sellers'] as const;

export function useMySellers() {
  return useQuery({
    queryKey: mySellersKey,
    queryFn: () => api.get<{ sellers: Seller[]; certificates: Certificate[] }>('/api/me/sellers'),
  });
}

/** Districts of the regency (no parent) or villages of a district; area names never change. */
export function useAreas(parent: string | null) {
  return useQuery({
    queryKey: ['areas', parent],
    queryFn: () => api.get<{ areas: Area[] }>(parent ? `/api/areas?parent=${encodeURIComponent(parent)}` : '/api/areas'),
    enabled: parent !== '',
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export const thumbUrl = (mediaId: string) => `/api/media/${encodeURIComponent(mediaId)}/thumb`;
export const photoUrl = (mediaId: string) => `/api/media/${encodeURIComponent(mediaId)}`;
