// Factories for the catalog tests (not a test file itself).
import type { Db } from '../../db/database.ts';
import { newId } from '../../shared/ids.ts';
import { rowCounts } from '../../test/factories.ts';
import type { SellerStatus } from '../sellers/tables.ts';

/** A seller row as the sellers module would leave it after curation (its lifecycle is tested there). */
export async function makeSeller(
  db: Db,
  tenantId: string,
  options: { programId: string; marketId?: string; userId?: string; name?: string; status?: SellerStatus; stallNumber?: string },
) {
  const id = newId('sel');
  await db
    .insertInto('sellers')
    .values({
      tenant_id: tenantId,
      id,
      program_id: options.programId,
      kind: options.marketId ? 'trader' : 'umkm',
      status: options.status ?? 'approved',
      user_id: options.userId ?? null,
      business_name: options.name ?? `Lapak ${id.slice(4, 9)}`,
      owner_name: 'Pemilik',
      nik: options.marketId ? null : '3303054101850001',
      market_id: options.marketId ?? null,
      stall_type: options.marketId ? 'kios' : null,
      stall_block: options.marketId ? 'A' : null,
      stall_number: options.marketId ? (options.stallNumber ?? '12') : null,
    })
    .execute();
  return id;
}

type Variant = Record<string, unknown>;

/** A product body as the seller console sends it; shallots by the quarter kilo unless overridden. */
export function productBody(overrides: Record<string, unknown> = {}, variants: Variant[] = [{}]) {
  return {
    title: 'Bawang merah Brebes',
    category: 'bumbu-dapur',
    commodity: 'bawang-merah',
    variants: variants.map((v) => ({
      unit: 'kg',
      stepMilli: 250,
      minimumMilli: 250,
      price: 42_000,
      stockMode: 'daily',
      ...v,
    })),
    ...overrides,
  };
}

/** Rows the catalog has written in a tenant: "nothing half-written" means these do not move. */
export function catalogCounts(db: Db, tenantId: string) {
  return rowCounts(db, tenantId, ['products', 'variants', 'price_history', 'search_words', 'reference_prices', 'audit_log']);
}
