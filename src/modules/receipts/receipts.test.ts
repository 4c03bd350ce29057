import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReceiptPdf } from './pdf.ts';
import type { Receipt } from './receipt.ts';
import { receiptWithLines, sampleReceipt } from './test-fixtures.ts';

const FIXED = { compress: false, creationDate: new Date('2026-03-12T08:00:00Z') };

interface Drawn {
  y: number;
  text: string;
}

/**
 * The text pdfkit drew, in order. With compress:false each line of text is a `x y Tm` position
 * followed by `[<hex> kerning <hex> ...] TJ`; the hex is WinAnsi, Latin-1 for what we print.
 */
function drawnText(pdf: Buffer): Drawn[] {
  const drawn: Drawn[] = [];
  let y = Number.NaN;
  for (const line of pdf.toString('latin1').split('\n')) {
    const position = /^1 0 0 1 \S+ (\S+) Tm$/.exec(line);
    if (position) y = Number(position[1]);
    if (!line.endsWith('] TJ')) continue;
    const hex = [...line.matchAll(/<([0-9a-f]*)>/g)].map((match) => match[1]).join('');
    const text = Buffer.from(hex, 'hex').toString('latin1').replace(/\x96/g, '–').trim();
    drawn.push({ y, text });
  }
  return drawn;
}

function texts(pdf: Buffer): string[] {
  return drawnText(pdf).map((item) => item.text);
}

/** What is printed on the same baseline as `label`, e.g. the amount of a totals row. */
function besides(pdf: Buffer, label: string): string[] {
  const drawn = drawnText(pdf);
  const row = drawn.find((item) => item.text === label);
  assert.ok(row, `"${label}" is printed`);
  return drawn.filter((item) => item.y === row.y && item !== row).map((item) => item.text);
}

function mediaBoxes(pdf: Buffer): [number, number][] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 (\S+) (\S+)\]/g)].map((match) => [Number(match[1]), Number(match[2])]);
}

const render = (receipt: Receipt, size: 'a4' | '58mm') => renderReceiptPdf(receipt, size, FIXED);

for (const size of ['a4', '58mm'] as const) {
  test(`${size}: order, buyer, weighed lines per seller and the totals`, async () => {
    const pdf = await render(sampleReceipt(), size);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const printed = texts(pdf);
    for (const text of [
      'Bukti Pembayaran',
      'JJG-26-000123',
      'Siti Rahmawati',
      '0857-1234-5678',
      'WhatsApp 0812-2761-1117',
      'Sayur Segar Bu Sri · Los B-12',
      'Tempe & Telur Mbak Yuni',
      '12 Mar 2026, 14.05 WIB',
      'Rp 18.240',
    ]) {
      assert.ok(printed.includes(text), `${size} prints "${text}"`);
    }
    // The seller reweighed 0,5 kg of bawang merah to 0,48 kg: the receipt charges the weighed one.
    assert.ok(printed.some((text) => text.includes('0,48 kg')));
    assert.ok(printed.some((text) => text.includes('dipesan 0,5 kg')));
    assert.ok(printed.some((text) => text.includes('1,18 kg')));
    assert.ok(!printed.includes('Rp 19.000'), 'the ordered price of a reweighed line is not charged');

    assert.deepEqual(besides(pdf, 'Total dibayar'), ['Rp 271.173']);
    assert.deepEqual(besides(pdf, 'Kode unik'), ['Rp 173']);
    assert.deepEqual(besides(pdf, 'Dikembalikan'), ['-Rp 10.560']);
    // The notes' emoji cannot be drawn with Helvetica: dropped, the words kept.
    assert.ok(printed.some((text) => text.includes('Pagar hijau')));
    assert.ok(!printed.some((text) => text.includes('?')));
  });
}

test('A4 is an A4 page; 58 mm is as wide as the roll', async () => {
  const [a4] = mediaBoxes(await render(sampleReceipt(), 'a4'));
  assert.deepEqual(a4, [595.28, 841.89]);
  const [roll] = mediaBoxes(await render(sampleReceipt(), '58mm'));
  assert.ok(roll);
  assert.ok(Math.abs(roll[0] - 164.41) < 0.01, `width ${roll[0]}`);
});

test('the roll grows with the lines; 60 lines take several A4 pages but one roll', async () => {
  const [short] = mediaBoxes(await render(receiptWithLines(3), '58mm'));
  const longPdf = await render(receiptWithLines(60), '58mm');
  const long = mediaBoxes(longPdf);
  assert.equal(long.length, 1);
  assert.ok(short && long[0] && long[0][1] > short[1] + 500, `${short?.[1]} then ${long[0]?.[1]}`);
  assert.ok(texts(longPdf).includes('Barang nomor 60'));
  assert.deepEqual(besides(longPdf, 'Total dibayar'), ['Rp 72.173']);

  const a4 = await render(receiptWithLines(60), 'a4');
  const pages = mediaBoxes(a4);
  assert.ok(pages.length > 1, `${pages.length} pages`);
  const printed = texts(a4);
  for (let page = 1; page <= pages.length; page++) assert.ok(printed.includes(`Halaman ${page} dari ${pages.length}`));
  assert.equal(printed.filter((text) => /^Barang nomor \d+$/.test(text)).length, 60);
  assert.deepEqual(besides(a4, 'Total dibayar'), ['Rp 72.173']);
});

test('an unpaid order is an order slip with the amount due', async () => {
  const receipt = sampleReceipt();
  receipt.payment = { ...receipt.payment, paidAt: null, refunded: 0n, reference: '' };
  for (const size of ['a4', '58mm'] as const) {
    const pdf = await render(receipt, size);
    const printed = texts(pdf);
    assert.ok(printed.includes('Struk Pesanan'));
    assert.ok(!printed.includes('Bukti Pembayaran'));
    assert.deepEqual(besides(pdf, 'Dibayar'), ['Belum dibayar']);
    assert.deepEqual(besides(pdf, 'Total tagihan'), ['Rp 271.173']);
    assert.ok(!printed.includes('Dikembalikan'));
  }
});

test('English labels and dates in the regency time zone', async () => {
  const receipt = { ...sampleReceipt(), language: 'en' as const, timeZone: 'Asia/Jayapura' };
  const pdf = await render(receipt, 'a4');
  const printed = texts(pdf);
  assert.ok(printed.includes('Payment Receipt'));
  assert.ok(printed.includes('12 Mar 2026, 16:05 GMT+9'));
  assert.deepEqual(besides(pdf, 'Total paid'), ['Rp 271.173']);
  assert.ok(printed.some((text) => text.includes('Reweighed, ordered 0,5 kg')));
});

test('the same receipt and creation date give the same bytes', async () => {
  for (const size of ['a4', '58mm'] as const) {
    const first = await renderReceiptPdf(sampleReceipt(), size, { creationDate: FIXED.creationDate });
    const second = await renderReceiptPdf(sampleReceipt(), size, { creationDate: FIXED.creationDate });
    assert.ok(first.equals(second));
  }
});
