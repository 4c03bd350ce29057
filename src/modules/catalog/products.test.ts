import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeMarket, makeTenant } from '../../test/factories.ts';
import { verifyAuditChain } from '../audit/service.ts';
import { makePhoto, makeProgram, makeStaffBrowser, signedIn } from '../sellers/test-fixtures.ts';
import { catalogCounts, makeSeller, productBody } from './test-fixtures.ts';

for (const engine of engines()) {
  describe(`seller console products on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;
    let marketId: string;

    /** A trader with an account, signed in. */
    async function trader(name = 'Bumbu Bu Sri') {
      const { user } = await makeStaffBrowser(t, tenant, 'seller');
      const sellerId = await makeSeller(t.database.db, tenant.id, { programId, marketId, userId: user.id, name });
      return { user, sellerId, browser: await signedIn(t, tenant, user.id) };
    }

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      programId = await makeProgram(t.database.db, tenant.id);
      marketId = (await makeMarket(t.database.db, tenant.id, 'Pasar Segamas')).id;
    });
    after(() => t.close());

    test('a trader adds shallots by the quarter kilo, with a photo; the first price is history', async () => {
      const { browser, sellerId } = await trader();
      const photo = await makePhoto(t.database.db, tenant.id);
      const response = await browser.post('/api/seller/products', productBody({ photoIds: [photo] }));
      assert.equal(response.statusCode, 201, response.body);
      const product = response.json().product;
      assert.equal(product.listed, true);
      assert.deepEqual(product.photos, [{ id: photo, url: `/api/media/${photo}`, thumbUrl: `/api/media/${photo}/thumb` }]);
      assert.deepEqual(
        product.variants.map((v: Record<string, unknown>) => [v.unit, v.stepMilli, v.minimumMilli, v.price, v.stockMilli, v.inStock]),
        [['kg', 250, 250, 42_000, null, true]],
      );
      const history = await t.database.db
        .selectFrom('price_history')
        .select(['price', 'unit'])
        .where('product_id', '=', product.id)
        .execute();
      assert.deepEqual(history, [{ price: 42_000n, unit: 'kg' }]);

      const mine = (await browser.get('/api/seller/products')).json();
      assert.equal(mine.sellerId, sellerId);
      assert.deepEqual(
        mine.products.map((p: { id: string }) => p.id),
        [product.id],
      );
    });

    test('bad prices, steps and references: field-level 400s, and nothing written', async () => {
      const { browser } = await trader();
      const otherTenant = await makeTenant(t.database.db);
      const foreignPhoto = await makePhoto(t.database.db, otherTenant.id);
      const before = await catalogCounts(t.database.db, tenant.id);
      const cases: [Record<string, unknown>, Record<string, unknown>[], Record<string, string>][] = [
        [{}, [{ price: -5000 }], { 'variants.0.price': 'price_too_low' }],
        [{}, [{ price: 42_000.5 }], { 'variants.0.price': 'price_not_whole' }],
        [{}, [{ price: 1_000_000_001 }], { 'variants.0.price': 'price_too_high' }],
        [{}, [{ stepMilli: 250.5 }], { 'variants.0.stepMilli': 'quantity_not_whole' }],
        [{}, [{ stepMilli: 250, minimumMilli: 300 }], { 'variants.0.minimumMilli': 'quantity_off_step' }],
        [{}, [{ name: 'Curah' }, { name: 'curah' }], { 'variants.1.name': 'duplicate_variant' }],
        [{ category: 'elektronik' }, [{}], { category: 'unknown_category' }],
        [{ photoIds: [foreignPhoto] }, [{}], { photoIds: 'unknown_media' }],
        [{}, [], { variants: 'too_small' }],
      ];
      for (const [overrides, variants, expected] of cases) {
        const response = await browser.post('/api/seller/products', productBody(overrides, variants));
        assert.equal(response.statusCode, 400, JSON.stringify(expected));
        const fields = Object.fromEntries(response.json().error.details.map((d: { field: string; code: string }) => [d.field, d.code]));
        assert.deepEqual(fields, expected);
      }
      const english = await signedIn(t, tenant, (await trader()).user.id, 'en');
      const message = (await english.post('/api/seller/products', productBody({}, [{ price: 10.5 }]))).json().error.details[0].message;
      assert.equal(message, 'The price must be whole rupiah, without cents.');
      assert.deepEqual(await catalogCounts(t.database.db, tenant.id), before);
    });

    test('a price change is history; a form without stock keeps the stock orders moved', async () => {
      const { browser } = await trader();
      const created = (
        await browser.post(
          '/api/seller/products',
          productBody({ title: 'Telur ayam negeri', category: 'telur' }, [{ unit: 'kg', stockMode: 'counted', stockMilli: 10_000 }]),
        )
      ).json().product;
      const variant = created.variants[0];
      const { stockMilli: _stock, inStock: _in, ...unchanged } = variant;
      const changed = await browser.patch(`/api/seller/products/${created.id}`, {
        variants: [
          { ...unchanged, price: 28_500 },
          {
            name: 'Peti 15 kg',
            unit: 'pcs',
            stepMilli: 1000,
            minimumMilli: 1000,
            price: 400_000,
            stockMode: 'counted',
            stockMilli: 0,
            weightGrams: 16_000,
          },
        ],
      });
      assert.equal(changed.statusCode, 200, changed.body);
      const [first, second] = changed.json().product.variants;
      assert.deepEqual([first.price, first.stockMilli, first.inStock], [28_500, 10_000, true]);
      assert.deepEqual([second.name, second.inStock], ['Peti 15 kg', false]);
      const prices = await t.database.db
        .selectFrom('price_history')
        .select('price')
        .where('product_id', '=', created.id)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        prices.map((p) => p.price),
        [42_000n, 28_500n, 400_000n],
      );

      // Leaving a variant out deactivates it; a variant id of another product is refused.
      const dropped = await browser.patch(`/api/seller/products/${created.id}`, { variants: [{ ...unchanged, price: 28_500 }] });
      assert.deepEqual(
        dropped.json().product.variants.map((v: { active: boolean }) => v.active),
        [true, false],
      );
      const foreign = await browser.patch(`/api/seller/products/${created.id}`, { variants: [{ ...unchanged, id: 'var_nope' }] });
      assert.equal(foreign.json().error.details[0].code, 'unknown_variant');
    });

    test('the quick edit for today: price, stock, sold out until tomorrow', async () => {
      const { browser } = await trader();
      const product = (await browser.post('/api/seller/products', productBody())).json().product;
      const variantId = product.variants[0].id;
      const soldOut = await browser.patch(`/api/seller/variants/${variantId}`, { soldOut: true, price: 45_000 });
      assert.equal(soldOut.statusCode, 200, soldOut.body);
      assert.deepEqual([soldOut.json().product.variants[0].inStock, soldOut.json().product.variants[0].price], [false, 45_000]);
      const row = await t.database.db
        .selectFrom('products')
        .select('sold_out_until')
        .where('id', '=', product.id)
        .executeTakeFirstOrThrow();
      assert.match(row.sold_out_until ?? '', /^\d{4}-\d{2}-\d{2}$/);

      const wrongMode = await browser.patch(`/api/seller/variants/${variantId}`, { stockMilli: 5000 });
      assert.equal(wrongMode.json().error.details[0].code, 'stock_is_daily');
      const back = await browser.patch(`/api/seller/variants/${variantId}`, { soldOut: false });
      assert.equal(back.json().product.variants[0].inStock, true);
    });

    test("a seller cannot see or change another seller's products; an admin can, audited", async () => {
      const owner = await trader('Sayur Pak Darto');
      const other = await trader('Lapak Lain');
      const product = (await owner.browser.post('/api/seller/products', productBody({ title: 'Kangkung' }))).json().product;
      const variantId = product.variants[0].id;

      assert.equal((await other.browser.get(`/api/seller/products/${product.id}`)).statusCode, 404);
      assert.equal((await other.browser.patch(`/api/seller/products/${product.id}`, { title: 'Dibajak' })).statusCode, 404);
      assert.equal((await other.browser.patch(`/api/seller/variants/${variantId}`, { price: 1 })).statusCode, 404);
      assert.equal((await other.browser.get(`/api/seller/products?sellerId=${owner.sellerId}`)).statusCode, 403);
      assert.equal((await other.browser.post('/api/seller/products', { ...productBody(), sellerId: owner.sellerId })).statusCode, 403);

      const admin = (await makeStaffBrowser(t, tenant, 'program_admin')).browser;
      const renamed = await admin.patch(`/api/seller/products/${product.id}`, { title: 'Kangkung segar' });
      assert.equal(renamed.json().product.title, 'Kangkung segar');
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('tenant_id', '=', tenant.id)
        .where('entity_type', '=', 'product')
        .execute();
      // The seller's own edits are not audited (price history keeps prices); the admin's is.
      assert.deepEqual(audit, [{ action: 'product.update', entity_id: product.id }]);
      assert.equal((await verifyAuditChain(t.database.db, tenant.id)).ok, true);
    });

    test("another regency's admin or product is out of reach", async () => {
      const { browser } = await trader();
      const product = (await browser.post('/api/seller/products', productBody())).json().product;
      const jember = await makeTenant(t.database.db);
      const jemberAdmin = (await makeStaffBrowser(t, jember, 'program_admin')).browser;
      assert.equal((await jemberAdmin.get(`/api/seller/products/${product.id}`)).statusCode, 404);
      assert.equal((await jemberAdmin.patch(`/api/seller/products/${product.id}`, { active: false })).statusCode, 404);
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/seller/products', headers: { host: `${tenant.slug}.localhost` } });
      assert.equal(anonymous.statusCode, 401);
    });
  });
}
