import type { Readable } from 'node:stream';

/** What a store knows about an object without reading it. */
export interface MediaObjectInfo {
  /** Length in bytes. */
  size: number;
  /** MIME type, e.g. `image/webp`. */
  contentType: string;
  /** HTTP validator, quoted (`"…"` or `W/"…"`), stable while the bytes are unchanged. */
  etag: string;
  /** When the object was last written. */
  lastModified: Date;
}

/** An object being read: its facts and its bytes as a stream (the caller reads or destroys it). */
export interface MediaObject extends MediaObjectInfo {
  body: Readable;
}

export interface PutOptions {
  /** MIME type; by default from the key's extension. */
  contentType?: string;
  /** Length of a streamed body, when known (lets object stores send it without buffering). */
  size?: number;
}

export type MediaStoreKind = 'disk' | 'database' | 's3';

/**
 * Where media files live. Keys are the relative paths pages link to under `/media/`
 * (`uploads/2026/05/3fa9….jpg`, `demo/metro-800.webp`, `wp/2011/07/ફોટો.jpg`).
 * A put replaces the object whole: readers see the old bytes or the new, never a mix.
 */
export interface MediaStore {
  readonly kind: MediaStoreKind;
  /** Where it is, for messages (`disk /srv/khabar/media`, `s3://bucket/prefix`). */
  readonly where: string;
  put(key: string, body: Buffer | Readable, options?: PutOptions): Promise<void>;
  /** The object as a stream, or undefined when there is none. */
  get(key: string): Promise<MediaObject | undefined>;
  /** The object's facts without its bytes (for conditional requests), or undefined. */
  head(key: string): Promise<MediaObjectInfo | undefined>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  /** Every key, in no promised order. */
  list(): AsyncIterable<string>;
  close(): Promise<void>;
}

/** A key no store accepts (absolute, `..`, empty segments, control characters). */
export class MediaKeyError extends Error {}

/**
 * Checks a key before any store sees it, so no store can be led outside its folder or prefix.
 * Gujarati and other letters are fine; what is refused would mean something else in a path.
 */
export function checkKey(key: string): string {
  if (key.length === 0 || key.length > 1024 || /[\p{Cc}\\]/u.test(key)) throw new MediaKeyError(`not a media key: ${JSON.stringify(key)}`);
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') throw new MediaKeyError(`not a media key: ${JSON.stringify(key)}`);
  }
  return key;
}

export function isMediaKey(key: string): boolean {
  try {
    checkKey(key);
    return true;
  } catch {
    return false;
  }
}

const types: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};

/**
 * MIME type from the key's extension; anything else is plain bytes, which a browser will
 * not run (SVG among them: same-origin script must never come from /media).
 */
export function contentTypeFor(key: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase();
  return (ext && types[ext]) || 'application/octet-stream';
}

/** Reads a stream whole (a streamed put into a store that needs the bytes at once). */
export async function readAll(body: Readable, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += b.length;
    if (size > limit) {
      body.destroy();
      throw new RangeError(`more than ${limit} bytes`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks, size);
}
