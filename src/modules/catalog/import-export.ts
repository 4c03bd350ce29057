import { type Ctx, inTransaction } from '../../http/context.ts';
import { writeCsv } from '../../shared/csv.ts';
import { todayIn } from '../../shared/dates.ts';
import { planImport } from './product-import.ts';
import { NUMERIC_COLUMNS, productRows } from './product-sheet.ts';
import { createProduct, listSellerProducts, updateProduct } from './products.ts';
import { readSheet, writeXlsx } from './sheet-file.ts';
import { managedSeller } from './views.ts';

// Seller console use cases: the products as a spreadsheet to edit, and that spreadsheet back.

export type SheetFormat = 'csv' | 'xlsx';

/** "Bumbu Bu Sri" -> "bumbu-bu-sri", for a file name any system accepts. */
function fileSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** Every product of the seller, one row per variant, in the columns the import reads. */
export async function exportProducts(ctx: Ctx, sellerId: string, format: SheetFormat) {
  const seller = await managedSeller(ctx, sellerId);
  const rows = productRows(await listSellerProducts(ctx, sellerId));
  return {
    fileName: `produk-${fileSlug(seller.businessName) || seller.id}-${todayIn(ctx.tenant.timeZone)}.${format}`,
    body: format === 'csv' ? writeCsv(rows) : await writeXlsx('Produk', rows, NUMERIC_COLUMNS),
  };
}

/**
 * Adds and changes products from an uploaded CSV or XLSX. Every row is checked before the
 * first write, and all products are written in one transaction: a bad row writes nothing.
 * Products not in the file are left as they are.
 */
export async function importProducts(ctx: Ctx, sellerId: string, bytes: Buffer) {
  await managedSeller(ctx, sellerId);
  const table = await readSheet(bytes);
  return inTransaction(ctx, async (tx) => {
    const plan = planImport(table, await listSellerProducts(tx, sellerId));
    // The console's own use cases: price history, search words and audit as for a form save.
    for (const input of plan.creates) await createProduct(tx, sellerId, input);
    for (const { id, patch } of plan.updates) await updateProduct(tx, id, patch);
    return { created: plan.creates.length, updated: plan.updates.length, rows: plan.rows };
  });
}
