import { formatPhone } from '../../shared/format.ts';
import {
  chargedLine,
  labelsFor,
  lineTitle,
  orderFacts,
  receiptTitle,
  sellerHeading,
  totalRows,
  unitPriceText,
  whatsappText,
} from './labels.ts';
import type { Receipt } from './receipt.ts';

// A 58 mm thermal roll: one narrow column, all black (thermal heads dither grey badly), one page
// as long as the content. The caller measures the height by drawing once on a tall page.

type Doc = PDFKit.PDFDocument;

export const THERMAL_WIDTH = (58 / 25.4) * 72;
/** About 2.5 mm: most 58 mm printers cannot print the outermost millimetres anyway. */
export const THERMAL_MARGIN = 7;

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const SIZE = 7.5;
const X = THERMAL_MARGIN;
const WIDTH = THERMAL_WIDTH - 2 * THERMAL_MARGIN;

export function drawThermal(doc: Doc, r: Receipt): void {
  const t = labelsFor(r.language);
  doc.fillColor('black').strokeColor('black').lineGap(0.5);
  doc.y = THERMAL_MARGIN;

  centred(doc, r.issuer.programName, BOLD, 10);
  centred(doc, r.issuer.tenantName);
  if (r.issuer.addressLine) centred(doc, r.issuer.addressLine);
  const whatsapp = whatsappText(r);
  if (whatsapp) centred(doc, whatsapp);
  dashes(doc);

  centred(doc, receiptTitle(r, t), BOLD, 9);
  centred(doc, r.order.number, BOLD, 8.5);
  doc.y += 3;
  for (const [label, value] of orderFacts(r, t)) row(doc, label, value);
  dashes(doc);

  paragraph(doc, r.order.buyerName, BOLD);
  paragraph(doc, formatPhone(r.order.buyerPhone));
  if (r.order.deliveryAddress) paragraph(doc, r.order.deliveryAddress);
  if (r.order.notes) paragraph(doc, `${t.notes}: ${r.order.notes}`);
  dashes(doc);

  r.sellers.forEach((seller, index) => {
    if (index > 0) doc.y += 4;
    paragraph(doc, sellerHeading(seller), BOLD);
    for (const line of seller.lines) {
      const charged = chargedLine(line, t);
      doc.y += 1.5;
      paragraph(doc, lineTitle(line));
      row(doc, `${charged.quantity} x ${unitPriceText(line)}`, charged.total);
      if (charged.note) paragraph(doc, charged.note, REGULAR, 6.5);
    }
  });
  dashes(doc);

  for (const total of totalRows(r, t)) {
    if (total.strong) doc.y += 1.5;
    row(doc, total.label, total.value, total.strong ? BOLD : REGULAR, total.strong ? 8.5 : SIZE);
  }
  dashes(doc);
  centred(doc, t.thanks);
}

function centred(doc: Doc, text: string, font = REGULAR, size = SIZE): void {
  doc.font(font).fontSize(size).text(text, X, doc.y, { width: WIDTH, align: 'center' });
}

function paragraph(doc: Doc, text: string, font = REGULAR, size = SIZE): void {
  doc.font(font).fontSize(size).text(text, X, doc.y, { width: WIDTH });
}

/** Label on the left, value flush right on the same baseline; a value too wide goes under its label. */
function row(doc: Doc, label: string, value: string, font = REGULAR, size = SIZE): void {
  doc.font(font).fontSize(size);
  const valueWidth = doc.widthOfString(value);
  const y = doc.y;
  if (valueWidth > WIDTH * 0.6) {
    doc.text(label, X, y, { width: WIDTH });
    doc.text(value, X, doc.y, { width: WIDTH, align: 'right' });
    return;
  }
  doc.text(value, X, y, { width: WIDTH, align: 'right' });
  const valueBottom = doc.y;
  doc.text(label, X, y, { width: WIDTH - valueWidth - 6 });
  doc.y = Math.max(doc.y, valueBottom);
}

function dashes(doc: Doc): void {
  const y = doc.y + 4;
  doc
    .save()
    .lineWidth(0.6)
    .dash(2, { space: 1.5 })
    .moveTo(X, y)
    .lineTo(X + WIDTH, y)
    .stroke()
    .restore();
  doc.y = y + 5;
}
