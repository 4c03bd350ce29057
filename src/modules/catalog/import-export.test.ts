import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { TenantRef } from '../../http/context.ts';
import { parseCsv, unguardCell, writeCsv } from '../../shared/csv.ts';
import { multipartFile, type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeMarket, makeTenant } from '../../test/factories.ts';
import { makeProgram, makeStaffBrowser, signedIn } from '../sellers/test-fixtures.ts';
import { COLUMNS } from './product-sheet.ts';
import { catalogCounts, makeSeller, productBody } from './test-fixtures.ts';

type Browser = Awaited<ReturnType<typeof signedIn>>;
type Detail = { field: string; code: string; message: string };

const HEADER = COLUMNS.join(',');
/** A row from cells by column name; the rest empty. */
const line = (cells: Partial<Record<(typeof COLUMNS)[number], string>>) =>
  COLUMNS.map((column) => (/[",\n]/.test(cells[column] ?? '') ? `"${cells[column]?.replaceAll('"', '""')}"` : (cells[column] ?? ''))).join(
    ',',
  );
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\r\n'));

const chili = { title: 'Cabai rawit merah', category: 'bumbu-dapur', commodity: 'cabai-rawit-merah', unit: 'kg', stock_mode: 'daily' };
const tempe = { title: 'Tempe mendoan', category: 'tahu-tempe', unit: 'bungkus', stock_mode: 'counted', stock: '20', price: '8000' };

for (const engine of engines()) {
  describe(`seller products import and export on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;
    let marketId: string;

    async function trader(name = 'Bumbu Bu Sri') {
      const { user } = await makeStaffBrowser(t, tenant, 'seller');
      const sellerId = await makeSeller(t.database.db, tenant.id, { programId, marketId, userId: user.id, name });
      return { sellerId, browser: await signedIn(t, tenant, user.id) };
    }

    function upload(browser: Browser, bytes: Buffer, name = 'produk.csv', query = '') {
      const { payload, headers } = multipartFile(bytes, name, 'application/octet-stream');
      return browser.request({ method: 'POST', url: `/api/seller/products/import${query}`, payload, headers });
    }

    async function products(browser: Browser) {
      return (await browser.get('/api/seller/products')).json().products as { id: string; variants: { id: string; price: number }[] }[];
    }

    /** Uploads a file that must fail; nothing may be written. Returns the details as "field: message". */
    async function rejected(browser: Browser, bytes: Buffer, status = 400) {
      const before = await catalogCounts(t.database.db, tenant.id);
      const response = await upload(browser, bytes);
      assert.equal(response.statusCode, status, response.body);
      assert.deepEqual(await catalogCounts(t.database.db, tenant.id), before);
      const { error } = response.json();
      return { error, details: (error.details as Detail[]).map((d) => `${d.field}: ${d.message}`) };
    }

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      programId = await makeProgram(t.database.db, tenant.id);
      marketId = (await makeMarket(t.database.db, tenant.id, 'Pasar Wage')).id;
    });
    after(() => t.close());

    test('export then import the same file changes nothing, as CSV and as XLSX', async () => {
      const { browser } = await trader();
      const description = 'Tempe "mendoan", tipis;\nisi 10';
      await browser.post(
        '/api/seller/products',
        productBody({ title: '=Bawang merah', description }, [{ name: 'Curah' }, { name: 'Super', active: false }]),
      );
      await browser.post(
        '/api/seller/products',
        productBody({ title: 'Telur', category: 'telur', commodity: null, active: false }, [
          { unit: 'papan', stepMilli: 1000, minimumMilli: 1000, stockMode: 'counted', stockMilli: 12_500, weightGrams: 2000 },
        ]),
      );
      const before = { counts: await catalogCounts(t.database.db, tenant.id), products: await products(browser) };

      const exported = await browser.get('/api/seller/products/export.csv');
      assert.equal(exported.statusCode, 200);
      assert.match(String(exported.headers['content-type']), /^text\/csv/);
      assert.match(String(exported.headers['content-disposition']), /^attachment; filename="produk-bumbu-bu-sri-\d{4}-\d{2}-\d{2}\.csv"$/);
      const rows = parseCsv(exported.body).map((cells) => cells.map(unguardCell));
      assert.deepEqual(rows[0], [...COLUMNS]);
      assert.deepEqual(
        rows.slice(1).map((r) => [r[1], r[9], r[11], r[12], r[15]]),
        [
          ['=Bawang merah', '0,25', '', '42000', 'ya'],
          ['=Bawang merah', '0,25', '', '42000', 'tidak'],
          ['Telur', '1', '12,5', '42000', 'ya'],
        ],
      );

      const xlsx = await browser.request({ method: 'GET', url: '/api/seller/products/export.xlsx' });
      assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      for (const [bytes, name] of [
        [exported.rawPayload, 'produk.csv'],
        [xlsx.rawPayload, 'produk.xlsx'],
      ] as const) {
        const response = await upload(browser, bytes, name);
        assert.equal(response.statusCode, 200, response.body);
        assert.deepEqual(response.json(), { created: 0, updated: 0, rows: 3 });
      }
      assert.deepEqual({ counts: await catalogCounts(t.database.db, tenant.id), products: await products(browser) }, before);
    });

    test('an import adds two products (one with two 0,25 kg variants) and changes a price, kept in history', async () => {
      const { browser } = await trader();
      await browser.post('/api/seller/products', productBody());
      const rows = parseCsv((await browser.get('/api/seller/products/export.csv')).body);
      const header = rows[0] as string[];
      const existing = rows[1] as string[];
      existing[header.indexOf('price')] = 'Rp 45.000';
      const file = Buffer.from(
        writeCsv([header, existing]) +
          [
            line({ ...chili, variant_name: 'Curah', step: '0,25', minimum: '0,25', price: '60.000' }),
            line({
              title: chili.title,
              variant_name: 'Super',
              unit: 'kg',
              step: '0.25',
              minimum: '0,5',
              price: '65000',
              stock_mode: 'daily',
            }),
            line({ ...tempe, description: 'Isi 10, tipis', weight_grams: '250', product_active: 'tidak' }),
          ].join('\r\n'),
      );
      const response = await upload(browser, file);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { created: 2, updated: 1, rows: 4 });

      const mine = (await browser.get('/api/seller/products')).json().products;
      const byTitle = Object.fromEntries(mine.map((p: { title: string }) => [p.title, p]));
      assert.deepEqual(
        byTitle[chili.title].variants.map((v: Record<string, unknown>) => [v.name, v.unit, v.stepMilli, v.minimumMilli, v.price]),
        [
          ['Curah', 'kg', 250, 250, 60_000],
          ['Super', 'kg', 250, 500, 65_000],
        ],
      );
      assert.deepEqual([byTitle[tempe.title].active, byTitle[tempe.title].variants[0].stockMilli], [false, 20_000]);
      const shallots = byTitle['Bawang merah Brebes'];
      const history = await t.database.db
        .selectFrom('price_history')
        .select('price')
        .where('product_id', '=', shallots.id)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        history.map((h) => h.price),
        [42_000n, 45_000n],
      );
    });

    test('one broken row among good ones: nothing is written, and the row and column are named in Indonesian', async () => {
      const { browser } = await trader();
      const other = await trader('Lapak Lain');
      const foreign = (await other.browser.post('/api/seller/products', productBody())).json().product;
      const good = line({ ...chili, price: '60000' });
      const cases: [Record<string, string>, string][] = [
        [{ price: '-5000' }, 'row 3: price: Harga minimal Rp 1.'],
        [{ price: '12.500,5' }, 'row 3: price: Harga harus rupiah bulat, tanpa sen.'],
        [{ price: '1.000.000.001' }, 'row 3: price: Harga maksimal Rp 1.000.000.000.'],
        [{ step: '0,3333' }, 'row 3: step: Tulis angka dengan paling banyak 3 angka di belakang koma, contoh 0,25.'],
        [{ step: '0,25', minimum: '0,3' }, 'row 3: minimum: Pembelian minimum harus kelipatan dari kelipatan pembelian.'],
        [
          { category: 'elektronik' },
          `row 3: category: Pilih salah satu: sayur, buah, bumbu-dapur, daging-unggas, ikan, beras-sembako, telur, tahu-tempe, makanan-olahan, kue-jajanan, minuman, kerajinan, fesyen, perabot, kebutuhan-rumah, lainnya.`,
        ],
        [{ unit: 'karung' }, 'row 3: unit: Pilih salah satu: pcs, kg, gram, ons, ikat, liter, papan, butir, bungkus.'],
        [{ product_id: foreign.id }, 'row 3: product_id: Produk ini tidak ada di toko ini. Kosongkan product_id untuk produk baru.'],
        [{ variant_active: 'mungkin' }, 'row 3: variant_active: Tulis ya atau tidak.'],
        [{ title: '' }, 'row 3: title: Wajib diisi.'],
      ];
      for (const [broken, expected] of cases) {
        const { error, details } = await rejected(
          browser,
          csv(good, line({ ...tempe, ...broken }), line({ ...tempe, title: 'Tahu putih' })),
        );
        assert.equal(error.code, 'import_failed');
        assert.equal(error.message, 'Tidak ada yang disimpan: ada 1 kesalahan di berkas. Perbaiki baris yang ditandai lalu unggah lagi.');
        assert.deepEqual(details, [expected]);
      }

      // Every problem is listed, in sheet order; a product's later rows may not contradict its first.
      const { details } = await rejected(
        browser,
        csv(
          line({ ...chili, price: 'gratis' }),
          line({ ...chili, category: 'sayur', variant_name: 'Super', price: '1' }),
          line({ ...tempe, stock: '-1' }),
        ),
      );
      assert.deepEqual(details, [
        'row 2: price: Tulis bilangan bulat, contoh 45000 atau 45.000.',
        'row 3: category: Berbeda dengan baris 2 dari produk yang sama. Samakan atau kosongkan.',
        'row 4: stock: Tulis angka dengan paling banyak 3 angka di belakang koma, contoh 0,25.',
      ]);

      // At most 20 variants a product; a variant id is the product's own, and appears once.
      const mine = (await browser.post('/api/seller/products', productBody())).json().product;
      const many = Array.from({ length: 21 }, (_, i) => line({ ...chili, variant_name: `Ukuran ${i}`, price: '1000' }));
      const update = { ...chili, product_id: mine.id, price: '1000' };
      const { details: more } = await rejected(
        browser,
        csv(
          ...many,
          line({ ...update, variant_id: mine.variants[0].id }),
          line({ ...update, variant_name: 'B', variant_id: mine.variants[0].id }),
          line({ ...update, variant_name: 'C', variant_id: foreign.variants[0].id }),
        ),
      );
      assert.deepEqual(more, [
        'row 22: variant_name: Satu produk paling banyak 20 varian.',
        'row 24: variant_id: Varian ini sudah ada di baris 23.',
        'row 25: variant_id: Varian ini bukan milik produk ini.',
      ]);
    });

    test('semicolons and a byte-order mark, as Indonesian Excel saves a CSV', async () => {
      const { browser } = await trader();
      const rows = [HEADER.replaceAll(',', ';'), ';Gula pasir;beras-sembako;gula-pasir;Manis; sekali;;;;kg;0,5;0,5;;Rp 15.500;daily;;ya'];
      const response = await upload(browser, Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`));
      assert.equal(response.statusCode, 400, 'the unquoted ";" in the description splits the cell');
      const fixed = rows[1]?.replace('Manis; sekali', '"Manis; sekali"');
      const ok = await upload(browser, Buffer.from(`\uFEFF${rows[0]}\r\n${fixed}\r\n`));
      assert.equal(ok.statusCode, 200, ok.body);
      const [sugar] = (await browser.get('/api/seller/products')).json().products;
      assert.deepEqual([sugar.description, sugar.variants[0].stepMilli, sugar.variants[0].price], ['Manis; sekali', 500, 15_500]);
    });

    test('an XLSX with numbers typed in Excel imports; a program renamed .csv does not', async () => {
      const { browser } = await trader();
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Lembar1');
      sheet.addRow([...COLUMNS]);
      sheet.addRow([
        '',
        'Beras medium',
        'beras-sembako',
        'beras-medium',
        '',
        true,
        '',
        '5 kg',
        'kg',
        5,
        5,
        100.5,
        68000,
        'counted',
        null,
        1,
      ]);
      const response = await upload(browser, Buffer.from(await workbook.xlsx.writeBuffer()), 'beras.xlsx');
      assert.equal(response.statusCode, 200, response.body);
      const [rice] = (await browser.get('/api/seller/products')).json().products;
      assert.deepEqual([rice.variants[0].stepMilli, rice.variants[0].stockMilli, rice.variants[0].price], [5000, 100_500, 68_000]);

      const program = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(64, 0xff)]);
      const { error } = await rejected(browser, program, 415);
      assert.equal(error.message, 'Berkas ini bukan CSV atau Excel (.xlsx). Berkas .xls lama simpan dulu sebagai .xlsx atau CSV.');
      assert.equal((await rejected(browser, Buffer.from('PK\x03\x04 not really a zip'), 415)).error.code, 'import_unreadable');
      assert.equal((await rejected(browser, Buffer.from(`${HEADER}\r\n\r\n`))).error.code, 'import_empty');
      const unclosed = await rejected(browser, Buffer.from(`${HEADER}\r\n,"Tempe 10,1`));
      assert.deepEqual(unclosed.details, ['row 2: Tanda kutip (") dibuka di baris ini tetapi tidak ditutup.']);
      const { details } = await rejected(browser, Buffer.from('judul,harga\nBeras,1000'));
      assert.deepEqual(details.slice(0, 2), [
        `row 1: judul: Kolom tidak dikenal. Kolom yang dipakai: ${COLUMNS.join(', ')}.`,
        `row 1: harga: Kolom tidak dikenal. Kolom yang dipakai: ${COLUMNS.join(', ')}.`,
      ]);
      assert.ok(details.includes('row 1: price: Kolom ini tidak ada di baris judul. Unduh berkas ekspor sebagai contoh.'));
    });

    test('more than 5,000 rows is refused before anything is checked', async () => {
      const { browser } = await trader();
      const rows = Array.from({ length: 5001 }, (_, i) => line({ ...tempe, title: `Tempe ${i}` }));
      const { error } = await rejected(browser, csv(...rows));
      assert.equal(error.message, 'Berkas berisi 5001 baris; paling banyak 5000 baris sekali unggah. Bagi menjadi beberapa berkas.');
    });

    test("another seller's products are out of reach; an admin may name the seller", async () => {
      const owner = await trader('Sayur Pak Darto');
      const other = await trader('Lapak Lain');
      const file = csv(line({ ...tempe }));
      assert.equal((await other.browser.get(`/api/seller/products/export.csv?sellerId=${owner.sellerId}`)).statusCode, 403);
      assert.equal((await upload(other.browser, file, 'x.csv', `?sellerId=${owner.sellerId}`)).statusCode, 403);

      const admin = (await makeStaffBrowser(t, tenant, 'program_admin')).browser;
      const imported = await upload(admin, file, 'x.csv', `?sellerId=${owner.sellerId}`);
      assert.deepEqual(imported.json(), { created: 1, updated: 0, rows: 1 });
      const exported = await admin.get(`/api/seller/products/export.xlsx?sellerId=${owner.sellerId}`);
      assert.match(String(exported.headers['content-disposition']), /filename="produk-sayur-pak-darto-/);
      const anonymous = await t.app.inject({
        method: 'GET',
        url: '/api/seller/products/export.csv',
        headers: { host: `${tenant.slug}.localhost` },
      });
      assert.equal(anonymous.statusCode, 401);
    });
  });
}
