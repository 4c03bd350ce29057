import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { fieldError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { createInvite } from '../identity/invites.ts';
import type { TenantInput } from './schemas.ts';

/**
 * A new regency, ready to use: the tenant row, optional host mappings, and a one-time
 * invite for its first program admin, who then adds programs, markets and staff.
 */
export async function createTenant(db: Db, input: TenantInput & { domains?: string[]; actorLabel: string; adminPhone?: string | null }) {
  return db
    .transaction()
    .execute(async (trx) => {
      const tenant = await trx
        .insertInto('tenants')
        .values({ id: newId('ten'), slug: input.slug, name: input.name, area_code: input.areaCode, time_zone: input.timeZone })
        .returning(['id', 'slug', 'name', 'area_code', 'time_zone'])
        .executeTakeFirstOrThrow();
      for (const host of input.domains ?? []) {
        await trx.insertInto('domains').values({ host: host.toLowerCase(), tenant_id: tenant.id }).execute();
      }
      await recordAudit(trx, {
        tenantId: tenant.id,
        actorUserId: null,
        actorLabel: input.actorLabel,
        action: 'tenant.create',
        entityType: 'tenant',
        entityId: tenant.id,
        data: { slug: input.slug, name: input.name, areaCode: input.areaCode, domains: input.domains ?? [] },
      });
      const invite = await createInvite(trx, {
        tenantId: tenant.id,
        role: 'program_admin',
        phone: input.adminPhone ?? null,
        createdBy: null,
        actorLabel: input.actorLabel,
      });
      return { tenant, invite };
    })
    .catch((error) => {
      if (isUniqueViolation(error, 'domains_pkey')) throw fieldError('domains', 'domain_taken');
      if (isUniqueViolation(error)) throw fieldError('slug', 'slug_taken');
      throw error;
    });
}
