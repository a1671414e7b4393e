import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Media } from '../db/schema.js';
import { nowIso } from '../db/connect.js';
import { plainText } from '../content/sanitize.js';
import { describeImageProblem, ImageRefused, type ImagePipeline, type ImageProblem } from './images.js';
import { mediaSearchKey } from './library.js';
import type { MediaStore } from './store.js';
import type { UploadProblem } from '../i18n/media.js';

/** Why an upload was refused: the image's own problems, or the request's. */
export type { UploadProblem };

export class UploadError extends Error {
  constructor(
    /** The file's name as sent ('' when there was none). */
    readonly file: string,
    readonly problem: UploadProblem,
  ) {
    super(file ? `${file}: ${english(problem)}` : english(problem));
    this.name = 'UploadError';
  }
}

/** The English wording, for logs; people read the newsroom's own (i18n/media.ts). */
function english(p: UploadProblem): string {
  if (p.code === 'tooLarge') return `larger than the ${Math.round(p.maxBytes / 1_000_000)} MB limit`;
  if (p.code === 'noFile') return 'no file was sent';
  return describeImageProblem(p);
}

export interface UploadDeps {
  db: Kysely<DB>;
  /** Where the original and its variants are written. */
  media: MediaStore;
  /** The process's image pipeline (its limits and its bound on work at once). */
  images: ImagePipeline;
}

export interface UploadInput {
  /** The file's bytes, whole (the route has already enforced the size limit). */
  bytes: Buffer;
  /** The name it was sent with; only for messages, never for the stored name or type. */
  filename: string;
  /** Text for people who cannot see the image. */
  alt?: string;
  caption?: string;
  /** Who sent it: they may edit and delete it later. */
  uploadedBy?: number;
}

/**
 * Stores an uploaded image: the type and size are read from the header (never the file
 * name), the original is kept as sent, and the variants are made; only then is it recorded.
 */
export async function storeUpload(deps: UploadDeps, input: UploadInput, now = new Date()): Promise<Media> {
  try {
    const info = await deps.images.inspect(input.bytes, input.filename);
    const month = now.toISOString().slice(0, 7).replace('-', '/');
    const path = `uploads/${month}/${randomBytes(8).toString('hex')}.${info.ext}`;
    const stored = await deps.images.store(deps.media, path, input.bytes, { file: input.filename, original: 'keep', info });
    const alt = plainText(input.alt ?? '');
    const caption = plainText(input.caption ?? '');
    // The name as sent, without any folder a browser may add; only for search and display.
    const fileName = plainText(input.filename.split(/[\\/]/).pop() ?? '').slice(0, 200);
    return await deps.db
      .insertInto('media')
      .values({
        path,
        mime: stored.mime,
        width: stored.width,
        height: stored.height,
        alt,
        caption,
        file_name: fileName,
        search_key: mediaSearchKey({ alt, caption, fileName }),
        uploaded_by: input.uploadedBy ?? null,
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (err) {
    if (err instanceof ImageRefused) throw new UploadError(err.file, err.problem);
    throw err;
  }
}
