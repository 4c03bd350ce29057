import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { AppError } from './http/errors.ts';
import { isMessageCode, translate } from './http/messages.ts';
import { verifyAuditChain } from './modules/audit/service.ts';
import { seedDemo } from './modules/demo/seed.ts';
import { createInvite } from './modules/identity/invites.ts';
import { ROLES } from './modules/identity/roles.ts';
import { verifyLedger } from './modules/ledger/service.ts';
import { parseShoppingList } from './modules/orders/shopping-list.ts';
import { parseQris, QrisError, toDynamicQris } from './modules/payments/qris.ts';
import { rebuildSalesReport } from './modules/reports/sales.ts';
import { createTenant } from './modules/tenancy/create-tenant.ts';
import { tenantInput } from './modules/tenancy/schemas.ts';
import { findTenantBySlug } from './modules/tenancy/service.ts';
import { regencyName } from './shared/areas.ts';
import { normalizeMobile } from './shared/phone.ts';

const USAGE = `Lokapasar operator commands (npm run cli -- <command> [options] [--json]):
  migrate                                  apply pending database migrations
  seed demo                                create the demo regencies and users (skips existing ones)
  tenant create --slug S --name N --area 33.29 [--domain host]... [--admin-phone 0812…]
                                           new regency with a one-time invite for its program admin
  tenant list                              all regencies
  user invite --tenant S --role R [--phone 0812…]
                                           one-time staff invite link
  audit verify [--tenant S]                recompute the audit log hash chains
  ledger verify [--tenant S]               find ledger transactions whose postings do not sum to zero
  reports rebuild [--tenant S]             recompute the sales report from completed orders
  qris parse "<payload>"                   the fields of a QRIS payload and whether its CRC is valid
  qris dynamic --amount 15000 "<static>"   the merchant's static QRIS turned into one for that exact amount
  order parse "<text>"                     a WhatsApp shopping list as JSON lines
                                           {text, name, quantity, unit, grams, amount_rupiah, note}`;

/** A mistake the operator can fix; printed without a stack trace, exit code 2. */
class UsageError extends Error {}

type Output = { print(data: Record<string, unknown>, human: string): void };

function output(json: boolean): Output {
  return {
    print(data, human) {
      console.log(json ? JSON.stringify(data, null, 2) : human);
    },
  };
}

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadConfig());
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Runs a check on every tenant, or on the one named by --tenant, labelling each result with its slug. */
async function forEachTenant<T extends object>(slug: string | undefined, check: (db: Database['db'], tenantId: string) => Promise<T>) {
  return withDatabase(async (database) => {
    const tenants = await database.db.selectFrom('tenants').select(['id', 'slug']).orderBy('slug').execute();
    const chosen = slug ? tenants.filter((t) => t.slug === slug) : tenants;
    if (slug && chosen.length === 0) throw new UsageError(`no tenant with slug "${slug}"`);
    return Promise.all(chosen.map(async (t) => ({ slug: t.slug, ...(await check(database.db, t.id)) })));
  });
}

/** Where the regency is reached: its own domain if it has one, else `<slug>.BASE_DOMAIN` or `<slug>.localhost`. */
function tenantUrl(slug: string, path: string, domains: string[] = []): string {
  const config = loadConfig();
  if (domains[0]) return `https://${domains[0].toLowerCase()}${path}`;
  if (config.baseDomain) return `https://${slug}.${config.baseDomain}${path}`;
  return `http://${slug}.localhost:${config.port}${path}`;
}

