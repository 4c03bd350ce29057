import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Ctx, TenantRef } from '../../http/context.ts';
import { client, type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeMarket, makeTenant } from '../../test/factories.ts';
import { makeProgram } from '../sellers/test-fixtures.ts';
import { createProduct } from './products.ts';
import { productInput } from './schemas.ts';
import { makeSeller, productBody } from './test-fixtures.ts';
import { updateVariant } from './variants.ts';

type Card = { id: string; title: string; price: number; inStock: boolean; seller: { id: string; name: string; stall: string | null } };

for (const engine of engines()) {
  describe(`storefront on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let ctx: Ctx;
    let segamas: string;
    let bobotsari: string;
    let busri: string;
    const ids: Record<string, string> = {};

    /** A product through the same use case the console and importer use. */
    async function add(sellerId: string, title: string, category: string, price: number, extra: Record<string, unknown> = {}) {
      const input = productInput.parse(productBody({ title, category, commodity: null, ...extra }, [{ price }]));
      const product = await createProduct(ctx, sellerId, input);
      ids[title] = product.id;
      return product;
    }

    const browser = () => client(t.app, `${tenant.slug}.localhost`);
    const list = async (query: string) => {
      const response = await browser().get(`/api/catalog/products?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { products: Card[]; nextCursor: string | null; correctedQuery: string | null };
    };
    const titles = async (query: string) => (await list(query)).products.map((p) => p.title);

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      ctx = { db: t.database.db, tenant, actor: null, lang: 'id' };
      const programId = await makeProgram(t.database.db, tenant.id);
      segamas = (await makeMarket(t.database.db, tenant.id, 'Pasar Segamas')).id;
      bobotsari = (await makeMarket(t.database.db, tenant.id, 'Pasar Bobotsari')).id;
      busri = await makeSeller(t.database.db, tenant.id, { programId, marketId: segamas, name: 'Bumbu Bu Sri', stallNumber: '12' });
      const darto = await makeSeller(t.database.db, tenant.id, { programId, marketId: bobotsari, name: 'Sayur Pak Darto' });
      const pending = await makeSeller(t.database.db, tenant.id, {
        programId,
        marketId: segamas,
        name: 'Baru Daftar',
        status: 'submitted',
      });

      await add(busri, 'Bawang merah Brebes', 'bumbu-dapur', 42_000);
      await add(busri, 'Bawang putih kating', 'bumbu-dapur', 38_000);
      await add(busri, 'Cabai rawit merah', 'bumbu-dapur', 60_000);
      await add(busri, 'Cabai merah keriting', 'bumbu-dapur', 55_000);
      await add(darto, 'Kerupuk bawang', 'makanan-olahan', 12_000);
      await add(darto, 'Kangkung', 'sayur', 3_000);
      await add(darto, 'Telur ayam kampung', 'telur', 2_500);
      await add(busri, 'Kunyit', 'bumbu-dapur', 15_000, { active: false });
      await add(pending, 'Bawang merah pending', 'bumbu-dapur', 40_000);
      // Enough vegetables for several pages, some at the same price so the id breaks ties.
      for (let i = 0; i < 23; i++) await add(darto, `Sayur ${String(i).padStart(2, '0')}`, 'sayur', 5_000 + (i % 4) * 1_000);

      const other = await makeTenant(t.database.db);
      const otherProgram = await makeProgram(t.database.db, other.id);
      const otherSeller = await makeSeller(t.database.db, other.id, { programId: otherProgram });
      const otherProduct = await createProduct(
        { ...ctx, tenant: other },
        otherSeller,
        productInput.parse(productBody({ title: 'Bawang merah Jember' })),
      );
      ids.foreign = otherProduct.id;
    });
    after(() => t.close());

    test('search tolerates typos and regional names', async () => {
      // Nothing matches as typed, so misspelt words are corrected from the shop's own words.
      const typo = await list('q=bawang%20merh');
      assert.equal(typo.correctedQuery, 'bawang merah');
      assert.equal(typo.products[0]?.title, 'Bawang merah Brebes');
      assert.equal((await list('q=kangkng')).products[0]?.title, 'Kangkung');
      const regional = await list('q=brambang');
      assert.equal(regional.correctedQuery, null);
      assert.deepEqual(
        regional.products.map((p) => p.title),
        ['Bawang merah Brebes'],
      );
      const lombok = await titles('q=lombok');
      assert.deepEqual(lombok.sort(), ['Cabai merah keriting', 'Cabai rawit merah']);
      assert.equal((await titles('q=lombok%20rawit'))[0], 'Cabai rawit merah');
      // All words anywhere in title, category and seller; the last word as a prefix.
      assert.deepEqual(await titles('q=kangkung%20dart'), ['Kangkung']);
      assert.deepEqual(await titles('q=%3F%3F'), (await titles('')).slice(0, 20));
    });

    test('unapproved sellers, inactive products and other regencies stay out of sight', async () => {
      const all = await titles('q=bawang&limit=50');
      assert.ok(!all.includes('Bawang merah pending'));
      assert.ok(!all.includes('Bawang merah Jember'));
      assert.ok(!(await titles('category=bumbu-dapur&limit=50')).includes('Kunyit'));
      for (const id of [ids['Bawang merah pending'], ids.foreign, ids.Kunyit]) {
        assert.equal((await browser().get(`/api/catalog/products/${id}`)).statusCode, 404);
      }
    });

    test('filters combine: market, seller, category, price range, in stock', async () => {
      assert.deepEqual(await titles(`marketId=${segamas}`), [
        'Bawang merah Brebes',
        'Bawang putih kating',
        'Cabai merah keriting',
        'Cabai rawit merah',
      ]);
      assert.deepEqual(await titles(`sellerId=${busri}&minPrice=40000&maxPrice=58000`), ['Bawang merah Brebes', 'Cabai merah keriting']);
      assert.deepEqual(await titles('category=bumbu-dapur&sort=price'), [
        'Bawang putih kating',
        'Bawang merah Brebes',
        'Cabai merah keriting',
        'Cabai rawit merah',
      ]);
      assert.deepEqual(await titles(`q=bawang&marketId=${bobotsari}`), ['Kerupuk bawang']);

      const variantId =
        (await createProduct(ctx, busri, productInput.parse(productBody({ title: 'Cabai hijau', commodity: null })))).variants[0]?.id ?? '';
      await updateVariant(ctx, variantId, { soldOut: true });
      const cards = (await list(`sellerId=${busri}&q=cabai`)).products;
      assert.equal(cards.find((c) => c.title === 'Cabai hijau')?.inStock, false);
      assert.ok(!(await titles(`sellerId=${busri}&q=cabai&inStock=true`)).includes('Cabai hijau'));
      await updateVariant(ctx, variantId, { active: false });
    });

    test('cursor pages return every product once, in a stable order, for every sort', async () => {
      for (const query of ['', 'sort=price', 'q=sayur', 'category=sayur&sort=name']) {
        const whole = (await list(`${query}&limit=50`)).products.map((p) => p.id);
        const paged: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await list(`${query}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
          assert.ok(page.products.length <= 7);
          paged.push(...page.products.map((p) => p.id));
          cursor = page.nextCursor;
        } while (cursor);
        assert.deepEqual(paged, whole, query);
        assert.equal(new Set(paged).size, paged.length);
      }
      // Titles that begin with the words come first, by name; then the other matches.
      const sayur = await titles('q=sayur&limit=50');
      assert.deepEqual(
        sayur.slice(0, 23),
        Array.from({ length: 23 }, (_, i) => `Sayur ${String(i).padStart(2, '0')}`),
      );
      assert.deepEqual(sayur.slice(23).sort(), ['Kangkung', 'Kerupuk bawang', 'Telur ayam kampung']);
      const prices = (await list('sort=price&limit=50')).products.map((p) => p.price);
      assert.deepEqual(
        prices,
        [...prices].sort((a, b) => a - b),
      );

      const forged = await browser().get('/api/catalog/products?sort=price&cursor=WyJwcmljZSIsIngiLCJ5Il0');
      assert.equal(forged.statusCode, 400);
      assert.equal(forged.json().error.details[0].code, 'invalid_cursor');
    });

    test('product page, price history, shop and market fronts', async () => {
      const product = (await browser().get(`/api/catalog/products/${ids['Bawang merah Brebes']}`)).json().product;
      assert.deepEqual(product.seller, { id: busri, name: 'Bumbu Bu Sri', stall: 'Kios A-12' });
      assert.deepEqual(product.market, { id: segamas, name: 'Pasar Segamas' });
      assert.deepEqual(
        product.variants.map((v: { price: number; stepMilli: number }) => [v.price, v.stepMilli]),
        [[42_000, 250]],
      );
      await updateVariant(ctx, product.variants[0].id, { price: 44_000 });
      const changes = (await browser().get(`/api/catalog/products/${product.id}/price-history`)).json().changes;
      assert.deepEqual(
        changes.map((c: { price: number }) => c.price),
        [44_000, 42_000],
      );

      const shop = (await browser().get(`/api/catalog/sellers/${busri}`)).json().seller;
      assert.deepEqual([shop.name, shop.kind, shop.market.name], ['Bumbu Bu Sri', 'trader', 'Pasar Segamas']);
      const marketResponse = await browser().get(`/api/catalog/markets/${segamas}`);
      assert.equal(marketResponse.statusCode, 200, marketResponse.body);
      const market = marketResponse.json();
      assert.deepEqual(market.stalls, [{ sellerId: busri, name: 'Bumbu Bu Sri', stall: 'Kios A-12', products: 4 }]);
    });
  });
}
