import type { Lang } from '../i18n';

// Distances on the buyer's checkout and the courier's offers.

type Point = { lat: number; lng: number };

/**
 * Straight-line metres between two points (haversine), as the dispatcher measures them in
 * src/modules/delivery/tariff.ts; that module also loads zod, too heavy for a phone's page.
 */
export function metresBetween(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** 3200 -> "3,2 km" (Indonesian) or "3.2 km" (English); next door is "0,1 km", never "0 km". */
export function formatKm(metres: number, lang: Lang): string {
  const km = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }).format(Math.max(metres, 100) / 1000);
  return `${km} km`;
}
