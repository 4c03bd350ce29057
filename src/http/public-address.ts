import type { Config } from '../config.ts';
import type { Ctx } from './context.ts';

// Links that leave the app (images WhatsApp fetches for a message) must reach the right regency
// from outside, with no session: its own host, not wherever the current request came from.

type PublicAddress = Pick<Config, 'publicUrl' | 'baseDomain'>;

/** How the installation is reached from outside: set from the config when the app is built, since use cases get no config. */
let publicAddress: PublicAddress = { publicUrl: 'http://localhost:3000', baseDomain: null };

export function setPublicAddress(config: PublicAddress): void {
  publicAddress = { publicUrl: config.publicUrl, baseDomain: config.baseDomain };
}

/**
 * The tenant's own address, one resolveTenant maps back to it: a mapped domain; on a laptop
 * `<slug>.localhost`; else `<slug>.<base domain>`; else the plain address (a one-regency install).
 */
export async function tenantOrigin(ctx: Ctx): Promise<string> {
  const base = new URL(publicAddress.publicUrl);
  const domain = await ctx.db
    .selectFrom('domains')
    .select('host')
    .where('tenant_id', '=', ctx.tenant.id)
    .orderBy('created_at')
    .executeTakeFirst();
  // The same server answers every host, on the public address's port.
  const port = base.port ? `:${base.port}` : '';
  if (domain) return `${base.protocol}//${domain.host}${port}`;
  if (base.hostname === 'localhost') return `${base.protocol}//${ctx.tenant.slug}.localhost${port}`;
  if (publicAddress.baseDomain) return `${base.protocol}//${ctx.tenant.slug}.${publicAddress.baseDomain}${port}`;
  return base.origin;
}
