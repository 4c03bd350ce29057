import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import type { DB } from '../src/db/schema.ts';
import { normalizeSearchText, productSearchText } from '../src/modules/catalog/search.ts';
import { CATEGORIES } from '../src/modules/catalog/taxonomy.ts';
import { demoStaticQris } from '../src/modules/demo/seed.ts';
import { programPrefix } from '../src/modules/orders/numbers.ts';
import { rebuildSalesReport } from '../src/modules/reports/sales.ts';
import { areaChildren } from '../src/shared/areas.ts';
import type { Bulk, CopyRow } from './bulk.ts';
import { generateOrders, type OrderCounts, type SellerGoods } from './generate-orders.ts';
import { generateCouriers, generateCustomers, type Market } from './generate-people.ts';
import { MARKET_NAMES, OWNER_NAMES, PRODUCTS, QUALIFIERS } from './names.ts';
import { type Random, seededRandom } from './random.ts';

/** Everything per tenant (one tenant = one regency); orders span the last 12 months. */
export interface Scale {
  name: string;
  tenants: number;
  marketsPerTenant: number;
  sellersPerTenant: number;
  productsPerTenant: number;
  customersPerTenant: number;
  couriersPerTenant: number;
  ordersPerTenant: number;
}

export const SCALES: Record<string, Scale> = {
  // 200 products and 500 orders in all: every scenario runs, in seconds.
  smoke: {
    name: 'smoke',
    tenants: 2,
    marketsPerTenant: 2,
    sellersPerTenant: 10,
    productsPerTenant: 100,
    customersPerTenant: 100,
    couriersPerTenant: 5,
    ordersPerTenant: 250,
  },
  // 5,000 products and 20,000 orders in all.
  small: {
    name: 'small',
    tenants: 2,
    marketsPerTenant: 3,
    sellersPerTenant: 100,
    productsPerTenant: 2_500,
    customersPerTenant: 2_000,
    couriersPerTenant: 30,
    ordersPerTenant: 10_000,
  },
  // One busy regency after a year: a million orders.
  regency: {
    name: 'regency',
    tenants: 1,
    marketsPerTenant: 8,
    sellersPerTenant: 1_000,
    productsPerTenant: 100_000,
    customersPerTenant: 60_000,
    couriersPerTenant: 150,
    ordersPerTenant: 1_000_000,
  },
  // A national deployment: 50 regencies, a million products and five million orders in all.
  national: {
    name: 'national',
    tenants: 50,
    marketsPerTenant: 10,
    sellersPerTenant: 1_000,
    productsPerTenant: 20_000,
    customersPerTenant: 10_000,
    couriersPerTenant: 50,
    ordersPerTenant: 100_000,
  },
};

export interface Generated {
  hosts: string[];
  /** Some products of the first tenant, for the product page. */
  productIds: string[];
  searchTerms: string[];
  counts: Record<string, number>;
}

const DAY = 86_400_000;
const pad = (n: number, width = 16) => String(n).padStart(width, '0');

/** The small tables (tenants, markets, sellers) go through Kysely, 1,000 rows a statement. */
async function insertBatched<T extends Record<string, unknown>>(database: Database, table: keyof DB, rows: T[], batch = 1000) {
  for (let i = 0; i < rows.length; i += batch) {
    await database.db
      .insertInto(table)
      .values(rows.slice(i, i + batch) as never)
      .execute();
  }
}

/** Every village of a regency; a made-up one where the area data has none (national's codes past 33.29). */
function villagesOf(regency: string): string[] {
  const villages = areaChildren(regency).flatMap((district) => areaChildren(district.code).map((village) => village.code));
  return villages.length ? villages : [`${regency}.01.2001`];
}

export interface GenerateOptions {
  seed?: number;
  /** The end of the generated year (default: the clock); the same seed and `now` give the same rows. */
  now?: Date;
  log?: (message: string) => void;
}

/**
 * Deterministic regency data: tenants with a program, markets and sellers; then per tenant its
 * products, buyers, couriers and a year of orders, loaded with COPY through `bulk`.
 */
