import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { addDays, todayIn } from '../../shared/dates.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeTenant } from '../../test/factories.ts';
import { makeBuyer, makePhoto, makeProgram, makeStaffBrowser, umkmBody } from './test-fixtures.ts';

test('today is the regency calendar day, not the server one', () => {
  // 18:30 UTC is already the next day in Jakarta (UTC+7) and Jayapura (UTC+9).
  const evening = new Date('2026-03-31T18:30:00Z');
  assert.equal(todayIn('Asia/Jakarta', evening), '2026-04-01');
  assert.equal(todayIn('UTC', evening), '2026-03-31');
  assert.equal(addDays('2026-02-27', 2), '2026-03-01');
});

for (const engine of engines()) {
  describe(`seller certificates on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;
    let admin: Awaited<ReturnType<typeof makeStaffBrowser>>['browser'];
    const today = () => todayIn(tenant.timeZone);

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      programId = await makeProgram(t.database.db, tenant.id);
      admin = (await makeStaffBrowser(t, tenant)).browser;
    });
    after(() => t.close());

    async function applicant(name: string) {
      const buyer = await makeBuyer(t, tenant);
      const response = await buyer.browser.post('/api/sellers/applications', umkmBody(programId, { businessName: name }));
      return { ...buyer, sellerId: response.json().seller.id as string };
    }

    test('expiring and expired certificates are listed soonest first, before they expire', async () => {
      const { browser, sellerId } = await applicant('Nopia Bu Tini');
      const photo = await makePhoto(t.database.db, tenant.id);
      const add = (body: Record<string, unknown>, who = browser) => who.post(`/api/sellers/${sellerId}/certificates`, body);

      const pirt = await add({ kind: 'pirt', number: 'P-IRT 2063303010123-27', expiresOn: addDays(today(), 10), photoId: photo });
      assert.equal(pirt.statusCode, 201, pirt.body);
      assert.equal(pirt.json().certificate.daysLeft, 10);
      assert.equal((await add({ kind: 'halal', number: 'ID33110000123', expiresOn: addDays(today(), 90) })).statusCode, 201);
      // Program admins may record certificates they checked themselves.
      assert.equal((await add({ kind: 'bpom', number: 'MD 123', expiresOn: addDays(today(), -5) }, admin)).statusCode, 201);
      assert.equal((await add({ kind: 'other', number: 'Sertifikat pelatihan' })).statusCode, 201);

      const { sellerId: rejected } = await applicant('Ditolak');
      await admin.post(`/api/sellers/${rejected}/certificates`, { kind: 'pirt', number: 'X', expiresOn: addDays(today(), 1) });
      await admin.post(`/api/admin/sellers/${rejected}/decisions`, { action: 'reject', reason: 'Bukan usaha lokal.' });

      const expiring = (await admin.get('/api/admin/certificates/expiring')).json().certificates;
      assert.deepEqual(
        expiring.map((c: { kind: string; daysLeft: number; businessName: string }) => [c.kind, c.daysLeft, c.businessName]),
        [
          ['bpom', -5, 'Nopia Bu Tini'],
          ['pirt', 10, 'Nopia Bu Tini'],
        ],
      );
      const longer = (await admin.get('/api/admin/certificates/expiring?days=120')).json().certificates;
      assert.deepEqual(
        longer.map((c: { kind: string }) => c.kind),
        ['bpom', 'pirt', 'halal'],
      );

      const detail = (await admin.get(`/api/admin/sellers/${sellerId}`)).json();
      assert.deepEqual(
        detail.certificates.map((c: { kind: string }) => c.kind),
        ['bpom', 'pirt', 'halal', 'other'],
      );
      const mine = (await browser.get('/api/me/sellers')).json();
      assert.equal(mine.certificates.length, 4);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('tenant_id', '=', tenant.id)
        .where('entity_id', '=', sellerId)
        .where('action', '=', 'seller.certificate.add')
        .execute();
      assert.equal(audit.length, 4);
    });

    test('bad certificates and strangers are refused', async () => {
      const { browser, sellerId } = await applicant('Batik Bu Ani');
      const badDate = await browser.post(`/api/sellers/${sellerId}/certificates`, {
        kind: 'halal',
        number: 'H-1',
        expiresOn: '2026-02-30',
      });
      assert.deepEqual(badDate.json().error.details[0], {
        field: 'expiresOn',
        code: 'invalid_date',
        message: 'Tanggal tidak valid. Gunakan format TTTT-BB-HH.',
      });
      const badPhoto = await browser.post(`/api/sellers/${sellerId}/certificates`, {
        kind: 'halal',
        number: 'H-1',
        photoId: 'med_orang_lain',
      });
      assert.equal(badPhoto.json().error.details[0].code, 'unknown_media');

      const stranger = (await makeBuyer(t, tenant)).browser;
      assert.equal((await stranger.post(`/api/sellers/${sellerId}/certificates`, { kind: 'halal', number: 'H-1' })).statusCode, 404);
      const elsewhere = await makeTenant(t.database.db);
      const theirAdmin = (await makeStaffBrowser(t, elsewhere)).browser;
      assert.equal((await theirAdmin.post(`/api/sellers/${sellerId}/certificates`, { kind: 'halal', number: 'H-1' })).statusCode, 404);
      assert.deepEqual((await theirAdmin.get('/api/admin/certificates/expiring?days=366')).json().certificates, []);
      const count = await t.database.db
        .selectFrom('seller_certificates')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('seller_id', '=', sellerId)
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0);
    });
  });
}
