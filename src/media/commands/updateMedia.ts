import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { changeTransaction, type ChangeFeed } from '../../content/changes.js';
import { ensure, mayChangeMedia, type Actor } from '../../content/policies.js';
import { plainText } from '../../content/sanitize.js';
import type { DB, Media, MediaAspect } from '../../db/schema.js';
import type { ImagePipeline } from '../images.js';
import { getMedia, mediaSearchKey, pagesShowing, pathsOf } from '../library.js';
import { imageKeys } from '../variants.js';
import { readAll, type MediaStore } from '../store.js';

export interface MediaDeps {
  db: Kysely<DB>;
  feed: ChangeFeed;
  media: MediaStore;
  images: ImagePipeline;
}

/** The image asked for is not in the library (deleted meanwhile, or a wrong id). */
export class MediaNotFoundError extends Error {
  constructor(readonly mediaId: number) {
    super(`no image has the id ${mediaId}`);
  }
}

export interface UpdateMediaProps {
  /** Its uploader, or an editor or admin (`mayChangeMedia`). */
  actor: Actor;
  mediaId: number;
  /** Text for people who cannot see the image; absent fields are not changed. */
  alt?: string;
  caption?: string;
  /** A new crop: the variants are made again under a new name (files are cached as immutable). */
  crop?: { aspect: MediaAspect; focusX: number; focusY: number };
}

const sameCrop = (m: Media, c: NonNullable<UpdateMediaProps['crop']>) => m.aspect === c.aspect && Math.abs(m.focus_x - c.focusX) < 1e-6 && Math.abs(m.focus_y - c.focusY) < 1e-6;

/**
 * Changes an image's alt, caption or crop. Stories that show it as their featured image
 * follow (their pages are told); images already placed in a body keep the files they point
 * at, which stay until the image is deleted.
 */
export async function updateMedia(deps: MediaDeps, p: UpdateMediaProps): Promise<Media> {
  const current = await getMedia(deps.db, p.mediaId);
  if (!current) throw new MediaNotFoundError(p.mediaId);
  ensure(mayChangeMedia(p.actor, { uploadedBy: current.uploaded_by }), 'media.manage');
  const crop = p.crop && !sameCrop(current, p.crop) ? p.crop : undefined;
  // The whole image with another focal point has the same files: only the point is kept.
  const newFiles = crop !== undefined && !(crop.aspect === 'original' && current.aspect === 'original');
  let fresh: { path: string; width: number; height: number } | undefined;
  if (crop && newFiles) {
    // Cut from the original as uploaded, so crops never compound.
    const original = await deps.media.get(current.path);
    if (!original) throw new MediaNotFoundError(p.mediaId);
    const bytes = await readAll(original.body);
    const dir = current.path.includes('/') ? current.path.slice(0, current.path.lastIndexOf('/') + 1) : '';
    const ext = /\.[a-z0-9]+$/i.exec(current.path)?.[0] ?? '.jpg';
    const path = `${dir}${randomBytes(8).toString('hex')}${ext}`;
    const stored = await deps.images.store(deps.media, path, bytes, { file: current.file_name || current.path, original: 'keep', crop });
    fresh = { path, width: stored.width, height: stored.height };
  }
  try {
    return await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
      const alt = p.alt === undefined ? current.alt : plainText(p.alt);
      const caption = p.caption === undefined ? current.caption : plainText(p.caption);
      const row = await trx
        .updateTable('media')
        .set({
          alt,
          caption,
          search_key: mediaSearchKey({ alt, caption, fileName: current.file_name || (current.path.split('/').pop() ?? '') }),
          ...(crop && { aspect: crop.aspect, focus_x: crop.focusX, focus_y: crop.focusY }),
          ...(fresh && { path: fresh.path, width: fresh.width, height: fresh.height, former_paths: JSON.stringify(pathsOf(current)) }),
        })
        .where('id', '=', p.mediaId)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new MediaNotFoundError(p.mediaId);
      const featuring = await trx.selectFrom('articles').select('id').where('featured_media_id', '=', p.mediaId).execute();
      const pages = await pagesShowing(trx, featuring.map((a) => a.id));
      if (pages.length > 0) record({ type: 'media.changed', mediaId: p.mediaId, pages });
      return row;
    });
  } catch (err) {
    if (fresh) await Promise.allSettled(imageKeys(fresh.path).map((k) => deps.media.delete(k)));
    throw err;
  }
}
