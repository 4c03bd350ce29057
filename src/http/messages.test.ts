import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickLang, translate } from './messages.ts';

test('Bahasa Indonesia unless the browser prefers English', () => {
  assert.equal(pickLang(undefined), 'id');
  assert.equal(pickLang('id-ID,id;q=0.9,en;q=0.8'), 'id');
  assert.equal(pickLang('en-US,en;q=0.9'), 'en');
  assert.equal(pickLang('fr-FR, en;q=0.5, id;q=0.9'), 'id');
  assert.equal(pickLang('fr-FR'), 'id');
});

test('messages fill their placeholders in both languages', () => {
  assert.equal(translate('invalid_code', 'id', { remaining: 3 }), 'Kode salah. Sisa percobaan: 3.');
  assert.equal(translate('invalid_code', 'en', { remaining: 3 }), 'Wrong code. Attempts left: 3.');
});
