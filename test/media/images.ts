// Test images made on the fly with sharp (no binary files in the repository), including the
// two decompression bombs of the hardening audit.
import sharp from 'sharp';

/** A picture with some detail (a gradient with noise), so encoders have work to do. */
export async function picture(format: 'jpeg' | 'png' | 'webp' | 'gif', width = 1300, height = 700): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i % 251) ^ ((i * 7) % 13);
  return sharp(raw, { raw: { width, height, channels: 3 } }).toFormat(format).toBuffer();
}

/**
 * A lossless WebP declaring 16383 × 16383 pixels in under 40 bytes: sharp encodes a one-colour
 * image, whose entropy codes take no bits per pixel, and the VP8L header's 14-bit width and
 * height fields are then set to their largest values. It decodes fine, to 268 megapixels.
 */
export async function webpBomb(): Promise<Buffer> {
  const small = Buffer.from(await sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } }).webp({ lossless: true }).toBuffer());
  if (small.toString('ascii', 12, 16) !== 'VP8L' || small[20] !== 0x2f) throw new Error('sharp did not write a simple lossless WebP');
  const bits = small.readUInt32LE(21);
  small.writeUInt32LE(((bits & ~0x0fffffff) | 16382 | (16382 << 14)) >>> 0, 21);
  return small;
}

/** A real 16000 × 16000 black PNG (about 750 KB: deflate squeezes the zeros ~1000:1). */
export async function pngBomb(): Promise<Buffer> {
  return sharp({ create: { width: 16000, height: 16000, channels: 3, background: '#000000' } }).png({ compressionLevel: 9 }).toBuffer();
}