export async function generate(database: Database, bulk: Bulk, scale: Scale, options: GenerateOptions = {}): Promise<Generated> {
  const random: Random = seededRandom(options.seed ?? 2026);
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const since = new Date(now.getTime() - 365 * DAY);
  // The platform went live a little before the generated year.
  const opened = new Date(since.getTime() - 60 * DAY);
  const tenants = Array.from({ length: scale.tenants }, (_, i) => ({
    id: `ten_bench${pad(i, 11)}`,
    slug: `bench-${i + 1}`,
    name: `Kabupaten Bench ${i + 1}`,
    area_code: `33.${pad(i + 1, 2)}`,
    created_at: opened,
  }));
  await insertBatched(database, 'tenants', tenants);
  const programs = tenants.map((t, i) => ({
    tenant_id: t.id,
    id: `prg_${t.id.slice(4)}`,
    slug: 'pasar-daring',
    name: 'Pasar Daring',
    // Set up for every payment method the generated orders use, as a live program is.
    payment_methods: '{transfer,qris,cod}',
    bank_name: 'Bank Jateng',
    bank_account_number: `20032${pad(i, 5)}`,
    bank_account_holder: `Pasar Daring ${t.name}`.slice(0, 60),
    qris_payload: demoStaticQris('Pasar Daring', t.name),
    shopping_fee: 2000,
    fee_basis_points: 250,
    created_at: opened,
  }));
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
      created_at: opened,
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
        program_id: programs[ti]?.id as string,
        kind: 'trader',
        status: 'approved',
        business_name: `Lapak ${owner} ${s + 1}`,
        owner_name: owner,
        market_id: market?.id as string,
        stall_type: 'kios',
        stall_block: String.fromCharCode(65 + (s % 6)),
        stall_number: String(s + 1),
        created_at: new Date(opened.getTime() + random.int(0, 50) * DAY),
      };
    }),
  );
  await insertBatched(database, 'sellers', sellers);

  const generated: Generated = {
    hosts: tenants.map((t) => `${t.slug}.localhost`),
    productIds: [],
    searchTerms: ['bawang merh', 'brambang', 'cabe rawit', 'lombok', 'telur', 'beras premium', 'ikan nila', 'tempe'],
    counts: { tenants: tenants.length, markets: markets.length, sellers: sellers.length },
  };
  const add = (name: string, n: number) => (generated.counts[name] = (generated.counts[name] ?? 0) + n);
  let person = 0;
  for (const [ti, tenant] of tenants.entries()) {
    const program = programs[ti] as (typeof programs)[number];
    const tenantMarkets = markets.filter((m) => m.tenant_id === tenant.id);
    const marketIndex = new Map(tenantMarkets.map((m, i) => [m.id, i]));
    const places: Market[] = tenantMarkets.map((m) => ({ id: m.id, lat: m.lat, lng: m.lng }));

    const started = performance.now();
    const catalog = await generateProducts(
      bulk,
      scale.productsPerTenant,
      ti,
      sellers.filter((s) => s.tenant_id === tenant.id),
      opened,
      random,
    );
    if (ti === 0) generated.productIds = catalog.productIds.slice(0, 200);
    add('products', catalog.productIds.length);

    const villages = villagesOf(tenant.area_code);
    const customers = await generateCustomers(
      bulk,
      { id: tenant.id, villages, markets: places },
      { count: scale.customersPerTenant, firstPerson: person, since },
      random,
    );
    person += scale.customersPerTenant;
    await generateCouriers(
      bulk,
      { id: tenant.id, programId: program.id, markets: places },
      { count: scale.couriersPerTenant, firstPerson: person, since, now },
      random,
    );
    person += scale.couriersPerTenant;
    add('customers', scale.customersPerTenant);
    add('couriers', scale.couriersPerTenant);

    const sellersByMarket: SellerGoods[][] = places.map(() => []);
    for (const seller of catalog.sellers)
      sellersByMarket[marketIndex.get(seller.marketId) ?? 0]?.push({ ...seller, market: marketIndex.get(seller.marketId) ?? 0 });
    const ordersStarted = performance.now();
    const orders = await generateOrders(
      bulk,
      {
        id: tenant.id,
        index: ti,
        programId: program.id,
        prefix: programPrefix(program.slug),
        shoppingFee: program.shopping_fee,
        markets: places,
        sellersByMarket,
      },
      customers,
      { count: scale.ordersPerTenant, now },
      random,
    );
    const ordersSeconds = (performance.now() - ordersStarted) / 1000;
    for (const table of ['orders', 'order_lines', 'fulfilments', 'payments'] as const) add(table, orders[table]);
    await setOrderCounters(database, tenant.id, orders);
    log(
      `${tenant.slug}: ${orders.orders} orders in ${ordersSeconds.toFixed(1)}s (${Math.round(orders.orders / ordersSeconds)} orders/s), ` +
        `tenant in ${((performance.now() - started) / 1000).toFixed(1)}s; ${JSON.stringify(orders.byStatus)}`,
    );

    // Bulk-loaded orders never went through completion, which adds each to the report's rollups.
    const rebuildStarted = performance.now();
    const report = await rebuildSalesReport(database.db, tenant.id);
    log(
      `${tenant.slug}: sales report rebuilt from ${report.orders} completed orders in ${((performance.now() - rebuildStarted) / 1000).toFixed(1)}s`,
    );
  }
  // A live database has planner statistics (autovacuum); a freshly bulk-loaded one not yet.
  const analyzeStarted = performance.now();
  await sql`ANALYZE`.execute(database.db);
  log(`ANALYZE in ${((performance.now() - analyzeStarted) / 1000).toFixed(1)}s`);
  const checkStarted = performance.now();
  await bulk.checkForeignKeys();
  log(`foreign keys checked in ${((performance.now() - checkStarted) / 1000).toFixed(1)}s`);
  return generated;
}

