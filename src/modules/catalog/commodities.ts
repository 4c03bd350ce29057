import type { Unit } from '../../shared/quantity.ts';

// Staples a dinas publishes a daily reference price for, after the Ministry of Trade's
// SP2KP price monitoring list. A product may name the staple it is, so the storefront
// can show the reference price beside the trader's.

export interface Commodity {
  slug: string;
  id: string;
  en: string;
  unit: Unit;
}

export const COMMODITIES: readonly Commodity[] = [
  { slug: 'beras-premium', id: 'Beras premium', en: 'Premium rice', unit: 'kg' },
  { slug: 'beras-medium', id: 'Beras medium', en: 'Medium rice', unit: 'kg' },
  { slug: 'gula-pasir', id: 'Gula pasir', en: 'Granulated sugar', unit: 'kg' },
  { slug: 'minyak-goreng-curah', id: 'Minyak goreng curah', en: 'Cooking oil, bulk', unit: 'liter' },
  { slug: 'minyak-goreng-kemasan', id: 'Minyak goreng kemasan', en: 'Cooking oil, packaged', unit: 'liter' },
  { slug: 'tepung-terigu', id: 'Tepung terigu', en: 'Wheat flour', unit: 'kg' },
  { slug: 'kedelai', id: 'Kedelai', en: 'Soybeans', unit: 'kg' },
  { slug: 'jagung-pipilan', id: 'Jagung pipilan', en: 'Shelled corn', unit: 'kg' },
  { slug: 'daging-sapi', id: 'Daging sapi', en: 'Beef', unit: 'kg' },
  { slug: 'daging-ayam-ras', id: 'Daging ayam ras', en: 'Broiler chicken', unit: 'kg' },
  { slug: 'telur-ayam-ras', id: 'Telur ayam ras', en: 'Chicken eggs', unit: 'kg' },
  { slug: 'cabai-merah-keriting', id: 'Cabai merah keriting', en: 'Curly red chili', unit: 'kg' },
  { slug: 'cabai-merah-besar', id: 'Cabai merah besar', en: 'Large red chili', unit: 'kg' },
  { slug: 'cabai-rawit-merah', id: 'Cabai rawit merah', en: "Red bird's eye chili", unit: 'kg' },
  { slug: 'cabai-rawit-hijau', id: 'Cabai rawit hijau', en: "Green bird's eye chili", unit: 'kg' },
  { slug: 'bawang-merah', id: 'Bawang merah', en: 'Shallots', unit: 'kg' },
  { slug: 'bawang-putih', id: 'Bawang putih', en: 'Garlic', unit: 'kg' },
  { slug: 'ikan-bandeng', id: 'Ikan bandeng', en: 'Milkfish', unit: 'kg' },
  { slug: 'ikan-kembung', id: 'Ikan kembung', en: 'Mackerel', unit: 'kg' },
  { slug: 'garam', id: 'Garam', en: 'Salt', unit: 'kg' },
];

export const COMMODITY_SLUGS = COMMODITIES.map((c) => c.slug) as [string, ...string[]];

export function findCommodity(slug: string): Commodity | undefined {
  return COMMODITIES.find((c) => c.slug === slug);
}
