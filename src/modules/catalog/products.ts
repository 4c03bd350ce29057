import { type Ctx, inTransaction } from '../../http/context.ts';
import { todayIn } from '../../shared/dates.ts';
import { newId } from '../../shared/ids.ts';
import { assertMediaExists } from '../media/service.ts';
import type { SellerSummary } from '../sellers/lookup.ts';
import { findCommodity } from './commodities.ts';
import type { ProductInput, ProductPatch, SellerProduct } from './schemas.ts';
import { normalizeSearchText, productSearchText } from './search.ts';
import { rememberWords } from './search-words.ts';
import { CATEGORIES } from './taxonomy.ts';
import { checkVariantIds, refreshSummary, saveVariants } from './variants.ts';
import { auditOnBehalf, findProduct, getSellerProduct, managedSeller, toSellerProduct, variantsOf } from './views.ts';

// Seller console use cases: create, change and list a seller's products. The bulk importer
// calls these same functions with rows validated by `productInput`.

/** Columns that follow from the title, category, staple and seller: sort key, search text, filters. */
function derivedColumns(seller: SellerSummary, fields: { title: string; category: string; commodity: string | null }) {
  const category = CATEGORIES.find((c) => c.slug === fields.category);
  const commodity = fields.commodity ? findCommodity(fields.commodity) : undefined;
  return {
    program_id: seller.programId,
    market_id: seller.marketId,
    name_key: normalizeSearchText(fields.title),
    search_text: productSearchText([fields.title, category?.id, category?.en, commodity?.id, seller.businessName]),
  };
}

/** Every product of a seller, inactive ones too, by name. */
export async function listSellerProducts(ctx: Ctx, sellerId: string): Promise<SellerProduct[]> {
  await managedSeller(ctx, sellerId);
  const rows = await ctx.db
    .selectFrom('products')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('seller_id', '=', sellerId)
    .orderBy('name_key')
    .orderBy('id')
    .execute();
  const variants = await variantsOf(
    ctx,
    rows.map((r) => r.id),
  );
  const today = todayIn(ctx.tenant.timeZone);
  return rows.map((row) => toSellerProduct(row, variants.get(row.id) ?? [], today));
}

/** A new product with its variants; every check runs before the first write. */
export async function createProduct(ctx: Ctx, sellerId: string, input: ProductInput): Promise<SellerProduct> {
  return inTransaction(ctx, async (tx) => {
    const seller = await managedSeller(tx, sellerId);
    await assertMediaExists(tx, input.photoIds, 'photoIds');
    const id = newId('prd');
    const derived = derivedColumns(seller, input);
    await tx.db
      .insertInto('products')
      .values({
        tenant_id: tx.tenant.id,
        id,
        seller_id: seller.id,
        category_slug: input.category,
        commodity_slug: input.commodity,
        title: input.title,
        description: input.description,
        photo_ids: input.photoIds,
        active: input.active,
        ...derived,
      })
      .execute();
    await rememberWords(tx, derived.search_text);
    await saveVariants(tx, id, input.variants, []);
    await refreshSummary(tx, id, input.active);
    await auditOnBehalf(tx, seller, 'product.create', id, { ...input });
    return getSellerProduct(tx, id);
  });
}

/** Changes what the patch names; `variants`, when sent, is the whole list. */
export async function updateProduct(ctx: Ctx, productId: string, patch: ProductPatch): Promise<SellerProduct> {
  return inTransaction(ctx, async (tx) => {
    const row = await findProduct(tx, productId, true);
    const seller = await managedSeller(tx, row.seller_id, 'not_found');
    if (patch.photoIds) await assertMediaExists(tx, patch.photoIds, 'photoIds');
    const existing = patch.variants ? ((await variantsOf(tx, [row.id])).get(row.id) ?? []) : [];
    if (patch.variants) checkVariantIds(patch.variants, existing);

    const fields = {
      title: patch.title ?? row.title,
      category: patch.category ?? row.category_slug,
      commodity: patch.commodity === undefined ? row.commodity_slug : patch.commodity,
    };
    const active = patch.active ?? row.active;
    const derived = derivedColumns(seller, fields);
    await tx.db
      .updateTable('products')
      .set({
        title: fields.title,
        category_slug: fields.category,
        commodity_slug: fields.commodity,
        description: patch.description,
        photo_ids: patch.photoIds,
        active,
        updated_at: new Date(),
        ...derived,
      })
      .where('tenant_id', '=', tx.tenant.id)
      .where('id', '=', row.id)
      .execute();
    await rememberWords(tx, derived.search_text);
    if (patch.variants) await saveVariants(tx, row.id, patch.variants, existing);
    await refreshSummary(tx, row.id, active);
    await auditOnBehalf(tx, seller, 'product.update', row.id, { ...patch });
    return getSellerProduct(tx, row.id);
  });
}

/**
 * Copies a seller's name, program and market onto its products again. The sellers module
 * calls this after a seller is renamed or moves market, so search and filters stay true.
 */
export async function reindexSellerProducts(ctx: Ctx, sellerId: string): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const seller = await managedSeller(tx, sellerId);
    const rows = await tx.db
      .selectFrom('products')
      .select(['id', 'title', 'category_slug', 'commodity_slug'])
      .where('tenant_id', '=', tx.tenant.id)
      .where('seller_id', '=', seller.id)
      .forUpdate()
      .execute();
    for (const row of rows) {
      const derived = derivedColumns(seller, { title: row.title, category: row.category_slug, commodity: row.commodity_slug });
      await tx.db.updateTable('products').set(derived).where('tenant_id', '=', tx.tenant.id).where('id', '=', row.id).execute();
      await rememberWords(tx, derived.search_text);
    }
    return rows.length;
  });
}
