import { distanceMeters, type Point } from './tariff.ts';

// Who gets the next job offer. Pure, so the benchmark can time the decision alone.

export interface CourierCandidate {
  id: string;
  /** Last known position; a courier who never shared one is considered last. */
  point: Point | null;
  lastJobAt: Date | null;
  /** Jobs the courier is running now, and how many they may hold. */
  load: number;
  maxJobs: number;
}

/** Couriers within this much of the nearest one count as "near" and take turns. */
export const NEAR_SLACK_M = 1_000;

/**
 * The best courier for a job starting at `origin`: among available couriers with room for one
 * more job and not already asked, the nearest; but among all those within NEAR_SLACK_M of the
 * nearest, the one who waited longest since their last job (never = longest), so nearby
 * couriers share the work instead of the one parked at the market gate taking everything.
 */
export function chooseCourier(origin: Point | null, candidates: readonly CourierCandidate[], asked: ReadonlySet<string>): string | null {
  let best: { id: string; distance: number; waitedSince: number } | null = null;
  const eligible: { id: string; distance: number; waitedSince: number }[] = [];
  for (const c of candidates) {
    if (c.load >= c.maxJobs || asked.has(c.id)) continue;
    const distance = origin && c.point ? distanceMeters(origin, c.point) : Number.POSITIVE_INFINITY;
    const entry = { id: c.id, distance, waitedSince: c.lastJobAt?.getTime() ?? 0 };
    eligible.push(entry);
    if (!best || distance < best.distance) best = entry;
  }
  if (!best) return null;
  const horizon = best.distance + NEAR_SLACK_M;
  for (const entry of eligible) {
    if (entry.distance > horizon) continue;
    const better = entry.waitedSince < best.waitedSince || (entry.waitedSince === best.waitedSince && entry.distance < best.distance);
    if (better) best = entry;
  }
  return best.id;
}
