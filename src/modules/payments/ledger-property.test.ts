import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { TenantRef } from '../../http/context.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeMarket, makeTenant } from '../../test/factories.ts';
import { accountBalance, verifyLedger } from '../ledger/service.ts';
import { makePhoto, makeStaffBrowser } from '../sellers/test-fixtures.ts';
import { deliverAsCourier, makeCourier, makePayingProgram, makeSellingShop, orderFrom, staffOf, takeJob } from './test-fixtures.ts';

// Random sequences of what buyers, sellers, couriers and CS do to two orders of two market
// traders each (the delivered one with a titip line): payments, rejections, cancellations,
// reweighing, stall payments from the courier's float, refunds and completions in any order.
// Whatever the sequence, the ledger stays balanced, each order's held money is exactly what is
// still owed (to the buyer as refunds, or until completion to the sellers), and the float is
// what was given less what was paid at stalls.

const order = fc.nat(1);
const on = <K extends string>(...kinds: K[]) => fc.record({ kind: fc.constantFrom(...kinds), order });
// Weighted so that many histories get paid and go far; cancellations stay rarer, as in life.
const op = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('pay' as const), order, method: fc.constantFrom('transfer', 'qris', 'cod') }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('seller' as const),
      order,
      shop: fc.nat(1),
      action: fc.constantFrom('accept', 'reject', 'ready', 'hand-over'),
    }),
  },
  { weight: 5, arbitrary: on('advance', 'finish', 'confirm') },
  { weight: 1, arbitrary: on('deliver', 'cancel', 'staffCancel') },
  { weight: 1, arbitrary: fc.constant({ kind: 'payRefunds' as const }) },
  // The shopper weighs a line of the courier-delivered order (none, less, a little off, more;
  // position 2 is the titip line); the buyer answers.
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('weigh' as const),
      order: fc.constant(0),
      position: fc.nat(2),
      factor: fc.constantFrom(0, 0.5, 0.95, 1.05, 1.5),
    }),
  },
  // The shopper pays a stall from the float (stall 2: for the titip line); too much is refused.
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('payStall' as const),
      order: fc.constant(0),
      stall: fc.nat(2),
      amount: fc.constantFrom(5_000, 9_000, 20_500, 40_000),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('decide' as const), order: fc.constant(0), position: fc.nat(1), accept: fc.boolean() }),
  },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

