import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { client, signInCodeFor, type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeMarket, makeStaff, makeTenant, uniquePhone } from '../../test/factories.ts';
import { verifyAuditChain } from '../audit/service.ts';
import { makeProgram } from '../sellers/test-fixtures.ts';

const segamas = {
  name: 'Pasar Segamas',
  kind: 'traditional_market',
  address: 'Jl. Jenderal Sudirman',
  areaCode: '33.03.05',
  lat: -7.3886,
  lng: 109.3637,
  hours: 'Setiap hari 04.00–14.00',
};

for (const engine of engines()) {
  describe(`tenancy on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;

    before(async () => {
      t = await testApp(engine, { DEFAULT_TENANT: 'purbalingga', BASE_DOMAIN: 'lokapasar.id' });
      tenant = await makeTenant(t.database.db, { slug: 'purbalingga', domains: ['jujagjujug.purbalinggakab.go.id'] });
      await makeTenant(t.database.db, { slug: 'jember' });
    });
    after(() => t.close());

    const tenantOf = async (host: string) => {
      const response = await t.app.inject({ method: 'GET', url: '/api/tenant', headers: { host } });
      return response.statusCode === 200 ? response.json().tenant.slug : response.statusCode;
    };

    test('the tenant comes from the host: mapping, subdomain, then the default', async () => {
      assert.equal(await tenantOf('jujagjujug.purbalinggakab.go.id'), 'purbalingga');
      assert.equal(await tenantOf('JUJAGJUJUG.purbalinggakab.go.id:443'), 'purbalingga');
      assert.equal(await tenantOf('jember.lokapasar.id'), 'jember');
      assert.equal(await tenantOf('jember.localhost:3000'), 'jember');
      assert.equal(await tenantOf('localhost:3000'), 'purbalingga');
      assert.equal(await tenantOf('lokapasar.id'), 'purbalingga');
    });

    test('an unknown regency host is a clear 404, not the default', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/tenant', headers: { host: 'brebes.lokapasar.id' } });
      assert.equal(response.statusCode, 404);
      assert.deepEqual(response.json().error, {
        code: 'tenant_not_found',
        message: 'Tidak ada pasar daring untuk alamat brebes.lokapasar.id.',
        details: [],
      });
    });

    test('the home page data lists active programs and markets of this tenant only', async () => {
      await makeMarket(t.database.db, tenant.id, 'Pasar Bobotsari');
      const response = await client(t.app, 'purbalingga.localhost').get('/api/tenant');
      const body = response.json();
      assert.equal(body.tenant.areaCode, '33.03');
      assert.deepEqual(
        body.markets.map((m: { name: string }) => m.name),
        ['Pasar Bobotsari'],
      );
      const jember = (await client(t.app, 'jember.localhost').get('/api/tenant')).json();
      assert.deepEqual(jember.markets, []);
    });

    test('the public program info tells checkout whether titip belanja is offered, and its cap', async () => {
      const programId = await makeProgram(t.database.db, tenant.id);
      const pick = ({ titipEnabled, titipMaxCap }: { titipEnabled: boolean; titipMaxCap: number }) => ({ titipEnabled, titipMaxCap });
      const publicProgram = async () =>
        (await client(t.app, 'purbalingga.localhost').get('/api/tenant')).json().programs.find((p: { id: string }) => p.id === programId);
      // Off until the program admin turns it on (the delivery settings page).
      assert.deepEqual(pick(await publicProgram()), { titipEnabled: false, titipMaxCap: 200_000 });
      await t.database.db
        .updateTable('programs')
        .set({ titip_enabled: true, titip_max_cap: 150_000 })
        .where('id', '=', programId)
        .execute();
      assert.deepEqual(pick(await publicProgram()), { titipEnabled: true, titipMaxCap: 150_000 });
    });

    test('only program admins of this tenant manage markets', async () => {
      const anonymous = await client(t.app, 'purbalingga.localhost').get('/api/admin/markets');
      assert.equal(anonymous.statusCode, 401);

      const buyer = client(t.app, 'purbalingga.localhost');
      const phone = uniquePhone();
      await buyer.post('/api/auth/code/request', { phone });
      const code = await signInCodeFor(t.app, buyer, phone);
      await buyer.post('/api/auth/code/verify', { phone, code });
      assert.equal((await buyer.get('/api/admin/markets')).statusCode, 403);
      assert.equal((await buyer.post('/api/admin/markets', segamas)).statusCode, 403);

      const jemberAdmin = await makeStaff(t.database.db, (await makeTenant(t.database.db)).id, 'program_admin');
      const stranger = client(t.app, 'purbalingga.localhost');
      assert.equal(
        (await stranger.post('/api/auth/password', { phone: jemberAdmin.phone, password: jemberAdmin.password })).statusCode,
        403,
      );
    });

    test('an admin adds and edits a market; each change is in the audit log', async () => {
      const admin = await makeStaff(t.database.db, tenant.id, 'program_admin');
      const browser = client(t.app, 'purbalingga.localhost');
      await browser.post('/api/auth/password', { phone: admin.phone, password: admin.password });

      const created = await browser.post('/api/admin/markets', segamas);
      assert.equal(created.statusCode, 201, created.body);
      const market = created.json().market;
      assert.equal(market.lat, -7.3886);

      const duplicate = await browser.post('/api/admin/markets', segamas);
      assert.equal(duplicate.statusCode, 400);
      assert.deepEqual(duplicate.json().error.details, [{ field: 'name', code: 'duplicate_name', message: 'Nama ini sudah dipakai.' }]);

      const edited = await browser.patch(`/api/admin/markets/${market.id}`, { hours: 'Setiap hari 03.00–13.00', active: false });
      assert.equal(edited.json().market.hours, 'Setiap hari 03.00–13.00');
      // What the PATCH left out stays as it was.
      const { hours: _hours, active: _active, ...untouched } = edited.json().market;
      const { hours: _before, active: _wasActive, ...before } = market;
      assert.deepEqual(untouched, before);
      const listed = (await browser.get('/api/admin/markets')).json().markets;
      assert.ok(listed.some((m: { id: string; active: boolean }) => m.id === market.id && !m.active));

      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_user_id', 'entity_id'])
        .where('tenant_id', '=', tenant.id)
        .where('entity_type', '=', 'market')
        .orderBy('seq')
        .execute();
      assert.deepEqual(audit, [
        { action: 'market.create', actor_user_id: admin.id, entity_id: market.id },
        { action: 'market.update', actor_user_id: admin.id, entity_id: market.id },
      ]);
      assert.equal((await verifyAuditChain(t.database.db, tenant.id)).ok, true);
    });

    test('bad market input: field-level 400 and nothing written', async () => {
      const admin = await makeStaff(t.database.db, tenant.id, 'program_admin');
      const browser = client(t.app, 'purbalingga.localhost', 'en');
      await browser.post('/api/auth/password', { phone: admin.phone, password: admin.password });
      const before = (await browser.get('/api/admin/markets')).json().markets.length;
      const response = await browser.post('/api/admin/markets', { name: 'P', kind: 'mall', areaCode: '3303', lat: 123, extra: 1 });
      assert.equal(response.statusCode, 400);
      const fields = Object.fromEntries(response.json().error.details.map((d: { field: string; code: string }) => [d.field, d.code]));
      assert.deepEqual(fields, {
        name: 'too_short',
        kind: 'invalid_value',
        areaCode: 'invalid_area_code',
        lat: 'too_big',
        extra: 'unknown_field',
      });
      assert.equal((await browser.get('/api/admin/markets')).json().markets.length, before);
    });

    test('a market of another tenant cannot be touched', async () => {
      const jember = await makeTenant(t.database.db);
      const theirs = await makeMarket(t.database.db, jember.id, 'Pasar Tanjung');
      const admin = await makeStaff(t.database.db, tenant.id, 'program_admin');
      const browser = client(t.app, 'purbalingga.localhost');
      await browser.post('/api/auth/password', { phone: admin.phone, password: admin.password });
      const response = await browser.patch(`/api/admin/markets/${theirs.id}`, { name: 'Dibajak' });
      assert.equal(response.statusCode, 404);
      const row = await t.database.db.selectFrom('markets').select('name').where('id', '=', theirs.id).executeTakeFirstOrThrow();
      assert.equal(row.name, 'Pasar Tanjung');
    });

    test('cookie-authenticated writes need the CSRF token', async () => {
      const admin = await makeStaff(t.database.db, tenant.id, 'program_admin');
      const browser = client(t.app, 'purbalingga.localhost');
      await browser.post('/api/auth/password', { phone: admin.phone, password: admin.password });
      const forged = await browser.post('/api/admin/markets', { ...segamas, name: 'Pasar Palsu' }, { 'x-csrf-token': 'tebakan' });
      assert.equal(forged.statusCode, 403);
      assert.equal(forged.json().error.code, 'csrf_failed');
      const missing = await t.app.inject({
        method: 'POST',
        url: '/api/admin/markets',
        payload: { ...segamas, name: 'Pasar Palsu' },
        headers: { host: 'purbalingga.localhost', cookie: `lp_session=${browser.jar.get('lp_session')}` },
      });
      assert.equal(missing.statusCode, 403);
    });
  });
}
