// Quantities are integers in thousandths of the unit of sale ("milli-units"): 0.25 kg = 250,
// 1 ikat = 1000. Never floats: a decimal string is parsed digit by digit.

export const UNITS = ['pcs', 'kg', 'gram', 'ons', 'ikat', 'liter', 'papan', 'butir', 'bungkus'] as const;
export type Unit = (typeof UNITS)[number];

/** Grams in one unit, for units that are weights (1 ons = 100 g). */
export const GRAMS_PER_UNIT: Partial<Record<Unit, number>> = { kg: 1000, gram: 1, ons: 100 };

const MILLI = 1000;

/** "0,25" or "0.25" -> 250; "2" -> 2000. Null for anything that is not a decimal with at most 3 places. */
export function parseQuantity(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,3}))?\s*$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(3, '0'));
  return whole * MILLI + fraction;
}

/** 250 -> "0,25" (Indonesian decimal comma); 2000 -> "2". */
export function formatQuantity(milli: number): string {
  const whole = Math.trunc(milli / MILLI);
  const fraction = String(milli % MILLI)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole},${fraction}` : String(whole);
}

/** A quantity a buyer may order: at least the minimum and a whole number of steps. */
export function isOrderableQuantity(milli: number, step: number, minimum: number): boolean {
  return Number.isInteger(milli) && milli >= minimum && milli > 0 && step > 0 && milli % step === 0;
}

/**
 * Price of one line: price per unit x quantity, rounded half up to whole rupiah, once per line.
 * Example: Rp 45.000/kg x 0,25 kg = Rp 11.250; Rp 12.500/kg x 0,333 kg = 4.162,5 -> Rp 4.163.
 */
export function linePrice(pricePerUnit: bigint, milli: number): bigint {
  const numerator = pricePerUnit * BigInt(milli);
  return (numerator * 2n + 1000n) / 2000n;
}
