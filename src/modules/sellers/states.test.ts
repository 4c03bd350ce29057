import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextStatus, SELLER_ACTIONS, sellerMessage, uncheckedItems } from './states.ts';
import { SELLER_STATUSES } from './tables.ts';

test('the seller lifecycle allows exactly these steps', () => {
  const allowed = {
    'submitted approve': 'approved',
    'submitted reject': 'rejected',
    'submitted request_changes': 'changes_requested',
    'changes_requested resubmit': 'submitted',
    'approved suspend': 'suspended',
    'suspended reinstate': 'approved',
  };
  // Every (status, action) pair: the six above lead somewhere, all others are refused.
  for (const from of SELLER_STATUSES) {
    for (const action of SELLER_ACTIONS) {
      const key = `${from} ${action}`;
      assert.equal(nextStatus(from, action), allowed[key as keyof typeof allowed] ?? null, key);
    }
  }
});

test('rejected is final', () => {
  for (const action of SELLER_ACTIONS) assert.equal(nextStatus('rejected', action), null);
});

test('approval needs every checklist item of the program ticked', () => {
  const program = ['quality', 'stock_availability', 'packaging_label', 'certificates'];
  assert.deepEqual(uncheckedItems(program, { quality: true, stock_availability: true, packaging_label: false }), [
    'packaging_label',
    'certificates',
  ]);
  assert.deepEqual(
    uncheckedItems(program, { quality: true, stock_availability: true, packaging_label: true, certificates: true, extra: false }),
    [],
  );
  assert.deepEqual(uncheckedItems([], {}), []);
});

test('the seller is told in Bahasa Indonesia, with the reason', () => {
  const names = { business: 'Keripik Tempe Mbak Yuni', program: 'Tuka-Tuku' };
  assert.match(sellerMessage('approve', names, ''), /^Selamat, pendaftaran Keripik Tempe Mbak Yuni di Tuka-Tuku disetujui\./);
  assert.match(sellerMessage('reject', names, 'Belum punya P-IRT.'), /Alasan: Belum punya P-IRT\./);
  assert.match(sellerMessage('request_changes', names, 'Foto kemasan buram.'), /Catatan petugas: Foto kemasan buram\./);
  assert.match(sellerMessage('suspend', names, 'Stok kosong sebulan.'), /dihentikan sementara\.\nAlasan: Stok kosong sebulan\./);
  assert.match(sellerMessage('reinstate', names, ''), /aktif kembali/);
});
