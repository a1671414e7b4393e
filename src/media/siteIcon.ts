import { randomBytes } from 'node:crypto';
import { loadSharp } from './sharp.js';
import { ImageRefused, type ImagePipeline } from './images.js';
import type { MediaStore } from './store.js';
import { UploadError } from './upload.js';

/** Sizes of the site icon: browser tabs (32), Apple's home-screen icon (180), Android and manifests (192, 512). */
export const siteIconSizes = [32, 180, 192, 512] as const;

/** `site/icon-3fa9…` at 180 px → `site/icon-3fa9…-180.png`. */
export const siteIconKey = (base: string, size: (typeof siteIconSizes)[number]) => `${base}-${size}.png`;

/**
 * Stores an uploaded site icon as square PNGs at every size (cropped to the centre when it is
 * not square; the header is checked by the pipeline first, so an oversized or false image is
 * refused before decoding). Returns the base key the settings keep.
 */
export async function storeSiteIcon(deps: { media: MediaStore; images: ImagePipeline }, input: { bytes: Buffer; filename: string }): Promise<string> {
  const sharp = await loadSharp();
  try {
    await deps.images.inspect(input.bytes, input.filename);
    const base = `site/icon-${randomBytes(8).toString('hex')}`;
    const files: { key: string; bytes: Buffer }[] = [];
    for (const size of siteIconSizes) {
      const bytes = await sharp(input.bytes, { failOn: 'error', limitInputPixels: deps.images.limits.maxPixels })
        .autoOrient()
        .resize(size, size, { fit: 'cover', position: 'centre' })
        .toColourspace('srgb')
        .png()
        .toBuffer()
        .catch((err: Error) => {
          throw new ImageRefused(input.filename, { code: 'damaged', detail: err.message });
        });
      files.push({ key: siteIconKey(base, size), bytes });
    }
    for (const f of files) await deps.media.put(f.key, f.bytes, { contentType: 'image/png' });
    return base;
  } catch (err) {
    if (err instanceof ImageRefused) throw new UploadError(err.file, err.problem);
    throw err;
  }
}
