import { formatPhone } from '../../shared/format.ts';
import {
  chargedLine,
  type Labels,
  labelsFor,
  lineTitle,
  orderFacts,
  receiptTitle,
  sellerHeading,
  totalRows,
  unitPriceText,
  whatsappText,
} from './labels.ts';
import type { Receipt, ReceiptLine } from './receipt.ts';

// A4 invoice-like page. Positions are explicit (x, y, width) for every text, so columns line up
// and rows are moved to a new page before they would run into the footer.

type Doc = PDFKit.PDFDocument;

export const A4_MARGINS = { top: 48, bottom: 64, left: 48, right: 48 };

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const INK = '#111111';
const GREY = '#5f5f5f';
const RULE = '#d0d0d0';
const SHADE = '#f0f0f0';

const LEFT = A4_MARGINS.left;
const WIDTH = 595.28 - A4_MARGINS.left - A4_MARGINS.right;
const HALF = WIDTH / 2 - 12;

// The product column wraps; the three amounts are right-aligned, 6 pt inside the table's edge.
interface Column {
  x: number;
  width: number;
}
const TOTAL: Column = { x: LEFT + WIDTH - 101, width: 95 };
const PRICE: Column = { x: TOTAL.x - 125, width: 115 };
const QUANTITY: Column = { x: PRICE.x - 80, width: 70 };
const PRODUCT: Column = { x: LEFT + 6, width: QUANTITY.x - LEFT - 16 };

export function drawA4(doc: Doc, r: Receipt): void {
  const t = labelsFor(r.language);
  header(doc, r, t);
  parties(doc, r, t);
  lines(doc, r, t);
  totals(doc, r, t);
  footers(doc, r, t);
}

function header(doc: Doc, r: Receipt, t: Labels): void {
  const top = doc.page.margins.top;
  doc.font(BOLD).fontSize(18).fillColor(INK).text(r.issuer.programName, LEFT, top, { width: HALF });
  doc
    .font(REGULAR)
    .fontSize(10)
    .fillColor(GREY)
    .text(r.issuer.tenantName, LEFT, doc.y + 2, { width: HALF });
  doc.fontSize(9);
  for (const line of [r.issuer.addressLine, whatsappText(r)]) {
    if (line) doc.text(line, LEFT, doc.y + 1, { width: HALF });
  }
  const leftBottom = doc.y;

  const right = { x: LEFT + WIDTH - HALF, width: HALF, align: 'right' } as const;
  doc
    .font(BOLD)
    .fontSize(15)
    .fillColor(INK)
    .text(receiptTitle(r, t), right.x, top + 2, right);
  doc.fontSize(11).text(r.order.number, right.x, doc.y + 4, right);
  doc.y = Math.max(leftBottom, doc.y) + 12;
  rule(doc, INK, 1);
}

/** Buyer on the left, dates and payment on the right. */
function parties(doc: Doc, r: Receipt, t: Labels): void {
  const top = doc.y + 14;
  const { order } = r;
  heading(doc, t.buyer, LEFT, top);
  doc
    .font(BOLD)
    .fontSize(10)
    .fillColor(INK)
    .text(order.buyerName, LEFT, doc.y + 4, { width: HALF });
  doc
    .font(REGULAR)
    .fontSize(9.5)
    .text(formatPhone(order.buyerPhone), LEFT, doc.y + 2, { width: HALF });
  if (order.deliveryAddress) doc.text(order.deliveryAddress, LEFT, doc.y + 2, { width: HALF });
  if (order.notes) doc.fillColor(GREY).text(`${t.notes}: ${order.notes}`, LEFT, doc.y + 4, { width: HALF });
  const leftBottom = doc.y;

  const x = LEFT + WIDTH - HALF;
  const labelWidth = 90;
  heading(doc, t.order, x, top);
  doc.y += 4;
  for (const [label, value] of orderFacts(r, t)) {
    const y = doc.y + 2;
    doc.font(REGULAR).fontSize(9.5).fillColor(GREY).text(label, x, y, { width: labelWidth });
    doc.fillColor(INK).text(value, x + labelWidth, y, { width: HALF - labelWidth });
  }
  doc.y = Math.max(leftBottom, doc.y) + 18;
}

function lines(doc: Doc, r: Receipt, t: Labels): void {
  tableHeader(doc, t);
  for (const seller of r.sellers) {
    // Keep a seller's name with at least its first line.
    ensureSpace(doc, 44, () => tableHeader(doc, t));
    doc
      .font(BOLD)
      .fontSize(10)
      .fillColor(INK)
      .text(sellerHeading(seller), LEFT + 6, doc.y + 8, { width: WIDTH - 12 });
    doc.y += 2;
    for (const line of seller.lines) lineRow(doc, line, t);
  }
}