/** New checkouts continue the generated numbers (nextOrderNumber takes last_number + 1). */
async function setOrderCounters(database: Database, tenantId: string, orders: OrderCounts) {
  for (const [year, last] of orders.lastNumbers) {
    await database.db
      .insertInto('order_counters')
      .values({ tenant_id: tenantId, year, last_number: last })
      .onConflict((oc) => oc.columns(['tenant_id', 'year']).doUpdateSet({ last_number: last }))
      .execute();
  }
}

const WEIGHED = new Set(['kg', 'gram', 'ons']);

interface CatalogSeller {
  id: string;
  marketId: string;
  goods: SellerGoods['goods'];
}

/**
 * One tenant's products with Indonesian titles spread over its sellers (a few sellers with many
 * products, most with a handful), one variant each, written with the same derived columns the
 * catalog service writes (search text, name key, cheapest price, vocabulary). Returns what
 * each seller sells, for the orders.
 */
async function generateProducts(
  bulk: Bulk,
  count: number,
  tenantIndex: number,
  tenantSellers: { tenant_id: string; id: string; program_id: string; market_id: string; business_name: string; created_at: Date }[],
  opened: Date,
  random: Random,
): Promise<{ productIds: string[]; sellers: CatalogSeller[] }> {
  const productIds: string[] = [];
  const bySeller = new Map<string, CatalogSeller>();
  const products: CopyRow<'products'>[] = [];
  const variants: CopyRow<'variants'>[] = [];
  const words = new Set<string>();
  let serial = tenantIndex * count;
  for (let n = 0; n < count; n++) {
    const seller = random.skewed(tenantSellers);
    const [base, category, unit, basePrice] = random.pick(PRODUCTS);
    const title = `${base} ${random.pick(QUALIFIERS)}`;
    const price = Math.round((basePrice * (0.8 + random.next() * 0.5)) / 500) * 500;
    const id = `prd_b${pad(serial++, 15)}`;
    const variantId = `var_b${pad(serial, 15)}`;
    const searchText = productSearchText([title, categoryLabel(category), seller.business_name]);
    for (const word of searchText.split(' ')) if (word.length >= 3) words.add(word);
    const weighed = WEIGHED.has(unit);
    const created = new Date(Math.max(seller.created_at.getTime(), opened.getTime()) + random.int(0, 30) * DAY);
    products.push({
      tenant_id: seller.tenant_id,
      id,
      seller_id: seller.id,
      program_id: seller.program_id,
      market_id: seller.market_id,
      category_slug: category,
      title,
      description: `${title} dari ${seller.business_name}.`,
      listed: true,
      min_price: price,
      price_unit: unit,
      name_key: normalizeSearchText(title),
      search_text: searchText,
      created_at: created,
      updated_at: created,
    });
    const stepMilli = weighed ? 250 : 1000;
    variants.push({
      tenant_id: seller.tenant_id,
      id: variantId,
      product_id: id,
      position: 0,
      unit,
      step_milli: stepMilli,
      minimum_milli: stepMilli,
      price,
      stock_mode: weighed ? 'daily' : 'counted',
      stock_milli: weighed ? 0 : random.int(0, 50) * 1000,
      weight_grams: weighed ? null : random.int(100, 2000),
    });
    productIds.push(id);
    const entry = bySeller.get(seller.id) ?? { id: seller.id, marketId: seller.market_id, goods: [] };
    entry.goods.push({ variantId, title, unit, price, stepMilli });
    bySeller.set(seller.id, entry);
  }
  // Products before variants (foreign key); in chunks so one statement's data stays a few MB.
  for (let i = 0; i < products.length; i += 20_000) await bulk.copy('products', products.slice(i, i + 20_000));
  for (let i = 0; i < variants.length; i += 20_000) await bulk.copy('variants', variants.slice(i, i + 20_000));
  await bulk.copy(
    'search_words',
    [...words].map((word) => ({ tenant_id: tenantSellers[0]?.tenant_id ?? '', word })),
  );
  return { productIds, sellers: [...bySeller.values()] };
}

function categoryLabel(slug: string): string {
  return CATEGORIES.find((c) => c.slug === slug)?.id ?? slug;
}
