import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseShoppingList } from './shopping-list.ts';

// [what the buyer typed, name, quantity, unit, grams, amount_rupiah, note]
type Row = [string, string | null, number | null, string | null, number | null, number | null, string | null];

const LINES: Row[] = [
  // The examples
  ['bawang merah 1/2 kg', 'bawang merah', 0.5, 'kg', 500, null, null],
  ['cabe rawit 1 ons', 'cabe rawit', 1, 'ons', 100, null, null],
  ['telur 1 kg', 'telur', 1, 'kg', 1000, null, null],
  ['tempe 2 papan', 'tempe', 2, 'papan', null, null, null],
  ['cabe merah 5rb', 'cabe merah', null, null, null, 5000, null],
  ['setengah kilo daging sapi', 'daging sapi', 0.5, 'kg', 500, null, null],
  // Fractions and words
  ['bawang putih seperempat', 'bawang putih', 0.25, 'kg', 250, null, null],
  ['seperempat kg bawang putih', 'bawang putih', 0.25, 'kg', 250, null, null],
  ['tiga perempat kilo ayam', 'ayam', 0.75, 'kg', 750, null, null],
  ['satu setengah kilo beras', 'beras', 1.5, 'kg', 1500, null, null],
  ['gula sekilo', 'gula', 1, 'kg', 1000, null, null],
  ['sekilo gula pasir', 'gula pasir', 1, 'kg', 1000, null, null],
  ['terasi seons', 'terasi', 1, 'ons', 100, null, null],
  ['2 ons teri', 'teri', 2, 'ons', 200, null, null],
  ['kemiri 1/4 ons', 'kemiri', 0.25, 'ons', 25, null, null],
  ['jahe setengah ons', 'jahe', 0.5, 'ons', 50, null, null],
  ['minyak goreng 1,5 liter', 'minyak goreng', 1.5, 'liter', null, null, null],
  ['beras 1.5 kg', 'beras', 1.5, 'kg', 1500, null, null],
  ['beras 5 kg', 'beras', 5, 'kg', 5000, null, null],
  ['beras 1 1/2 kg', 'beras', 1.5, 'kg', 1500, null, null],
  ['tomat ½ kg', 'tomat', 0.5, 'kg', 500, null, null],
  ['kentang 750 gram', 'kentang', 750, 'gram', 750, null, null],
  ['kentang 500gr', 'kentang', 500, 'gram', 500, null, null],
  ['wortel 1kg', 'wortel', 1, 'kg', 1000, null, null],
  ['dua ikat kangkung', 'kangkung', 2, 'ikat', null, null, null],
  ['bayam 3 iket', 'bayam', 3, 'ikat', null, null, null],
  ['tahu 10 biji', 'tahu', 10, 'biji', null, null, null],
  ['telur ayam 10 butir', 'telur ayam', 10, 'butir', null, null, null],
  ['sebutir kelapa', 'kelapa', 1, 'butir', null, null, null],
  ['pisang raja 1 sisir', 'pisang raja', 1, 'sisir', null, null, null],
  ['ikan bandeng 2 ekor', 'ikan bandeng', 2, 'ekor', null, null, null],
  ['tempe 1 papan', 'tempe', 1, 'papan', null, null, null],
  ['kerupuk 2 bungkus', 'kerupuk', 2, 'bungkus', null, null, null],
  ['kecap 1 botol', 'kecap', 1, 'botol', null, null, null],
  ['serai 3 batang', 'serai', 3, 'batang', null, null, null],
  ['bawang putih 5 siung', 'bawang putih', 5, 'siung', null, null, null],
  ['lima biji jeruk nipis', 'jeruk nipis', 5, 'biji', null, null, null],
  ['mie instan 1 dus', 'mie instan', 1, 'dus', null, null, null],
  ['3 kaleng susu kental manis', 'susu kental manis', 3, 'kaleng', null, null, null],
  ['kol 1', 'kol', 1, null, null, null, null],
  ['labu siam dua', 'labu siam', 2, null, null, null, null],
  ['bawang bombay', 'bawang bombay', null, null, null, null, null],
  // Money instead of a quantity
  ['cabe rawit 5rb', 'cabe rawit', null, null, null, 5000, null],
  ['cabe rawit 5 rb', 'cabe rawit', null, null, null, 5000, null],
  ['tauge 10 ribu', 'tauge', null, null, null, 10_000, null],
  ['daun bawang Rp 15.000', 'daun bawang', null, null, null, 15_000, null],
  ['Rp15rb ayam potong', 'ayam potong', null, null, null, 15_000, null],
  ['kacang panjang 7.500', 'kacang panjang', null, null, null, 7500, null],
  ['seledri 2rban', 'seledri', null, null, null, 2000, null],
  ['cabe 2,5rb', 'cabe', null, null, null, 2500, null],
  ['kemangi 3k', 'kemangi', null, null, null, 3000, null],
  ['lengkuas lima ribu', 'lengkuas', null, null, null, 5000, null],
  ['tomat goceng', 'tomat', null, null, null, 5000, null],
  ['cabe hijau 5000', 'cabe hijau', null, null, null, 5000, null],
  ['beras 500 gram', 'beras', 500, 'gram', 500, null, null],
  // Notes inside an item
  ['tomat 1 kg yang merah', 'tomat', 1, 'kg', 1000, null, 'yang merah'],
  ['ayam 1 ekor (potong 12)', 'ayam', 1, 'ekor', null, null, 'potong 12'],
  ['daging sapi 1/2 kg buat rendang', 'daging sapi', 0.5, 'kg', 500, null, 'buat rendang'],
  ['pepaya 1 buah jangan terlalu matang', 'pepaya', 1, 'buah', null, null, 'jangan terlalu matang'],
  // Bullets and numbering
  ['- gula merah 1/2 kg', 'gula merah', 0.5, 'kg', 500, null, null],
  ['1. bawang merah 1 kg', 'bawang merah', 1, 'kg', 1000, null, null],
  ['2) tahu 5 biji', 'tahu', 5, 'biji', null, null, null],
  ['• kunyit 1 ons', 'kunyit', 1, 'ons', 100, null, null],
  // Intros stripped, delivery notes kept, other languages kept as notes
  ['mau pesan bawang merah 1 kg', 'bawang merah', 1, 'kg', 1000, null, null],
  ['tolong belikan ikan tongkol 1 kg', 'ikan tongkol', 1, 'kg', 1000, null, null],
  ['antar jam 10 ya', null, null, null, null, null, 'antar jam 10 ya'],
  ['alamat Jl. Mawar 5 RT 02', null, null, null, null, null, 'alamat Jl. Mawar 5 RT 02'],
  ['bayar cod', null, null, null, null, null, 'bayar cod'],
  ['I want some apples please', null, null, null, null, null, 'I want some apples please'],
  ['tolong dipilihkan yang masih segar segar ya mbak', null, null, null, null, null, 'tolong dipilihkan yang masih segar segar ya mbak'],
];

