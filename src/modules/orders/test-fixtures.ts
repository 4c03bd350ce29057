// Factories for the orders tests (not a test file itself).
import type { Db } from '../../db/database.ts';
import type { TenantRef } from '../../http/context.ts';
import { newId } from '../../shared/ids.ts';
import type { Unit } from '../../shared/quantity.ts';
import type { TestApp } from '../../test/app.ts';
import { rowCounts } from '../../test/factories.ts';
import { makeSeller } from '../catalog/test-fixtures.ts';
import { makeBuyer, makeProgram } from '../sellers/test-fixtures.ts';

/** A listed product with one variant, written as the catalog would leave it (its rules are tested there). */
export async function makeVariant(
  db: Db,
  tenantId: string,
  options: {
    sellerId: string;
    programId: string;
    title?: string;
    unit?: Unit;
    stepMilli?: number;
    minimumMilli?: number;
    price?: number;
    stockMode?: 'counted' | 'daily';
    stockMilli?: number;
  },
) {
  const productId = newId('prd');
  const title = options.title ?? 'Bawang merah';
  await db
    .insertInto('products')
    .values({
      tenant_id: tenantId,
      id: productId,
      seller_id: options.sellerId,
      program_id: options.programId,
      category_slug: 'bumbu-dapur',
      title,
      listed: true,
      min_price: options.price ?? 40_000,
      price_unit: options.unit ?? 'kg',
      name_key: title.toLowerCase(),
      search_text: title.toLowerCase(),
    })
    .execute();
  const variantId = newId('var');
  await db
    .insertInto('variants')
    .values({
      tenant_id: tenantId,
      id: variantId,
      product_id: productId,
      position: 0,
      unit: options.unit ?? 'kg',
      step_milli: options.stepMilli ?? 250,
      minimum_milli: options.minimumMilli ?? 250,
      price: options.price ?? 40_000,
      stock_mode: options.stockMode ?? 'daily',
      stock_milli: options.stockMilli ?? 0,
      weight_grams: null,
    })
    .execute();
  return { productId, variantId };
}

/** An approved seller, in a new program unless one is given. */
export async function makeShop(db: Db, tenantId: string, programId?: string, marketId?: string) {
  const program = programId ?? (await makeProgram(db, tenantId));
  const sellerId = await makeSeller(db, tenantId, { programId: program, marketId });
  return { programId: program, sellerId };
}

/** A signed-in buyer whose PUT /api/cart/lines helper sends the CSRF header like a browser. */
export async function buyerBrowser(t: TestApp, tenant: TenantRef) {
  const { user, browser } = await makeBuyer(t, tenant);
  const putLine = (variantId: string, quantityMilli: number) =>
    browser.request({ method: 'PUT', url: '/api/cart/lines', payload: { variantId, quantityMilli } });
  return { user, browser, putLine };
}

/** A buyer's address with a pin (deliveries need one for the fee). */
export const ADDRESS = { address: 'Jl. Jend. Sudirman 5, Purbalingga', areaCode: '33.03.05.1001', lat: -7.3796, lng: 109.3634 };

export async function stockOf(db: Db, variantId: string): Promise<number> {
  const row = await db.selectFrom('variants').select('stock_milli').where('id', '=', variantId).executeTakeFirstOrThrow();
  return row.stock_milli;
}

/** Order rows in a tenant: "nothing written" means these do not move. */
export function orderCounts(db: Db, tenantId: string) {
  return rowCounts(db, tenantId, ['carts', 'cart_lines', 'orders', 'order_lines', 'fulfilments', 'order_events']);
}
