import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { formatRupiah } from '../../shared/format.ts';
import { newId } from '../../shared/ids.ts';
import { formatQuantity, linePrice } from '../../shared/quantity.ts';
import { refundableAmount, requestRefund } from '../payments/refunds.ts';
import { lockPaymentsOfOrder } from '../payments/states.ts';
import { askBuyerAboutLine } from './notifications.ts';
import { lockOrder } from './states.ts';
import type { LineEventsTable } from './tables.ts';

// Weighed goods at the market: the shopper records what was actually bought for each line.
// Within the program's tolerance the figure applies at once; beyond it the buyer is asked,
// with a deadline and a default. A substitute is always the buyer's choice. A titip line
// applies up to the buyer's cap; above it the buyer is asked (a paid order cannot go above). When the courier leaves the market the order's money follows
// the final figures: a paid order gets the difference back, a cash-on-delivery order is
// collected at its final amount. A paid order cannot cost more than was paid.

const IN_PROGRESS = ['confirmed', 'accepted', 'ready'];

async function lineEvent(
  ctx: Ctx,
  line: { orderId: string; position: number },
  event: { kind: LineEventsTable['kind']; quantityMilli?: number | null; lineTotal?: bigint | null; reason?: string },
) {
  await ctx.db
    .insertInto('line_events')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId('lev'),
      order_id: line.orderId,
      position: line.position,
      kind: event.kind,
      quantity_milli: event.quantityMilli ?? null,
      line_total: event.lineTotal ?? null,
      actor: ctx.actor?.userId ?? 'system',
      reason: event.reason ?? '',
    })
    .execute();
}

/** Whether the order is paid up front (not cash on delivery): it may then only get cheaper. */
async function paidUpFront(ctx: Ctx, orderId: string): Promise<boolean> {
  const payments = await lockPaymentsOfOrder(ctx, orderId);
  return payments.some((p) => p.status === 'paid' && p.method !== 'cod');
}

/**
 * The shopper's figure for one line, inside the caller's transaction (the courier's job is
 * locked and theirs). `unavailable` when the stall did not have it.
 */
