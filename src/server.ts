import { performance } from 'node:perf_hooks';
import { openAndPrepare } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { buildApp } from './http/app.ts';
import { DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS } from './modules/demo/seed.ts';
import { formatPhone } from './shared/phone.ts';

const started = performance.now();
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Konfigurasi salah / bad configuration: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

const { database, seeded, migrated } = await openAndPrepare(config);
const app = await buildApp(config, database);
await app.listen({ port: config.port, host: config.host });
app.outbox.start();
app.orderJobs.start();
app.partnerJobs.start();

const seconds = ((performance.now() - started) / 1000).toFixed(2);
const lines = [
  '',
  `Lokapasar siap / ready in ${seconds}s: ${config.publicUrl}`,
  `  database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}` +
    (migrated.length ? `, ${migrated.length} migration(s) applied` : ''),
];
if (seeded.length) lines.push(`  demo regencies created: ${seeded.join(', ')}`);
if (config.demo) {
  const port = config.port;
  lines.push(
    '',
    'Demo mode: messages go to the simulated channel (server log and /dev/kotak-masuk).',
    'Regencies:',
    ...DEMO_TENANTS.map((t) => `  ${t.name.padEnd(24)} http://${t.slug}.localhost:${port}`),
    `Staff sign-in (/masuk/staf), password "${DEMO_PASSWORD}":`,
    ...DEMO_USERS.filter((u) => u.role !== 'buyer').map((u) => `  ${formatPhone(u.phone)}  ${u.role.padEnd(20)} ${u.name}`),
    'Buyers sign in at /masuk with any mobile number and the code from the demo inbox.',
  );
}
// For the person at the terminal, not the log pipeline.
console.log(lines.join('\n'));

async function shutdown(signal: string) {
  app.log.info(`${signal}: shutting down`);
  await app.close();
  await database.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
