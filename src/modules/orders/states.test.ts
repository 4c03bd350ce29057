import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canTransitionPayment } from '../payments/states.ts';
import { PAYMENT_STATUSES } from '../payments/tables.ts';
import { formatOrderNumber, programPrefix } from './numbers.ts';
import { canTransition, canTransitionFulfilment, releasesStock } from './states.ts';
import { FULFILMENT_STATUSES, ORDER_STATUSES } from './tables.ts';

/** Every (from, to) pair of a state machine: the listed ones allowed, all others refused. */
function assertExactly<S extends string>(statuses: readonly S[], can: (from: S, to: S) => boolean, allowed: string[]) {
  for (const from of statuses) {
    for (const to of statuses) {
      const key = `${from} ${to}`;
      assert.equal(can(from, to), allowed.includes(key), key);
    }
  }
}

test('the order lifecycle allows exactly these steps', () => {
  assertExactly(ORDER_STATUSES, canTransition, [
    'awaiting_payment confirmed',
    'awaiting_payment cancelled',
    'awaiting_payment expired',
    'confirmed accepted',
    'confirmed rejected',
    'confirmed cancelled',
    'accepted ready',
    'accepted cancelled',
    'ready delivered',
    'ready cancelled',
    'delivered completed',
  ]);
});

test("a seller's part of an order allows exactly these steps", () => {
  assertExactly(FULFILMENT_STATUSES, canTransitionFulfilment, [
    'pending accepted',
    'pending rejected',
    'accepted ready',
    'ready delivered',
  ]);
});

test('a payment allows exactly these steps; a paid one never changes', () => {
  assertExactly(PAYMENT_STATUSES, canTransitionPayment, [
    'pending submitted',
    'pending paid',
    'pending failed',
    'pending cancelled',
    'submitted paid',
    'submitted pending',
    'submitted cancelled',
  ]);
});

test('an order cancelled or expired before hand-over gives its stock back', () => {
  const releasing = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.filter((to) => releasesStock(from, to)).map((to) => `${from} ${to}`));
  assert.deepEqual(releasing, [
    'awaiting_payment cancelled',
    'awaiting_payment expired',
    'confirmed cancelled',
    'accepted cancelled',
    'ready cancelled',
  ]);
});

test('order numbers CS can read over the phone', () => {
  assert.equal(programPrefix('jujag-jujug'), 'JJG');
  assert.equal(programPrefix('tuka-tuku'), 'TKT');
  assert.equal(programPrefix('aie-1'), 'AIE');
  assert.equal(formatOrderNumber('JJG', 2026, 123), 'JJG-26-000123');
  assert.equal(formatOrderNumber('TKT', 2030, 1_234_567), 'TKT-30-1234567');
});
