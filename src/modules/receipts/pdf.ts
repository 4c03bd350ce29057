import PDFDocument from 'pdfkit';
import { A4_MARGINS, drawA4 } from './a4.ts';
import { labelsFor, receiptTitle } from './labels.ts';
import type { Receipt } from './receipt.ts';
import { drawThermal, THERMAL_MARGIN, THERMAL_WIDTH } from './thermal.ts';

export type ReceiptSize = 'a4' | '58mm';

export interface RenderOptions {
  /** false leaves the content streams as plain text, so tests can read what was printed. */
  compress?: boolean;
  /** Fixes the PDF's creation date, and with it the file id: same receipt, same bytes. Default now. */
  creationDate?: Date;
}

/** Many PDF viewers refuse pages longer than 14,400 pt (5 m of roll, about 700 lines). */
const MAX_ROLL_HEIGHT = 14_400;

/** The receipt as a PDF: an A4 page (more when the lines need it) or one 58 mm thermal roll. */
export async function renderReceiptPdf(receipt: Receipt, size: ReceiptSize, options: RenderOptions = {}): Promise<Buffer> {
  const r = toWinAnsi(receipt);
  const common: PDFKit.PDFDocumentOptions = {
    compress: options.compress ?? true,
    lang: r.language === 'en' ? 'en' : 'id',
    displayTitle: true,
    info: {
      Title: `${receiptTitle(r, labelsFor(r.language))} ${r.order.number}`,
      Author: `${r.issuer.programName}, ${r.issuer.tenantName}`,
      CreationDate: options.creationDate ?? new Date(),
    },
  };
  const doc =
    size === 'a4'
      ? new PDFDocument({ ...common, size: 'A4', margins: A4_MARGINS, bufferPages: true })
      : new PDFDocument({ ...common, size: [THERMAL_WIDTH, rollHeight(r)], margin: THERMAL_MARGIN });
  const bytes = collect(doc);
  if (size === 'a4') drawA4(doc, r);
  else drawThermal(doc, r);
  doc.end();
  return bytes;
}

function rollHeight(r: Receipt): number {
  const probe = new PDFDocument({ size: [THERMAL_WIDTH, MAX_ROLL_HEIGHT], margin: THERMAL_MARGIN });
  let overflowed = false;
  probe.on('pageAdded', () => {
    overflowed = true;
  });
  drawThermal(probe, r);
  // Longer than the longest page: the roll continues on further pages of the same length.
  return overflowed ? MAX_ROLL_HEIGHT : Math.ceil(probe.y + THERMAL_MARGIN);
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

// The built-in Helvetica only has WinAnsi (Latin-1 plus a few) characters, and pdfkit writes
// anything else as garbage: emoji are dropped and other characters become '?'.
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0e|\ufe0f/gu;
const NOT_WIN_ANSI = /[^\n\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/gu;

function winAnsiText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(EMOJI, '')
    .replace(/\s/g, (space) => (space === '\n' ? space : ' '))
    .replace(NOT_WIN_ANSI, '?');
}

/** Every string in the receipt cut down to WinAnsi; dates and amounts unchanged. */
function toWinAnsi<T>(value: T): T {
  if (typeof value === 'string') return winAnsiText(value) as T;
  if (Array.isArray(value)) return value.map(toWinAnsi) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, toWinAnsi(field)])) as T;
  }
  return value;
}
