import type { Metadata, Sharp } from 'sharp';
import { loadSharp } from './sharp.js';
import { Semaphore } from './semaphore.js';
import type { MediaStore } from './store.js';
import { variantPath, variantWidths, type VariantFormat } from './variants.js';
import type { ImageProblem } from '../i18n/media.js';
import type { MediaAspect } from '../db/schema.js';

/** Why an image was refused; the newsroom words it in the person's language (i18n/media.ts). */
export type { ImageProblem };

/** An image we will not store, with the file's name as the person gave it. */
export class ImageRefused extends Error {
  constructor(
    readonly file: string,
    readonly problem: ImageProblem,
  ) {
    super(`${file}: ${describeImageProblem(problem)}`);
    this.name = 'ImageRefused';
  }
}

/** The English wording, for logs, importer reports and the command line. */
export function describeImageProblem(p: ImageProblem): string {
  switch (p.code) {
    case 'unreadable':
      return 'not an image we can read (JPEG, PNG, WebP or GIF expected)';
    case 'format':
      return `${p.format} files are not accepted; use JPEG, PNG, WebP or GIF`;
    case 'noSize':
      return 'the image has no size';
    case 'tooManyPixels':
      return `${p.width} × ${p.height} pixels is more than the ${Math.round(p.maxPixels / 1_000_000)} megapixel limit`;
    case 'damaged':
      return `the image is damaged and cannot be decoded (${p.detail})`;
  }
}

const accepted = {
  jpeg: { ext: 'jpg', mime: 'image/jpeg' },
  png: { ext: 'png', mime: 'image/png' },
  webp: { ext: 'webp', mime: 'image/webp' },
  gif: { ext: 'gif', mime: 'image/gif' },
} as const;
export type AcceptedFormat = keyof typeof accepted;

/** What the header says, before any pixel is decoded. */
export interface ImageInfo {
  format: AcceptedFormat;
  /** Extension and type of the original as sent. */
  ext: string;
  mime: string;
  /** As displayed: after the EXIF orientation is applied. */
  width: number;
  height: number;
}

export interface StoredImage {
  path: string;
  mime: string;
  width: number;
  height: number;
}

export interface ImageLimits {
  /** Largest decoded size accepted (width × height of one frame). */
  maxPixels: number;
  /** Images decoded and encoded at once; the rest wait. */
  workers: number;
}

/** How the variants are cut: an aspect ratio ('original' keeps the whole image) placed around a focal point. */
export interface ImageCrop {
  aspect: MediaAspect;
  /** The focal point as fractions of the (oriented) width and height. */
  focusX: number;
  focusY: number;
}

/** A rectangle in pixels of the oriented image. */
export interface CropRegion {
  left: number;
  top: number;
  width: number;
  height: number;
}

const ratios: Record<Exclude<MediaAspect, 'original'>, number> = { '16:9': 16 / 9, '4:3': 4 / 3, '1:1': 1, '3:4': 3 / 4 };

/**
 * The largest rectangle of the crop's ratio inside a `width` × `height` image, centred on the
 * focal point as far as the edges allow (a point near an edge gives a rectangle at that edge).
 */
export function cropRegion(width: number, height: number, crop: ImageCrop | undefined): CropRegion {
  if (!crop || crop.aspect === 'original') return { left: 0, top: 0, width, height };
  const ratio = ratios[crop.aspect];
  const w = Math.min(width, Math.round(height * ratio));
  const h = Math.min(height, Math.round(w / ratio));
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));
  return { left: clamp(crop.focusX * width - w / 2, width - w), top: clamp(crop.focusY * height - h / 2, height - h), width: w, height: h };
}

export const defaultImageLimits: ImageLimits = { maxPixels: 40_000_000, workers: 2 };

const webpQuality = 72;
const jpegQuality = 78;
const originalJpegQuality = 82;
// A kept original re-encoded only to drop camera data stays close to what was sent.
const keptJpegQuality = 92;
const keptWebpQuality = 90;
const white = '#ffffff';

/**
 * The one image pipeline: header checks, then orientation, sRGB, and the WebP and JPEG
 * variants at every width (JPEG flattened onto white). Decoding is bounded twice: an image
 * whose header declares more than `maxPixels` is refused before any pixel is decoded, and no
 * more than `workers` images are worked on at once in the process, so several large uploads
 * at the same moment queue instead of each taking hundreds of megabytes.
 */
export class ImagePipeline {
  private readonly work: Semaphore;

  constructor(readonly limits: ImageLimits = defaultImageLimits) {
    this.work = new Semaphore(limits.workers);
  }

  /** Images being worked on and waiting (for tests and metrics). */
  get load(): { running: number; waiting: number } {
    return this.work.load;
  }

  private async open(input: Buffer): Promise<Sharp> {
    const sharp = await loadSharp();
    return sharp(input, { failOn: 'error', limitInputPixels: this.limits.maxPixels });
  }

  /** Reads the header only: type from the bytes (never the file name), size, pixel limit. */
  async inspect(input: Buffer, file: string): Promise<ImageInfo> {
    const sharp = await loadSharp();
    let meta: Metadata;
    try {
      // The header only: no limit here, so a too-large image is named as such below.
      meta = await sharp(input, { failOn: 'error', limitInputPixels: false }).metadata();
    } catch {
      throw new ImageRefused(file, { code: 'unreadable' });
    }
    const kind = meta.format in accepted ? accepted[meta.format as AcceptedFormat] : undefined;
    if (!kind) throw new ImageRefused(file, { code: 'format', format: meta.format ?? 'unknown' });
    if (!meta.width || !meta.height) throw new ImageRefused(file, { code: 'noSize' });
    // One frame is what we decode (animated GIF/WebP: the first), so one frame is what counts.
    const frameHeight = meta.pageHeight ?? meta.height;
    if (meta.width * frameHeight > this.limits.maxPixels) {
      throw new ImageRefused(file, { code: 'tooManyPixels', width: meta.width, height: frameHeight, maxPixels: this.limits.maxPixels });
    }
    const shown = frameHeight === meta.height ? meta.autoOrient : { width: meta.width, height: frameHeight };
    return { format: meta.format as AcceptedFormat, ext: kind.ext, mime: kind.mime, width: shown.width, height: shown.height };
  }

