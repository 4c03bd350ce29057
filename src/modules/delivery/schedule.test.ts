import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deliveryDay, isoWeekday } from './schedule.ts';

const WIB = 'Asia/Jakarta';
/** An instant given as Jakarta wall-clock time (UTC+7, no daylight saving). */
const wib = (local: string) => new Date(`${local}+07:00`);

test('weekdays: 2026-11-23 is a Monday, 2026-11-22 a Sunday', () => {
  assert.equal(isoWeekday('2026-11-23'), 1);
  assert.equal(isoWeekday('2026-11-22'), 7);
});

test('market days and cut-off: "order before 09:00 for delivery today"', () => {
  const daily = { marketDays: '1234567', orderCutoff: '09:00' };
  assert.equal(deliveryDay(daily, WIB, wib('2026-11-23T08:59')), '2026-11-23');
  assert.equal(deliveryDay(daily, WIB, wib('2026-11-23T09:00')), '2026-11-24');
  assert.equal(deliveryDay(daily, WIB, wib('2026-11-23T23:30')), '2026-11-24');
  // Just after midnight in Jakarta is the previous day in UTC: the regency's calendar counts.
  assert.equal(deliveryDay(daily, WIB, wib('2026-11-24T00:10')), '2026-11-24');
  assert.equal(deliveryDay({ marketDays: '1234567', orderCutoff: null }, WIB, wib('2026-11-23T22:00')), '2026-11-23');
});

test('a market trading Mon, Wed and Fri: orders wait for the next market day', () => {
  const pasaran = { marketDays: '135', orderCutoff: '10:00' };
  assert.equal(deliveryDay(pasaran, WIB, wib('2026-11-23T07:00')), '2026-11-23'); // Monday morning
  assert.equal(deliveryDay(pasaran, WIB, wib('2026-11-23T11:00')), '2026-11-25'); // Monday after cut-off
  assert.equal(deliveryDay(pasaran, WIB, wib('2026-11-24T07:00')), '2026-11-25'); // Tuesday
  assert.equal(deliveryDay(pasaran, WIB, wib('2026-11-27T12:00')), '2026-11-30'); // Friday afternoon: Monday
  assert.equal(deliveryDay({ marketDays: '7', orderCutoff: null }, WIB, wib('2026-11-23T07:00')), '2026-11-29');
});
