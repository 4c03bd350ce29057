import { z } from 'zod';

// The delivery fee of a program: by distance bands ("Rp 8.000 up to 3 km, then Rp 2.000 per
// km, at most Rp 15.000") or by a zone table of district/village codes. Pure: the fee is
// quoted before checkout and fixed on the order at checkout.

const rupiah = z.number().int().min(0).max(10_000_000);

export const deliveryTariff = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('bands'),
    baseFee: rupiah,
    baseKm: z.number().min(0).max(100),
    perKm: rupiah,
    maxFee: rupiah,
    /** Roads are longer than the straight line: 1.3 is typical in a town. */
    roadFactor: z.number().min(1).max(3),
    /** Beyond this (by road) the program does not deliver. */
    maxKm: z.number().min(0.5).max(500),
  }),
  z.strictObject({
    kind: z.literal('zones'),
    /** The longest matching code wins: a village's fee overrides its district's. */
    zones: z
      .array(z.strictObject({ area: z.string().regex(/^[0-9]{2}\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?$/), fee: rupiah }))
      .min(1)
      .max(2000),
    /** For areas not in the table; null = not delivered there. */
    otherFee: rupiah.nullable(),
  }),
]);
export type DeliveryTariff = z.infer<typeof deliveryTariff>;

export interface Point {
  lat: number;
  lng: number;
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMeters(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type DeliveryQuote =
  | { ok: true; fee: bigint; distanceM: number | null }
  | { ok: false; reason: 'outside_service_area' | 'pin_required' };

/**
 * The fee for delivering from `origin` (the market or shop; null when unknown) to the buyer's
 * pin and village. Bands need both points and charge per started kilometre past the base.
 */
export function quoteDelivery(tariff: DeliveryTariff, to: { point: Point | null; areaCode: string }, origin: Point | null): DeliveryQuote {
  if (tariff.kind === 'zones') {
    const zone = tariff.zones
      .filter((z) => to.areaCode === z.area || to.areaCode.startsWith(`${z.area}.`))
      .sort((a, b) => b.area.length - a.area.length)[0];
    const fee = zone?.fee ?? tariff.otherFee;
    return fee === null ? { ok: false, reason: 'outside_service_area' } : { ok: true, fee: BigInt(fee), distanceM: null };
  }
  if (!to.point) return { ok: false, reason: 'pin_required' };
  // A shop with no location on the map: the base fee, as a courier's short hop.
  if (!origin) return { ok: true, fee: BigInt(tariff.baseFee), distanceM: null };
  const roadM = Math.round(distanceMeters(origin, to.point) * tariff.roadFactor);
  const km = roadM / 1000;
  if (km > tariff.maxKm) return { ok: false, reason: 'outside_service_area' };
  const extraKm = Math.max(0, Math.ceil(km - tariff.baseKm));
  const fee = Math.min(tariff.baseFee + extraKm * tariff.perKm, Math.max(tariff.maxFee, tariff.baseFee));
  return { ok: true, fee: BigInt(fee), distanceM: roadM };
}
