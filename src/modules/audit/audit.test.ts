import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { engines, freshDatabase } from '../../test/databases.ts';
import { makeTenant } from '../../test/factories.ts';
import { recordAudit, verifyAuditChain } from './service.ts';

for (const engine of engines()) {
  describe(`audit log on ${engine}`, () => {
    test('rows chain by hash, cannot be updated or deleted, and tampering is detected', async () => {
      const database = await freshDatabase(engine);
      const { db } = database;
      try {
        const tenant = await makeTenant(db);
        for (const action of ['market.create', 'market.update']) {
          await recordAudit(db, {
            tenantId: tenant.id,
            actorUserId: null,
            actorLabel: 'test',
            action,
            entityType: 'market',
            entityId: 'mkt_1',
            data: { name: 'Pasar Segamas' },
          });
        }
        const verified = await verifyAuditChain(db, tenant.id);
        assert.deepEqual({ ok: verified.ok, rows: verified.rows }, { ok: true, rows: 4 });
        const actions = await db.selectFrom('audit_log').select('action').where('tenant_id', '=', tenant.id).orderBy('seq').execute();
        // Creating a regency records itself and its admin invite.
        assert.deepEqual(
          actions.map((a) => a.action),
          ['tenant.create', 'invite.create', 'market.create', 'market.update'],
        );

        await assert.rejects(sql`UPDATE audit_log SET action = 'x' WHERE tenant_id = ${tenant.id}`.execute(db), /append-only/);
        await assert.rejects(sql`DELETE FROM audit_log WHERE tenant_id = ${tenant.id}`.execute(db), /append-only/);

        // Someone with superuser rights edits history behind the trigger's back.
        await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
        await sql`UPDATE audit_log SET data = '{"name":"Pasar Palsu"}' WHERE tenant_id = ${tenant.id} AND seq = 3`.execute(db);
        const broken = await verifyAuditChain(db, tenant.id);
        assert.equal(broken.ok, false);
        assert.equal(broken.firstBadSeq, '3');
      } finally {
        await database.close();
      }
    });
  });
}