test(`a table of ${LINES.length} shopping-list lines`, () => {
  assert.ok(LINES.length >= 60);
  for (const [text, name, quantity, unit, grams, amount, note] of LINES) {
    const lines = parseShoppingList(text);
    assert.equal(lines.length, 1, `${text}: ${JSON.stringify(lines)}`);
    const { text: piece, ...parsed } = lines[0] as (typeof lines)[number];
    assert.deepEqual(parsed, { name, quantity, unit, grams, amount_rupiah: amount, note }, text);
    // The piece it came from, without a bullet or number in front.
    assert.ok(text.endsWith(piece), `${text} -> ${piece}`);
  }
});

test('several items per line, separated by commas (not decimal commas) or new lines', () => {
  const lines = parseShoppingList('kangkung 2 ikat, tahu 10 biji');
  assert.deepEqual(
    lines.map((l) => [l.name, l.quantity, l.unit]),
    [
      ['kangkung', 2, 'ikat'],
      ['tahu', 10, 'biji'],
    ],
  );
  const decimal = parseShoppingList('minyak 1,5 liter, gula 1 kg');
  assert.deepEqual(
    decimal.map((l) => [l.name, l.quantity]),
    [
      ['minyak', 1.5],
      ['gula', 1],
    ],
  );
});

test('a whole WhatsApp message: greetings dropped, items in order, the delivery note kept', () => {
  const message = [
    'Assalamualaikum mbak',
    'Saya mau pesan:',
    '- bawang merah 1/2 kg',
    '- cabe rawit 5rb',
    '- telur 1 kg, tempe 2 papan',
    'Antar ke rumah sebelum jam 11 ya',
    'Terima kasih 🙏',
  ].join('\n');
  const lines = parseShoppingList(message);
  assert.deepEqual(
    lines.map((l) => l.name ?? `note: ${l.note}`),
    ['bawang merah', 'cabe rawit', 'telur', 'tempe', 'note: Antar ke rumah sebelum jam 11 ya'],
  );
});

test('nothing is dropped but greetings: an unknown line is a note', () => {
  assert.deepEqual(parseShoppingList('Selamat pagi bu'), []);
  assert.deepEqual(parseShoppingList('  \n \n'), []);
  // A word alone may be an item the catalogue search will not find; a sentence is a note.
  const lines = parseShoppingList('Bonjour, je voudrais des pommes');
  assert.deepEqual(
    lines.map((l) => [l.text, l.name, l.note]),
    [
      ['Bonjour', 'bonjour', null],
      ['je voudrais des pommes', null, 'je voudrais des pommes'],
    ],
  );
});
