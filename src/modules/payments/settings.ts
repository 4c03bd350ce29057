import { actorLabel, type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { parseQris, QrisError } from './qris.ts';
import type { ProgramPaymentSettings } from './schemas.ts';

// How a program takes money (the schema is in schemas.ts): read, and change with checks.

export async function getProgramPaymentSettings(ctx: Ctx, programId: string): Promise<ProgramPaymentSettings> {
  const row = await ctx.db
    .selectFrom('programs')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', programId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return {
    methods: row.payment_methods as ProgramPaymentSettings['methods'],
    bankName: row.bank_name,
    bankAccountNumber: row.bank_account_number,
    bankAccountHolder: row.bank_account_holder,
    qrisPayload: row.qris_payload,
    feeBasisPoints: row.fee_basis_points,
    paymentTimeoutMinutes: row.payment_timeout_minutes,
    autoConfirmHours: row.auto_confirm_hours,
  };
}

/** Checks that every chosen method can work (an account for transfers, a valid QRIS), then saves with an audit row. */
export async function updateProgramPaymentSettings(
  ctx: Ctx,
  programId: string,
  input: ProgramPaymentSettings,
): Promise<ProgramPaymentSettings> {
  if (input.qrisPayload) {
    let crcValid = false;
    try {
      const info = parseQris(input.qrisPayload);
      crcValid = info.crc_valid;
      if (crcValid && info.point_of_initiation !== 'static') throw fieldError('qrisPayload', 'qris_not_static');
    } catch (error) {
      if (!(error instanceof QrisError)) throw error;
    }
    if (!crcValid) throw fieldError('qrisPayload', 'qris_invalid');
  }
  if (input.methods.includes('transfer') && !(input.bankAccountNumber && input.bankName && input.bankAccountHolder)) {
    throw fieldError('bankAccountNumber', 'required');
  }
  if (input.methods.includes('qris') && !input.qrisPayload) throw fieldError('qrisPayload', 'required');
  await getProgramPaymentSettings(ctx, programId);
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .updateTable('programs')
      .set({
        payment_methods: `{${[...new Set(input.methods)].join(',')}}`,
        bank_name: input.bankName,
        bank_account_number: input.bankAccountNumber,
        bank_account_holder: input.bankAccountHolder,
        qris_payload: input.qrisPayload,
        fee_basis_points: input.feeBasisPoints,
        payment_timeout_minutes: input.paymentTimeoutMinutes,
        auto_confirm_hours: input.autoConfirmHours,
      })
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', programId)
      .execute();
    await recordAudit(tx.db, {
      tenantId: tx.tenant.id,
      actorUserId: tx.actor?.userId ?? null,
      actorLabel: actorLabel(tx),
      action: 'program.payment_settings_changed',
      entityType: 'program',
      entityId: programId,
      data: { ...input },
    });
  });
  return getProgramPaymentSettings(ctx, programId);
}
