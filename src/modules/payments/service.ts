import { type Selectable, sql } from 'kysely';
import { type Ctx, inTransaction } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { startDelivery } from '../delivery/dispatch.ts';
import { postTransaction } from '../ledger/service.ts';
import { assertMediaExists } from '../media/service.ts';
import { notifyBuyer } from '../orders/notifications.ts';
import { lockOrder, moveOrder } from '../orders/states.ts';
import { accounts, courierCash, HELD_ORDERS, receivingAccount } from './accounts.ts';
import type { PaymentGateway } from './gateway.ts';
import { hasRefund, requestRefund } from './refunds.ts';
import { lockPaymentsOfOrder, movePayment, recordPaymentEvent } from './states.ts';
import type { PaymentMethod, PaymentsTable } from './tables.ts';

export type PaymentRow = Selectable<PaymentsTable>;
type OrderRow = Awaited<ReturnType<typeof lockOrder>>;

/** What a program has set up for taking money. */
export async function paymentSettings(ctx: Ctx, programId: string) {
  return ctx.db
    .selectFrom('programs')
    .select([
      'id',
      'name',
      'payment_methods as methods',
      'bank_name as bankName',
      'bank_account_number as bankAccountNumber',
      'bank_account_holder as bankAccountHolder',
      'qris_payload as qrisPayload',
    ])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', programId)
    .executeTakeFirstOrThrow();
}
export type PaymentSettings = Awaited<ReturnType<typeof paymentSettings>>;

/** Why the buyer cannot pay this order this way, or null. */
async function methodProblem(ctx: Ctx, method: PaymentMethod, order: OrderRow, settings: PaymentSettings, gateway: PaymentGateway | null) {
  if (!settings.methods.includes(method)) return 'payment_method_unavailable' as const;
  if (method === 'transfer' && !settings.bankAccountNumber) return 'payment_method_unavailable' as const;
  if (method === 'qris' && !settings.qrisPayload) return 'payment_method_unavailable' as const;
  if (method === 'gateway' && !gateway) return 'payment_method_unavailable' as const;
  if (method === 'cod') {
    // Cash is taken at the door by the program's courier: every part must be delivered by one.
    const other = await ctx.db
      .selectFrom('fulfilments')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('order_id', '=', order.id)
      .where('method', '<>', 'delivery')
      .executeTakeFirst();
    if (other) return 'cod_needs_delivery' as const;
  }
  return null;
}

/**
 * A unique code (1-999) to add to a transfer, so CS can match a bank mutation to its order by
 * the amount alone. Codes are taken under a tenant-wide lock, so two buyers with the same
 * total never get the same amount while both are open.
 */
