import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { sellersOfUser } from '../sellers/lookup.ts';
import { SELLER_STATUSES } from '../sellers/tables.ts';
import { exportProducts, importProducts } from './import-export.ts';
import { MAX_ROWS } from './product-import.ts';
import { COLUMNS } from './product-sheet.ts';
import { createProduct, listSellerProducts, updateProduct } from './products.ts';
import { productInput, productPatch, sellerProduct, variantQuickEdit } from './schemas.ts';
import { XLSX_MIME } from './sheet-file.ts';
import { updateVariant } from './variants.ts';
import { getSellerProduct } from './views.ts';

const tags = ['seller console'];
const security = [{ session: [] }];
const signedIn = { preHandler: async (request: FastifyRequest) => void requireActor(request) };
const sellerRef = z.object({ id: z.string(), name: z.string(), kind: z.enum(['umkm', 'trader']), status: z.enum(SELLER_STATUSES) });
const one = z.object({ product: sellerProduct });
const sellerIdField = z.string().max(40).optional().describe("Defaults to the signed-in user's own (first) seller; admins name one");

/** The caller's own sellers (one per program at most). */
function ownSellers(request: FastifyRequest) {
  return sellersOfUser(request.ctx(), requireActor(request).userId);
}

/** The seller named (the use case checks access), else the caller's own first one. */
async function chosenSeller(request: FastifyRequest, named: string | undefined): Promise<string> {
  const sellerId = named ?? (await ownSellers(request))[0]?.id;
  if (!sellerId) throw new AppError('forbidden');
  return sellerId;
}

const FILE_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: XLSX_MIME } as const;
const importDescription =
  `Multipart field "file": CSV (comma or semicolon, UTF-8) or XLSX (first sheet), type read from the bytes. ` +
  `Header row with the columns ${COLUMNS.join(', ')}; one row per variant, at most ${MAX_ROWS} rows. ` +
  'Empty product_id = new product (rows with the same title are one product); empty variant_id = new variant; ' +
  'variants of a product left out are deactivated; products not in the file are kept. Quantities in the unit ("0,25"), ' +
  'price in whole rupiah ("45.000"), yes/no as ya/tidak. Any bad row: 400 import_failed with "row N: column" details, nothing saved.';

/** Phone-first seller console: my products, the product form, the quick edit for the day. */
export const sellerConsoleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/seller/products',
    {
      ...signedIn,
      schema: {
        tags,
        summary: "A seller's products, inactive ones too, and the sellers the caller runs",
        security,
        querystring: z.object({ sellerId: sellerIdField }),
        response: {
          200: z.object({ sellerId: z.string().nullable(), sellers: z.array(sellerRef), products: z.array(sellerProduct) }),
        },
      },
    },
    async (request) => {
      const own = await ownSellers(request);
      const sellerId = request.query.sellerId ?? own[0]?.id ?? null;
      return {
        sellerId,
        sellers: own.map((s) => ({ id: s.id, name: s.businessName, kind: s.kind, status: s.status })),
        products: sellerId ? await listSellerProducts(request.ctx(), sellerId) : [],
      };
    },
  );

  app.post(
    '/seller/products',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Add a product with its variants',
        security,
        body: productInput.extend({ sellerId: sellerIdField }),
        response: { 201: one },
      },
    },
    async (request, reply) => {
      const { sellerId: named, ...input } = request.body;
      const sellerId = await chosenSeller(request, named);
      return reply.code(201).send({ product: await createProduct(request.ctx(), sellerId, input) });
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/seller/products/export.${format}`,
      {
        ...signedIn,
        schema: {
          tags,
          summary: `My products as ${format.toUpperCase()}, one row per variant, to edit and import again`,
          security,
          querystring: z.object({ sellerId: sellerIdField }),
          produces: [FILE_TYPES[format]],
        },
      },
      async (request, reply) => {
        const file = await exportProducts(request.ctx(), await chosenSeller(request, request.query.sellerId), format);
        return reply.type(FILE_TYPES[format]).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
      },
    );
  }

  app.post(
    '/seller/products/import',
    {
      ...signedIn,
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Add and change products from a CSV or XLSX file: all rows or none',
        description: importDescription,
        security,
        consumes: ['multipart/form-data'],
        querystring: z.object({ sellerId: sellerIdField }),
        response: { 200: z.object({ created: z.number(), updated: z.number(), rows: z.number() }) },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type');
      const sellerId = await chosenSeller(request, request.query.sellerId);
      const file = await request.file();
      if (!file) throw new AppError('bad_request');
      return importProducts(request.ctx(), sellerId, await file.toBuffer());
    },
  );

  const productParams = z.object({ productId: z.string().max(40) });

  app.get(
    '/seller/products/:productId',
    { ...signedIn, schema: { tags, summary: 'One of my products, for the form', security, params: productParams, response: { 200: one } } },
    async (request) => ({ product: await getSellerProduct(request.ctx(), request.params.productId) }),
  );

  app.patch(
    '/seller/products/:productId',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Change a product; `variants`, when sent, is the whole list',
        security,
        params: productParams,
        body: productPatch,
        response: { 200: one },
      },
    },
    async (request) => ({ product: await updateProduct(request.ctx(), request.params.productId, request.body) }),
  );

  app.patch(
    '/seller/variants/:variantId',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Quick edit for the day: price, stock, sold out, on/off',
        security,
        params: z.object({ variantId: z.string().max(40) }),
        body: variantQuickEdit,
        response: { 200: one },
      },
    },
    async (request) => ({ product: await updateVariant(request.ctx(), request.params.variantId, request.body) }),
  );
};
