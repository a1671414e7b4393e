import { changeTransaction } from '../../content/changes.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';
import { PersonError } from '../profiles.js';

export interface SetPersonPhotoProps {
  /** An admin, or the person themself. */
  actor: Actor;
  personId: number;
  /** A media row made from the cropped square upload; null removes the photo (the image stays in the library). */
  mediaId: number | null;
}

/** Sets or removes a person's profile photo; the author page follows. */
export async function setPersonPhoto(deps: WriterDeps, { actor, personId, mediaId }: SetPersonPhotoProps): Promise<void> {
  if (personId !== actor.id) ensure(can(actor, 'people.manage'), 'people.manage');
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    if (mediaId !== null && !(await trx.selectFrom('media').select('id').where('id', '=', mediaId).executeTakeFirst())) throw new PersonError({ code: 'notFound' });
    const row = await trx.updateTable('people').set({ photo_media_id: mediaId }).where('id', '=', personId).returning('id').executeTakeFirst();
    if (!row) throw new PersonError({ code: 'notFound' });
    record({ type: 'person.changed', personId, pages: [`person:${personId}`] });
  });
}
