import type { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { isMessageCode, type MessageCode } from '../../http/messages.ts';
import { formatQuantity, parseQuantity } from '../../shared/quantity.ts';
import { type Cells, COLUMNS, type Column } from './product-sheet.ts';
import {
  type ProductInput,
  type ProductPatch,
  productInput,
  productPatch,
  type SellerProduct,
  type VariantInput,
  type VariantView,
} from './schemas.ts';

// Reads the products spreadsheet back: every row is checked against the console's own schemas
// and each problem is named by row and column, so nothing is written until all rows are right.

export const MAX_ROWS = 5000;
const MAX_DETAILS = 200;
/** Columns of the product itself: equal on every row of one product, or left empty after the first. */
const PRODUCT_COLUMNS = ['title', 'category', 'commodity', 'description', 'product_active'] as const;
/** Schema field -> sheet column, to point zod's issues at a cell. */
const FIELD_COLUMN: Record<string, Column> = {
  title: 'title',
  description: 'description',
  category: 'category',
  commodity: 'commodity',
  active: 'product_active',
};
const VARIANT_FIELD_COLUMN: Record<string, Column> = {
  id: 'variant_id',
  name: 'variant_name',
  unit: 'unit',
  stepMilli: 'step',
  minimumMilli: 'minimum',
  price: 'price',
  stockMode: 'stock_mode',
  stockMilli: 'stock',
  weightGrams: 'weight_grams',
  active: 'variant_active',
};
/** Thousandths of the unit in the schema, units in the sheet: limits are shown in units. */
const QUANTITY_COLUMNS: ReadonlySet<Column> = new Set(['step', 'minimum', 'stock']);

interface Row {
  /** As the seller sees it in the sheet: the header is row 1. */
  number: number;
  cells: Cells;
}

/** Problems found so far, by row and column; one per cell is enough to fix it. */
class Issues {
  private readonly list: { row: number; column: string | null; code: MessageCode; params?: Record<string, unknown> }[] = [];
  private readonly cells = new Set<string>();

  add(row: number, column: string | null, code: MessageCode, params?: Record<string, unknown>) {
    const key = `${row}:${column}`;
    if (this.cells.has(key)) return;
    this.cells.add(key);
    this.list.push({ row, column, code, params });
  }

  get count() {
    return this.list.length;
  }

  error(): AppError {
    const order = (column: string | null) => COLUMNS.indexOf(column as Column);
    const sorted = this.list.toSorted((a, b) => a.row - b.row || order(a.column) - order(b.column));
    return new AppError('import_failed', {
      params: { count: sorted.length },
      details: sorted.slice(0, MAX_DETAILS).map(({ row, column, code, params }) => ({
        field: column ? `row ${row}: ${column}` : `row ${row}`,
        code,
        params,
      })),
    });
  }
}

/** Column -> index in the file; every column must be there, in any order. */
function readHeader(header: string[], issues: Issues): Map<Column, number> {
  const found = new Map<Column, number>();
  header.forEach((text, index) => {
    const name = text.toLowerCase();
    if ((COLUMNS as readonly string[]).includes(name)) found.set(name as Column, found.get(name as Column) ?? index);
    else if (name !== '') issues.add(1, text, 'import_unknown_column', { columns: COLUMNS.join(', ') });
  });
  for (const column of COLUMNS) if (!found.has(column)) issues.add(1, column, 'import_missing_column');
  return found;
}

/** Rows with the same product_id, or for new products the same title, are one product. */
function groupRows(rows: Row[]): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = row.cells.product_id ? `id:${row.cells.product_id}` : `new:${row.cells.title}`;
    const group = groups.get(key) ?? [];
    group.push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Reads typed cells, noting a problem (and giving undefined) when the text is not what the column holds. */
function cellReader(issues: Issues) {
  const WHOLE = /^(-?)(?:rp\.?)?(\d{1,3}(?:\.\d{3})+|\d+)(,\d+)?$/i;
  const fail = (row: Row, column: Column, code: MessageCode) => {
    issues.add(row.number, column, code);
    return undefined;
  };
  return {
    /** "45000", "45.000", "Rp 45.000" (Indonesian thousands dots); a sign is left for the schema to refuse. */
    whole(row: Row, column: Column): number | undefined {
      const text = row.cells[column].replace(/\s+/g, '');
      if (text === '') return undefined;
      const match = WHOLE.exec(text);
      if (!match) return fail(row, column, 'import_number');
      // "12.500,5" has cents; "45,000" (English thousands) would silently be 45: both are refused.
      if (match[3]) return fail(row, column, column === 'price' ? 'price_not_whole' : 'import_number');
      const value = Number((match[2] as string).replaceAll('.', ''));
      return match[1] ? -value : value;
    },
    quantity(row: Row, column: Column): number | undefined {
      const text = row.cells[column];
      if (text === '') return undefined;
      return parseQuantity(text) ?? fail(row, column, 'import_quantity');
    },
    /** Empty is yes: new products and variants are for sale unless marked otherwise. */
    yes(row: Row, column: Column): boolean | undefined {
      const text = row.cells[column].toLowerCase();
      if (['', 'ya', 'yes', 'true', '1'].includes(text)) return true;
      if (['tidak', 'no', 'false', '0'].includes(text)) return false;
      return fail(row, column, 'import_yes_no');
    },
  };
}

/** The product as the console's form would send it, from its rows. */
function productFields(rows: Row[], read: ReturnType<typeof cellReader>) {
  const first = rows[0] as Row;
  return {
    title: first.cells.title,
    description: first.cells.description,
    category: first.cells.category.toLowerCase(),
    commodity: first.cells.commodity.toLowerCase() || null,
    active: read.yes(first, 'product_active'),
    variants: rows.map((row) => ({
      id: row.cells.variant_id || undefined,
      name: row.cells.variant_name,
      unit: row.cells.unit.toLowerCase() || undefined,
      stepMilli: read.quantity(row, 'step'),
      minimumMilli: read.quantity(row, 'minimum'),
      price: read.whole(row, 'price'),
      stockMode: row.cells.stock_mode.toLowerCase() || undefined,
      stockMilli: read.quantity(row, 'stock'),
      weightGrams: read.whole(row, 'weight_grams') ?? null,
      active: read.yes(row, 'variant_active'),
    })),
  };
}

/** Later rows repeat the product's columns or leave them empty; variant ids are the product's own, once each. */
function checkRows(rows: Row[], current: SellerProduct | undefined, issues: Issues) {
  const [first, ...rest] = rows as [Row, ...Row[]];
  for (const row of rest) {
    for (const column of PRODUCT_COLUMNS) {
      const text = row.cells[column];
      if (text !== '' && text !== first.cells[column]) issues.add(row.number, column, 'import_product_differs', { row: first.number });
    }
  }
  const own = new Set(current?.variants.map((v) => v.id));
  const seen = new Map<string, number>();
  for (const row of rows) {
    const id = row.cells.variant_id;
    if (!id) continue;
    const earlier = seen.get(id);
    if (!own.has(id)) issues.add(row.number, 'variant_id', 'unknown_variant');
    else if (earlier !== undefined) issues.add(row.number, 'variant_id', 'import_duplicate_row', { row: earlier });
    else seen.set(id, row.number);
  }
}

/** A zod issue as the seller should read it for a sheet cell. */
function issueMessage(issue: z.core.$ZodIssue, column: Column): { code: MessageCode; params?: Record<string, unknown> } {
  // Custom checks (duplicate names, minimum off the step) carry their own code even for empty cells.
  if (issue.code !== 'custom' && (issue.input === undefined || issue.input === '')) return { code: 'required' };
  if (issue.code === 'invalid_value') return { code: 'import_choice', params: { options: issue.values.join(', ') } };
  if (isMessageCode(issue.message)) return { code: issue.message };
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
    if (issue.origin === 'string') {
      return { code: issue.code === 'too_small' ? 'too_short' : 'too_long', params: { minimum: limit, maximum: limit } };
    }
    const shown = QUANTITY_COLUMNS.has(column) ? formatQuantity(limit) : limit;
    return { code: issue.code, params: { minimum: shown, maximum: shown } };
  }
  return { code: 'invalid_format' };
}

