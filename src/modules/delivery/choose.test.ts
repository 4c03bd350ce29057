import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CourierCandidate, chooseCourier } from './choose.ts';

const MARKET = { lat: -7.3886, lng: 109.3634 };
const at = (km: number) => ({ lat: MARKET.lat + km / 111.195, lng: MARKET.lng });
const courier = (id: string, km: number | null, lastJobMinutesAgo: number | null, load = 0, maxJobs = 2): CourierCandidate => ({
  id,
  point: km === null ? null : at(km),
  lastJobAt: lastJobMinutesAgo === null ? null : new Date(Date.now() - lastJobMinutesAgo * 60_000),
  load,
  maxJobs,
});

test('the nearest courier when nobody else is near', () => {
  assert.equal(chooseCourier(MARKET, [courier('far', 5, 600), courier('near', 0.2, 1)], new Set()), 'near');
});

test('among couriers about as near, the one who waited longest goes first: work is shared', () => {
  const gate = courier('gate', 0.05, 2);
  const corner = courier('corner', 0.6, 45);
  const fresh = courier('fresh', 0.9, null);
  assert.equal(chooseCourier(MARKET, [gate, corner, fresh], new Set()), 'fresh', 'never had a job');
  assert.equal(chooseCourier(MARKET, [gate, corner], new Set()), 'corner');
  // Beyond the 1 km slack, waiting longer does not bring a far courier in.
  assert.equal(chooseCourier(MARKET, [gate, courier('town', 3, 300)], new Set()), 'gate');
});

test('full couriers and couriers already asked are skipped; nobody left is null', () => {
  const full = courier('full', 0.1, 600, 2, 2);
  const declined = courier('declined', 0.2, 600);
  const other = courier('other', 4, 1);
  assert.equal(chooseCourier(MARKET, [full, declined, other], new Set(['declined'])), 'other');
  assert.equal(chooseCourier(MARKET, [full, declined], new Set(['declined'])), null);
});

test('couriers with no known position come after located ones; without an origin, longest waiting first', () => {
  assert.equal(chooseCourier(MARKET, [courier('unknown', null, null), courier('located', 8, 1)], new Set()), 'located');
  assert.equal(chooseCourier(null, [courier('a', 1, 10), courier('b', 2, 50)], new Set()), 'b');
});
