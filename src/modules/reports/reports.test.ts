import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { TenantRef } from '../../http/context.ts';
import { client, type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeTenant, rowCounts } from '../../test/factories.ts';
import { deliverAsCourier, makeCourier, makePayingProgram, makeSellingShop, orderFrom, staffOf } from '../payments/test-fixtures.ts';
import { makeBuyer, makeStaffBrowser } from '../sellers/test-fixtures.ts';
import { rebuildSalesReport } from './sales.ts';
import type { SalesReport } from './schemas.ts';

type Shop = Awaited<ReturnType<typeof makeSellingShop>>;
type Browser = Shop['seller'];

/** This month in Jakarta, 'YYYY-MM': the test tenant's time zone. */
const thisMonth = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);

for (const engine of engines()) {
  describe(`sales report on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;
    let cs: Browser;
    let admin: Browser;
    let shopA: Shop;
    let shopB: Shop;

    const reportOf = async (browser: Browser, query = `from=${thisMonth()}&to=${thisMonth()}`) => {
      const response = await browser.get(`/api/admin/programs/${programId}/reports/sales?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json().report as SalesReport;
    };

    /** Pays by transfer (CS confirms); each shop accepts or rejects its part, readies and hands it over. */
    async function payAndServe(order: Awaited<ReturnType<typeof orderFrom>>, rejectedBy?: Shop) {
      const paid = await order.browser.post(`/api/orders/${order.order.id}/payments`, { method: 'transfer' });
      assert.equal(paid.statusCode, 200, paid.body);
      const confirmed = await cs.post(`/api/cs/payments/${paid.json().order.payment.id}/confirm`, { reference: 'mutasi' });
      assert.equal(confirmed.statusCode, 204, confirmed.body);
      for (const shop of [shopA, shopB]) {
        const part = (await shop.seller.get('/api/seller/orders?tab=new'))
          .json()
          .fulfilments.find((f: { orderId: string }) => f.orderId === order.order.id);
        if (!part) continue;
        const steps = shop === rejectedBy ? [['reject', { reason: 'Stok habis' }]] : [['accept'], ['ready'], ['hand-over']];
        for (const [step, body] of steps) {
          const response = await shop.seller.post(`/api/seller/fulfilments/${part.id}/${step}`, body ?? {});
          assert.equal(response.statusCode, 204, `${step}: ${response.body}`);
        }
      }
    }

    /** The report's customers for from..to are the distinct buyers of orders completed then. */
    async function expectDistinctBuyers(from: string, to: string) {
      const { rows } = await sql<{ n: number }>`
        SELECT count(DISTINCT buyer_user_id)::int AS n FROM orders
        WHERE tenant_id = ${tenant.id} AND status = 'completed'
          AND to_char(completed_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') BETWEEN ${from} AND ${to}`.execute(t.database.db);
      assert.equal((await reportOf(admin, `from=${from}&to=${to}`)).totals.customers, rows[0]?.n, `${from}..${to}`);
    }

    async function confirmReceipt(order: Awaited<ReturnType<typeof orderFrom>>) {
      const done = await order.browser.post(`/api/orders/${order.order.id}/confirm-receipt`);
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().order.status, 'completed');
    }

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      programId = await makePayingProgram(t.database.db, tenant.id, 0);
      cs = (await staffOf(t, tenant)).cs;
      admin = (await makeStaffBrowser(t, tenant, 'program_admin')).browser;
      shopA = await makeSellingShop(t, tenant, programId, 40_000);
      shopB = await makeSellingShop(t, tenant, programId, 30_000);
    });
    after(() => t.close());

    test('completed orders count at their final figures; rejected parts and open orders do not', async () => {
      const empty = await reportOf(admin);
      assert.deepEqual(empty.totals, { orders: 0, goods: 0, fees: 0, customers: 0, sellers: 0, averageOrder: 0 });
      assert.deepEqual(
        empty.months.map((m) => m.month),
        [thisMonth()],
      );

      // 0.5 kg from each shop: Rp 20.000 + Rp 15.000, both parts served.
      const both = await orderFrom(t, tenant, [shopA, shopB]);
      await payAndServe(both);
      // Shop A rejects its part: only Rp 15.000 of goods is sold.
      const partly = await orderFrom(t, tenant, [shopA, shopB]);
      await payAndServe(partly, shopA);
      // Delivered by a courier, cash on delivery: Rp 20.000 and the Rp 8.000 delivery fee.
      const courier = await makeCourier(t, tenant, programId);
      const delivered = await orderFrom(t, tenant, [shopA], 'delivery');
      assert.equal((await delivered.browser.post(`/api/orders/${delivered.order.id}/payments`, { method: 'cod' })).statusCode, 200);
      const part = await t.database.db
        .selectFrom('fulfilments')
        .select('id')
        .where('order_id', '=', delivered.order.id)
        .executeTakeFirstOrThrow();
      for (const step of ['accept', 'ready']) {
        assert.equal((await shopA.seller.post(`/api/seller/fulfilments/${part.id}/${step}`, {})).statusCode, 204);
      }
      assert.equal((await deliverAsCourier(t, tenant, courier, delivered.order.id)).statusCode, 204);
      // Delivered but not yet confirmed, and never paid: both still open.
      const unconfirmed = await orderFrom(t, tenant, [shopB]);
      await payAndServe(unconfirmed);
      await orderFrom(t, tenant, [shopB]);

      const before = await reportOf(admin);
      assert.equal(before.totals.orders, 0, 'nothing completed yet');
      assert.deepEqual(before.open, { awaitingPayment: 1, inProgress: 0, delivered: 4 });

      for (const order of [both, partly, delivered]) await confirmReceipt(order);
      const report = await reportOf(admin);
      assert.deepEqual(report.totals, {
        orders: 3,
        goods: 35_000 + 15_000 + 20_000,
        fees: 8_000,
        customers: 3,
        sellers: 2,
        averageOrder: Math.floor((70_000 + 8_000) / 3),
      });
      assert.deepEqual(report.open, { awaitingPayment: 1, inProgress: 0, delivered: 1 });
      assert.deepEqual(report.months, [{ month: thisMonth(), orders: 3, goods: 70_000, fees: 8_000, customers: 3, sellers: 2 }]);
      assert.equal(report.days.length, 1);
      assert.deepEqual(
        report.sellers.map((s) => [s.sellerId, s.orders, s.goods]),
        [
          [shopA.sellerId, 2, 40_000],
          [shopB.sellerId, 2, 30_000],
        ],
      );
      assert.deepEqual(
        report.markets.map((m) => [m.marketId, m.sellers, m.goods]),
        [[null, 2, 70_000]],
      );

      // A rebuild from the orders gives the same figures the completions added up.
      await rebuildSalesReport(t.database.db, tenant.id);
      const rebuilt = await reportOf(admin);
      assert.deepEqual({ ...rebuilt, generatedAt: '' }, { ...report, generatedAt: '' });
    });

    test('days and months are the regency’s: completed at 23:30 on 31 January in Jakarta is January', async () => {
      const order = await orderFrom(t, tenant, [shopB]);
      await payAndServe(order);
      await confirmReceipt(order);
      // 31 Jan 16:30 UTC = 23:30 WIB; 17:30 UTC would be 1 February in Jakarta.
      await t.database.db
        .updateTable('orders')
        .set({ completed_at: new Date('2026-01-31T16:30:00Z') })
        .where('id', '=', order.order.id)
        .execute();
      await rebuildSalesReport(t.database.db, tenant.id);
      const year = await reportOf(admin, 'from=2026-01&to=2026-02');
      assert.deepEqual(
        year.months.map((m) => [m.month, m.orders, m.goods]),
        [
          ['2026-01', 1, 15_000],
          ['2026-02', 0, 0],
        ],
      );
      assert.deepEqual(year.days, [{ day: '2026-01-31', orders: 1, goods: 15_000, fees: 0 }]);

      await t.database.db
        .updateTable('orders')
        .set({ completed_at: new Date('2026-01-31T17:30:00Z') })
        .where('id', '=', order.order.id)
        .execute();
      await rebuildSalesReport(t.database.db, tenant.id);
      const moved = await reportOf(admin, 'from=2026-01&to=2026-02');
      assert.deepEqual(
        moved.months.map((m) => [m.month, m.orders]),
        [
          ['2026-01', 0],
          ['2026-02', 1],
        ],
      );
    });

    test('orders sharing sellers that complete at the same moment all count', async () => {
      const before = (await reportOf(admin)).totals;
      const orders = [];
      for (let i = 0; i < 6; i++) {
        const order = await orderFrom(t, tenant, i % 2 ? [shopA, shopB] : [shopB, shopA]);
        await payAndServe(order);
        orders.push(order);
      }
      await Promise.all(orders.map(confirmReceipt));
      const after = (await reportOf(admin)).totals;
      assert.equal(after.orders - before.orders, 6);
      assert.equal(after.goods - before.goods, 6 * 35_000);
    });

    test('a customer who comes back counts once: in the month, and over the period', async () => {
      const before = await reportOf(admin);
      const first = await orderFrom(t, tenant, [shopB]);
      const again = await orderFrom(t, tenant, [shopA], 'pickup', {}, first);
      for (const order of [first, again]) {
        await payAndServe(order);
        await confirmReceipt(order);
      }
      const after = await reportOf(admin);
      assert.equal(after.totals.orders - before.totals.orders, 2);
      assert.equal(after.totals.customers - before.totals.customers, 1);
      assert.equal((after.months[0]?.customers ?? 0) - (before.months[0]?.customers ?? 0), 1);
      await expectDistinctBuyers(thisMonth(), thisMonth());

      // Their first order moved to January: one customer in January, one this month, one over both.
      await t.database.db
        .updateTable('orders')
        .set({ completed_at: new Date('2026-01-15T03:00:00Z') })
        .where('id', '=', first.order.id)
        .execute();
      await rebuildSalesReport(t.database.db, tenant.id);
      const january = await reportOf(admin, 'from=2026-01&to=2026-01');
      const both = await reportOf(admin, `from=2026-01&to=${thisMonth()}`);
      const sinceFebruary = (await reportOf(admin, `from=2026-02&to=${thisMonth()}`)).totals.customers;
      assert.equal(january.totals.customers, january.months[0]?.customers);
      assert.ok(january.totals.customers >= 1);
      assert.equal(both.totals.customers, january.totals.customers + sinceFebruary - 1, 'the returning customer once');

      // However the months are cut, the customers are the distinct buyers of the completed orders.
      for (const [from, to] of [
        ['2026-01', '2026-01'],
        ['2026-01', thisMonth()],
        ['2026-02', thisMonth()],
        [thisMonth(), thisMonth()],
      ] as const) {
        await expectDistinctBuyers(from, to);
      }
    });

    test('the Excel workbook holds the same figures, rupiah as numbers', async () => {
      const response = await admin.get(`/api/admin/programs/${programId}/reports/sales.xlsx?from=2026-01&to=${thisMonth()}`);
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-disposition']), /attachment; filename="laporan-.*\.xlsx"/);
      const report = await reportOf(admin, `from=2026-01&to=${thisMonth()}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      assert.deepEqual(
        workbook.worksheets.map((s) => s.name),
        ['Ringkasan', 'Bulanan', 'Harian', 'Pedagang', 'Pasar'],
      );
      const months = workbook.getWorksheet('Bulanan');
      assert.equal(months?.rowCount, report.months.length + 1);
      const goods = report.months.map((_, i) => months?.getRow(i + 2).getCell(3).value);
      assert.deepEqual(
        goods,
        report.months.map((m) => m.goods),
      );
      assert.equal(workbook.getWorksheet('Pedagang')?.rowCount, report.sellers.length + 1);
    });

    test('bad periods are field errors; other roles, tenants and programs are refused', async () => {
      const ask = (browser: Browser, query: string, program = programId) =>
        browser.get(`/api/admin/programs/${program}/reports/sales?${query}`);
      const fieldOf = async (query: string) => {
        const response = await ask(admin, query);
        assert.equal(response.statusCode, 400, response.body);
        const [detail] = response.json().error.details;
        return [detail.field, detail.code, detail.message];
      };
      assert.deepEqual((await fieldOf('from=2026-13&to=2026-12')).slice(0, 2), ['from', 'invalid_month']);
      assert.deepEqual((await fieldOf('from=2026-01')).slice(0, 2), ['to', 'required']);
      assert.deepEqual((await fieldOf('from=2026-05&to=2026-04')).slice(0, 2), ['to', 'month_range_reversed']);
      assert.deepEqual(await fieldOf('from=2023-01&to=2026-01'), ['to', 'month_range_too_long', 'Paling lama 36 bulan sekali lihat.']);
      assert.equal((await ask(admin, 'from=2024-01&to=2026-12')).statusCode, 200, '36 months is allowed');

      const query = 'from=2026-01&to=2026-01';
      const treasurer = (await makeStaffBrowser(t, tenant, 'treasurer')).browser;
      assert.equal((await ask(treasurer, query)).statusCode, 200);
      assert.equal((await ask(cs, query)).statusCode, 403);
      assert.equal((await ask((await makeBuyer(t, tenant, 'Pak Budi')).browser, query)).statusCode, 403);
      assert.equal(
        (await client(t.app, `${tenant.slug}.localhost`).get(`/api/admin/programs/${programId}/reports/sales?${query}`)).statusCode,
        401,
      );
      assert.equal((await ask(admin, query, 'prg_nope')).statusCode, 404);

      const other = await makeTenant(t.database.db);
      const otherProgram = await makePayingProgram(t.database.db, other.id);
      assert.equal((await ask(admin, query, otherProgram)).statusCode, 404, 'another regency’s program is not found');
      const otherAdmin = (await makeStaffBrowser(t, other, 'program_admin')).browser;
      assert.equal((await ask(otherAdmin, query)).statusCode, 404, 'nor is this one from there');
    });

    test('reading the report writes nothing', async () => {
      const tables = ['sales_days', 'sales_seller_months', 'sales_customers', 'sales_customer_months', 'orders'] as const;
      const before = await rowCounts(t.database.db, tenant.id, tables);
      await reportOf(admin);
      assert.equal((await admin.get(`/api/admin/programs/${programId}/reports/sales?from=x&to=y`)).statusCode, 400);
      assert.deepEqual(await rowCounts(t.database.db, tenant.id, tables), before);
    });
  });
}
