import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { engines, freshDatabase } from '../test/databases.ts';
import { listMigrations, migrate } from './migrate.ts';

for (const engine of engines()) {
  describe(`migrations on ${engine}`, () => {
    test('a migrated database has every migration recorded and migrating again changes nothing', async () => {
      const database = await freshDatabase(engine);
      try {
        const again = await migrate(database);
        assert.deepEqual(again.applied, []);
        assert.equal(again.alreadyApplied, listMigrations().length);
        const tables = await sql<{ table_name: string }>`
          SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(database.db);
        const names = tables.rows.map((r) => r.table_name);
        for (const table of [
          'tenants',
          'domains',
          'programs',
          'markets',
          'users',
          'memberships',
          'sessions',
          'otp_codes',
          'outbox',
          'audit_log',
        ]) {
          assert.ok(names.includes(table), `missing ${table}`);
        }
      } finally {
        await database.close();
      }
    });

    test('int8 reads as bigint and date as YYYY-MM-DD on both engines', async () => {
      const database = await freshDatabase(engine);
      try {
        const { rows } = await sql<{ n: bigint }>`SELECT 9007199254740993::int8 AS n`.execute(database.db);
        assert.equal(rows[0]?.n, 9007199254740993n);
        const dates = await sql<{ d: unknown }>`SELECT '2026-11-22'::date AS d`.execute(database.db);
        assert.equal(dates.rows[0]?.d, '2026-11-22');
      } finally {
        await database.close();
      }
    });
  });
}
