import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');
const NAME = /^\d{8}_\d{4}_[a-z0-9_]+\.sql$/;
/** Any constant: serialises migrators of several app nodes starting at once. */
const LOCK_KEY = 7_301_122;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export function listMigrations(): string[] {
  const names = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'));
  for (const name of names) {
    if (!NAME.test(name)) throw new Error(`Migration file name ${name} must look like 20261122_0001_what.sql`);
  }
  return names.sort();
}

/** Applies pending forward-only SQL migrations, each in its own transaction. */
export async function migrate(database: Database): Promise<MigrationResult> {
  const all = listMigrations();
  return database.withSession(async (run) => {
    await run(`SELECT pg_advisory_lock(${LOCK_KEY})`);
    try {
      await run(`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = new Set((await run('SELECT name FROM schema_migrations')).map((r) => String(r.name)));
      const applied: string[] = [];
      for (const name of all) {
        if (done.has(name)) continue;
        const body = fs.readFileSync(path.join(MIGRATIONS_DIR, name), 'utf8');
        try {
          await run(`BEGIN;\n${body}\n;\nINSERT INTO schema_migrations (name) VALUES ('${name}');\nCOMMIT;`);
        } catch (error) {
          await run('ROLLBACK');
          throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(name);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await run(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
    }
  });
}