async function freeUniqueCode(ctx: Ctx, total: bigint): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`transfer-code:${ctx.tenant.id}`}))`.execute(ctx.db);
  const taken = await ctx.db
    .selectFrom('payments')
    .select('amount')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('method', '=', 'transfer')
    .where('status', 'in', ['pending', 'submitted'])
    .where('amount', '>', total)
    .where('amount', '<', total + 1000n)
    .execute();
  const used = new Set(taken.map((row) => Number(row.amount - total)));
  const free: number[] = [];
  for (let code = 1; code <= 999; code++) if (!used.has(code)) free.push(code);
  if (free.length === 0) throw new AppError('payment_busy');
  return free[Math.floor(Math.random() * free.length)] as number;
}

/** The buyer's own order, locked; another buyer's is not found. */
async function lockBuyersOrder(ctx: Ctx, orderId: string): Promise<OrderRow> {
  const order = await lockOrder(ctx, orderId);
  if (order.buyer_user_id !== ctx.actor?.userId) throw new AppError('not_found');
  return order;
}

/**
 * Starts paying an unpaid order with a method: a transfer gets its unique amount, QRIS its
 * dynamic payload, the gateway a checkout page, cash on delivery confirms the order at once.
 * Asking again for the same method returns the open payment; another method replaces it
 * (unless a transfer proof is already waiting for CS).
 */
export async function startPayment(
  ctx: Ctx,
  input: { orderId: string; method: PaymentMethod },
  gateway: PaymentGateway | null,
): Promise<PaymentRow> {
  const payment = await inTransaction(ctx, async (tx) => {
    const order = await lockBuyersOrder(tx, input.orderId);
    if (order.status !== 'awaiting_payment') throw new AppError('order_not_payable', { params: { status: order.status } });
    const settings = await paymentSettings(tx, order.program_id);
    const problem = await methodProblem(tx, input.method, order, settings, gateway);
    if (problem) throw fieldError('method', problem);

    for (const open of await lockPaymentsOfOrder(tx, order.id)) {
      if (open.status !== 'pending' && open.status !== 'submitted') continue;
      if (open.method === input.method) return open;
      if (open.status === 'submitted') throw new AppError('payment_in_review');
      await movePayment(tx, open, 'cancelled', { kind: 'method_changed', reason: input.method });
    }

    const uniqueCode = input.method === 'transfer' ? await freeUniqueCode(tx, order.total) : 0;
    const row = await tx.db
      .insertInto('payments')
      .values({
        tenant_id: tx.tenant.id,
        id: newId('pay'),
        order_id: order.id,
        method: input.method,
        status: 'pending',
        amount: order.total + BigInt(uniqueCode),
        unique_code: uniqueCode,
        proof_media_id: null,
        provider_ref: null,
        redirect_url: null,
        paid_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordPaymentEvent(tx, { paymentId: row.id, from: null, to: 'pending', kind: 'created' });
    // Cash is paid at the door: the sellers can start now, and the stock is theirs to sell.
    if (input.method === 'cod') {
      await moveOrder(tx, order, 'confirmed', 'cash_on_delivery');
      await startDelivery(tx, order.id);
    }
    return row;
  });

  if (payment.method !== 'gateway' || payment.redirect_url || !gateway) return payment;
  return openGatewayCharge(ctx, payment, gateway);
}

/** Creates the gateway charge outside the database transaction; a failed call cancels the payment so the buyer can try again. */
async function openGatewayCharge(ctx: Ctx, payment: PaymentRow, gateway: PaymentGateway): Promise<PaymentRow> {
  const order = await ctx.db
    .selectFrom('orders')
    .select(['number', 'reserved_until'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', payment.order_id)
    .executeTakeFirstOrThrow();
  let charge: Awaited<ReturnType<PaymentGateway['createCharge']>>;
  try {
    charge = await gateway.createCharge({
      paymentId: payment.id,
      amount: payment.amount,
      orderNumber: order.number,
      buyer: { name: ctx.actor?.name ?? '', phone: ctx.actor?.phone ?? '' },
      expiresAt: order.reserved_until,
    });
  } catch (error) {
    await inTransaction(ctx, async (tx) => {
      const [locked] = await tx.db
        .selectFrom('payments')
        .selectAll()
        .where('tenant_id', '=', tx.tenant.id)
        .where('id', '=', payment.id)
        .forUpdate()
        .execute();
      if (locked?.status === 'pending') {
        await movePayment(tx, locked, 'failed', { kind: 'charge_failed', reason: (error as Error).message.slice(0, 500) });
      }
    });
    throw new AppError('gateway_unavailable');
  }
  return ctx.db
    .updateTable('payments')
    .set({ redirect_url: charge.redirectUrl, provider_ref: charge.reference, updated_at: new Date() })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', payment.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A payment of this tenant, locked. */
export async function lockPayment(ctx: Ctx, paymentId: string): Promise<PaymentRow> {
  const payment = await ctx.db
    .selectFrom('payments')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', paymentId)
    .forUpdate()
    .executeTakeFirst();
  if (!payment) throw new AppError('not_found');
  return payment;
}

/** The buyer attaches a photo of the transfer receipt; CS then checks the bank account. */
export async function submitTransferProof(ctx: Ctx, input: { orderId: string; mediaId: string }): Promise<void> {
  await assertMediaExists(ctx, [input.mediaId], 'mediaId');
  await inTransaction(ctx, async (tx) => {
    const order = await lockBuyersOrder(tx, input.orderId);
    const payment = (await lockPaymentsOfOrder(tx, order.id)).find((p) => p.status === 'pending' || p.status === 'submitted');
    if (payment?.method !== 'transfer' || order.status !== 'awaiting_payment') {
      throw new AppError('order_not_payable', { params: { status: order.status } });
    }
    if (payment.status === 'submitted') {
      // A clearer photo replaces the first one; the payment stays in review.
      await tx.db
        .updateTable('payments')
        .set({ proof_media_id: input.mediaId, updated_at: new Date() })
        .where('tenant_id', '=', tx.tenant.id)
        .where('id', '=', payment.id)
        .execute();
      await recordPaymentEvent(tx, { paymentId: payment.id, from: 'submitted', to: 'submitted', kind: 'proof_replaced' });
      return;
    }
    await movePayment(tx, payment, 'submitted', { kind: 'proof_uploaded', set: { proof_media_id: input.mediaId } });
  });
}

/**
 * Books money that arrived for a payment, inside the caller's transaction: the ledger entry,
 * the payment marked paid and the order confirmed. Money for an order that meanwhile expired
 * or was cancelled is still booked (it is in our account), and a refund is opened for it.
 */
export async function bookPaymentReceived(
  ctx: Ctx,
  payment: PaymentRow,
  source: { kind: string; reference?: string; providerEventId?: string; payload?: unknown; cashCourier?: { userId: string; name: string } },
): Promise<'paid' | 'late'> {
  const order = await lockOrder(ctx, payment.order_id);
  const [asset, held] =
    payment.method === 'cod'
      ? await accounts(ctx, courierCash(source.cashCourier?.userId ?? 'unknown', source.cashCourier?.name ?? ''), HELD_ORDERS)
      : await accounts(ctx, receivingAccount(payment.method, order.program_id), HELD_ORDERS);
  await postTransaction(ctx, {
    kind: payment.method === 'cod' ? 'cash_collected' : 'buyer_payment',
    reference: { type: 'order', id: order.id },
    idempotencyKey: `payment:${payment.id}`,
    memo: `${order.number} ${payment.method} ${payment.id}`,
    postings: [
      { accountCode: asset as string, amount: payment.amount },
      { accountCode: held as string, amount: -payment.amount },
    ],
  });

  const late = payment.status === 'cancelled' || payment.status === 'failed';
  if (late) {
    // A repeated notification of the same late money: booked once (idempotency key), refunded once.
    if (await hasRefund(ctx, payment.id, 'late_payment')) return 'late';
    await recordPaymentEvent(ctx, {
      paymentId: payment.id,
      from: payment.status,
      to: payment.status,
      kind: 'late_payment',
      reason: source.kind,
      providerEventId: source.providerEventId,
      payload: source.payload,
    });
    await requestRefund(ctx, { orderId: order.id, paymentId: payment.id, amount: payment.amount, reason: 'late_payment' });
    return 'late';
  }
  await movePayment(ctx, payment, 'paid', {
    kind: source.kind,
    providerEventId: source.providerEventId,
    payload: source.payload,
    set: { provider_ref: source.reference ?? payment.provider_ref },
  });
  if (order.status === 'awaiting_payment') {
    await moveOrder(ctx, order, 'confirmed', `paid:${payment.method}`);
    await notifyBuyer(ctx, order.id, { kind: 'paid' });
    await startDelivery(ctx, order.id);
  }
  return 'paid';
}

/** CS confirms a transfer or QRIS payment after seeing it in the program's bank or QRIS app. */
export async function confirmPayment(ctx: Ctx, input: { paymentId: string; reference: string }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const payment = await lockPayment(tx, input.paymentId);
    if (payment.method !== 'transfer' && payment.method !== 'qris')
      throw new AppError('invalid_transition', { params: { status: payment.method, to: 'paid' } });
    if (payment.status !== 'pending' && payment.status !== 'submitted') {
      throw new AppError('invalid_transition', { params: { status: payment.status, to: 'paid' } });
    }
    await bookPaymentReceived(tx, payment, { kind: 'confirmed_by_staff', reference: input.reference });
  });
}

/** CS cannot find the transfer: the proof is sent back and the buyer told why. */
export async function rejectTransferProof(ctx: Ctx, input: { paymentId: string; reason: string }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const payment = await lockPayment(tx, input.paymentId);
    if (payment.status !== 'submitted') throw new AppError('invalid_transition', { params: { status: payment.status, to: 'pending' } });
    await movePayment(tx, payment, 'pending', { kind: 'proof_rejected', reason: input.reason });
    await notifyBuyer(tx, payment.order_id, { kind: 'proof_rejected', reason: input.reason });
  });
}

/** The courier hands over the goods and takes the cash: the COD payment is paid into that courier's cash. */
export async function collectCash(ctx: Ctx, orderId: string, courier: { userId: string; name: string }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const payment = (await lockPaymentsOfOrder(tx, orderId)).find((p) => p.method === 'cod' && p.status === 'pending');
    if (!payment) throw new AppError('invalid_transition', { params: { status: 'paid', to: 'paid' } });
    await bookPaymentReceived(tx, payment, { kind: 'cash_collected', cashCourier: courier });
  });
}
