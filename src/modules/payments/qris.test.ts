import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { crc16, parseQris, QrisError, toDynamicQris } from './qris.ts';

const vectors = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../test/vectors/qris.json'), 'utf8'));

test('CRC-16/CCITT-FALSE check values', () => {
  for (const { input, crc } of vectors.crc_check) assert.equal(crc16(input), crc);
});

test('CRC is over UTF-8 bytes, not UTF-16 code units', () => {
  // Reference values from Python's binascii.crc_hqx(data, 0xFFFF). A charCodeAt port hashes
  // "é" as one byte (the Latin-1 result F772) and breaks QRIS of merchants with accents.
  assert.equal(crc16('Kafé Bu Sri'), '491C');
  assert.notEqual(crc16('Kafé Bu Sri'), 'F772');
});

test('static payloads parse to their merchant fields with a valid CRC', () => {
  for (const vector of vectors.valid_static) {
    const info = parseQris(vector.payload);
    assert.equal(info.merchant_name, vector.merchant_name);
    assert.equal(info.city, vector.city);
    assert.equal(info.postal_code, vector.postal_code);
    assert.equal(info.mcc, vector.mcc);
    assert.equal(info.nmid, vector.nmid);
    assert.equal(info.point_of_initiation, 'static');
    assert.equal(info.amount, null);
    assert.equal(info.crc_valid, true);
  }
});

test('static to dynamic matches the vector, and the result parses back with the amount', () => {
  for (const vector of vectors.static_to_dynamic) {
    const dynamic = toDynamicQris(vector.static, vector.amount);
    assert.equal(dynamic, vector.dynamic);
    const info = parseQris(dynamic);
    assert.deepEqual([info.point_of_initiation, info.amount, info.crc_valid], ['dynamic', vector.amount, true]);
    // Making it dynamic again replaces the amount rather than adding a second one.
    assert.equal(parseQris(toDynamicQris(dynamic, 15000)).amount, 15000);
  }
});

test('invalid payloads: wrong or non-hex CRC is reported, a truncated list is refused', () => {
  const [wrongCrc, nonHex, truncated] = vectors.invalid;
  assert.equal(parseQris(wrongCrc.payload).crc_valid, false);
  assert.equal(parseQris(nonHex.payload).crc_valid, false);
  assert.throws(() => parseQris(truncated.payload), QrisError);
  assert.throws(() => toDynamicQris(wrongCrc.payload, 1000), /wrong CRC/);
});

test('amounts must be whole rupiah within 13 digits', () => {
  const payload = vectors.valid_static[0].payload;
  for (const bad of [0, -5, 12.5, 10_000_000_000_000]) assert.throws(() => toDynamicQris(payload, bad), /whole rupiah/);
});