function tableHeader(doc: Doc, t: Labels): void {
  const y = doc.y;
  doc.rect(LEFT, y, WIDTH, 18).fill(SHADE);
  doc.font(BOLD).fontSize(8.5).fillColor(GREY);
  doc.text(t.product.toUpperCase(), PRODUCT.x, y + 5, { width: PRODUCT.width });
  amount(doc, t.quantity.toUpperCase(), QUANTITY, y + 5);
  amount(doc, t.unitPrice.toUpperCase(), PRICE, y + 5);
  amount(doc, t.lineTotal.toUpperCase(), TOTAL, y + 5);
  doc.y = y + 18;
}

function lineRow(doc: Doc, line: ReceiptLine, t: Labels): void {
  const title = lineTitle(line);
  const charged = chargedLine(line, t);
  const titleHeight = doc.font(REGULAR).fontSize(9.5).heightOfString(title, { width: PRODUCT.width });
  const noteHeight = charged.note ? doc.fontSize(8).heightOfString(charged.note, { width: PRODUCT.width }) + 1 : 0;
  ensureSpace(doc, titleHeight + noteHeight + 10, () => tableHeader(doc, t));

  const y = doc.y + 5;
  doc.font(REGULAR).fontSize(9.5).fillColor(INK);
  doc.text(title, PRODUCT.x, y, { width: PRODUCT.width });
  amount(doc, charged.quantity, QUANTITY, y);
  amount(doc, unitPriceText(line), PRICE, y);
  amount(doc, charged.total, TOTAL, y);
  if (charged.note)
    doc
      .fontSize(8)
      .fillColor(GREY)
      .text(charged.note, PRODUCT.x, y + titleHeight + 1, { width: PRODUCT.width });
  doc.y = y + titleHeight + noteHeight + 5;
  rule(doc, RULE, 0.5);
}

function totals(doc: Doc, r: Receipt, t: Labels): void {
  const rows = totalRows(r, t);
  ensureSpace(doc, rows.length * 18 + 50);
  const width = 270;
  const x = LEFT + WIDTH - width;
  doc.y += 10;
  for (const row of rows) {
    const y = doc.y + (row.strong ? 8 : 4);
    if (row.strong)
      doc
        .moveTo(x, y - 4)
        .lineTo(LEFT + WIDTH, y - 4)
        .lineWidth(0.75)
        .strokeColor(INK)
        .stroke();
    doc.font(row.strong ? BOLD : REGULAR).fontSize(row.strong ? 11 : 9.5);
    doc.fillColor(row.strong ? INK : GREY).text(row.label, x, y, { width: width - 110 });
    doc.fillColor(INK).text(row.value, x, y, { width: width - 6, align: 'right' });
  }
  doc
    .font(REGULAR)
    .fontSize(9)
    .fillColor(GREY)
    .text(t.thanks, LEFT, doc.y + 24, { width: WIDTH });
}

/** Contact and page number on every page, drawn last so the page count is known. */
function footers(doc: Doc, r: Receipt, t: Labels): void {
  const contact = [r.issuer.programName, r.issuer.tenantName, whatsappText(r)].filter(Boolean).join(' · ');
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // pdfkit starts a new page for text inside the bottom margin; the footer lives there.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 40;
    doc
      .moveTo(LEFT, y - 8)
      .lineTo(LEFT + WIDTH, y - 8)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc
      .font(REGULAR)
      .fontSize(8)
      .fillColor(GREY)
      .text(contact, LEFT, y, { width: WIDTH - 100 });
    doc.text(t.page(index - start + 1, count), LEFT + WIDTH - 100, y, { width: 100, align: 'right' });
    doc.page.margins.bottom = bottom;
  }
}

function amount(doc: Doc, text: string, column: Column, y: number): void {
  doc.text(text, column.x, y, { width: column.width, align: 'right' });
}

function heading(doc: Doc, text: string, x: number, y: number): void {
  doc.font(BOLD).fontSize(8).fillColor(GREY).text(text.toUpperCase(), x, y, { width: HALF, characterSpacing: 0.5 });
}

function rule(doc: Doc, color: string, width: number): void {
  doc
    .moveTo(LEFT, doc.y)
    .lineTo(LEFT + WIDTH, doc.y)
    .lineWidth(width)
    .strokeColor(color)
    .stroke();
}

/** Starts a new page when `height` more points would run into the footer. */
function ensureSpace(doc: Doc, height: number, onNewPage?: () => void): void {
  if (doc.y + height <= doc.page.height - doc.page.margins.bottom) return;
  doc.addPage();
  onNewPage?.();
}