function addSchemaIssue(rows: Row[], issue: z.core.$ZodIssue, issues: Issues) {
  const [field, index, variantField] = issue.path;
  if (field === 'variants' && index === undefined && issue.code === 'too_big') {
    const row = rows[Number(issue.maximum)] as Row;
    return issues.add(row.number, 'variant_name', 'import_too_many_variants', { maximum: issue.maximum });
  }
  const inVariant = field === 'variants' && typeof index === 'number';
  const row = (inVariant ? rows[index] : rows[0]) as Row;
  const column = (inVariant ? VARIANT_FIELD_COLUMN[String(variantField)] : FIELD_COLUMN[String(field)]) ?? 'title';
  const { code, params } = issueMessage(issue, column);
  issues.add(row.number, column, code, params);
}

function sameVariant(view: VariantView | undefined, input: VariantInput): boolean {
  return (
    view !== undefined &&
    view.id === input.id &&
    view.name === input.name &&
    view.unit === input.unit &&
    view.stepMilli === input.stepMilli &&
    view.minimumMilli === input.minimumMilli &&
    view.price === input.price &&
    view.stockMode === input.stockMode &&
    view.weightGrams === input.weightGrams &&
    view.active === input.active &&
    // Left empty, the stock is kept as orders moved it.
    (input.stockMilli === undefined || input.stockMilli === view.stockMilli)
  );
}

