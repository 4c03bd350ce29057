import type { Db } from '../../db/database.ts';
import type { Ctx, TenantRef } from '../../http/context.ts';
import { todayIn } from '../../shared/dates.ts';
import { createProduct } from '../catalog/products.ts';
import { publishReferencePrices } from '../catalog/reference-prices.ts';
import { productInput, type VariantInput } from '../catalog/schemas.ts';
import { ensureUser } from '../identity/users.ts';
import { sellersOfUser } from '../sellers/lookup.ts';
import { DEMO_SELLER_PHONE, DEMO_VEGETABLE_SELLER_PHONE } from './sellers.ts';

// Demo products for the demo sellers, added through the seller console's own use case, and
// a week of dinas reference prices for the market of the first trader.

type DemoVariant = Partial<VariantInput> & Pick<VariantInput, 'unit' | 'price' | 'stockMode'>;
interface DemoProduct {
  title: string;
  category: string;
  commodity?: string;
  description?: string;
  variants: DemoVariant[];
}

/** Fresh goods by weight: quarter-kilo steps, "available today" rather than counted. */
const perKg = (price: number, stepMilli = 250): DemoVariant => ({
  unit: 'kg',
  price,
  stepMilli,
  minimumMilli: stepMilli,
  stockMode: 'daily',
});

const BUMBU: DemoProduct[] = [
  { title: 'Bawang merah Brebes', category: 'bumbu-dapur', commodity: 'bawang-merah', variants: [perKg(38_000)] },
  { title: 'Bawang putih kating', category: 'bumbu-dapur', commodity: 'bawang-putih', variants: [perKg(36_000)] },
  { title: 'Cabai rawit merah', category: 'bumbu-dapur', commodity: 'cabai-rawit-merah', variants: [perKg(56_000, 100)] },
  { title: 'Cabai merah keriting', category: 'bumbu-dapur', commodity: 'cabai-merah-keriting', variants: [perKg(44_000, 100)] },
  { title: 'Kunyit', category: 'bumbu-dapur', variants: [perKg(14_000)] },
  { title: 'Jahe emprit', category: 'bumbu-dapur', variants: [perKg(28_000)] },
  { title: 'Lengkuas', category: 'bumbu-dapur', variants: [perKg(12_000)] },
  {
    title: 'Serai',
    category: 'bumbu-dapur',
    description: 'Satu ikat isi 5 batang.',
    variants: [{ unit: 'ikat', price: 2_000, stockMode: 'daily' }],
  },
];

const SAYUR: DemoProduct[] = [
  { title: 'Tomat merah', category: 'sayur', variants: [perKg(12_000)] },
  { title: 'Kentang dieng', category: 'sayur', variants: [perKg(16_000)] },
  {
    title: 'Kangkung',
    category: 'sayur',
    variants: [{ unit: 'ikat', price: 3_000, stepMilli: 1000, minimumMilli: 1000, stockMode: 'daily' }],
  },
];

const PRODUCTS: Record<string, { phone: string; products: DemoProduct[] }[]> = {
  purbalingga: [
    { phone: DEMO_SELLER_PHONE, products: BUMBU },
    { phone: DEMO_VEGETABLE_SELLER_PHONE, products: SAYUR },
    {
      phone: '+6281100000011',
      products: [
        {
          title: 'Keripik tempe sagu',
          category: 'makanan-olahan',
          description: 'Tempe tipis digoreng renyah dengan tepung sagu dan bumbu bawang. Tanpa pengawet.',
          variants: [
            { name: 'Original 250 g', unit: 'bungkus', price: 15_000, stockMode: 'counted', stockMilli: 40_000, weightGrams: 280 },
            { name: 'Pedas 250 g', unit: 'bungkus', price: 16_000, stockMode: 'counted', stockMilli: 25_000, weightGrams: 280 },
          ],
        },
        {
          title: 'Kerupuk bawang',
          category: 'makanan-olahan',
          variants: [{ name: '500 g', unit: 'bungkus', price: 18_000, stockMode: 'counted', stockMilli: 0, weightGrams: 520 }],
        },
      ],
    },
  ],
  jember: [{ phone: DEMO_SELLER_PHONE, products: BUMBU.slice(0, 4) }],
  purwakarta: [
    { phone: DEMO_SELLER_PHONE, products: BUMBU.slice(0, 3) },
    {
      phone: '+6281100000014',
      products: [
        {
          title: 'Sambal maranggi',
          category: 'makanan-olahan',
          description: 'Sambal tomat dan cabai rawit untuk sate maranggi, khas Purwakarta.',
          variants: [{ name: 'Botol 150 ml', unit: 'pcs', price: 25_000, stockMode: 'counted', stockMilli: 30_000, weightGrams: 300 }],
        },
      ],
    },
  ],
  jepara: [
    {
      phone: '+6281100000016',
      products: [
        {
          title: 'Kursi ukir jati motif daun',
          category: 'perabot',
          description: 'Kayu jati Perhutani, finishing melamin. Dibuat sesuai pesanan, 2–3 minggu.',
          variants: [{ unit: 'pcs', price: 2_750_000, stockMode: 'counted', stockMilli: 4_000, weightGrams: 12_000 }],
        },
      ],
    },
  ],
};

/** A week of reference prices, moving a little day to day as market prices do. */
const REFERENCE_PRICES: [string, number][] = [
  ['beras-medium', 13_500],
  ['gula-pasir', 17_500],
  ['minyak-goreng-curah', 17_000],
  ['telur-ayam-ras', 28_000],
  ['daging-ayam-ras', 36_000],
  ['cabai-rawit-merah', 52_000],
  ['cabai-merah-keriting', 42_000],
  ['bawang-merah', 36_000],
  ['bawang-putih', 35_000],
];

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Products of each demo seller with an account, then reference prices for the first trader's market. */
export async function seedDemoProducts(db: Db, tenant: TenantRef, adminPhone: string): Promise<void> {
  const base: Ctx = { db, tenant, lang: 'id', actor: null };
  let marketId: string | null = null;
  for (const { phone, products } of PRODUCTS[tenant.slug] ?? []) {
    const user = await ensureUser(db, phone);
    const seller = (await sellersOfUser(base, user.id)).find((s) => s.status === 'approved');
    if (!seller) continue;
    marketId ??= seller.marketId;
    // The seller adds their own products, as in the console.
    const ctx: Ctx = { ...base, actor: { userId: user.id, name: user.name, phone, roles: ['seller'], sessionId: 'seed' } };
    for (const product of products) await createProduct(ctx, seller.id, productInput.parse(product));
  }

  if (!marketId) return;
  const admin = await ensureUser(db, adminPhone);
  const ctx: Ctx = {
    ...base,
    actor: { userId: admin.id, name: admin.name, phone: adminPhone, roles: ['program_admin'], sessionId: 'seed' },
  };
  const today = todayIn(tenant.timeZone);
  for (let day = 6; day >= 0; day--) {
    // Up to ±4% a day, rounded to Rp 500: a plausible wobble, the same on every seed.
    const wobble = (index: number) => 1 + (((day * 7 + index * 3) % 9) - 4) / 100;
    const prices = REFERENCE_PRICES.map(([commodity, price], index) => ({
      commodity,
      price: Math.round((price * wobble(index)) / 500) * 500,
    }));
    await publishReferencePrices(ctx, { marketId, date: daysBefore(today, day), prices });
  }
}