for (const engine of engines()) {
  describe(`ledger under random order histories on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let shops: Awaited<ReturnType<typeof makeSellingShop>>[];
    let staff: Awaited<ReturnType<typeof staffOf>>;
    let courier: Awaited<ReturnType<typeof makeCourier>>;
    const FLOAT = 1_000_000;
    const TITIP = { text: 'Kelapa parut', estimate: 9_000, cap: 12_000 };

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      const programId = await makePayingProgram(t.database.db, tenant.id, 333);
      await t.database.db.updateTable('programs').set({ titip_enabled: true, shopping_fee: 1_500 }).where('id', '=', programId).execute();
      const marketId = (await makeMarket(t.database.db, tenant.id)).id;
      shops = [
        await makeSellingShop(t, tenant, programId, 41_000, marketId),
        await makeSellingShop(t, tenant, programId, 27_350, marketId),
      ];
      staff = await staffOf(t, tenant);
      courier = await makeCourier(t, tenant, programId);
      const treasurer = (await makeStaffBrowser(t, tenant, 'treasurer')).browser;
      await treasurer.post(`/api/admin/couriers/${courier.id}/float`, { action: 'give', amount: FLOAT });
    });
    after(() => t.close());

    async function sellerStep(orderId: string, shopIndex: number, action: string) {
      const shop = shops[shopIndex] as (typeof shops)[number];
      const part = await t.database.db
        .selectFrom('fulfilments')
        .select('id')
        .where('order_id', '=', orderId)
        .where('seller_id', '=', shop.sellerId)
        .executeTakeFirstOrThrow();
      return shop.seller.post(`/api/seller/fulfilments/${part.id}/${action}`, { reason: 'habis' });
    }

    /** The courier's job of the order, taken if it is still at the market; undefined once it left. */
    async function jobAtMarket(orderId: string) {
      const job = await t.database.db.selectFrom('delivery_jobs').select('status').where('order_id', '=', orderId).executeTakeFirst();
      if (!job || !['waiting', 'offered', 'accepted', 'shopping'].includes(job.status)) return undefined;
      return (await takeJob(t, tenant, courier, orderId)).id;
    }

    /**
     * The courier takes the order's job to the door, if it has one that can still go; an
     * unrecorded titip line is bought (and paid from the float) at its estimate first.
     */
    async function courierDelivers(orderId: string) {
      const job = await t.database.db.selectFrom('delivery_jobs').select('status').where('order_id', '=', orderId).executeTakeFirst();
      if (!job || ['delivered', 'cancelled', 'returned'].includes(job.status)) return undefined;
      const titip = await t.database.db
        .selectFrom('order_lines')
        .select(['position', 'reweigh_status'])
        .where('order_id', '=', orderId)
        .where('kind', '=', 'request')
        .executeTakeFirst();
      const jobId = titip && titip.reweigh_status === null ? await jobAtMarket(orderId) : undefined;
      if (jobId && titip) {
        await courier.browser.post(`/api/courier/jobs/${jobId}/lines/${titip.position}`, {
          quantityMilli: 1000,
          unitPrice: TITIP.estimate,
        });
      }
      return deliverAsCourier(t, tenant, courier, orderId);
    }

    /** Runs one step as the person who would take it; refusals (4xx) are part of the game, 5xx never. */
    async function apply(step: Op, orders: Awaited<ReturnType<typeof orderFrom>>[]) {
      let response: Awaited<ReturnType<(typeof staff)['cs']['post']>> | undefined;
      if (step.kind === 'payRefunds') {
        for (const refund of (await staff.cs.get('/api/cs/refunds')).json().refunds) {
          response = await staff.cs.post(`/api/cs/refunds/${refund.id}/paid`, { reference: 'trf' });
        }
      } else {
        const { browser, order } = orders[step.order] as (typeof orders)[number];
        if (step.kind === 'pay') {
          response = await browser.post(`/api/orders/${order.id}/payments`, { method: step.method });
          const payment = response.statusCode === 200 ? response.json().order.payment : null;
          if (payment?.method === 'transfer') {
            await browser.post(`/api/orders/${order.id}/payments/proof`, { mediaId: await makePhoto(t.database.db, tenant.id) });
          }
          if (payment && payment.method !== 'cod')
            response = await staff.cs.post(`/api/cs/payments/${payment.id}/confirm`, { reference: 'ok' });
        } else if (step.kind === 'weigh') {
          const jobId = await jobAtMarket(order.id);
          if (jobId) {
            const titip = step.position === 2;
            const quantityMilli = titip ? 1000 : Math.round(500 * step.factor);
            response = await courier.browser.post(`/api/courier/jobs/${jobId}/lines/${step.position}`, {
              quantityMilli,
              ...(titip ? { unitPrice: Math.round(TITIP.cap * step.factor) || 1 } : {}),
              unavailable: step.factor === 0,
            });
          }
        } else if (step.kind === 'payStall') {
          const jobId = await jobAtMarket(order.id);
          if (jobId) {
            response = await courier.browser.post(`/api/courier/jobs/${jobId}/stall-payments`, {
              sellerId: step.stall === 2 ? null : shops[step.stall]?.sellerId,
              amount: step.amount,
            });
          }
        } else if (step.kind === 'decide') {
          response = await browser.post(`/api/orders/${order.id}/lines/${step.position}/decision`, { accept: step.accept });
        } else if (step.kind === 'seller') {
          response = await sellerStep(order.id, step.shop, step.action);
        } else if (step.kind === 'advance') {
          // Every seller takes every step, then the courier: random histories reach completion too.
          for (const action of ['accept', 'ready', 'hand-over'])
            for (const shop of [0, 1]) response = await sellerStep(order.id, shop, action);
          response = await courierDelivers(order.id);
        } else if (step.kind === 'deliver') {
          response = await courierDelivers(order.id);
        } else if (step.kind === 'finish') {
          await apply({ kind: 'advance', order: step.order }, orders);
          response = await browser.post(`/api/orders/${order.id}/confirm-receipt`);
        } else if (step.kind === 'confirm') {
          response = await browser.post(`/api/orders/${order.id}/confirm-receipt`);
        } else if (step.kind === 'cancel') {
          response = await browser.post(`/api/orders/${order.id}/cancel`, {});
        } else {
          response = await staff.cs.post(`/api/cs/orders/${order.id}/cancel`, { reason: 'acak' });
        }
      }
      if (response) assert.ok(response.statusCode < 500, `${JSON.stringify(step)}: ${response.body}`);
    }

    /** Held money of one order = what is still owed on it (see the file comment). */
    async function assertHeldMatches(orderId: string) {
      const db = t.database.db;
      const [held, paid, refunds, order] = await Promise.all([
        db
          .selectFrom('ledger_postings as p')
          .innerJoin('ledger_accounts as a', (j) => j.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.id', '=', 'p.account_id'))
          .innerJoin('ledger_transactions as x', (j) => j.onRef('x.tenant_id', '=', 'p.tenant_id').onRef('x.id', '=', 'p.transaction_id'))
          .select(sql<string>`coalesce(sum(p.amount), 0)`.as('sum'))
          .where('a.code', '=', 'held:orders')
          .where('x.reference_id', '=', orderId)
          .executeTakeFirstOrThrow(),
        db.selectFrom('payments').select('amount').where('order_id', '=', orderId).where('status', '=', 'paid').executeTakeFirst(),
        db.selectFrom('refunds').select(['amount', 'status']).where('order_id', '=', orderId).execute(),
        db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow(),
      ]);
      const sum = (status: string) => refunds.filter((r) => r.status === status).reduce((s, r) => s + r.amount, 0n);
      const paidAmount = paid?.amount ?? 0n;
      assert.ok(sum('pending') + sum('paid') <= paidAmount, 'never more refunded than paid');
      const owed = order.status === 'completed' ? sum('pending') : paidAmount - sum('paid');
      assert.equal(BigInt(held.sum), -owed, `order ${orderId} (${order.status})`);
    }

    /** The float in the courier's hands is what was given less every stall payment, in the ledger and in the table. */
    async function assertFloatMatches() {
      const paid = await t.database.db
        .selectFrom('stall_payments')
        .select(sql<string>`coalesce(sum(amount), 0)`.as('sum'))
        .where('tenant_id', '=', tenant.id)
        .executeTakeFirstOrThrow();
      const ctx = { db: t.database.db, tenant, actor: null, lang: 'id' as const };
      assert.equal(await accountBalance(ctx, `float:courier:${courier.id}`), BigInt(FLOAT) - BigInt(paid.sum));
    }

    test('stays balanced, and held money is exactly what is owed', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 8, maxLength: 30 }), async (steps) => {
          const orders = [
            await orderFrom(t, tenant, shops, 'delivery', { requests: [TITIP] }),
            await orderFrom(t, tenant, shops, 'pickup'),
          ];
          for (const step of steps) await apply(step, orders);
          assert.equal((await verifyLedger(t.database.db, tenant.id)).ok, true);
          for (const { order } of orders) await assertHeldMatches(order.id);
          await assertFloatMatches();
        }),
        { numRuns: 20, seed: 20261122, endOnFailure: true },
      );
      // The histories must have reached the interesting places, or the property proved little.
      const reached = await t.database.db
        .selectFrom('orders')
        .select((eb) => [
          eb.fn.countAll<string>().filterWhere('status', '=', 'completed').as('completed'),
          eb.fn
            .countAll<string>()
            .filterWhere((w) => w.exists(w.selectFrom('refunds').select('id').whereRef('refunds.order_id', '=', 'orders.id')))
            .as('refunded'),
          eb.fn
            .countAll<string>()
            .filterWhere((w) =>
              w.exists(
                w
                  .selectFrom('refunds')
                  .select('id')
                  .whereRef('refunds.order_id', '=', 'orders.id')
                  .where('refunds.reason', '=', 'reweighed'),
              ),
            )
            .as('reweighed'),
          eb.fn
            .countAll<string>()
            .filterWhere((w) =>
              w.exists(
                w
                  .selectFrom('stall_payments as sp')
                  .innerJoin('delivery_jobs as j', (join) => join.onRef('j.tenant_id', '=', 'sp.tenant_id').onRef('j.id', '=', 'sp.job_id'))
                  .select('sp.id')
                  .whereRef('j.order_id', '=', 'orders.id')
                  .where('orders.status', '=', 'completed'),
              ),
            )
            .as('paidAtStalls'),
        ])
        .where('tenant_id', '=', tenant.id)
        .executeTakeFirstOrThrow();
      assert.ok(
        Number(reached.completed) >= 2 &&
          Number(reached.refunded) >= 2 &&
          Number(reached.reweighed) >= 1 &&
          Number(reached.paidAtStalls) >= 1,
        `completed ${reached.completed}, refunded ${reached.refunded}, refunded after reweighing ${reached.reweighed}, ` +
          `completed after paying stalls ${reached.paidAtStalls}`,
      );
    });
  });
}
