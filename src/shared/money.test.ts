import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { allocate, percentOf } from './money.ts';

test('allocate splits rupiah by weight, leftovers to the largest remainders', () => {
  assert.deepEqual(allocate(100n, [1n, 1n, 1n]), [34n, 33n, 33n]);
  assert.deepEqual(allocate(10n, [3n, 7n]), [3n, 7n]);
  assert.deepEqual(allocate(5n, [1n, 2n]), [2n, 3n]); // 1,67 and 3,33: the larger remainder (0,67) wins
  assert.deepEqual(allocate(0n, [1n, 2n]), [0n, 0n]);
  assert.deepEqual(allocate(7n, [0n, 1n]), [0n, 7n]);
  assert.throws(() => allocate(10n, [0n, 0n]), RangeError);
  assert.throws(() => allocate(10n, [-1n, 2n]), RangeError);
  assert.throws(() => allocate(-10n, [1n]), RangeError);
});

test('allocate never loses a rupiah and keeps each part within Rp 1 of its exact share', () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: 0n, max: 10n ** 15n }),
      fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 12 }).filter((ws) => ws.some((w) => w > 0n)),
      (total, weights) => {
        const parts = allocate(total, weights);
        const weightSum = weights.reduce((s, w) => s + w, 0n);
        assert.equal(
          parts.reduce((s, p) => s + p, 0n),
          total,
        );
        assert.equal(parts.length, weights.length);
        weights.forEach((weight, i) => {
          const part = parts[i] as bigint;
          // |part - total*w/W| < 1  <=>  |part*W - total*w| < W
          const diff = part * weightSum - total * weight;
          assert.ok(diff < weightSum && -diff < weightSum, `part ${i} is ${part}`);
        });
      },
    ),
  );
});

test('percentOf truncates to whole rupiah', () => {
  assert.equal(percentOf(12_345n, 1_100), 1_357n); // 1.357,95
  assert.equal(percentOf(100_000n, 250n), 2_500n);
  assert.equal(percentOf(99n, 100), 0n); // 0,99
  assert.equal(percentOf(10n ** 15n, 10_000), 10n ** 15n);
  assert.throws(() => percentOf(-1n, 100), RangeError);
});
