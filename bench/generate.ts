import type { Database } from '../src/db/database.ts';
import type { DB } from '../src/db/schema.ts';
import { MARKET_NAMES, OWNER_NAMES, PRODUCTS, QUALIFIERS } from './names.ts';
import { type Random, seededRandom } from './random.ts';

export interface Scale {
  name: string;
  tenants: number;
  marketsPerTenant: number;
  sellersPerTenant: number;
  productsTotal: number;
}

export const SCALES: Record<string, Scale> = {
  smoke: { name: 'smoke', tenants: 2, marketsPerTenant: 2, sellersPerTenant: 10, productsTotal: 200 },
  small: { name: 'small', tenants: 2, marketsPerTenant: 3, sellersPerTenant: 100, productsTotal: 5_000 },
  regency: { name: 'regency', tenants: 5, marketsPerTenant: 8, sellersPerTenant: 1_000, productsTotal: 100_000 },
  national: { name: 'national', tenants: 50, marketsPerTenant: 10, sellersPerTenant: 1_000, productsTotal: 1_000_000 },
};

export interface Generated {
  hosts: string[];
  productIds: string[];
  searchTerms: string[];
  counts: Record<string, number>;
}

const pad = (n: number, width = 16) => String(n).padStart(width, '0');

/** The loader writes rows shaped like the migrations, table by table, 1,000 rows a statement. */
async function insertBatched<T extends Record<string, unknown>>(database: Database, table: keyof DB, rows: T[], batch = 1000) {
  for (let i = 0; i < rows.length; i += batch) {
    await database.db
      .insertInto(table)
      .values(rows.slice(i, i + batch) as never)
      .execute();
  }
}

/** Deterministic regency data: same seed, same rows. Products come only when the catalog schema exists. */
export async function generate(database: Database, scale: Scale, seed = 2026): Promise<Generated> {
  const random: Random = seededRandom(seed);
  const tenants = Array.from({ length: scale.tenants }, (_, i) => ({
    id: `ten_bench${pad(i, 11)}`,
    slug: `bench-${i + 1}`,
    name: `Kabupaten Bench ${i + 1}`,
    area_code: `33.${pad(i + 1, 2)}`,
  }));
  await insertBatched(database, 'tenants', tenants);
  const programs = tenants.map((t) => ({ tenant_id: t.id, id: `prg_${t.id.slice(4)}`, slug: 'pasar-daring', name: 'Pasar Daring' }));
  await insertBatched(database, 'programs', programs);
  const markets = tenants.flatMap((t) =>
    Array.from({ length: scale.marketsPerTenant }, (_, m) => ({
      tenant_id: t.id,
      id: `mkt_${t.id.slice(9)}${pad(m, 5)}`,
      name: `${MARKET_NAMES[m % MARKET_NAMES.length]} ${m + 1}`,
      kind: 'traditional_market',
      area_code: `${t.area_code}.01`,
      lat: -7.3 - random.next() / 10,
      lng: 109.3 + random.next() / 10,
      hours: 'Setiap hari 04.00–12.00',
    })),
  );
  await insertBatched(database, 'markets', markets);
  const sellers = tenants.flatMap((t, ti) =>
    Array.from({ length: scale.sellersPerTenant }, (_, s) => {
      const market = markets[ti * scale.marketsPerTenant + (s % scale.marketsPerTenant)];
      const owner = random.pick(OWNER_NAMES);
      return {
        tenant_id: t.id,
        id: `slr_${t.id.slice(9)}${pad(s, 5)}`,
        program_id: programs[ti]?.id,
        kind: 'trader',
        status: 'approved',
        business_name: `Lapak ${owner} ${s + 1}`,
        owner_name: owner,
        market_id: market?.id,
        stall_type: 'kios',
        stall_block: String.fromCharCode(65 + (s % 6)),
        stall_number: String(s + 1),
      };
    }),
  );
  await insertBatched(database, 'sellers', sellers);

  const generated: Generated = {
    hosts: tenants.map((t) => `${t.slug}.localhost`),
    productIds: [],
    searchTerms: ['bawang merh', 'brambang', 'cabe rawit', 'lombok', 'telur', 'beras premium', 'ikan nila', 'tempe'],
    counts: { tenants: tenants.length, markets: markets.length, sellers: sellers.length, products: 0 },
  };
  if (await hasTable(database, 'products')) {
    generated.productIds = await generateProducts(database, scale, sellers, random);
    generated.counts.products = generated.productIds.length;
  }
  return generated;
}

async function hasTable(database: Database, table: string): Promise<boolean> {
  const found = await database.db
    .selectFrom('information_schema.tables' as never)
    .select('table_name' as never)
    .where('table_name' as never, '=', table as never)
    .execute();
  return found.length > 0;
}

/** Filled in when the catalog lands: products with Indonesian titles spread over the sellers. */
async function generateProducts(
  _database: Database,
  _scale: Scale,
  _sellers: { tenant_id: string; id: string }[],
  _random: Random,
): Promise<string[]> {
  void PRODUCTS;
  void QUALIFIERS;
  return [];
}