/** Nothing to write: an unchanged product is not touched (no new "updated at", no audit row). */
function unchanged(current: SellerProduct, patch: ProductPatch): boolean {
  const variants = patch.variants ?? [];
  return (
    patch.title === current.title &&
    patch.description === current.description &&
    patch.category === current.category &&
    patch.commodity === current.commodity &&
    patch.active === current.active &&
    variants.length === current.variants.length &&
    variants.every((variant, index) => sameVariant(current.variants[index], variant))
  );
}

export interface ImportPlan {
  creates: ProductInput[];
  updates: { id: string; patch: ProductPatch }[];
  rows: number;
}

/** Every row checked; throws `import_failed` listing each bad cell, else says what to write. */
export function planImport(table: string[][], existing: SellerProduct[]): ImportPlan {
  const [header = [], ...body] = table;
  const filled = body.flatMap((cells, index) => (cells.some((cell) => cell !== '') ? [{ cells, number: index + 2 }] : []));
  if (filled.length === 0) throw new AppError('import_empty');
  if (filled.length > MAX_ROWS) throw new AppError('import_too_many_rows', { params: { rows: filled.length, max: MAX_ROWS } });
  const issues = new Issues();
  const columns = readHeader(header, issues);
  if (issues.count > 0) throw issues.error();
  const rows: Row[] = filled.map(({ cells, number }) => ({
    number,
    cells: Object.fromEntries(COLUMNS.map((column) => [column, cells[columns.get(column) as number] ?? ''])) as Cells,
  }));

  const byId = new Map(existing.map((product) => [product.id, product]));
  const read = cellReader(issues);
  const plan: ImportPlan = { creates: [], updates: [], rows: rows.length };
  for (const group of groupRows(rows)) {
    const first = group[0] as Row;
    const current = byId.get(first.cells.product_id);
    if (first.cells.product_id && !current) {
      issues.add(first.number, 'product_id', 'import_unknown_product');
      continue;
    }
    checkRows(group, current, issues);
    const fields = productFields(group, read);
    const parsed = current ? productPatch.safeParse(fields, { reportInput: true }) : productInput.safeParse(fields, { reportInput: true });
    for (const issue of parsed.error?.issues ?? []) addSchemaIssue(group, issue, issues);
    if (!parsed.success || issues.count > 0) continue;
    if (!current) plan.creates.push(parsed.data as ProductInput);
    else if (!unchanged(current, parsed.data)) plan.updates.push({ id: current.id, patch: parsed.data });
  }
  if (issues.count > 0) throw issues.error();
  return plan;
}
