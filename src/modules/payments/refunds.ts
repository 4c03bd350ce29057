import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { postTransaction } from '../ledger/service.ts';
import { accounts, HELD_ORDERS, programBank, receivingAccount } from './accounts.ts';

// Money owed back to a buyer. Opening a refund moves no money: it is still held for the
// order. Paying it (staff send it back and note the reference) is the ledger movement.

export async function hasRefund(ctx: Ctx, paymentId: string, reason: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('refunds')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('payment_id', '=', paymentId)
    .where('reason', '=', reason)
    .executeTakeFirst();
  return row !== undefined;
}

/** What of a paid payment has not been refunded or asked back yet. */
export async function refundableAmount(ctx: Ctx, payment: { id: string; amount: bigint }): Promise<bigint> {
  const row = await ctx.db
    .selectFrom('refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<bigint>('amount'), eb.lit(0)).as('refunded'))
    .where('tenant_id', '=', ctx.tenant.id)
    .where('payment_id', '=', payment.id)
    .executeTakeFirstOrThrow();
  return payment.amount - BigInt(row.refunded);
}

/** Opens a refund inside the caller's transaction; never more than what is left of the payment. */
export async function requestRefund(
  ctx: Ctx,
  input: { orderId: string; paymentId: string; amount: bigint; reason: string },
): Promise<string | null> {
  if (input.amount <= 0n) return null;
  const payment = await ctx.db
    .selectFrom('payments')
    .select(['id', 'amount'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', input.paymentId)
    .executeTakeFirstOrThrow();
  const left = await refundableAmount(ctx, payment);
  if (input.amount > left) throw new Error(`refund of ${input.amount} exceeds the ${left} left of payment ${payment.id}`);
  const id = newId('rfd');
  await ctx.db
    .insertInto('refunds')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      order_id: input.orderId,
      payment_id: input.paymentId,
      amount: input.amount,
      reason: input.reason,
      status: 'pending',
      created_by: ctx.actor?.userId ?? 'system',
      paid_by: null,
      paid_at: null,
      reference: null,
    })
    .execute();
  return id;
}

/**
 * Staff sent the money back (bank transfer, gateway refund or cash): the refund is paid and the
 * ledger moves it out of held money, from the account it came in to.
 */
export async function markRefundPaid(ctx: Ctx, input: { refundId: string; reference: string }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const refund = await tx.db
      .selectFrom('refunds as r')
      .innerJoin('payments as p', (join) => join.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.id', '=', 'r.payment_id'))
      .innerJoin('orders as o', (join) => join.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.order_id'))
      .select(['r.id', 'r.status', 'r.amount', 'r.order_id', 'p.method', 'o.program_id', 'o.number'])
      .where('r.tenant_id', '=', tx.tenant.id)
      .where('r.id', '=', input.refundId)
      .forUpdate('r')
      .executeTakeFirst();
    if (!refund) throw new AppError('not_found');
    if (refund.status !== 'pending') throw new AppError('invalid_transition', { params: { status: refund.status, to: 'paid' } });
    // Cash taken at the door went to the program; it is paid back from the program's account.
    const source = refund.method === 'cod' ? programBank(refund.program_id) : receivingAccount(refund.method, refund.program_id);
    const [held, from] = await accounts(tx, HELD_ORDERS, source);
    await postTransaction(tx, {
      kind: 'refund',
      reference: { type: 'order', id: refund.order_id },
      idempotencyKey: `refund:${refund.id}`,
      memo: `${refund.number} refund ${refund.id}`,
      postings: [
        { accountCode: held as string, amount: refund.amount },
        { accountCode: from as string, amount: -refund.amount },
      ],
    });
    await tx.db
      .updateTable('refunds')
      .set({ status: 'paid', paid_by: tx.actor?.userId ?? 'system', paid_at: new Date(), reference: input.reference })
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', refund.id)
      .execute();
  });
}
