import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { todayIn } from '../../shared/dates.ts';
import { client, type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeMarket, makeTenant } from '../../test/factories.ts';
import { verifyAuditChain } from '../audit/service.ts';
import { makeProgram, makeStaffBrowser } from '../sellers/test-fixtures.ts';
import { createProduct } from './products.ts';
import { productInput } from './schemas.ts';
import { catalogCounts, makeSeller, productBody } from './test-fixtures.ts';

for (const engine of engines()) {
  describe(`reference prices on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let marketId: string;
    let today: string;

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      marketId = (await makeMarket(t.database.db, tenant.id, 'Pasar Segamas')).id;
      today = todayIn(tenant.timeZone);
    });
    after(() => t.close());

    test('an admin publishes the day; the storefront shows it beside the trader price', async () => {
      const admin = (await makeStaffBrowser(t, tenant, 'program_admin')).browser;
      const published = await admin.post('/api/admin/reference-prices', {
        marketId,
        prices: [
          { commodity: 'bawang-merah', price: 38_000 },
          { commodity: 'cabai-rawit-merah', price: 55_000 },
        ],
      });
      assert.equal(published.statusCode, 201, published.body);
      // The board lists staples in the order of the commodity list (chili before shallots).
      assert.deepEqual(published.json().prices[1], {
        marketId,
        marketName: 'Pasar Segamas',
        commodity: 'bawang-merah',
        commodityName: 'Bawang merah',
        unit: 'kg',
        price: 38_000,
        date: today,
      });
      // Publishing again the same day corrects the price.
      await admin.post('/api/admin/reference-prices', { marketId, prices: [{ commodity: 'bawang-merah', price: 39_000 }] });

      const programId = await makeProgram(t.database.db, tenant.id);
      const sellerId = await makeSeller(t.database.db, tenant.id, { programId, marketId });
      const product = await createProduct(
        { db: t.database.db, tenant, actor: null, lang: 'id' },
        sellerId,
        productInput.parse(productBody()),
      );
      const shopper = client(t.app, `${tenant.slug}.localhost`);
      const card = (await shopper.get('/api/catalog/products?q=bawang')).json().products[0];
      assert.deepEqual([card.id, card.price, card.referencePrice.price, card.referencePrice.date], [product.id, 42_000, 39_000, today]);
      const board = (await shopper.get(`/api/catalog/reference-prices?marketId=${marketId}`)).json().prices;
      assert.deepEqual(
        board.map((p: { commodity: string; price: number }) => [p.commodity, p.price]),
        [
          ['cabai-rawit-merah', 55_000],
          ['bawang-merah', 39_000],
        ],
      );
      assert.equal((await verifyAuditChain(t.database.db, tenant.id)).ok, true);
    });

    test('the history exports as CSV for the admin only', async () => {
      const admin = (await makeStaffBrowser(t, tenant, 'program_admin')).browser;
      await admin.post('/api/admin/reference-prices', { marketId, prices: [{ commodity: 'gula-pasir', price: 17_500 }] });
      const csv = await admin.get(`/api/admin/reference-prices/export.csv?marketId=${marketId}&from=${today}&to=${today}`);
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /attachment; filename="harga-acuan-/);
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      assert.equal(lines[0], 'tanggal,pasar,kode_komoditas,komoditas,satuan,harga_rupiah,diterbitkan');
      assert.ok(lines.some((line) => line.startsWith(`${today},Pasar Segamas,gula-pasir,Gula pasir,kg,17500,`)));

      const seller = (await makeStaffBrowser(t, tenant, 'seller')).browser;
      assert.equal((await seller.get('/api/admin/reference-prices/export.csv')).statusCode, 403);
      assert.equal(
        (await seller.post('/api/admin/reference-prices', { marketId, prices: [{ commodity: 'garam', price: 1 }] })).statusCode,
        403,
      );
    });

    test('bad publications are field-level 400s and write nothing', async () => {
      const admin = (await makeStaffBrowser(t, tenant, 'program_admin')).browser;
      const foreignMarket = (await makeMarket(t.database.db, (await makeTenant(t.database.db)).id)).id;
      const before = await catalogCounts(t.database.db, tenant.id);
      const cases: [Record<string, unknown>, Record<string, string>][] = [
        [{ marketId, date: '2999-01-01', prices: [{ commodity: 'garam', price: 4000 }] }, { date: 'date_in_future' }],
        [{ marketId, date: '2026-02-30', prices: [{ commodity: 'garam', price: 4000 }] }, { date: 'invalid_date' }],
        [{ marketId: foreignMarket, prices: [{ commodity: 'garam', price: 4000 }] }, { marketId: 'unknown_market' }],
        [{ marketId, prices: [{ commodity: 'emas', price: 4000 }] }, { 'prices.0.commodity': 'unknown_commodity' }],
        [
          {
            marketId,
            prices: [
              { commodity: 'garam', price: 4000 },
              { commodity: 'garam', price: 4000.5 },
            ],
          },
          { 'prices.1.price': 'price_not_whole' },
        ],
      ];
      for (const [body, expected] of cases) {
        const response = await admin.post('/api/admin/reference-prices', body);
        assert.equal(response.statusCode, 400, JSON.stringify(expected));
        const fields = Object.fromEntries(response.json().error.details.map((d: { field: string; code: string }) => [d.field, d.code]));
        assert.deepEqual(fields, expected);
      }
      assert.deepEqual(await catalogCounts(t.database.db, tenant.id), before);
    });
  });
}
