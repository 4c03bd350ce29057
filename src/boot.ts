import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { isEmpty, seedDemo } from './modules/demo/seed.ts';

/** Opens the database, applies migrations and, on an empty demo install, seeds the demo regencies. */
export async function openAndPrepare(config: Config): Promise<{ database: Database; seeded: string[]; migrated: string[] }> {
  const database = await openDatabase(config);
  const { applied } = await migrate(database);
  let seeded: string[] = [];
  if (config.seedDemo && (await isEmpty(database.db))) seeded = (await seedDemo(database.db)).created;
  return { database, seeded, migrated: applied };
}
