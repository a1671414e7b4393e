import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp, { type Metadata } from 'sharp';
import type { Kysely } from 'kysely';
import type { DB, Media } from '../db/schema.js';
import { nowIso } from '../db/connect.js';
import { plainText } from '../content/sanitize.js';
import { variantPath, variantWidths } from './variants.js';

export class UploadError extends Error {}

const accepted: Record<string, { ext: string; mime: string }> = {
  jpeg: { ext: 'jpg', mime: 'image/jpeg' },
  png: { ext: 'png', mime: 'image/png' },
  webp: { ext: 'webp', mime: 'image/webp' },
  gif: { ext: 'gif', mime: 'image/gif' },
};

/**
 * Stores an uploaded image: the type is read from the bytes (never the file name), the
 * original is kept as sent, and WebP and JPEG variants are made at each width.
 */
export async function storeUpload(
  db: Kysely<DB>,
  mediaDir: string,
  input: { bytes: Buffer; filename: string; alt?: string; caption?: string },
  now = new Date(),
): Promise<Media> {
  let meta: Metadata;
  try {
    meta = await sharp(input.bytes, { failOn: 'error' }).metadata();
  } catch {
    throw new UploadError(`${input.filename}: not an image we can read (JPEG, PNG, WebP or GIF expected)`);
  }
  const kind = meta.format ? accepted[meta.format] : undefined;
  if (!kind) throw new UploadError(`${input.filename}: ${meta.format ?? 'unknown'} files are not accepted; use JPEG, PNG, WebP or GIF`);
  if (!meta.width || !meta.height) throw new UploadError(`${input.filename}: the image has no size`);
  const month = now.toISOString().slice(0, 7).replace('-', '/');
  const path = `uploads/${month}/${randomBytes(8).toString('hex')}.${kind.ext}`;
  const file = join(mediaDir, path);
  await mkdir(dirname(file), { recursive: true });
  try {
    // Decode fully once: a truncated or corrupt file fails here, before anything is recorded.
    const image = sharp(input.bytes, { failOn: 'error' }).rotate();
    for (const width of variantWidths) {
      const resized = image.clone().resize({ width: Math.min(width, meta.width), withoutEnlargement: true });
      await writeFile(join(mediaDir, variantPath(path, width, 'webp')), await resized.clone().webp({ quality: 72 }).toBuffer());
      await writeFile(join(mediaDir, variantPath(path, width, 'jpg')), await resized.flatten({ background: '#ffffff' }).jpeg({ quality: 78 }).toBuffer());
    }
  } catch (err) {
    throw new UploadError(`${input.filename}: the image is damaged and cannot be decoded (${(err as Error).message})`);
  }
  await writeFile(file, input.bytes);
  return db
    .insertInto('media')
    .values({
      path,
      mime: kind.mime,
      width: meta.width,
      height: meta.height,
      alt: plainText(input.alt ?? ''),
      caption: plainText(input.caption ?? ''),
      created_at: nowIso(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listMedia(db: Kysely<DB>, limit = 100): Promise<Media[]> {
  return db.selectFrom('media').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
