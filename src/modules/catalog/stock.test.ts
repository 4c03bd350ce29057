import assert from 'node:assert/strict';
import { test } from 'node:test';
import { todayIn } from '../../shared/dates.ts';
import { type StockFacts, summarizeVariants, variantInStock } from './stock.ts';

const daily = (overrides: Partial<StockFacts> = {}): StockFacts => ({
  active: true,
  price: 42_000n,
  unit: 'kg',
  stockMode: 'daily',
  stockMilli: 0,
  minimumMilli: 250,
  soldOutOn: null,
  ...overrides,
});
const counted = (stockMilli: number, overrides: Partial<StockFacts> = {}) =>
  daily({ stockMode: 'counted', stockMilli, unit: 'pcs', minimumMilli: 1000, ...overrides });

test("today is the regency's date, not the server's", () => {
  const lateUtc = new Date('2026-11-22T18:30:00Z');
  assert.equal(todayIn('Asia/Jakarta', lateUtc), '2026-11-23');
  assert.equal(todayIn('UTC', lateUtc), '2026-11-22');
});

test('daily goods sold out today are back tomorrow; counted stock needs the minimum', () => {
  assert.equal(variantInStock(daily(), '2026-11-22'), true);
  assert.equal(variantInStock(daily({ soldOutOn: '2026-11-22' }), '2026-11-22'), false);
  assert.equal(variantInStock(daily({ soldOutOn: '2026-11-22' }), '2026-11-23'), true);
  assert.equal(variantInStock(counted(999), '2026-11-22'), false);
  assert.equal(variantInStock(counted(1000), '2026-11-22'), true);
});

test('the product summary: listed, cheapest active price, and until when it is sold out', () => {
  const summary = summarizeVariants(true, [daily({ price: 50_000n }), counted(0, { price: 3_000n }), daily({ active: false, price: 1n })]);
  assert.deepEqual(summary, { listed: true, minPrice: 3_000n, priceUnit: 'pcs', soldOutUntil: null });

  // Every variant out: back when the first daily one is back.
  assert.equal(summarizeVariants(true, [counted(0), daily({ soldOutOn: '2026-11-22' })]).soldOutUntil, '2026-11-22');
  assert.equal(summarizeVariants(true, [counted(0)]).soldOutUntil, 'infinity');

  assert.equal(summarizeVariants(false, [daily()]).listed, false);
  assert.deepEqual(summarizeVariants(true, [daily({ active: false })]), {
    listed: false,
    minPrice: 0n,
    priceUnit: 'pcs',
    soldOutUntil: 'infinity',
  });
});
