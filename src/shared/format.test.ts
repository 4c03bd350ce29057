import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPhone, formatRupiah } from './format.ts';

test('rupiah the way the seed articles write it', () => {
  assert.equal(formatRupiah(73_287_200), 'Rp 73.287.200');
  assert.equal(formatRupiah(314_896_600n), 'Rp 314.896.600');
  assert.equal(formatRupiah(0), 'Rp 0');
});

test('phones grouped the local way', () => {
  assert.equal(formatPhone('+6281227611117'), '0812-2761-1117');
  assert.equal(formatPhone('081227611117'), '0812-2761-1117');
  assert.equal(formatPhone('+14155552671'), '+14155552671');
});
