import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

/** Widths every stored image is made in; pages offer them through `srcset`. */
export const variantWidths = [400, 800, 1200] as const;
export type VariantWidth = (typeof variantWidths)[number];
export type VariantFormat = 'webp' | 'jpg';

/** `demo/metro.jpg` at 800 px as WebP → `demo/metro-800.webp`. */
export function variantPath(path: string, width: VariantWidth, format: VariantFormat): string {
  return `${path.replace(/\.[a-z0-9]+$/i, '')}-${width}.${format}`;
}

export interface StoredImage {
  path: string;
  mime: string;
  width: number;
  height: number;
}

/**
 * Writes an image as a JPEG original under `mediaDir/path` and its WebP and JPEG variants
 * beside it. Variants are never wider than the original.
 */
export async function storeImage(mediaDir: string, path: string, input: Buffer): Promise<StoredImage> {
  const image = sharp(input, { failOn: 'error' });
  const meta = await image.metadata();
  if (!meta.width || !meta.height) throw new Error(`${path}: not an image sharp can read`);
  const file = join(mediaDir, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, await image.clone().jpeg({ quality: 82 }).toBuffer());
  for (const width of variantWidths) {
    const w = Math.min(width, meta.width);
    const resized = image.clone().resize({ width: w });
    await writeFile(join(mediaDir, variantPath(path, width, 'webp')), await resized.clone().webp({ quality: 72 }).toBuffer());
    await writeFile(join(mediaDir, variantPath(path, width, 'jpg')), await resized.jpeg({ quality: 78 }).toBuffer());
  }
  return { path, mime: 'image/jpeg', width: meta.width, height: meta.height };
}
