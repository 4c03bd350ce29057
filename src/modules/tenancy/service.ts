import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { actorLabel, type Ctx, inTransaction, type TenantRef } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { recordAudit } from '../audit/service.ts';
import type { Market, MarketInput, MarketPatch, Program } from './schemas.ts';
import type { MarketsTable } from './tables.ts';

export interface TenantResolution {
  defaultTenant: string | null;
  baseDomain: string | null;
}

/**
 * Which tenant a request host belongs to: an explicit domain mapping first, then
 * `<slug>.<base domain>` (and `<slug>.localhost` for laptops), then the default
 * tenant for plain hosts. An unknown subdomain is an unknown tenant, never the default.
 */
export async function resolveTenant(db: Executor, rawHost: string, options: TenantResolution): Promise<TenantRef | null> {
  const host = rawHost.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  const mapped = await db
    .selectFrom('domains')
    .innerJoin('tenants', 'tenants.id', 'domains.tenant_id')
    .select(['tenants.id', 'tenants.slug', 'tenants.name', 'tenants.area_code as areaCode', 'tenants.time_zone as timeZone'])
    .where('domains.host', '=', host)
    .executeTakeFirst();
  if (mapped) return mapped;

  const parents = ['localhost', ...(options.baseDomain ? [options.baseDomain.toLowerCase()] : [])];
  for (const parent of parents) {
    if (host.endsWith(`.${parent}`)) {
      const sub = host.slice(0, -parent.length - 1);
      return (await findTenantBySlug(db, sub)) ?? null;
    }
  }
  if (!options.defaultTenant) return null;
  return (await findTenantBySlug(db, options.defaultTenant)) ?? null;
}

/**
 * resolveTenant with a short memory: every API request needs its tenant, and hosts map to
 * tenants almost never change. A found tenant is remembered for `ttlMs` (a new domain mapping
 * made elsewhere shows within that time); an unknown host is asked again every time.
 */
export function cachedTenantResolver(db: Executor, options: TenantResolution, ttlMs = 30_000) {
  const cache = new Map<string, { tenant: TenantRef; until: number }>();
  return async (host: string): Promise<TenantRef | null> => {
    const hit = cache.get(host);
    if (hit && hit.until > Date.now()) return hit.tenant;
    const tenant = await resolveTenant(db, host, options);
    if (tenant) {
      if (cache.size > 10_000) cache.clear(); // bounded: hosts come from request headers
      cache.set(host, { tenant, until: Date.now() + ttlMs });
    }
    return tenant;
  };
}

export async function findTenantBySlug(db: Executor, slug: string): Promise<TenantRef | undefined> {
  return db
    .selectFrom('tenants')
    .select(['id', 'slug', 'name', 'area_code as areaCode', 'time_zone as timeZone'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export async function listPrograms(ctx: Ctx): Promise<Program[]> {
  const rows = await ctx.db
    .selectFrom('programs')
    .select(['id', 'slug', 'name', 'description', 'whatsapp_phone', 'titip_enabled', 'titip_max_cap'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('active', '=', true)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    whatsappPhone: r.whatsapp_phone,
    titipEnabled: r.titip_enabled,
    titipMaxCap: Number(r.titip_max_cap),
  }));
}

function toMarket(row: Selectable<MarketsTable>): Market {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    address: row.address,
    areaCode: row.area_code,
    lat: row.lat === null ? null : Number(row.lat),
    lng: row.lng === null ? null : Number(row.lng),
    hours: row.hours,
    marketDays: row.market_days,
    orderCutoff: row.order_cutoff,
    active: row.active,
  };
}

export async function listMarkets(ctx: Ctx, options: { includeInactive?: boolean } = {}): Promise<Market[]> {
  let query = ctx.db.selectFrom('markets').selectAll().where('tenant_id', '=', ctx.tenant.id);
  if (!options.includeInactive) query = query.where('active', '=', true);
  return (await query.orderBy('name').execute()).map(toMarket);
}

function duplicateName(error: unknown): never {
  if (isUniqueViolation(error)) throw fieldError('name', 'duplicate_name');
  throw error;
}

export async function createMarket(ctx: Ctx, input: MarketInput): Promise<Market> {
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('markets')
      .values({
        tenant_id: tx.tenant.id,
        id: newId('mkt'),
        name: input.name,
        kind: input.kind,
        address: input.address,
        area_code: input.areaCode,
        lat: input.lat,
        lng: input.lng,
        hours: input.hours,
        market_days: input.marketDays,
        order_cutoff: input.orderCutoff,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch(duplicateName);
    await recordAudit(tx.db, {
      tenantId: tx.tenant.id,
      actorUserId: tx.actor?.userId ?? null,
      actorLabel: actorLabel(tx),
      action: 'market.create',
      entityType: 'market',
      entityId: row.id,
      data: { ...input },
    });
    return toMarket(row);
  });
}

export async function updateMarket(ctx: Ctx, marketId: string, patch: MarketPatch): Promise<Market> {
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .updateTable('markets')
      .set({
        name: patch.name,
        kind: patch.kind,
        address: patch.address,
        area_code: patch.areaCode,
        lat: patch.lat,
        lng: patch.lng,
        hours: patch.hours,
        market_days: patch.marketDays,
        order_cutoff: patch.orderCutoff,
        active: patch.active,
        updated_at: new Date(),
      })
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', marketId)
      .returningAll()
      .executeTakeFirst()
      .catch(duplicateName);
    if (!row) throw new AppError('not_found');
    await recordAudit(tx.db, {
      tenantId: tx.tenant.id,
      actorUserId: tx.actor?.userId ?? null,
      actorLabel: actorLabel(tx),
      action: 'market.update',
      entityType: 'market',
      entityId: row.id,
      data: { ...patch },
    });
    return toMarket(row);
  });
}
