import { sql } from 'kysely';
import { actorLabel, type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { ensureUser, grantRole, requireMobile } from '../identity/users.ts';
import { redispatch } from './dispatch.ts';
import type { CourierInput, CourierView } from './schemas.ts';

// The program's couriers: members of a local ojek association, registered by staff, who get
// jobs only after staff have seen their KTP and SIM.

function courierQuery(ctx: Ctx) {
  return (
    ctx.db
      .selectFrom('couriers as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .selectAll('c')
      .select('u.phone')
      // The cash float in the courier's hands (see float.ts).
      .select(
        sql<string>`(SELECT coalesce(sum(p.amount), 0) FROM ledger_accounts a
        JOIN ledger_postings p ON p.tenant_id = a.tenant_id AND p.account_id = a.id
        WHERE a.tenant_id = c.tenant_id AND a.code = 'float:courier:' || c.id)`.as('float'),
      )
      .where('c.tenant_id', '=', ctx.tenant.id)
  );
}

function toView(row: Awaited<ReturnType<ReturnType<typeof courierQuery>['executeTakeFirstOrThrow']>>): CourierView {
  return {
    id: row.id,
    programId: row.program_id,
    userId: row.user_id,
    name: row.name,
    phone: row.phone,
    association: row.association,
    vehiclePlate: row.vehicle_plate,
    idChecked: row.id_checked_at !== null,
    active: row.active,
    available: row.available,
    lat: row.lat === null ? null : Number(row.lat),
    lng: row.lng === null ? null : Number(row.lng),
    locatedAt: row.located_at?.toISOString() ?? null,
    lastJobAt: row.last_job_at?.toISOString() ?? null,
    float: Number(row.float),
  };
}

export async function listCouriers(ctx: Ctx, programId?: string): Promise<CourierView[]> {
  const rows = await courierQuery(ctx)
    .$if(programId !== undefined, (q) => q.where('c.program_id', '=', programId as string))
    .orderBy('c.name')
    .execute();
  return rows.map(toView);
}

/** The signed-in courier's registration (one per program; the first if several). */
export async function myCourier(ctx: Ctx): Promise<CourierView> {
  const row = await courierQuery(ctx)
    .where('c.user_id', '=', ctx.actor?.userId ?? '')
    .orderBy('c.created_at')
    .executeTakeFirst();
  if (!row) throw new AppError('forbidden');
  return toView(row);
}

/** Staff register a courier: the phone becomes (or finds) their account with the courier role. */
export async function registerCourier(ctx: Ctx, input: CourierInput): Promise<CourierView> {
  const phone = requireMobile(input.phone);
  const id = await inTransaction(ctx, async (tx) => {
    const program = await tx.db
      .selectFrom('programs')
      .select('id')
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', input.programId)
      .executeTakeFirst();
    if (!program) throw fieldError('programId', 'invalid_value');
    const user = await ensureUser(tx.db, phone, input.name);
    const taken = await tx.db
      .selectFrom('couriers')
      .select('id')
      .where('tenant_id', '=', tx.tenant.id)
      .where('program_id', '=', input.programId)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (taken) throw new AppError('conflict', { details: [{ field: 'phone', code: 'courier_exists' }] });
    await grantRole(tx.db, tx.tenant.id, user.id, 'courier');
    const courierId = newId('cur');
    const now = new Date();
    await tx.db
      .insertInto('couriers')
      .values({
        tenant_id: tx.tenant.id,
        id: courierId,
        program_id: input.programId,
        user_id: user.id,
        name: input.name,
        association: input.association,
        vehicle_plate: input.vehiclePlate,
        id_checked_by: input.idChecked ? (tx.actor?.userId ?? 'system') : null,
        id_checked_at: input.idChecked ? now : null,
        located_at: null,
        last_job_at: null,
      })
      .execute();
    await recordAudit(tx.db, {
      tenantId: tx.tenant.id,
      actorUserId: tx.actor?.userId ?? null,
      actorLabel: actorLabel(tx),
      action: 'courier.registered',
      entityType: 'courier',
      entityId: courierId,
      data: { ...input, phone },
    });
    return courierId;
  });
  return toView(await courierQuery(ctx).where('c.id', '=', id).executeTakeFirstOrThrow());
}

/** Staff change a courier: ID checked, active (suspended couriers get no jobs), association, plate. */
export async function updateCourier(
  ctx: Ctx,
  courierId: string,
  patch: { idChecked?: boolean; active?: boolean; association?: string; vehiclePlate?: string },
): Promise<CourierView> {
  await inTransaction(ctx, async (tx) => {
    const current = await tx.db
      .selectFrom('couriers')
      .selectAll()
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', courierId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('not_found');
    const checking = patch.idChecked !== undefined && patch.idChecked !== (current.id_checked_at !== null);
    await tx.db
      .updateTable('couriers')
      .set({
        ...(patch.active !== undefined ? { active: patch.active, ...(patch.active ? {} : { available: false }) } : {}),
        ...(patch.association !== undefined ? { association: patch.association } : {}),
        ...(patch.vehiclePlate !== undefined ? { vehicle_plate: patch.vehiclePlate } : {}),
        ...(checking
          ? patch.idChecked
            ? { id_checked_by: tx.actor?.userId ?? 'system', id_checked_at: new Date() }
            : { id_checked_by: null, id_checked_at: null }
          : {}),
      })
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', courierId)
      .execute();
    await recordAudit(tx.db, {
      tenantId: tx.tenant.id,
      actorUserId: tx.actor?.userId ?? null,
      actorLabel: actorLabel(tx),
      action: 'courier.changed',
      entityType: 'courier',
      entityId: courierId,
      data: { ...patch },
    });
  });
  return courierById(ctx, courierId);
}

export async function courierById(ctx: Ctx, courierId: string): Promise<CourierView> {
  const row = await courierQuery(ctx).where('c.id', '=', courierId).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return toView(row);
}

/** The courier goes on or off duty, and shares where they are (the app sends it every minute or so). */
export async function updateMyStatus(ctx: Ctx, input: { available?: boolean; lat?: number; lng?: number }): Promise<CourierView> {
  const me = await myCourier(ctx);
  if (input.available && (!me.idChecked || !me.active)) throw fieldError('available', 'courier_not_cleared');
  const located = input.lat !== undefined && input.lng !== undefined;
  await ctx.db
    .updateTable('couriers')
    .set({
      ...(input.available !== undefined ? { available: input.available } : {}),
      ...(located ? { lat: input.lat, lng: input.lng, located_at: new Date() } : {}),
    })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('user_id', '=', me.userId)
    .execute();
  // Jobs nobody could take may go to the courier who just came on duty, now rather than at the next tick.
  if (input.available && !me.available) await redispatch(ctx);
  return myCourier(ctx);
}
