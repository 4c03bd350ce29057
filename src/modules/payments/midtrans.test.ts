import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { midtransAmount, midtransOutcome, midtransSignature, verifyMidtransSignature } from './midtrans.ts';

const vectors = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../test/vectors/midtrans.json'), 'utf8'));

test('the signature is SHA-512 of order id, status code, gross amount as sent, and server key', () => {
  const { order_id, status_code, gross_amount, server_key, signature_key } = vectors.signature_check;
  assert.equal(midtransSignature(order_id, status_code, gross_amount, server_key), signature_key);
});

test('real notifications verify with the server key; a changed amount or another key does not', () => {
  for (const notification of vectors.notifications) assert.equal(verifyMidtransSignature(notification, vectors.server_key), true);
  for (const notification of vectors.invalid) assert.equal(verifyMidtransSignature(notification, vectors.server_key), false);
  assert.equal(verifyMidtransSignature(vectors.notifications[0], 'SB-Mid-server-someone-else'), false);
  assert.equal(verifyMidtransSignature({ ...vectors.notifications[0], signature_key: undefined }, vectors.server_key), false);
});

test('paid means settlement, or capture with fraud accepted', () => {
  assert.equal(midtransOutcome({ transaction_status: 'settlement' }), 'paid');
  assert.equal(midtransOutcome({ transaction_status: 'capture', fraud_status: 'accept' }), 'paid');
  assert.equal(midtransOutcome({ transaction_status: 'capture', fraud_status: 'challenge' }), 'review');
  assert.equal(midtransOutcome({ transaction_status: 'capture', fraud_status: 'deny' }), 'failed');
  assert.equal(midtransOutcome({ transaction_status: 'pending' }), 'pending');
  for (const status of ['deny', 'cancel', 'expire']) assert.equal(midtransOutcome({ transaction_status: status }), 'failed');
  for (const status of ['refund', 'partial_refund', 'chargeback'])
    assert.equal(midtransOutcome({ transaction_status: status }), 'refunded');
});

test('gross amounts are whole rupiah', () => {
  assert.equal(midtransAmount('73500.00'), 73500n);
  assert.equal(midtransAmount('10000'), 10000n);
  for (const bad of ['73500.50', '-1', 'abc', '1e5']) assert.throws(() => midtransAmount(bad));
});
