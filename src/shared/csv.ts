// CSV as spreadsheet programs write and read it (RFC 4180): quoted fields may hold the
// delimiter, line breaks and doubled quotes. Indonesian Excel saves with ";" because the
// decimal separator is ",", so the delimiter is taken from the header line.

/** A quoted field ran to the end of the file; `row` is the record where it began (1-based). */
export class CsvError extends Error {
  readonly row: number;
  constructor(row: number) {
    super(`unclosed quote in row ${row}`);
    this.row = row;
  }
}

/** ";" when the first line has more of them outside quotes than ",", else ",". */
function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Records as arrays of cells; a byte-order mark and the final line break are dropped. */
export function parseCsv(input: string): string[][] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteStart = 0;
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else cell += char;
      i++;
      continue;
    }
    if (char === '"' && cell === '') {
      quoted = true;
      quoteStart = records.length + 1;
    } else if (char === delimiter) {
      record.push(cell);
      cell = '';
    } else if (char === '\r' || char === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      if (char === '\r' && text[i + 1] === '\n') i++;
    } else {
      // A stray quote inside an unquoted cell is kept as text, as spreadsheets do.
      cell += char;
    }
    i++;
  }
  if (quoted) throw new CsvError(quoteStart);
  if (cell !== '' || record.length > 0) records.push([...record, cell]);
  return records;
}

/** A cell quoted when needed, and never read as a formula by the program that opens it. */
function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** With a byte-order mark, so Excel reads it as UTF-8, and CRLF line ends. */
export function writeCsv(records: string[][]): string {
  return `\uFEFF${records.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Undoes the formula guard of `writeCsv` on a cell read back. */
export function unguardCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
