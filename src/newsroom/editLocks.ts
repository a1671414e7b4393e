import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** An editor's hold on a story lapses when their editor stops checking in for this long. */
export const lockStaleMs = 2 * 60_000;

export interface LockHolder {
  personId: number;
  name: string;
  since: Date;
}

/**
 * Takes or refreshes the actor's hold on a story. Returns who else holds it, if someone
 * does (the editor shows "X is editing"); the hold is advisory, saves are guarded by versions.
 */
export async function holdEditLock(db: Kysely<DB>, articleId: number, personId: number, now = new Date()): Promise<LockHolder | undefined> {
  const staleBefore = new Date(now.getTime() - lockStaleMs).toISOString();
  const taken = await db
    .updateTable('articles')
    .set({ editing_by: personId, editing_since: now.toISOString() })
    .where('id', '=', articleId)
    .where((eb) => eb.or([eb('editing_by', 'is', null), eb('editing_by', '=', personId), eb('editing_since', '<', staleBefore)]))
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) === 1) return undefined;
  const row = await db
    .selectFrom('articles')
    .innerJoin('people', 'people.id', 'articles.editing_by')
    .select(['people.id', 'people.name', 'articles.editing_since'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  return row ? { personId: row.id, name: row.name, since: new Date(row.editing_since ?? now) } : undefined;
}

export async function releaseEditLock(db: Kysely<DB>, articleId: number, personId: number): Promise<void> {
  await db.updateTable('articles').set({ editing_by: null, editing_since: null }).where('id', '=', articleId).where('editing_by', '=', personId).execute();
}
