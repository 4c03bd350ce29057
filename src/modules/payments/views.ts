import type { Selectable } from 'kysely';
import type { Ctx } from '../../http/context.ts';
import { mediaUrls } from '../media/service.ts';
import { toDynamicQris } from './qris.ts';
import type { PaymentView, RefundView } from './schemas.ts';
import { type PaymentSettings, paymentSettings } from './service.ts';
import type { PaymentsTable, RefundsTable } from './tables.ts';

/** What the pay page shows for a payment: amount, deadline and how to pay. */
export async function paymentView(
  ctx: Ctx,
  payment: Selectable<PaymentsTable>,
  order: { programId: string; reservedUntil: Date },
  settings?: PaymentSettings,
): Promise<PaymentView> {
  const program = settings ?? (await paymentSettings(ctx, order.programId));
  const open = payment.status === 'pending' || payment.status === 'submitted';
  const rejection =
    payment.status === 'pending'
      ? await ctx.db
          .selectFrom('payment_events')
          .select('reason')
          .where('tenant_id', '=', ctx.tenant.id)
          .where('payment_id', '=', payment.id)
          .where('kind', '=', 'proof_rejected')
          .orderBy('created_at', 'desc')
          .executeTakeFirst()
      : undefined;
  return {
    id: payment.id,
    method: payment.method,
    status: payment.status,
    amount: Number(payment.amount),
    uniqueCode: payment.unique_code,
    createdAt: payment.created_at.toISOString(),
    paidAt: payment.paid_at?.toISOString() ?? null,
    expiresAt: order.reservedUntil.toISOString(),
    proofUrl: payment.proof_media_id ? mediaUrls(payment.proof_media_id).url : null,
    redirectUrl: open ? payment.redirect_url : null,
    bank:
      payment.method === 'transfer' && program.bankAccountNumber
        ? { name: program.bankName ?? '', accountNumber: program.bankAccountNumber, accountHolder: program.bankAccountHolder ?? '' }
        : null,
    qrisPayload:
      payment.method === 'qris' && open && program.qrisPayload ? toDynamicQris(program.qrisPayload, Number(payment.amount)) : null,
    rejectedReason: rejection?.reason ?? null,
  };
}

export function refundView(refund: Selectable<RefundsTable>): RefundView {
  return {
    id: refund.id,
    amount: Number(refund.amount),
    reason: refund.reason,
    status: refund.status,
    createdAt: refund.created_at.toISOString(),
    paidAt: refund.paid_at?.toISOString() ?? null,
    reference: refund.reference,
  };
}