  /**
   * Stores an image and its variants under `path` (whose extension names the original's type).
   * `original: 'keep'` stores the bytes as sent; `'jpeg'` re-encodes it as an oriented JPEG
   * (imports and the demo, whose paths end in `.jpg`). `crop` cuts the variants (never the
   * original); the width and height returned are the variants' shape. A damaged image stores nothing.
   */
  async store(media: MediaStore, path: string, input: Buffer, o: { file: string; original: 'keep' | 'jpeg'; info?: ImageInfo; crop?: ImageCrop }): Promise<StoredImage> {
    const info = o.info ?? (await this.inspect(input, o.file));
    const region = cropRegion(info.width, info.height, o.crop);
    const files = await this.work.run(async () => {
      try {
        return await this.render(input, info, path, o.original, region);
      } catch (err) {
        throw new ImageRefused(o.file, { code: 'damaged', detail: (err as Error).message });
      }
    });
    if (o.original === 'keep') files.push({ key: path, bytes: await this.work.run(() => this.withoutCameraData(input, info)), type: info.mime });
    const written: string[] = [];
    try {
      // The original goes last: a path whose original exists has all its variants.
      for (const f of files) {
        await media.put(f.key, f.bytes, { contentType: f.type });
        written.push(f.key);
      }
    } catch (err) {
      await Promise.allSettled(written.map((k) => media.delete(k)));
      throw err;
    }
    return { path, mime: o.original === 'keep' ? info.mime : 'image/jpeg', width: region.width, height: region.height };
  }

  /**
   * Originals are public (`/media/…`, wp-json `source_url`), and a phone photo's EXIF can say
   * where it was taken and by whose phone: an original carrying EXIF, XMP or IPTC is re-encoded
   * upright without them (colour profile kept); one without them is kept byte for byte.
   */
  private async withoutCameraData(input: Buffer, info: ImageInfo): Promise<Buffer> {
    const meta = await (await this.open(input)).metadata();
    if (!meta.exif && !meta.xmp && !meta.iptc) return input;
    const image = (await this.open(input)).autoOrient().keepIccProfile();
    switch (info.format) {
      case 'jpeg':
        return image.jpeg({ quality: keptJpegQuality }).toBuffer();
      case 'png':
        return image.png().toBuffer();
      case 'webp':
        return image.webp({ quality: keptWebpQuality }).toBuffer();
      case 'gif':
        // libvips neither reads nor writes camera data in GIFs.
        return input;
    }
  }

  /**
   * A profile photo: the largest square sharp finds the most interest in (faces, contrast),
   * at most the widest variant, as an oriented JPEG; `store` then makes its sizes.
   */
  async square(input: Buffer, file: string): Promise<Buffer> {
    const info = await this.inspect(input, file);
    const side = Math.min(info.width, info.height, Math.max(...variantWidths));
    return this.work.run(async () => {
      try {
        return await (await this.open(input))
          .autoOrient()
          .resize({ width: side, height: side, fit: 'cover', position: 'attention' })
          .toColourspace('srgb')
          .flatten({ background: white })
          .jpeg({ quality: originalJpegQuality })
          .toBuffer();
      } catch (err) {
        throw new ImageRefused(file, { code: 'damaged', detail: (err as Error).message });
      }
    });
  }

  /** Decodes once to the widest variant, then makes every variant from those pixels. */
  private async render(input: Buffer, info: ImageInfo, path: string, original: 'keep' | 'jpeg', region: CropRegion): Promise<{ key: string; bytes: Buffer; type: string }[]> {
    const out: { key: string; bytes: Buffer; type: string }[] = [];
    const widest = Math.min(Math.max(...variantWidths), region.width);
    const whole = region.width === info.width && region.height === info.height;
    // Oriented first, then cut: the region is in the coordinates people see.
    const sharp = await loadSharp();
    const oriented = (await this.open(input)).autoOrient();
    const { data, info: raw } = await (whole ? oriented : oriented.extract(region))
      .resize({ width: widest, withoutEnlargement: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    const pixels = () => sharp(data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
    const encode = (image: Sharp, format: VariantFormat) =>
      format === 'webp' ? image.webp({ quality: webpQuality }).toBuffer() : image.flatten({ background: white }).jpeg({ quality: jpegQuality }).toBuffer();
    for (const width of variantWidths) {
      const w = Math.min(width, region.width);
      for (const format of ['webp', 'jpg'] as const) {
        const image = w === raw.width ? pixels() : pixels().resize({ width: w });
        out.push({ key: variantPath(path, width, format), bytes: await encode(image, format), type: format === 'webp' ? 'image/webp' : 'image/jpeg' });
      }
    }
    if (original === 'jpeg') {
      const bytes = await (await this.open(input)).autoOrient().toColourspace('srgb').flatten({ background: white }).jpeg({ quality: originalJpegQuality }).toBuffer();
      out.push({ key: path, bytes, type: 'image/jpeg' });
    }
    return out;
  }
}
