import { changeTransaction } from '../../content/changes.js';
import { ensure, mayChangeMedia, type Actor } from '../../content/policies.js';
import { getMedia, mediaUses, pathsOf, type MediaUse } from '../library.js';
import { imageKeys } from '../variants.js';
import { MediaNotFoundError, type MediaDeps } from './updateMedia.js';

/** An image still shown by stories: it stays, and the stories are named. */
export class MediaInUseError extends Error {
  constructor(readonly uses: MediaUse[]) {
    super(`image is used by ${uses.length} stor${uses.length === 1 ? 'y' : 'ies'}`);
  }
}

export interface DeleteMediaProps {
  /** Its uploader, or an editor or admin (`mayChangeMedia`). */
  actor: Actor;
  mediaId: number;
}

/**
 * Deletes an image no story uses (featured, in a body, or in a live story's pending changes),
 * with every file it has had. The row goes first, in the transaction that checked it was
 * unused; the files follow once that has committed.
 */
export async function deleteMedia(deps: MediaDeps, p: DeleteMediaProps): Promise<void> {
  const paths = await changeTransaction(deps.db, deps.feed, async ({ trx }) => {
    const m = await getMedia(trx, p.mediaId);
    if (!m) throw new MediaNotFoundError(p.mediaId);
    ensure(mayChangeMedia(p.actor, { uploadedBy: m.uploaded_by }), 'media.manage');
    const uses = await mediaUses(trx, [m]);
    if (uses.length > 0) throw new MediaInUseError(uses);
    await trx.deleteFrom('media').where('id', '=', m.id).execute();
    return pathsOf(m);
  });
  await Promise.allSettled(paths.flatMap(imageKeys).map((k) => deps.media.delete(k)));
}
