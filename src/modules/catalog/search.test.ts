import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandQuery, MAX_ALTERNATIVES, normalizeSearchText, productSearchText, tsQueryText } from './search.ts';
import synonyms from './synonyms.json' with { type: 'json' };

test('normalising folds case, accents and punctuation the same way for products and queries', () => {
  assert.equal(normalizeSearchText('  Kué Lapis LÉGIT, 1/2 kg! '), 'kue lapis legit 1 2 kg');
  assert.equal(normalizeSearchText("Ma'soem — Kopi"), 'ma soem kopi');
  assert.equal(normalizeSearchText('!!!'), '');
  assert.equal(productSearchText(['Cabai Rawit', null, 'Bumbu dapur', undefined, 'Bu Sri']), 'cabai rawit bumbu dapur bu sri');
});

test('regional names expand to their standard names and back', () => {
  assert.deepEqual(expandQuery('Brambang'), ['brambang', 'bawang merah', 'bawang abang', 'bawang beureum']);
  assert.deepEqual(expandQuery('lombok'), ['lombok', 'cabai', 'cabe']);
  const rawit = expandQuery('Lombok rawit');
  assert.equal(rawit[0], 'lombok rawit');
  assert.ok(rawit.includes('cabai rawit'));
  // …and from "cabai rawit" on to its own regional names.
  assert.ok(rawit.includes('cengek'));
});

test('a name inside a longer one yields to it, and words must match whole', () => {
  // "telo rambat" is sweet potato, not "singkong rambat".
  const sweetPotato = expandQuery('telo rambat');
  assert.ok(sweetPotato.includes('ubi jalar'));
  assert.ok(!sweetPotato.includes('singkong rambat'));
  // "telor" is not "telo".
  assert.ok(!expandQuery('telor').some((phrasing) => phrasing.includes('singkong')));
  assert.deepEqual(expandQuery('telor').slice(0, 2), ['telor', 'telur']);
  assert.deepEqual(expandQuery('bawang'), ['bawang']);
});

test('expansion is bounded and empty queries search nothing', () => {
  assert.ok(expandQuery('cabe rawit bawang merah singkong jagung').length <= MAX_ALTERNATIVES);
  assert.deepEqual(expandQuery('  ?! '), []);
});

test('the tsquery text matches any phrasing with all its words, the last as a prefix', () => {
  assert.equal(tsQueryText(['cabe rawi', 'cengek']), '(cabe & rawi:*) | (cengek:*)');
});

test('the synonym list is data worth having: 30+ groups, normalised, no name in two groups', () => {
  const names = synonyms.groups.flat();
  assert.ok(synonyms.groups.length >= 30);
  assert.ok(synonyms.groups.every((group) => group.length >= 2));
  for (const name of names) assert.equal(normalizeSearchText(name), name);
  assert.equal(new Set(names).size, names.length);
});