export async function weighLine(
  ctx: Ctx,
  input: {
    orderId: string;
    position: number;
    quantityMilli: number;
    unitPrice?: number;
    unavailable?: boolean;
    substitute?: string;
    reason?: string;
  },
): Promise<void> {
  const order = await lockOrder(ctx, input.orderId);
  if (!IN_PROGRESS.includes(order.status)) throw new AppError('invalid_transition', { params: { status: order.status, to: 'reweighed' } });
  const line = await ctx.db
    .selectFrom('order_lines as l')
    .leftJoin('fulfilments as f', (join) =>
      join.onRef('f.tenant_id', '=', 'l.tenant_id').onRef('f.order_id', '=', 'l.order_id').onRef('f.seller_id', '=', 'l.seller_id'),
    )
    .select([
      'l.position',
      'l.kind',
      'l.product_title',
      'l.unit',
      'l.unit_price',
      'l.quantity_milli',
      'l.line_total',
      'l.reweigh_status',
      'f.method',
      'f.status as part_status',
    ])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.order_id', '=', order.id)
    .where('l.position', '=', input.position)
    .executeTakeFirst();
  if (!line || (line.kind === 'catalog' && (line.method !== 'delivery' || line.part_status === 'rejected'))) {
    throw new AppError('not_found');
  }
  if (line.reweigh_status === 'accepted' || line.reweigh_status === 'removed') {
    throw new AppError('invalid_transition', { params: { status: line.reweigh_status, to: 'reweighed' } });
  }
  const program = await ctx.db
    .selectFrom('programs')
    .select(['reweigh_tolerance_bp', 'reweigh_decision_minutes'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', order.program_id)
    .executeTakeFirstOrThrow();
  const ref = { orderId: order.id, position: line.position };
  const set = (values: Record<string, unknown>) =>
    ctx.db
      .updateTable('order_lines')
      .set(values)
      .where('tenant_id', '=', ctx.tenant.id)
      .where('order_id', '=', order.id)
      .where('position', '=', line.position)
      .execute();

  if (input.unavailable) {
    await set({
      reweigh_status: 'unavailable',
      final_quantity_milli: 0,
      final_line_total: 0,
      proposed_quantity_milli: null,
      proposed_line_total: null,
      proposed_name: null,
      decide_by: null,
    });
    await lineEvent(ctx, ref, { kind: 'unavailable', quantityMilli: 0, lineTotal: 0n, reason: input.reason });
    return;
  }
  const unitPrice = BigInt(input.unitPrice ?? line.unit_price);
  const total = linePrice(unitPrice, input.quantityMilli);
  if (total > line.line_total && (await paidUpFront(ctx, order.id))) {
    const code = line.kind === 'request' ? 'reweigh_over_cap' : 'reweigh_over_paid';
    throw fieldError(line.kind === 'request' ? 'unitPrice' : 'quantityMilli', code, { maximum: formatRupiah(line.line_total) });
  }
  // A price far from the order (a typo, the wrong stall) is refused, not asked about.
  if (total > line.line_total * 3n) throw fieldError('unitPrice', 'reweigh_implausible', { maximum: formatRupiah(line.line_total * 3n) });
  // A titip line's total is the buyer's cap: anything up to it is what they asked for.
  const slack = (line.line_total * BigInt(program.reweigh_tolerance_bp)) / 10_000n;
  const within =
    input.substitute === undefined &&
    (line.kind === 'request' ? total <= line.line_total : total >= line.line_total - slack && total <= line.line_total + slack);
  if (within) {
    await set({
      reweigh_status: 'adjusted',
      final_quantity_milli: input.quantityMilli,
      final_line_total: total,
      proposed_quantity_milli: null,
      proposed_line_total: null,
      proposed_name: null,
      decide_by: null,
    });
    await lineEvent(ctx, ref, { kind: 'weighed', quantityMilli: input.quantityMilli, lineTotal: total, reason: input.reason });
    return;
  }
  const decideBy = new Date(Date.now() + program.reweigh_decision_minutes * 60_000);
  await set({
    reweigh_status: 'asked',
    proposed_quantity_milli: input.quantityMilli,
    proposed_line_total: total,
    proposed_name: input.substitute ?? null,
    decide_by: decideBy,
  });
  await lineEvent(ctx, ref, {
    kind: input.substitute === undefined ? 'asked' : 'substitute',
    quantityMilli: input.quantityMilli,
    lineTotal: total,
    reason: input.substitute === undefined ? input.reason : `${input.substitute}${input.reason ? `: ${input.reason}` : ''}`,
  });
  const offered = `${input.substitute ? `${input.substitute} ` : ''}${formatQuantity(input.quantityMilli)} ${line.unit}`;
  await askBuyerAboutLine(
    ctx,
    ref,
    (number) =>
      `Pesanan ${number}: untuk ${line.product_title} (dipesan ${formatQuantity(line.quantity_milli)} ${line.unit}, ${formatRupiah(line.line_total)}) ` +
      `${input.substitute ? 'kurir menawarkan pengganti' : 'tersedia'} ${offered} seharga ${formatRupiah(total)}. ` +
      `Jawab Setuju atau Tolak di sini atau di halaman pesanan dalam ${program.reweigh_decision_minutes} menit.`,
  );
}

async function decide(
  ctx: Ctx,
  line: {
    order_id: string;
    position: number;
    proposed_quantity_milli: number | null;
    proposed_line_total: bigint | null;
    proposed_name: string | null;
  },
  accept: boolean,
  kind: LineEventsTable['kind'],
) {
  await ctx.db
    .updateTable('order_lines')
    .set({
      reweigh_status: accept ? 'accepted' : 'removed',
      final_quantity_milli: accept ? line.proposed_quantity_milli : 0,
      final_line_total: accept ? line.proposed_line_total : 0n,
      substitute_name: accept ? line.proposed_name : null,
      proposed_name: null,
      decide_by: null,
    })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', line.order_id)
    .where('position', '=', line.position)
    .execute();
  await lineEvent(
    ctx,
    { orderId: line.order_id, position: line.position },
    { kind, quantityMilli: accept ? line.proposed_quantity_milli : 0, lineTotal: accept ? line.proposed_line_total : 0n },
  );
}

async function askedLine(ctx: Ctx, orderId: string, position: number) {
  return ctx.db
    .selectFrom('order_lines')
    .select(['order_id', 'position', 'proposed_quantity_milli', 'proposed_line_total', 'proposed_name', 'decide_by'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .where('position', '=', position)
    .where('reweigh_status', '=', 'asked')
    .executeTakeFirst();
}

/** The buyer takes the shopper's proposal for a line, or leaves the line out. */
export async function decideLine(ctx: Ctx, input: { orderId: string; position: number; accept: boolean }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    if (order.buyer_user_id !== tx.actor?.userId) throw new AppError('not_found');
    const line = await askedLine(tx, order.id, input.position);
    if (!line) throw new AppError('invalid_transition', { params: { status: 'decided', to: input.accept ? 'accepted' : 'removed' } });
    await decide(tx, line, input.accept, input.accept ? 'accepted' : 'removed');
  });
}

/** For the job runner: questions the buyer did not answer in time get the program's default. */
export async function applyReweighDefaults(ctx: Ctx, now = new Date()): Promise<number> {
  const due = await ctx.db
    .selectFrom('order_lines as l')
    .innerJoin('orders as o', (join) => join.onRef('o.tenant_id', '=', 'l.tenant_id').onRef('o.id', '=', 'l.order_id'))
    .innerJoin('programs as p', (join) => join.onRef('p.tenant_id', '=', 'o.tenant_id').onRef('p.id', '=', 'o.program_id'))
    .select(['l.order_id', 'l.position', 'p.reweigh_default'])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.reweigh_status', '=', 'asked')
    .where('l.decide_by', '<=', now)
    .limit(500)
    .execute();
  for (const row of due) {
    await inTransaction(ctx, async (tx) => {
      await lockOrder(tx, row.order_id);
      const line = await askedLine(tx, row.order_id, row.position);
      if (line?.decide_by && line.decide_by <= now) await decide(tx, line, row.reweigh_default === 'accept', 'defaulted');
    });
  }
  return due.length;
}

/**
 * The courier leaves the market: the order's money follows the final figures, inside the
 * caller's transaction. Refused while the buyer still has a question to answer.
 */
export async function settleReweighing(ctx: Ctx, orderId: string): Promise<void> {
  // Parts a seller rejected were refunded whole when rejected; titip lines have no seller.
  const lines = await ctx.db
    .selectFrom('order_lines as l')
    .leftJoin('fulfilments as f', (join) =>
      join.onRef('f.tenant_id', '=', 'l.tenant_id').onRef('f.order_id', '=', 'l.order_id').onRef('f.seller_id', '=', 'l.seller_id'),
    )
    .select(['l.kind', 'l.line_total', 'l.final_line_total', 'l.reweigh_status'])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.order_id', '=', orderId)
    .where((eb) => eb.or([eb('l.kind', '=', 'request'), eb('f.status', '<>', 'rejected')]))
    .execute();
  if (lines.some((l) => l.reweigh_status === 'asked')) throw new AppError('reweigh_pending');
  // The buyer paid the cap for each titip line; only the shopper knows what it really cost.
  if (lines.some((l) => l.kind === 'request' && l.final_line_total === null)) throw new AppError('titip_unrecorded');
  const difference = lines.reduce((sum, l) => sum + (l.final_line_total === null ? 0n : l.final_line_total - l.line_total), 0n);
  if (difference === 0n) return;
  const payments = await lockPaymentsOfOrder(ctx, orderId);
  const cod = payments.find((p) => p.method === 'cod' && p.status === 'pending');
  if (cod) {
    // Cash is taken at the door: the courier collects the final amount.
    await ctx.db
      .updateTable('payments')
      .set({ amount: cod.amount + difference, updated_at: new Date() })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', cod.id)
      .execute();
    return;
  }
  const paid = payments.find((p) => p.status === 'paid');
  if (!paid || difference > 0n) throw new Error(`order ${orderId}: a paid order reweighed to cost more`);
  // Already refunded for this order's reweighing (a repeated step): only what is still owed.
  const already = await ctx.db
    .selectFrom('refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<bigint>('amount'), eb.lit(0)).as('sum'))
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .where('reason', '=', 'reweighed')
    .executeTakeFirstOrThrow();
  const owed = -difference - BigInt(already.sum);
  if (owed > 0n && owed <= (await refundableAmount(ctx, paid))) {
    await requestRefund(ctx, { orderId, paymentId: paid.id, amount: owed, reason: 'reweighed' });
  }
}
