import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatQuantity, isOrderableQuantity, linePrice, parseQuantity } from './quantity.ts';

test('quantities parse exactly, with a comma or a dot', () => {
  assert.equal(parseQuantity('0,25'), 250);
  assert.equal(parseQuantity('0.25'), 250);
  assert.equal(parseQuantity('1,5'), 1500);
  assert.equal(parseQuantity('2'), 2000);
  assert.equal(parseQuantity('0.001'), 1);
  for (const bad of ['', '-1', '1,2345', 'satu', '1e3', '0x10', '1.2.3']) assert.equal(parseQuantity(bad), null, bad);
});

test('quantities format with the Indonesian decimal comma', () => {
  assert.equal(formatQuantity(250), '0,25');
  assert.equal(formatQuantity(2000), '2');
  assert.equal(formatQuantity(1050), '1,05');
});

test('orderable quantities respect the step and the minimum', () => {
  assert.equal(isOrderableQuantity(750, 250, 250), true);
  assert.equal(isOrderableQuantity(800, 250, 250), false);
  assert.equal(isOrderableQuantity(0, 250, 0), false);
  assert.equal(isOrderableQuantity(250, 250, 500), false);
});

test('line prices round half up once per line', () => {
  assert.equal(linePrice(45_000n, 250), 11_250n);
  assert.equal(linePrice(12_500n, 333), 4_163n); // 4.162,5
  assert.equal(linePrice(12_500n, 332), 4_150n);
  assert.equal(linePrice(1_000_000_000n, 1_000_000), 1_000_000_000_000n);
});
