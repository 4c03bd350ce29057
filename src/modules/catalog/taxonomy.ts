// The seeded Indonesian product taxonomy, shared by sellers (their main category) and products.

export interface Category {
  slug: string;
  id: string;
  en: string;
}

export const CATEGORIES: readonly Category[] = [
  { slug: 'sayur', id: 'Sayur', en: 'Vegetables' },
  { slug: 'buah', id: 'Buah', en: 'Fruit' },
  { slug: 'bumbu-dapur', id: 'Bumbu dapur', en: 'Spices & aromatics' },
  { slug: 'daging-unggas', id: 'Daging & unggas', en: 'Meat & poultry' },
  { slug: 'ikan', id: 'Ikan & hasil laut', en: 'Fish & seafood' },
  { slug: 'beras-sembako', id: 'Beras & sembako', en: 'Rice & staples' },
  { slug: 'telur', id: 'Telur', en: 'Eggs' },
  { slug: 'tahu-tempe', id: 'Tahu & tempe', en: 'Tofu & tempeh' },
  { slug: 'makanan-olahan', id: 'Makanan olahan', en: 'Processed food' },
  { slug: 'kue-jajanan', id: 'Kue & jajanan', en: 'Cakes & snacks' },
  { slug: 'minuman', id: 'Minuman', en: 'Drinks' },
  { slug: 'kerajinan', id: 'Kerajinan', en: 'Crafts' },
  { slug: 'fesyen', id: 'Fesyen & batik', en: 'Fashion & batik' },
  { slug: 'perabot', id: 'Perabot & mebel', en: 'Furniture' },
  { slug: 'kebutuhan-rumah', id: 'Kebutuhan rumah tangga', en: 'Household' },
  { slug: 'lainnya', id: 'Lainnya', en: 'Other' },
];

export const CATEGORY_SLUGS = CATEGORIES.map((c) => c.slug) as [string, ...string[]];

export function isCategory(slug: string): boolean {
  return CATEGORIES.some((c) => c.slug === slug);
}
