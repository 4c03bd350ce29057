import { formatQuantity } from '../../shared/quantity.ts';
import type { SellerProduct } from './schemas.ts';

// The products spreadsheet: one row per variant, the product's columns repeated on each row.
// The export writes it and product-import.ts reads it back, so a file round-trips through Excel.

export const COLUMNS = [
  'product_id',
  'title',
  'category',
  'commodity',
  'description',
  'product_active',
  'variant_id',
  'variant_name',
  'unit',
  'step',
  'minimum',
  'stock',
  'price',
  'stock_mode',
  'weight_grams',
  'variant_active',
] as const;
export type Column = (typeof COLUMNS)[number];
export type Cells = Record<Column, string>;

/** Written as numbers in XLSX, so a seller can sort and sum them. */
export const NUMERIC_COLUMNS: ReadonlySet<string> = new Set(['step', 'minimum', 'stock', 'price', 'weight_grams']);

const yesNo = (value: boolean) => (value ? 'ya' : 'tidak');

/** The header and one row per variant, inactive ones too, in the seller's order. */
export function productRows(products: SellerProduct[]): string[][] {
  const rows = products.flatMap((product) =>
    product.variants.map(
      (variant): Cells => ({
        product_id: product.id,
        title: product.title,
        category: product.category,
        commodity: product.commodity ?? '',
        description: product.description,
        product_active: yesNo(product.active),
        variant_id: variant.id,
        variant_name: variant.name,
        unit: variant.unit,
        step: formatQuantity(variant.stepMilli),
        minimum: formatQuantity(variant.minimumMilli),
        stock: variant.stockMilli === null ? '' : formatQuantity(variant.stockMilli),
        price: String(variant.price),
        stock_mode: variant.stockMode,
        weight_grams: variant.weightGrams === null ? '' : String(variant.weightGrams),
        variant_active: yesNo(variant.active),
      }),
    ),
  );
  return [[...COLUMNS], ...rows.map((cells) => COLUMNS.map((column) => cells[column]))];
}
