import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { newId } from '../../shared/ids.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeMarket, makeTenant } from '../../test/factories.ts';
import { verifyAuditChain } from '../audit/service.ts';
import { FULL_CHECKLIST, makeBuyer, makeProgram, makeStaffBrowser, queuedTexts, traderBody, umkmBody } from './test-fixtures.ts';

type Browser = Awaited<ReturnType<typeof makeBuyer>>['browser'];

for (const engine of engines()) {
  describe(`seller curation on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;
    let admin: Browser;

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      programId = await makeProgram(t.database.db, tenant.id);
      admin = (await makeStaffBrowser(t, tenant)).browser;
    });
    after(() => t.close());

    async function apply(overrides: Record<string, unknown> = {}) {
      const buyer = await makeBuyer(t, tenant);
      const response = await buyer.browser.post('/api/sellers/applications', umkmBody(programId, overrides));
      assert.equal(response.statusCode, 201, response.body);
      return { ...buyer, sellerId: response.json().seller.id as string };
    }
    const decide = (sellerId: string, body: Record<string, unknown>) => admin.post(`/api/admin/sellers/${sellerId}/decisions`, body);

    test('request changes, resubmit, approve, suspend, reinstate: each audited and told to the seller', async () => {
      const { user, browser, sellerId } = await apply();

      const queue = (await admin.get('/api/admin/sellers?status=submitted')).json();
      assert.ok(queue.sellers.some((s: { id: string }) => s.id === sellerId));

      const noReason = await decide(sellerId, { action: 'request_changes' });
      assert.equal(noReason.statusCode, 400);
      assert.equal(noReason.json().error.details[0].field, 'reason');

      const changes = await decide(sellerId, { action: 'request_changes', reason: 'Foto kemasan buram, unggah ulang.' });
      assert.equal(changes.statusCode, 200, changes.body);
      assert.equal(changes.json().seller.status, 'changes_requested');
      const mine = (await browser.get('/api/me/sellers')).json().sellers[0];
      assert.equal(mine.lastReason, 'Foto kemasan buram, unggah ulang.');
      assert.match(
        (await queuedTexts(t.database.db, tenant.id, user.phone)).join('\n'),
        /Catatan petugas: Foto kemasan buram, unggah ulang\./,
      );

      const fixed = await browser.patch(`/api/me/sellers/${sellerId}`, umkmBody(programId, { businessName: 'Keripik Tempe Yuni' }));
      assert.equal(fixed.statusCode, 200, fixed.body);
      assert.equal(fixed.json().seller.status, 'submitted');
      assert.equal(fixed.json().seller.businessName, 'Keripik Tempe Yuni');

      const incomplete = await decide(sellerId, { action: 'approve', checklist: { ...FULL_CHECKLIST, certificates: false } });
      assert.equal(incomplete.statusCode, 400);
      assert.deepEqual(incomplete.json().error.details[0], {
        field: 'checklist',
        code: 'checklist_incomplete',
        message: 'Centang semua butir kurasi sebelum menyetujui.',
      });

      const approved = await decide(sellerId, { action: 'approve', checklist: FULL_CHECKLIST });
      assert.equal(approved.json().seller.status, 'approved');
      assert.deepEqual((await browser.get('/api/session')).json().roles, ['buyer', 'seller']);

      assert.equal((await decide(sellerId, { action: 'suspend', reason: 'Stok kosong sebulan.' })).json().seller.status, 'suspended');
      const reinstated = (await decide(sellerId, { action: 'reinstate' })).json();
      assert.equal(reinstated.seller.status, 'approved');
      assert.deepEqual(
        reinstated.events.map((e: { fromStatus: string | null; toStatus: string }) => `${e.fromStatus}->${e.toStatus}`),
        [
          'null->submitted',
          'submitted->changes_requested',
          'changes_requested->submitted',
          'submitted->approved',
          'approved->suspended',
          'suspended->approved',
        ],
      );
      assert.deepEqual(reinstated.events[3].checklist, FULL_CHECKLIST);
      assert.deepEqual(reinstated.checklist, ['quality', 'stock_availability', 'packaging_label', 'certificates']);
      const checklists = (await admin.get('/api/admin/curation/checklists')).json().checklists;
      assert.deepEqual(checklists[programId], reinstated.checklist);

      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('tenant_id', '=', tenant.id)
        .where('entity_id', '=', sellerId)
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['seller.apply', 'seller.request_changes', 'seller.resubmit', 'seller.approve', 'seller.suspend', 'seller.reinstate'],
      );
      assert.equal((await verifyAuditChain(t.database.db, tenant.id)).ok, true);
      const texts = (await queuedTexts(t.database.db, tenant.id, user.phone)).join('\n');
      assert.match(texts, /Selamat, pendaftaran Keripik Tempe Yuni di Tuka-Tuku disetujui/);
      assert.match(texts, /dihentikan sementara\.\nAlasan: Stok kosong sebulan\./);
      assert.match(texts, /aktif kembali/);
    });

    test('reject with a reason is final; steps outside the table are refused with 409', async () => {
      const { user, browser, sellerId } = await apply();
      assert.equal((await decide(sellerId, { action: 'reinstate' })).statusCode, 409);
      const rejected = await decide(sellerId, { action: 'reject', reason: 'Usaha berada di luar daerah.' });
      assert.equal(rejected.json().seller.status, 'rejected');
      assert.match((await queuedTexts(t.database.db, tenant.id, user.phone)).join('\n'), /Alasan: Usaha berada di luar daerah\./);
      for (const action of ['approve', 'reject', 'request_changes', 'suspend', 'reinstate']) {
        const response = await decide(sellerId, { action, reason: 'x', checklist: FULL_CHECKLIST });
        assert.equal(response.statusCode, 409, action);
        assert.equal(response.json().error.code, 'invalid_transition');
      }
      // Resubmitting is only for requested changes, and the refused edit is not saved.
      const edit = await browser.patch(`/api/me/sellers/${sellerId}`, umkmBody(programId, { businessName: 'Nama Baru' }));
      assert.equal(edit.statusCode, 409);
      const row = await t.database.db
        .selectFrom('sellers')
        .select(['business_name', 'status'])
        .where('id', '=', sellerId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { business_name: 'Keripik Tempe Mbak Yuni', status: 'rejected' });
    });

    test('a resubmission keeps its kind and program', async () => {
      const { browser, sellerId } = await apply();
      await decide(sellerId, { action: 'request_changes', reason: 'Lengkapi NIB.' });
      const market = await makeMarket(t.database.db, tenant.id);
      const kind = await browser.patch(`/api/me/sellers/${sellerId}`, traderBody(programId, market.id));
      assert.deepEqual(kind.json().error.details[0], {
        field: 'kind',
        code: 'cannot_change',
        message: 'Tidak dapat diubah setelah mendaftar.',
      });
      const other = await makeProgram(t.database.db, tenant.id);
      const program = await browser.patch(`/api/me/sellers/${sellerId}`, umkmBody(other));
      assert.equal(program.json().error.details[0].field, 'programId');
    });

    test('only program admins curate; other tenants see nothing', async () => {
      const { browser: applicant, sellerId } = await apply();
      const cs = (await makeStaffBrowser(t, tenant, 'cs_agent')).browser;
      assert.equal((await cs.get('/api/admin/sellers')).statusCode, 403);
      assert.equal((await cs.post(`/api/admin/sellers/${sellerId}/decisions`, { action: 'reject', reason: 'x' })).statusCode, 403);
      assert.equal((await applicant.get(`/api/admin/sellers/${sellerId}`)).statusCode, 403);

      const elsewhere = await makeTenant(t.database.db);
      const theirAdmin = (await makeStaffBrowser(t, elsewhere)).browser;
      assert.equal((await theirAdmin.get(`/api/admin/sellers/${sellerId}`)).statusCode, 404);
      const decision = await theirAdmin.post(`/api/admin/sellers/${sellerId}/decisions`, { action: 'approve', checklist: FULL_CHECKLIST });
      assert.equal(decision.statusCode, 404);
      assert.deepEqual((await theirAdmin.get('/api/admin/sellers')).json().sellers, []);
      // Nor can another person resubmit someone's application.
      const stranger = (await makeBuyer(t, tenant)).browser;
      await decide(sellerId, { action: 'request_changes', reason: 'Perbaiki alamat.' });
      assert.equal((await stranger.patch(`/api/me/sellers/${sellerId}`, umkmBody(programId))).statusCode, 404);
      const row = await t.database.db.selectFrom('sellers').select('status').where('id', '=', sellerId).executeTakeFirstOrThrow();
      assert.equal(row.status, 'changes_requested');
    });

    test('the queue pages oldest first and filters by program and status', async () => {
      const busy = await makeTenant(t.database.db);
      const program = await makeProgram(t.database.db, busy.id);
      const market = await makeMarket(t.database.db, busy.id);
      // 52 traders registered a second apart, inserted in shuffled order.
      const ids = Array.from({ length: 52 }, (_, i) => ({ id: newId('slr'), at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) }));
      const shuffled = [...ids].sort((a, b) => a.id.localeCompare(b.id));
      await t.database.db
        .insertInto('sellers')
        .values(
          shuffled.map(({ id, at }) => ({
            tenant_id: busy.id,
            id,
            program_id: program,
            kind: 'trader' as const,
            status: 'submitted' as const,
            business_name: `Lapak ${id}`,
            owner_name: 'Pedagang',
            market_id: market.id,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
      const busyAdmin = (await makeStaffBrowser(t, busy)).browser;
      const first = (await busyAdmin.get(`/api/admin/sellers?program=${program}`)).json();
      assert.equal(first.sellers.length, 50);
      const second = (await busyAdmin.get(`/api/admin/sellers?program=${program}&cursor=${first.nextCursor}`)).json();
      assert.equal(second.nextCursor, null);
      assert.deepEqual(
        [...first.sellers, ...second.sellers].map((s: { id: string }) => s.id),
        ids.map((s) => s.id),
      );
      assert.deepEqual((await busyAdmin.get('/api/admin/sellers?status=approved')).json().sellers, []);
      const bad = await busyAdmin.get('/api/admin/sellers?cursor=rusak');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.details[0].field, 'cursor');
    });
  });
}
