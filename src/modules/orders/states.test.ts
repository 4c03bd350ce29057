import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatOrderNumber, programPrefix } from './numbers.ts';
import { canTransition, releasesStock } from './states.ts';
import { ORDER_STATUSES } from './tables.ts';

test('the order lifecycle allows exactly these steps', () => {
  const allowed = new Set([
    'awaiting_payment paid',
    'awaiting_payment cancelled',
    'awaiting_payment expired',
    'paid accepted',
    'paid rejected',
    'paid refunded',
    'accepted ready',
    'ready delivered',
    'delivered completed',
  ]);
  // Every (from, to) pair: the nine above are allowed, all others refused.
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const key = `${from} ${to}`;
      assert.equal(canTransition(from, to), allowed.has(key), key);
    }
  }
});

test('only an unpaid order that ends gives its stock back', () => {
  const releasing = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.filter((to) => releasesStock(from, to)).map((to) => `${from} ${to}`));
  assert.deepEqual(releasing, ['awaiting_payment cancelled', 'awaiting_payment expired']);
});

test('order numbers CS can read over the phone', () => {
  assert.equal(programPrefix('jujag-jujug'), 'JJG');
  assert.equal(programPrefix('tuka-tuku'), 'TKT');
  assert.equal(programPrefix('aie-1'), 'AIE');
  assert.equal(formatOrderNumber('JJG', 2026, 123), 'JJG-26-000123');
  assert.equal(formatOrderNumber('TKT', 2030, 1_234_567), 'TKT-30-1234567');
});
