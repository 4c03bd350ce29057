// Bulk loading for the generator: COPY in PostgreSQL's text format, which is several times
// faster than INSERT for millions of rows. PostgreSQL gets it over the wire (COPY FROM STDIN),
// PGlite from a Blob (COPY FROM '/dev/blob'). Each call is one statement, so it commits alone.
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DB } from '../src/db/schema.ts';

export type Cell = string | number | bigint | boolean | Date | null;
/** A row by column name; the names are checked against the schema, the values by the database. */
export type CopyRow<T extends keyof DB> = { [K in keyof DB[T] & string]?: Cell };

export interface Bulk {
  /** Writes rows (all of one shape, columns from the first row) in one COPY statement. */
  copy<T extends keyof DB>(table: T, rows: CopyRow<T>[]): Promise<void>;
  /** Rows written and seconds spent in COPY, per table. */
  stats: Map<string, { rows: number; seconds: number }>;
  /** Checks the foreign keys of every table written with them off; throws on any row without its parent. */
  checkForeignKeys(): Promise<void>;
  close(): Promise<void>;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function encodeCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] as string) : value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value);
}

/** The COPY statement and its data for rows of one shape. */
function encode<T extends keyof DB>(table: T, rows: CopyRow<T>[]): { statement: (source: string) => string; data: Buffer } {
  const columns = Object.keys(rows[0] ?? {}) as (keyof CopyRow<T>)[];
  let text = '';
  for (const row of rows) {
    for (let c = 0; c < columns.length; c++) text += (c ? '\t' : '') + encodeCell(row[columns[c] as keyof CopyRow<T>]);
    text += '\n';
  }
  return { statement: (source) => `COPY ${table} (${columns.join(', ')}) FROM ${source}`, data: Buffer.from(text) };
}

function tracker(): Pick<Bulk, 'stats'> & { timed(table: string, rows: number, run: () => Promise<void>): Promise<void> } {
  const stats = new Map<string, { rows: number; seconds: number }>();
  return {
    stats,
    async timed(table, rows, run) {
      const started = performance.now();
      await run();
      const entry = stats.get(table) ?? { rows: 0, seconds: 0 };
      entry.rows += rows;
      entry.seconds += (performance.now() - started) / 1000;
      stats.set(table, entry);
    },
  };
}

/** One query per foreign key of these tables: how many rows have no parent (MATCH SIMPLE: a null column passes). */
async function orphans(query: (text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>, tables: string[]) {
  const keys = (await query(
    `SELECT c.conname, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS child_columns,
            array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS parent_columns
     FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1::text[])`,
    [tables],
  )) as { conname: string; child: string; parent: string; child_columns: string[]; parent_columns: string[] }[];
  const broken: string[] = [];
  for (const key of keys) {
    const present = key.child_columns.map((column) => `c.${column} IS NOT NULL`).join(' AND ');
    const match = key.child_columns.map((column, i) => `p.${key.parent_columns[i]} = c.${column}`).join(' AND ');
    const [row] = await query(
      `SELECT count(*)::int AS n FROM ${key.child} c WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE ${match})`,
    );
    if (row?.n) broken.push(`${key.conname}: ${row.n} rows`);
  }
  if (broken.length) throw new Error(`generated rows break foreign keys: ${broken.join('; ')}`);
}

/**
 * COPY over its own connections (four: a chunk's orders load beside the last chunk's lines, parts and payments).
 * Foreign keys are checked by a trigger per row that also locks the parent row: half the time of
 * loading a regency's orders. As superuser, the loader's sessions skip those triggers
 * (session_replication_role) and checkForeignKeys checks each key once, set-wise, afterwards.
 */
export async function postgresBulk(connectionString: string, connections = 4): Promise<Bulk> {
  const pool = new pg.Pool({ connectionString, max: connections });
  pool.on('error', () => {});
  const superuser = (await pool.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0]?.rolsuper === true;
  const { stats, timed } = tracker();
  return {
    stats,
    async checkForeignKeys() {
      if (superuser) await orphans(async (text, values) => (await pool.query(text, values)).rows, [...stats.keys()]);
    },
    async copy(table, rows) {
      if (rows.length === 0) return;
      const { statement, data } = encode(table, rows);
      const client = await pool.connect();
      try {
        if (superuser) await client.query('SET session_replication_role = replica');
        await timed(table, rows.length, () => pipeline(Readable.from([data]), client.query(copyFrom(statement('STDIN')))));
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** COPY into PGlite through its virtual /dev/blob device; PGlite runs one statement at a time anyway. */
export function pgliteBulk(pglite: PGlite): Bulk {
  const { stats, timed } = tracker();
  // Queued here rather than inside PGlite, so each table's time is its own COPY's, not the wait for its turn.
  let turn: Promise<unknown> = Promise.resolve();
  return {
    stats,
    async copy(table, rows) {
      if (rows.length === 0) return;
      const { statement, data } = encode(table, rows);
      const mine = turn.then(() =>
        timed(table, rows.length, async () => {
          await pglite.query(statement(`'/dev/blob'`), [], { blob: new Blob([data]) });
        }),
      );
      turn = mine.catch(() => {});
      await mine;
    },
    // PGlite keeps the triggers on: it loads only the small scales.
    checkForeignKeys: async () => {},
    close: async () => {},
  };
}
