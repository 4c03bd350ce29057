import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { client, type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeMarket, makeTenant, uniquePhone } from '../../test/factories.ts';
import {
  FULL_CHECKLIST,
  makeBuyer,
  makePhoto,
  makeProgram,
  makeStaffBrowser,
  queuedTexts,
  rowCounts,
  traderBody,
  umkmBody,
} from './test-fixtures.ts';

const fieldsOf = (body: { error: { details: { field: string; code: string }[] } }) =>
  Object.fromEntries(body.error.details.map((d) => [d.field, d.code]));

for (const engine of engines()) {
  describe(`seller applications on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;
    let marketId: string;

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db, { name: 'Kabupaten Purbalingga' });
      programId = await makeProgram(t.database.db, tenant.id);
      marketId = (await makeMarket(t.database.db, tenant.id, 'Pasar Segamas')).id;
    });
    after(() => t.close());

    test('a buyer applies as a UMKM; the application is recorded, audited and acknowledged', async () => {
      const { user, browser } = await makeBuyer(t, tenant);
      const photo = await makePhoto(t.database.db, tenant.id);
      const response = await browser.post('/api/sellers/applications', umkmBody(programId, { photoIds: [photo] }));
      assert.equal(response.statusCode, 201, response.body);
      const seller = response.json().seller;
      assert.equal(seller.status, 'submitted');
      assert.equal(seller.userId, user.id);
      assert.equal(seller.phone, user.phone);
      assert.equal(seller.nik, '3303054101850001');
      // The old 15-digit NPWP gains a leading 0.
      assert.equal(seller.npwp, '0012345678901000');
      assert.equal(seller.areaName, 'Bojong');
      assert.deepEqual(seller.payout, { method: 'bank', provider: 'BRI', account: '012301000123501', name: 'Sri Wahyuni' });
      assert.deepEqual(seller.photoIds, [photo]);

      const mine = (await browser.get('/api/me/sellers')).json();
      assert.deepEqual(
        mine.sellers.map((s: { id: string; status: string }) => [s.id, s.status]),
        [[seller.id, 'submitted']],
      );
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_user_id', 'data'])
        .where('tenant_id', '=', tenant.id)
        .where('entity_id', '=', seller.id)
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor_user_id]),
        [['seller.apply', user.id]],
      );
      assert.ok(!JSON.stringify(audit[0]?.data).includes('3303054101850001'), 'no NIK in the permanent audit log');
      const texts = await queuedTexts(t.database.db, tenant.id, user.phone);
      assert.match(texts[0] ?? '', /pendaftaran Keripik Tempe Mbak Yuni di Tuka-Tuku sudah kami terima/);
    });

    test('a trader applies with an e-wallet payout; one application per person and program', async () => {
      const { browser } = await makeBuyer(t, tenant, 'Sri');
      const body = traderBody(programId, marketId, {
        payout: { method: 'ewallet', provider: 'DANA', account: '0812-2761-1117', name: 'Sri' },
      });
      const response = await browser.post('/api/sellers/applications', body);
      assert.equal(response.statusCode, 201, response.body);
      const seller = response.json().seller;
      assert.equal(seller.marketName, 'Pasar Segamas');
      assert.equal(seller.payout.account, '+6281227611117');
      const again = await browser.post('/api/sellers/applications', body);
      assert.equal(again.statusCode, 400);
      assert.deepEqual(fieldsOf(again.json()), { programId: 'already_applied' });
    });

    test('bad input: field-level 400s in the caller language, and nothing written', async () => {
      const { browser } = await makeBuyer(t, tenant);
      const before = await rowCounts(t.database.db, tenant.id);
      const expectFields = async (body: unknown, fields: Record<string, string>) => {
        const response = await browser.post('/api/sellers/applications', body);
        assert.equal(response.statusCode, 400, response.body);
        assert.deepEqual(fieldsOf(response.json()), fields);
        return response.json().error.details as { field: string; message: string }[];
      };
      const nik = await expectFields(umkmBody(programId, { nik: '330305410185000' }), { nik: 'invalid_nik' });
      assert.equal(nik[0]?.message, 'NIK terdiri dari 16 angka.');
      await expectFields(umkmBody(programId, { nib: '123456789012', npwp: '12345678901234' }), {
        nib: 'invalid_nib',
        npwp: 'invalid_npwp',
      });
      await expectFields(umkmBody(programId, { categorySlug: 'narkoba' }), { categorySlug: 'unknown_category' });
      await expectFields(umkmBody(programId, { areaCode: '33.03' }), { areaCode: 'village_code' });
      await expectFields(umkmBody(programId, { areaCode: '33.03.05.9999' }), { areaCode: 'unknown_area' });
      const outside = await expectFields(umkmBody(programId, { areaCode: '35.09.19.1006' }), { areaCode: 'area_outside_regency' });
      assert.equal(outside[0]?.message, 'Wilayah ini di luar Kabupaten Purbalingga.');
      await expectFields(traderBody(programId, 'mkt_tidakada'), { marketId: 'unknown_market' });
      await expectFields(traderBody('prg_tidakada', 'mkt_tidakada'), { programId: 'unknown_program', marketId: 'unknown_market' });
      await expectFields(umkmBody(programId, { photoIds: ['med_bukanfotokita'] }), { photoIds: 'unknown_media' });
      await expectFields(umkmBody(programId, { kind: 'pabrik' }), { kind: 'invalid_value' });
      await expectFields(umkmBody(programId, { payout: { method: 'bank', provider: 'BRI', account: '12', name: 'Sri' } }), {
        'payout.account': 'invalid_account_number',
      });
      await expectFields(umkmBody(programId, { payout: { method: 'ewallet', provider: 'OVO', account: '0281891234', name: 'Sri' } }), {
        'payout.account': 'invalid_phone',
      });

      const english = client(t.app, `${tenant.slug}.localhost`, 'en');
      english.jar.set('lp_session', browser.jar.get('lp_session') as string);
      english.jar.set('lp_csrf', browser.jar.get('lp_csrf') as string);
      const en = await english.post('/api/sellers/applications', umkmBody(programId, { nik: '12' }));
      assert.equal(en.json().error.details[0].message, 'The NIK (national ID number) has 16 digits.');

      assert.deepEqual(await rowCounts(t.database.db, tenant.id), before);
    });

    test('signing in comes first', async () => {
      const response = await client(t.app, `${tenant.slug}.localhost`).post('/api/sellers/applications', umkmBody(programId));
      assert.equal(response.statusCode, 401);
      assert.equal((await client(t.app, `${tenant.slug}.localhost`).get('/api/me/sellers')).statusCode, 401);
    });

    test('customer service registers a trader without a phone: it waits in the queue', async () => {
      const { user: cs, browser } = await makeStaffBrowser(t, tenant, 'cs_agent');
      const response = await browser.post(
        '/api/admin/sellers',
        traderBody(programId, marketId, { businessName: 'Sayur Pak Darto', checklist: FULL_CHECKLIST }),
      );
      assert.equal(response.statusCode, 201, response.body);
      const seller = response.json().seller;
      // Only a program admin may admit at once.
      assert.equal(seller.status, 'submitted');
      assert.equal(seller.userId, null);
      assert.equal(seller.registeredBy, cs.id);
    });

    test('a program admin who ticks the checklist admits a trader at once, creating their account', async () => {
      const { user: admin, browser } = await makeStaffBrowser(t, tenant);
      const phone = uniquePhone();
      const local = `0${phone.slice(3)}`;
      const response = await browser.post(
        '/api/admin/sellers',
        traderBody(programId, marketId, { phone: local, checklist: FULL_CHECKLIST }),
      );
      assert.equal(response.statusCode, 201, response.body);
      const seller = response.json().seller;
      assert.equal(seller.status, 'approved');
      assert.equal(seller.phone, phone);
      assert.equal(seller.registeredBy, admin.id);
      const roles = await t.database.db
        .selectFrom('memberships')
        .select('role')
        .where('tenant_id', '=', tenant.id)
        .where('user_id', '=', seller.userId)
        .execute();
      assert.deepEqual(
        roles.map((r) => r.role),
        ['seller'],
      );
      const texts = await queuedTexts(t.database.db, tenant.id, phone);
      assert.equal(texts.length, 1);
      assert.match(texts[0] ?? '', /^Selamat, pendaftaran Bumbu Bu Sri di Tuka-Tuku disetujui/);

      const twice = await browser.post('/api/admin/sellers', traderBody(programId, marketId, { phone }));
      assert.deepEqual(fieldsOf(twice.json()), { phone: 'already_applied' });

      const partly = await browser.post(
        '/api/admin/sellers',
        traderBody(programId, marketId, { phone: uniquePhone(), checklist: { ...FULL_CHECKLIST, packaging_label: false } }),
      );
      assert.equal(partly.json().seller.status, 'submitted');
    });

    test('buyers cannot register traders for others', async () => {
      const { browser } = await makeBuyer(t, tenant);
      assert.equal((await browser.post('/api/admin/sellers', traderBody(programId, marketId))).statusCode, 403);
    });

    test('area pickers list districts of the regency and villages of a district', async () => {
      const browser = client(t.app, `${tenant.slug}.localhost`);
      const districts = (await browser.get('/api/areas')).json().areas;
      assert.equal(districts.length, 18);
      assert.deepEqual(districts[4], { code: '33.03.05', name: 'Purbalingga' });
      const villages = (await browser.get('/api/areas?parent=33.03.05')).json().areas;
      assert.deepEqual(villages[0], { code: '33.03.05.1001', name: 'Bojong' });
      assert.equal((await browser.get('/api/areas?parent=35.09')).statusCode, 400);
    });
  });
}
