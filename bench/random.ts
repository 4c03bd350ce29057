/** mulberry32: a tiny seeded PRNG, so every run generates the same data. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    /** A uniform number in [min, max). */
    between: (min: number, max: number) => min + next() * (max - min),
    chance: (probability: number) => next() < probability,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    /** Skewed towards the front: a few popular items, a long tail (Zipf-like). */
    skewed: <T>(items: readonly T[]): T => items[Math.floor(next() ** 2.5 * items.length)] as T,
    /** An index drawn in proportion to weights given as running totals (see cumulative). */
    weighted: (totals: ArrayLike<number>): number => {
      const target = next() * (totals[totals.length - 1] ?? 0);
      let low = 0;
      let high = totals.length - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((totals[middle] ?? 0) > target) high = middle;
        else low = middle + 1;
      }
      return low;
    },
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** Running totals of weights, for Random.weighted (binary search instead of a scan per draw). */
export function cumulative(weights: ArrayLike<number>): Float64Array {
  const totals = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i] ?? 0;
    totals[i] = sum;
  }
  return totals;
}
