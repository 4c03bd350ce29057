import ExcelJS from 'exceljs';
import { AppError } from '../../http/errors.ts';
import { CsvError, parseCsv, unguardCell } from '../../shared/csv.ts';

// Spreadsheet files <-> rows of text cells. The type is read from the bytes, not the file name:
// an .xlsx is a zip archive; anything else must be text (CSV).

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

/** Control bytes other than tab and line ends never occur in a CSV: this is a program, an image, an .xls. */
function isBinary(bytes: Buffer): boolean {
  return bytes.some((byte) => byte < 9 || byte === 11 || byte === 12 || (byte > 13 && byte < 32));
}

/** UTF-8, or Windows-1252 as Excel's plain "CSV" (not "CSV UTF-8") saves it. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** An Excel number as a person typed it: 0.25 -> "0,25"; float noise (0.30000000000000004) dropped. */
function numberText(value: number): string {
  return String(Number(value.toPrecision(15))).replace('.', ',');
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null);
  if ('hyperlink' in value) return value.text;
  return value.error;
}

/** The first worksheet; rows keep their sheet numbers (index 0 = row 1), blank rows included. */
async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type (an ArrayBuffer); it takes a Node Buffer at run time.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('import_unreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow((row, number) => {
    rows[number - 1] = Array.from({ length: row.cellCount }, (_, index) => cellText(row.getCell(index + 1).value));
  });
  return Array.from(rows, (cells) => cells ?? []);
}

/** The rows of an uploaded CSV or XLSX file, as text. */
export async function readSheet(bytes: Buffer): Promise<string[][]> {
  let rows: string[][];
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) rows = await readXlsx(bytes);
  else if (isBinary(bytes)) throw new AppError('import_unreadable');
  else {
    try {
      rows = parseCsv(decodeText(bytes));
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      throw new AppError('import_failed', {
        params: { count: 1 },
        details: [{ field: `row ${error.row}`, code: 'import_unclosed_quote' }],
      });
    }
  }
  return rows.map((cells) => cells.map((cell) => unguardCell(cell.trim())));
}

/** One worksheet with a bold, frozen header; cells of `numeric` columns written as numbers so sums work. */
export async function writeXlsx(sheetName: string, records: string[][], numeric: ReadonlySet<string>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const [header = [], ...rows] = records;
  sheet.addRow(header).font = { bold: true };
  for (const cells of rows) {
    sheet.addRow(cells.map((cell, index) => (numeric.has(header[index] ?? '') && cell !== '' ? Number(cell.replace(',', '.')) : cell)));
  }
  sheet.columns.forEach((column, index) => {
    column.width = Math.min(40, Math.max(10, ...records.slice(0, 200).map((cells) => (cells[index] ?? '').length + 2)));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