async function tenantCreate(values: Record<string, string | string[] | boolean | undefined>, out: Output) {
  const started = performance.now();
  const parsed = tenantInput.safeParse({ slug: values.slug, name: values.name, areaCode: values.area });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const flag = i.path[0] === 'areaCode' ? 'area' : String(i.path[0]);
      return `--${flag}: ${isMessageCode(i.message) ? translate(i.message, 'en') : i.message}`;
    });
    throw new UsageError(`invalid tenant: ${problems.join('; ')}`);
  }
  const official = regencyName(parsed.data.areaCode);
  if (!official) throw new UsageError(`--area ${parsed.data.areaCode} is not a Kemendagri regency or city code`);
  const adminPhone = typeof values['admin-phone'] === 'string' ? normalizeMobile(values['admin-phone']) : null;
  if (values['admin-phone'] && !adminPhone) throw new UsageError(`--admin-phone is not a valid Indonesian mobile number`);
  const domains = (values.domain as string[] | undefined) ?? [];
  const { tenant, invite } = await withDatabase((database) =>
    createTenant(database.db, { ...parsed.data, domains, adminPhone, actorLabel: 'cli tenant create' }),
  );
  const url = tenantUrl(tenant.slug, invite.path, domains);
  const seconds = Number(((performance.now() - started) / 1000).toFixed(2));
  out.print(
    { tenant, officialName: official, adminInviteUrl: url, inviteExpiresAt: invite.expiresAt.toISOString(), seconds },
    [
      `Created ${tenant.name} (${tenant.slug}, area ${tenant.area_code} = ${official}) in ${seconds}s.`,
      official.toLowerCase() !== tenant.name.toLowerCase() ? `  note: Kemendagri calls ${tenant.area_code} "${official}"` : '',
      `  storefront:   ${tenantUrl(tenant.slug, '/', domains)}`,
      `  admin invite: ${url}`,
      `  (one use, valid until ${invite.expiresAt.toISOString()}; the admin sets a name and password there)`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

async function userInvite(values: Record<string, string | string[] | boolean | undefined>, out: Output) {
  const role = z.enum(ROLES).safeParse(values.role);
  if (!role.success || role.data === 'buyer')
    throw new UsageError(`--role must be one of ${ROLES.filter((r) => r !== 'buyer').join(', ')}`);
  const phone = typeof values.phone === 'string' ? normalizeMobile(values.phone) : null;
  if (values.phone && !phone) throw new UsageError('--phone is not a valid Indonesian mobile number');
  const slug = String(values.tenant ?? '');
  const result = await withDatabase(async (database) => {
    const tenant = await findTenantBySlug(database.db, slug);
    if (!tenant) throw new UsageError(`no tenant with slug "${slug}"`);
    return database.db
      .transaction()
      .execute((trx) => createInvite(trx, { tenantId: tenant.id, role: role.data, phone, createdBy: null, actorLabel: 'cli user invite' }));
  });
  const url = tenantUrl(slug, result.path);
  out.print({ inviteUrl: url, role: role.data, expiresAt: result.expiresAt.toISOString() }, `Invite (${role.data}): ${url}`);
}

function qrisPayload(args: string[]): string {
  if (args.length !== 1 || !args[0]) throw new UsageError('give the QRIS payload as one quoted argument');
  return args[0];
}

function qrisParse(args: string[], out: Output) {
  const info = parseQrisOrExplain(qrisPayload(args));
  out.print({ ...info }, JSON.stringify(info, null, 2));
  if (!info.crc_valid) {
    console.error('error: the CRC does not match: the payload was changed or copied incompletely');
    process.exitCode = 1;
  }
}

function qrisDynamic(args: string[], amountText: string | undefined, out: Output) {
  const amount = Number(amountText);
  if (!amountText || !/^\d+$/.test(amountText)) throw new UsageError('--amount must be whole rupiah, e.g. --amount 15000');
  try {
    const payload = toDynamicQris(qrisPayload(args), amount);
    out.print({ payload, amount }, payload);
  } catch (error) {
    if (error instanceof QrisError) throw new UsageError(error.message);
    throw error;
  }
}

function parseQrisOrExplain(payload: string) {
  try {
    return parseQris(payload);
  } catch (error) {
    if (error instanceof QrisError) throw new UsageError(`not a QRIS payload: ${error.message}`);
    throw error;
  }
}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
      slug: { type: 'string' },
      name: { type: 'string' },
      area: { type: 'string' },
      domain: { type: 'string', multiple: true },
      'admin-phone': { type: 'string' },
      tenant: { type: 'string' },
      role: { type: 'string' },
      phone: { type: 'string' },
      amount: { type: 'string' },
    },
  });
  const out = output(Boolean(values.json));
  // Commands are one or two words (`migrate`, `tenant create`); what follows is their argument.
  const [group = '', verb, ...args] = positionals;
  const command = [group, verb].filter(Boolean).join(' ');
  switch (command) {
    case 'migrate': {
      const result = await withDatabase(async (database) => migrate(database));
      return out.print({ ...result }, `Migrations applied: ${result.applied.length} (already applied: ${result.alreadyApplied})`);
    }
    case 'seed demo': {
      const result = await withDatabase((database) => seedDemo(database.db));
      return out.print(
        result,
        result.created.length ? `Demo regencies created: ${result.created.join(', ')}` : 'Demo regencies already exist.',
      );
    }
    case 'tenant create':
      return tenantCreate(values, out);
    case 'tenant list': {
      const tenants = await withDatabase((database) =>
        database.db.selectFrom('tenants').select(['slug', 'name', 'area_code', 'created_at']).orderBy('slug').execute(),
      );
      return out.print({ tenants }, tenants.map((t) => `${t.slug.padEnd(20)} ${t.area_code}  ${t.name}`).join('\n'));
    }
    case 'user invite':
      return userInvite(values, out);
    case 'qris parse':
      return qrisParse(args, out);
    case 'qris dynamic':
      return qrisDynamic(args, values.amount, out);
    case 'order parse': {
      if (args.length !== 1 || !args[0]?.trim()) throw new UsageError('give the message as one quoted argument');
      for (const line of parseShoppingList(args[0])) console.log(JSON.stringify(line));
      return;
    }
    case 'audit verify': {
      const results = await forEachTenant(values.tenant, (db, tenantId) => verifyAuditChain(db, tenantId));
      out.print(
        { ok: results.every((r) => r.ok), results },
        results.map((r) => `${r.slug.padEnd(20)} ${r.rows} rows  ${r.ok ? 'ok' : `BROKEN at seq ${r.firstBadSeq}`}`).join('\n'),
      );
      if (!results.every((r) => r.ok)) process.exitCode = 1;
      return;
    }
    case 'reports rebuild': {
      const results = await forEachTenant(values.tenant, (db, tenantId) => rebuildSalesReport(db, tenantId));
      return out.print({ results }, results.map((r) => `${r.slug.padEnd(20)} ${r.orders} completed orders counted`).join('\n'));
    }
    case 'ledger verify': {
      const results = await forEachTenant(values.tenant, (db, tenantId) => verifyLedger(db, tenantId));
      const ok = results.every((r) => r.ok);
      const listed = (r: (typeof results)[number]) =>
        r.unbalanced.map((u) => `${u.transactionId} (${u.postings} postings, sum ${u.sum})`).join(', ');
      out.print(
        // JSON has no bigint: sums go out as strings.
        { ok, results: results.map((r) => ({ ...r, unbalanced: r.unbalanced.map((u) => ({ ...u, sum: String(u.sum) })) })) },
        results.map((r) => `${r.slug.padEnd(20)} ${r.transactions} transactions  ${r.ok ? 'ok' : `UNBALANCED ${listed(r)}`}`).join('\n'),
      );
      if (!ok) process.exitCode = 1;
      return;
    }
    default:
      if (values.help || command === '' || command === 'help') return console.log(USAGE);
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  const json = process.argv.includes('--json');
  let message: string;
  if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    message = (error as Error).message;
  } else if (error instanceof AppError) {
    message = [
      translate(error.code as never, 'en', error.params),
      ...error.details.map((d) => `${d.field}: ${translate(d.code, 'en', d.params)}`),
    ].join(' ');
  } else {
    throw error;
  }
  if (json) console.log(JSON.stringify({ error: { message } }));
  else console.error(`error: ${message}`);
  process.exitCode = 2;
}
