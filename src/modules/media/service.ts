import type { Executor } from '../../db/database.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { newId } from '../../shared/ids.ts';
import { processImage, sniffImageType } from './images.ts';
import type { FileStorage } from './storage.ts';

export interface MediaView {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
  mime: string;
}

/** Public addresses of a photo and its thumbnail. */
export function mediaUrls(id: string): { url: string; thumbUrl: string } {
  return { url: `/api/media/${id}`, thumbUrl: `/api/media/${id}/thumb` };
}

/** Stores an uploaded photo after checking what it really is; nothing is written for a bad file. */
export async function uploadImage(ctx: Ctx, storage: FileStorage, bytes: Buffer): Promise<MediaView> {
  return storeImage(ctx.db, storage, { tenantId: ctx.tenant.id, uploadedBy: ctx.actor?.userId ?? null }, bytes);
}

/** Stores a photo of a tenant (from an upload, or fetched from WhatsApp by the outbox worker). */
export async function storeImage(
  db: Executor,
  storage: FileStorage,
  owner: { tenantId: string; uploadedBy: string | null },
  bytes: Buffer,
): Promise<MediaView> {
  if (!sniffImageType(bytes)) throw new AppError('unsupported_image');
  let processed: Awaited<ReturnType<typeof processImage>>;
  try {
    processed = await processImage(bytes);
  } catch {
    throw new AppError('unsupported_image');
  }
  const id = newId('med');
  const folder = owner.tenantId.replace(/[^a-z0-9_]/g, '');
  const storageKey = `${folder}/${id}.webp`;
  const thumbKey = `${folder}/${id}.thumb.webp`;
  // Files first, row last: a crash leaves at worst an orphan file, never a row without its file.
  await storage.put(storageKey, processed.full);
  await storage.put(thumbKey, processed.thumb);
  await db
    .insertInto('media')
    .values({
      tenant_id: owner.tenantId,
      id,
      mime: 'image/webp',
      byte_size: processed.full.length,
      width: processed.width,
      height: processed.height,
      storage_key: storageKey,
      thumb_key: thumbKey,
      uploaded_by: owner.uploadedBy,
    })
    .execute();
  return { id, ...mediaUrls(id), width: processed.width, height: processed.height, mime: 'image/webp' };
}

export async function readImage(ctx: Ctx, storage: FileStorage, id: string, variant: 'full' | 'thumb') {
  const row = await ctx.db
    .selectFrom('media')
    .select(['mime', 'storage_key', 'thumb_key'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found');
  const bytes = await storage.get(variant === 'full' ? row.storage_key : row.thumb_key);
  if (!bytes) throw new AppError('not_found');
  return { mime: row.mime, bytes };
}

/** Every id must be a photo uploaded in this tenant; otherwise a 400 on `field`. */
export async function assertMediaExists(ctx: Ctx, ids: string[], field: string): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await ctx.db.selectFrom('media').select('id').where('tenant_id', '=', ctx.tenant.id).where('id', 'in', unique).execute();
  if (found.length !== unique.length) throw fieldError(field, 'unknown_media');
}
