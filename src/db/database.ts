import fs from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PGliteDialect, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** A use case runs on the database or inside a caller's transaction. */
export type Executor = Db | Tx;

/** Runs SQL text (several statements allowed) on one session; returns the last statement's rows. */
export type RunScript = (sqlText: string) => Promise<Record<string, unknown>[]>;

/**
 * One handle over either engine. Queries go through `db` (Kysely); `withSession`
 * gives one database session for multi-statement SQL, which migrations need.
 */
export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  withSession<T>(fn: (run: RunScript) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const INT8_OID = 20;
const DATE_OID = 1082;

/** int8 becomes bigint in both engines, so money can never silently lose precision. */
const parseInt8 = (value: string) => BigInt(value);
/** A calendar date stays the string 'YYYY-MM-DD': a JS Date would shift it by the server's time zone. */
const parseDate = (value: string) => value;

/** Every PGlite we open: the same type parsers and the extensions the migrations create (search). */
export const PGLITE_OPTIONS = {
  parsers: { [INT8_OID]: parseInt8, [DATE_OID]: parseDate },
  extensions: { pg_trgm, unaccent },
} satisfies PGliteOptions;

export async function openPGlite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({ ...PGLITE_OPTIONS, dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  return fromPGlite(pglite);
}

export function fromPGlite(pglite: PGlite): Database {
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    kind: 'pglite',
    db,
    async withSession(fn) {
      // PGlite is a single session already.
      return fn(async (sqlText) => (await pglite.exec(sqlText)).at(-1)?.rows ?? []);
    },
    async close() {
      await db.destroy();
    },
  };
}

export function openPostgres(connectionString: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? parseInt8 : oid === DATE_OID ? parseDate : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client whose connection the server ended (restart, failover, DROP … FORCE) must not
  // crash the process as an unhandled 'error'; the pool replaces it on next use.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    async withSession(fn) {
      const client = await pool.connect();
      try {
        // No parameters: node-postgres uses the simple protocol, which allows several statements.
        return await fn(async (sqlText) => {
          const result = (await client.query(sqlText)) as pg.QueryResult | pg.QueryResult[];
          return (Array.isArray(result) ? result.at(-1)?.rows : result.rows) ?? [];
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

export async function openDatabase(config: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPGlite({ dataDir: config.dataDir });
}
