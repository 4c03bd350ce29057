import { sql } from 'kysely';
import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { formatRupiah } from '../../shared/format.ts';
import { newId } from '../../shared/ids.ts';
import { accountBalance, postTransaction } from '../ledger/service.ts';
import { assertMediaExists } from '../media/service.ts';
import { accounts, courierFloat, programBank, sellerPayable, titipPurchases } from '../payments/accounts.ts';
import { lockMyJob } from './jobs.ts';

// The market shopper's cash float (dana talangan). The treasurer hands a courier cash; at each
// stall the shopper pays the trader from it; the courier later returns what is left, or is
// reimbursed what they paid from their own pocket. Every movement is a ledger transaction:
//   given:     float:courier ← bank:program
//   at stall:  payable:seller (the trader is paid now, so owed less later) ← float:courier
//              or, for titip lines, clearing:titip (settled from the buyer's money) ← float:courier
//   settled:   bank:program ← float:courier (returned), or the reverse (reimbursed)

async function courierOfProgram(ctx: Ctx, courierId: string) {
  const courier = await ctx.db
    .selectFrom('couriers')
    .select(['id', 'name', 'program_id'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', courierId)
    .executeTakeFirst();
  if (!courier) throw new AppError('not_found');
  return courier;
}

/** What the courier holds of the program's float now; negative when the program owes them. */
export async function floatBalance(ctx: Ctx, courier: { id: string; name: string }): Promise<bigint> {
  const [code] = await accounts(ctx, courierFloat(courier.id, courier.name));
  return accountBalance(ctx, code as string);
}

/** Staff hand a courier cash for the day's market shopping. */
export async function giveFloat(ctx: Ctx, courierId: string, amount: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const courier = await courierOfProgram(tx, courierId);
    const [float, bank] = await accounts(tx, courierFloat(courier.id, courier.name), programBank(courier.program_id));
    await postTransaction(tx, {
      kind: 'float_given',
      reference: { type: 'courier', id: courier.id },
      memo: `Dana talangan untuk ${courier.name}`,
      postings: [
        { accountCode: float as string, amount: BigInt(amount) },
        { accountCode: bank as string, amount: -BigInt(amount) },
      ],
    });
  });
}

/**
 * The courier and the treasurer square up: a positive amount is cash the courier hands back,
 * a negative one is the program paying back what the courier spent of their own.
 */
export async function settleFloat(ctx: Ctx, courierId: string, amount: number): Promise<void> {
  if (amount === 0) throw fieldError('amount', 'float_settle_zero');
  await inTransaction(ctx, async (tx) => {
    const courier = await courierOfProgram(tx, courierId);
    const [float, bank] = await accounts(tx, courierFloat(courier.id, courier.name), programBank(courier.program_id));
    await postTransaction(tx, {
      kind: 'float_settled',
      reference: { type: 'courier', id: courier.id },
      memo: amount > 0 ? `Sisa dana talangan dikembalikan ${courier.name}` : `Talangan ${courier.name} diganti`,
      postings: [
        { accountCode: bank as string, amount: BigInt(amount) },
        { accountCode: float as string, amount: -BigInt(amount) },
      ],
    });
  });
}

/**
 * The shopper paid a stall in cash from the float: a trader of this order (sellerId), or any
 * stall for the buyer's titip lines (sellerId null). At most what that stall's lines still cost
 * at their final figures, less what was already paid there on this trip.
 */
export async function payAtStall(
  ctx: Ctx,
  jobId: string,
  input: { sellerId: string | null; amount: number; mediaId?: string },
): Promise<void> {
  if (input.mediaId) await assertMediaExists(ctx, [input.mediaId], 'mediaId');
  await inTransaction(ctx, async (tx) => {
    const { job, courier } = await lockMyJob(tx, jobId);
    if (job.kind !== 'market_trip') throw new AppError('not_market_trip');
    if (job.status !== 'accepted' && job.status !== 'shopping')
      throw new AppError('invalid_transition', { params: { status: job.status, to: 'paid_at_stall' } });
    const stall = await tx.db
      .selectFrom('order_lines as l')
      .leftJoin('sellers as s', (join) => join.onRef('s.tenant_id', '=', 'l.tenant_id').onRef('s.id', '=', 'l.seller_id'))
      .select([
        's.business_name',
        // A line the buyer is still deciding on may cost the shopper's proposed figure.
        sql<string>`sum(coalesce(l.final_line_total, greatest(l.line_total, coalesce(l.proposed_line_total, 0))))`.as('cost'),
      ])
      .where('l.tenant_id', '=', tx.tenant.id)
      .where('l.order_id', '=', job.order_id)
      .where((eb) => (input.sellerId ? eb('l.seller_id', '=', input.sellerId) : eb('l.kind', '=', 'request')))
      .groupBy('s.business_name')
      .executeTakeFirst();
    if (!stall) throw fieldError('sellerId', 'not_found');
    const paid = await tx.db
      .selectFrom('stall_payments')
      .select(sql<string>`coalesce(sum(amount), 0)`.as('sum'))
      .where('tenant_id', '=', tx.tenant.id)
      .where('job_id', '=', job.id)
      .where((eb) => (input.sellerId ? eb('seller_id', '=', input.sellerId) : eb('seller_id', 'is', null)))
      .executeTakeFirstOrThrow();
    const left = BigInt(stall.cost) - BigInt(paid.sum);
    if (BigInt(input.amount) > left) throw fieldError('amount', 'stall_payment_over', { maximum: formatRupiah(left > 0n ? left : 0n) });
    const id = newId('stp');
    await tx.db
      .insertInto('stall_payments')
      .values({
        tenant_id: tx.tenant.id,
        id,
        job_id: job.id,
        courier_id: courier.id,
        seller_id: input.sellerId,
        amount: input.amount,
        media_id: input.mediaId ?? null,
      })
      .execute();
    const [float, stallAccount] = await accounts(
      tx,
      courierFloat(courier.id, courier.name),
      input.sellerId ? sellerPayable(input.sellerId, stall.business_name ?? '') : titipPurchases(job.program_id),
    );
    await postTransaction(tx, {
      kind: 'stall_payment',
      reference: { type: 'delivery_job', id: job.id },
      idempotencyKey: `stall:${id}`,
      memo: stall.business_name ?? 'Titip belanja',
      postings: [
        { accountCode: stallAccount as string, amount: BigInt(input.amount) },
        { accountCode: float as string, amount: -BigInt(input.amount) },
      ],
    });
  });
}
