import { actorLabel, type Ctx, inTransaction } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { PARTNER_NAMES } from './partners/names.ts';
import type { ProgramDeliverySettings } from './schemas.ts';
import { deliveryTariff } from './tariff.ts';

// How a program delivers (the schema is in schemas.ts): read, and change with an audit row.

export async function getProgramDeliverySettings(ctx: Ctx, programId: string): Promise<ProgramDeliverySettings> {
  const row = await ctx.db
    .selectFrom('programs')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', programId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return {
    tariff: deliveryTariff.parse(row.delivery_tariff),
    courierOfferSeconds: row.courier_offer_seconds,
    courierMaxJobs: row.courier_max_jobs,
    reweighToleranceBp: row.reweigh_tolerance_bp,
    reweighDecisionMinutes: row.reweigh_decision_minutes,
    reweighDefault: row.reweigh_default,
    titipEnabled: row.titip_enabled,
    titipMaxCap: Number(row.titip_max_cap),
    shoppingFee: Number(row.shopping_fee),
    // A partner no longer in the code reads as none: its jobs go back to the couriers (partners/requests.ts).
    deliveryPartner: PARTNER_NAMES.find((name) => name === row.delivery_partner) ?? null,
  };
}

/** New settings apply to orders placed from now on: fees and caps already on orders stay. */
export async function updateProgramDeliverySettings(
  ctx: Ctx,
  programId: string,
  input: ProgramDeliverySettings,
): Promise<ProgramDeliverySettings> {
  await getProgramDeliverySettings(ctx, programId);
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .updateTable('programs')
      .set({
        delivery_tariff: JSON.stringify(input.tariff),
        courier_offer_seconds: input.courierOfferSeconds,
        courier_max_jobs: input.courierMaxJobs,
        reweigh_tolerance_bp: input.reweighToleranceBp,
        reweigh_decision_minutes: input.reweighDecisionMinutes,
        reweigh_default: input.reweighDefault,
        titip_enabled: input.titipEnabled,
        titip_max_cap: input.titipMaxCap,
        shopping_fee: input.shoppingFee,
        delivery_partner: input.deliveryPartner,
      })
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', programId)
      .execute();
    await recordAudit(tx.db, {
      tenantId: tx.tenant.id,
      actorUserId: tx.actor?.userId ?? null,
      actorLabel: actorLabel(tx),
      action: 'program.delivery_settings_changed',
      entityType: 'program',
      entityId: programId,
      data: { ...input },
    });
  });
  return getProgramDeliverySettings(ctx, programId);
}
