import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, randomDigits, verifyPassword } from './crypto.ts';

test('a scrypt password hash verifies only the same password and is salted', async () => {
  const first = await hashPassword('kata-sandi-panjang');
  const second = await hashPassword('kata-sandi-panjang');
  assert.notEqual(first, second);
  assert.ok(first.startsWith('scrypt$'));
  assert.equal(await verifyPassword('kata-sandi-panjang', first), true);
  assert.equal(await verifyPassword('kata-sandi-panjanG', first), false);
  assert.equal(await verifyPassword('x', 'not-a-hash'), false);
});

test('one-time codes are six digits', () => {
  for (let i = 0; i < 50; i++) assert.match(randomDigits(6), /^\d{6}$/);
});
