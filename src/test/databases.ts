import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, fromPGlite, openPGlite, openPostgres, PGLITE_OPTIONS } from '../db/database.ts';
import { listMigrations, migrate } from '../db/migrate.ts';

export type Engine = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a server (CI sets it). */
export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

const MIGRATIONS_DIR = path.join(import.meta.dirname, '..', 'db', 'migrations');
const CACHE_DIR = path.join(import.meta.dirname, '..', '..', '.tmp');

/** Changes whenever a migration changes, so a stale template is never reused. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const name of listMigrations()) hash.update(name).update(fs.readFileSync(path.join(MIGRATIONS_DIR, name)));
  return hash.digest('hex').slice(0, 12);
}

let pgliteTemplate: Promise<Blob> | null = null;

/** A migrated PGlite data dir, dumped once and cached on disk across test files. */
function loadPGliteTemplate(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const file = path.join(CACHE_DIR, `pglite-template-${migrationsHash()}.tar`);
    if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
    const pglite = await PGlite.create(PGLITE_OPTIONS);
    await migrate(fromPGlite(pglite));
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // Write then rename: parallel test files never read a half-written template.
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
    return dump;
  })();
  return pgliteTemplate;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

let postgresTemplate: Promise<string> | null = null;

/** A migrated template database on the server; CREATE DATABASE … TEMPLATE copies it in milliseconds. */
function ensurePostgresTemplate(): Promise<string> {
  postgresTemplate ??= (async () => {
    const name = `lokapasar_tpl_${migrationsHash()}`;
    const client = new pg.Client({ connectionString: adminUrl() });
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock(4242)');
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) {
        // Build under a temporary name and rename when complete: a crash never leaves a half-migrated template.
        const building = `${name}_building_${process.pid}`;
        await client.query(`CREATE DATABASE ${building}`);
        const database = openPostgres(withDatabaseName(adminUrl(), building), { max: 1 });
        try {
          await migrate(database);
        } finally {
          await database.close();
        }
        // The closed pool's server processes may take a moment to exit.
        for (let attempt = 1; ; attempt++) {
          try {
            await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
            break;
          } catch (error) {
            if (attempt >= 50) throw error;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      }
    } finally {
      await client.end();
    }
    return name;
  })();
  return postgresTemplate;
}

/** A fresh, migrated, empty database of the given engine; `close()` throws it away. */
export async function freshDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') return openPGlite({ loadDataDir: await loadPGliteTemplate() });
  const template = await ensurePostgresTemplate();
  const name = `lokapasar_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    // PostgreSQL refuses to copy a template that another CREATE DATABASE is copying: take turns.
    await admin.query('SELECT pg_advisory_lock(4243)');
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const database = openPostgres(withDatabaseName(adminUrl(), name), { max: 20 });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: adminUrl() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
