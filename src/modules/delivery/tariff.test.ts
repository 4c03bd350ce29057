import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DeliveryTariff, distanceMeters, quoteDelivery } from './tariff.ts';

const PASAR_SEGAMAS = { lat: -7.3886, lng: 109.3634 };
const BANDS: DeliveryTariff = { kind: 'bands', baseFee: 8000, baseKm: 3, perKm: 2000, maxFee: 15000, roadFactor: 1, maxKm: 20 };
/** A point `km` kilometres due north of the market. */
const north = (km: number) => ({ lat: PASAR_SEGAMAS.lat + km / 111.195, lng: PASAR_SEGAMAS.lng });
const fee = (tariff: DeliveryTariff, km: number) => {
  const quote = quoteDelivery(tariff, { point: north(km), areaCode: '33.03.05.1001' }, PASAR_SEGAMAS);
  return quote.ok ? Number(quote.fee) : quote.reason;
};

test('distance: one degree of latitude is about 111 km; Purbalingga to Purwokerto about 18 km', () => {
  assert.ok(Math.abs(distanceMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 }) - 111_195) < 10);
  const km = distanceMeters(PASAR_SEGAMAS, { lat: -7.4245, lng: 109.2302 }) / 1000;
  assert.ok(km > 14 && km < 16, String(km));
});

test('bands: Rp 8.000 up to 3 km, then Rp 2.000 per started km, at most Rp 15.000, nothing past the service area', () => {
  assert.equal(fee(BANDS, 0.5), 8000);
  assert.equal(fee(BANDS, 2.99), 8000);
  assert.equal(fee(BANDS, 3.2), 10_000);
  assert.equal(fee(BANDS, 5.9), 14_000);
  assert.equal(fee(BANDS, 6.5), 15_000);
  assert.equal(fee(BANDS, 19), 15_000);
  assert.equal(fee(BANDS, 21), 'outside_service_area');
  // The road factor lengthens the straight line: 2.5 km straight is 3.25 km by road.
  assert.equal(fee({ ...BANDS, roadFactor: 1.3 }, 2.5), 10_000);
  const noPin = quoteDelivery(BANDS, { point: null, areaCode: '33.03.05.1001' }, PASAR_SEGAMAS);
  assert.deepEqual(noPin, { ok: false, reason: 'pin_required' });
});

test('zones: the most specific code wins; areas outside the table pay the other fee or are not served', () => {
  const zones: DeliveryTariff = {
    kind: 'zones',
    zones: [
      { area: '33.03.05', fee: 8000 },
      { area: '33.03.05.1001', fee: 5000 },
      { area: '33.03.06', fee: 12_000 },
    ],
    otherFee: null,
  };
  const quote = (areaCode: string) => {
    const q = quoteDelivery(zones, { point: null, areaCode }, null);
    return q.ok ? Number(q.fee) : q.reason;
  };
  assert.equal(quote('33.03.05.1001'), 5000);
  assert.equal(quote('33.03.05.1002'), 8000);
  assert.equal(quote('33.03.06.2003'), 12_000);
  assert.equal(quote('33.03.07.2001'), 'outside_service_area');
  assert.equal(quoteDelivery({ ...zones, otherFee: 15_000 }, { point: null, areaCode: '33.03.07.2001' }, null).ok, true);
});
