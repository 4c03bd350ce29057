// Money is integer rupiah as bigint (DESIGN.md "Money"): never floats, never lost in a split.

/** Basis points in 100 %. */
const FULL = 10_000n;

/**
 * Splits `total` rupiah in proportion to `weights` without losing or inventing any rupiah:
 * each part gets its share rounded down, then the leftover rupiah go one each to the parts
 * with the largest remainders (earlier parts first on ties), so every part is within Rp 1
 * of its exact share. Example: allocate(100n, [1n, 1n, 1n]) -> [34n, 33n, 33n].
 */
export function allocate(total: bigint, weights: bigint[]): bigint[] {
  if (total < 0n) throw new RangeError('allocate: total must not be negative');
  if (weights.some((w) => w < 0n)) throw new RangeError('allocate: weights must not be negative');
  const weightSum = weights.reduce((sum, w) => sum + w, 0n);
  if (weightSum === 0n) throw new RangeError('allocate: weights must not all be zero');
  const parts = weights.map((w) => (total * w) / weightSum);
  const remainders = weights.map((w, i) => ({ i, remainder: (total * w) % weightSum }));
  // Fewer leftover rupiah than parts, since each part lost less than one.
  const leftover = Number(total - parts.reduce((sum, p) => sum + p, 0n));
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  const bumped = new Set(remainders.slice(0, leftover).map((r) => r.i));
  return parts.map((part, i) => (bumped.has(i) ? part + 1n : part));
}

/**
 * `basisPoints` / 100 % of `amount`, truncated to whole rupiah as taxes and fees are.
 * Example: percentOf(12_345n, 1_100) (11 %) -> 1_357n (exactly 1.357,95).
 */
export function percentOf(amount: bigint, basisPoints: bigint | number): bigint {
  const bp = BigInt(basisPoints);
  if (amount < 0n || bp < 0n) throw new RangeError('percentOf: amount and basis points must not be negative');
  return (amount * bp) / FULL;
}
