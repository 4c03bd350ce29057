import sharp from 'sharp';

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The real type from the first bytes; the file name and the browser's claim are not trusted. */
export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

export const FULL_SIZE = 1600;
export const THUMB_SIZE = 320;

export interface ProcessedImage {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/**
 * Re-encodes an upload as WebP: turned upright from its EXIF orientation, at most 1600 px,
 * with all metadata dropped (phone photos carry GPS), plus a 320 px thumbnail for lists on
 * slow connections. Throws if the bytes do not decode as an image.
 */
export async function processImage(bytes: Buffer): Promise<ProcessedImage> {
  const upright = sharp(bytes, { limitInputPixels: 50_000_000 }).rotate();
  const { data: full, info } = await upright
    .clone()
    .resize({ width: FULL_SIZE, height: FULL_SIZE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  const thumb = await upright
    .clone()
    .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 70 })
    .toBuffer();
  return { full, thumb, width: info.width, height: info.height };
}
