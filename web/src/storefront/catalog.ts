import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { COMMODITIES } from '../../../src/modules/catalog/commodities';
import { CATEGORIES } from '../../../src/modules/catalog/taxonomy';
import { formatQuantity, type Unit } from '../../../src/shared/quantity';
import { api, type Market } from '../api';
import { formatRupiah, type Lang, type Translate } from '../i18n';

// Shapes of the catalog API (src/modules/catalog/schemas.ts) and the hooks that read it,
// shared by the storefront, the seller console and the admin pages.

export type Photo = { id: string; url: string; thumbUrl: string };
export type StockMode = 'counted' | 'daily';
export type Variant = {
  id: string;
  name: string;
  unit: Unit;
  stepMilli: number;
  minimumMilli: number;
  price: number;
  stockMode: StockMode;
  stockMilli: number | null;
  inStock: boolean;
  weightGrams: number | null;
  active: boolean;
};
export type ReferencePrice = {
  marketId: string;
  marketName: string;
  commodity: string;
  commodityName: string;
  unit: Unit;
  price: number;
  date: string;
};
export type ProductCard = {
  id: string;
  title: string;
  category: string;
  photo: Photo | null;
  price: number;
  unit: Unit;
  inStock: boolean;
  seller: { id: string; name: string; stall: string | null };
  market: { id: string; name: string } | null;
  referencePrice: ReferencePrice | null;
};
export type ProductDetail = ProductCard & {
  description: string;
  commodity: string | null;
  programId: string;
  photos: Photo[];
  variants: Variant[];
};
/** `correctedQuery`: nothing matched the words as typed, so these (spelling corrected) were searched. */
export type ProductPage = { products: ProductCard[]; nextCursor: string | null; correctedQuery: string | null };
export type PriceChange = { variantId: string; variantName: string; unit: Unit; price: number; changedAt: string };
export type Shop = {
  id: string;
  name: string;
  kind: 'umkm' | 'trader';
  programId: string;
  stall: string | null;
  market: { id: string; name: string } | null;
};
export type Stall = { sellerId: string; name: string; stall: string | null; products: number };

export const sorts = ['relevance', 'name', 'price'] as const;
export type ProductFilters = Partial<
  Record<'q' | 'programId' | 'marketId' | 'sellerId' | 'category' | 'minPrice' | 'maxPrice' | 'inStock' | 'sort', string>
>;

/** Products page by page; filters left empty are not sent. */
export function useProducts(filters: ProductFilters, pageSize = 20) {
  const given = Object.fromEntries(Object.entries(filters).filter(([, value]) => value)) as Record<string, string>;
  return useInfiniteQuery({
    queryKey: ['catalog', 'products', given, pageSize],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ ...given, limit: String(pageSize), ...(pageParam && { cursor: pageParam }) });
      return api.get<ProductPage>(`/api/catalog/products?${query}`);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useProduct = (id: string) =>
  useQuery({
    queryKey: ['catalog', 'product', id],
    queryFn: () => api.get<{ product: ProductDetail }>(`/api/catalog/products/${encodeURIComponent(id)}`),
  });

export const usePriceHistory = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['catalog', 'price-history', id],
    queryFn: () => api.get<{ changes: PriceChange[] }>(`/api/catalog/products/${encodeURIComponent(id)}/price-history`),
    enabled,
  });

export const useShop = (id: string) =>
  useQuery({
    queryKey: ['catalog', 'shop', id],
    queryFn: () => api.get<{ seller: Shop }>(`/api/catalog/sellers/${encodeURIComponent(id)}`),
  });

export const useMarketFront = (id: string) =>
  useQuery({
    queryKey: ['catalog', 'market', id],
    queryFn: () =>
      api.get<{ market: Market; stalls: Stall[]; referencePrices: ReferencePrice[] }>(`/api/catalog/markets/${encodeURIComponent(id)}`),
  });

export function categoryName(lang: Lang, slug: string): string {
  return CATEGORIES.find((c) => c.slug === slug)?.[lang] ?? slug;
}

export { CATEGORIES, COMMODITIES };

/** "kg", "ikat", "bunch"… */
export const unitLabel = (t: Translate, unit: Unit) => t(`catalog.unit.${unit}`);

/** 250 milli-kg -> "0,25 kg" (Indonesian) or "0.25 kg" (English). */
export function quantityText(t: Translate, lang: Lang, milli: number, unit: Unit): string {
  const number = formatQuantity(milli);
  return `${lang === 'en' ? number.replace(',', '.') : number} ${unitLabel(t, unit)}`;
}

const localeOf = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');

/** A calendar date "2026-11-22" as "22 Nov" (id) or "22 Nov" (en), the way price boards write it; with its weekday "Minggu, 22 Nov". */
export function formatDay(date: string, lang: Lang, withWeekday = false): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  return new Intl.DateTimeFormat(localeOf(lang), {
    ...(withWeekday && { weekday: 'long' }),
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(day);
}

/** ISO weekday 1 (Monday) … 7 (Sunday) as "Senin" or "Sen" ("Monday", "Mon"). */
export function weekdayName(isoDay: number, lang: Lang, width: 'long' | 'short' = 'long'): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(localeOf(lang), { weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, isoDay)));
}

/** "Pasar buka hari Senin, Rabu, dan Jumat; pesan sebelum 09:00 untuk diantar hari itu." from a market's days and cut-off. */
export function marketScheduleText(t: Translate, lang: Lang, market: Pick<Market, 'marketDays' | 'orderCutoff'>): string {
  const days = new Intl.ListFormat(localeOf(lang), { type: 'conjunction' }).format(
    [...market.marketDays].map((day) => weekdayName(Number(day), lang)),
  );
  const open = market.marketDays.length === 7 ? t('market.openDaily') : t('market.openOn', { days });
  return market.orderCutoff ? `${open}; ${t('market.cutoff', { time: market.orderCutoff })}.` : `${open}.`;
}

/** "Rp 42.000/kg" */
export const priceText = (t: Translate, price: number, unit: Unit) => `${formatRupiah(price)}/${unitLabel(t, unit)}`;

/** "Rp 42.000" or "42000" -> 42000; null when there are no digits or there is a decimal part. */
export function parseRupiah(text: string): number | null {
  const cleaned = text.replace(/rp/i, '').replace(/[\s.]/g, '');
  return /^\d{1,10}$/.test(cleaned) ? Number(cleaned) : null;
}
