import { sql } from 'kysely';
import type { Ctx } from '../../http/context.ts';
import { fieldError } from '../../http/errors.ts';
import { listCertificates } from './certificates.ts';
import { getSellerView, sellerQuery, toSellerView } from './repo.ts';
import type { SellerDetail, SellerView } from './schemas.ts';
import { type SellerAction, transitionSeller } from './states.ts';
import type { SellerStatus } from './tables.ts';

const PAGE_SIZE = 50;

// The cursor is the last row's (created_at, id): created_at as PostgreSQL text keeps its microseconds.
const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) return value as [string, string];
  } catch {
    // falls through to the field error
  }
  throw fieldError('cursor', 'invalid_format');
}

/** The curation queue: sellers of this tenant, oldest first, optionally by status and program. */
export async function listQueue(
  ctx: Ctx,
  filter: { status?: SellerStatus; program?: string; cursor?: string },
): Promise<{ sellers: SellerView[]; nextCursor: string | null }> {
  let query = sellerQuery(ctx).select(sql<string>`sellers.created_at::text`.as('cursor_at'));
  if (filter.status) query = query.where('sellers.status', '=', filter.status);
  if (filter.program) query = query.where('sellers.program_id', '=', filter.program);
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor);
    query = query.where(sql<boolean>`(sellers.created_at, sellers.id) > (${at}::timestamptz, ${id})`);
  }
  const rows = await query
    .orderBy('sellers.created_at')
    .orderBy('sellers.id')
    .limit(PAGE_SIZE + 1)
    .execute()
    .catch((error) => {
      // A tampered cursor whose time PostgreSQL cannot read (22007: invalid datetime format).
      if ((error as { code?: string }).code === '22007') throw fieldError('cursor', 'invalid_format');
      throw error;
    });
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return {
    sellers: page.map(toSellerView),
    nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor(last.cursor_at, last.id) : null,
  };
}

/** Everything a curator looks at: the record, its history, certificates and the program's checklist. */
export async function getSellerDetail(ctx: Ctx, sellerId: string): Promise<SellerDetail> {
  const seller = await getSellerView(ctx, sellerId);
  const [events, certificates, program] = await Promise.all([
    ctx.db
      .selectFrom('seller_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select(['e.from_status', 'e.to_status', 'u.name as actor_name', 'e.reason', 'e.checklist', 'e.created_at'])
      .where('e.tenant_id', '=', ctx.tenant.id)
      .where('e.seller_id', '=', sellerId)
      .orderBy('e.created_at')
      .execute(),
    listCertificates(ctx, [sellerId]),
    ctx.db
      .selectFrom('programs')
      .select('curation_checklist')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', seller.programId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    seller,
    events: events.map((e) => ({
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorName: e.actor_name,
      reason: e.reason,
      checklist: e.checklist,
      createdAt: e.created_at.toISOString(),
    })),
    certificates,
    checklist: program.curation_checklist,
  };
}

/** Each active program's curation checklist, for forms that admit a seller at once. */
export async function listChecklists(ctx: Ctx): Promise<Record<string, string[]>> {
  const rows = await ctx.db
    .selectFrom('programs')
    .select(['id', 'curation_checklist'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('active', '=', true)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.curation_checklist]));
}

/** A curator's decision on a seller; answers with the updated record. */
export async function decideSeller(
  ctx: Ctx,
  sellerId: string,
  decision: { action: Exclude<SellerAction, 'resubmit'>; reason: string; checklist: Record<string, boolean> },
): Promise<SellerDetail> {
  await transitionSeller(ctx, { sellerId, ...decision });
  return getSellerDetail(ctx, sellerId);
}
