import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeMobile } from './phone.ts';

test('accepts the ways Indonesians write a mobile number', () => {
  for (const input of [
    '081227611117',
    '6281227611117',
    '+6281227611117',
    '+62 812-2761-1117',
    '0812-2761-1117',
    '(0812) 2761 1117',
    ' 0812.2761.1117 ',
  ]) {
    assert.equal(normalizeMobile(input), '+6281227611117', input);
  }
});

test('rejects what cannot receive a code: garbage, too short, foreign, landline', () => {
  for (const input of ['', 'abc', '0812', '08123', '+1 415 555 2671', '+6512345678', '0281891234', '0812-2761-1117-9999-1', '08x2276111']) {
    assert.equal(normalizeMobile(input), null, input);
  }
});
