import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CsvError, parseCsv, unguardCell, writeCsv } from './csv.ts';

test('quoted cells keep commas, semicolons, line breaks and doubled quotes', () => {
  const text = 'title,description\r\n"Keripik, pedas","Baris 1\nBaris ""2"";"\r\nTempe,\n';
  assert.deepEqual(parseCsv(text), [
    ['title', 'description'],
    ['Keripik, pedas', 'Baris 1\nBaris "2";'],
    ['Tempe', ''],
  ]);
});

test('Indonesian Excel: semicolons, decimal commas, a byte-order mark, CR line ends', () => {
  assert.deepEqual(parseCsv('\uFEFFtitle;step;price\r0,25;"1;5";45.000\r'), [
    ['title', 'step', 'price'],
    ['0,25', '1;5', '45.000'],
  ]);
  // A header with commas inside quotes is still a comma file.
  assert.deepEqual(parseCsv('"a;b",c\n1,2'), [
    ['a;b', 'c'],
    ['1', '2'],
  ]);
});

test('empty cells, empty lines and a missing final line break', () => {
  assert.deepEqual(parseCsv('a,,c\n\n,,'), [['a', '', 'c'], [''], ['', '', '']]);
  assert.deepEqual(parseCsv(''), []);
  assert.deepEqual(parseCsv('"",x'), [['', 'x']]);
});

test('a stray quote inside a cell is text; an unclosed one names the row it began in', () => {
  assert.deepEqual(parseCsv('Paku 2" isi 10,5000'), [['Paku 2" isi 10', '5000']]);
  assert.throws(
    () => parseCsv('a\nb\n"never closed,1\n2'),
    (error: unknown) => error instanceof CsvError && error.row === 3,
  );
});

test('written cells are quoted when needed, never formulas, and read back the same', () => {
  const records = [
    ['title', 'description', 'price'],
    ['Gula, 1 kg', 'Kata "manis"\nbaris dua', '15000'],
    ['=HYPERLINK("x")', '-diskon', '@mention'],
  ];
  const text = writeCsv(records);
  assert.ok(text.startsWith('\uFEFFtitle,description,price\r\n'));
  assert.match(text, /\r\n"'=HYPERLINK\(""x""\)",'-diskon,'@mention\r\n$/);
  assert.deepEqual(
    parseCsv(text).map((cells) => cells.map(unguardCell)),
    records,
  );
});
