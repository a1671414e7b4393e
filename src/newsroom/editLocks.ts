import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ensure, mayEdit, type Actor } from '../content/policies.js';
import { ownershipOf } from './articleInput.js';
import { takeEditLock } from './articleWriter.js';

/** An editor's hold on a story lapses when their editor stops checking in for this long. */
export const lockStaleMs = 2 * 60_000;

export interface LockHolder {
  personId: number;
  name: string;
  since: Date;
}

/**
 * Takes or refreshes the actor's hold on a story, if they may edit it (else NotAllowedError,
 * and the hold is untouched). Returns who else holds it, if someone does (the editor shows
 * "X is editing"); the hold is advisory, saves are guarded by versions.
 */
export async function holdEditLock(db: Kysely<DB>, actor: Actor, articleId: number, now = new Date()): Promise<LockHolder | undefined> {
  ensure(mayEdit(actor, await ownershipOf(db, articleId)), 'article.editOwn');
  if (await takeEditLock(db, articleId, actor.id, now, new Date(now.getTime() - lockStaleMs))) return undefined;
  return editLockHolder(db, articleId, now);
}

/** Who holds a story now (a hold gone stale counts as none), without taking it: for those who only read it. */
export async function editLockHolder(db: Kysely<DB>, articleId: number, now = new Date()): Promise<LockHolder | undefined> {
  const row = await db
    .selectFrom('articles')
    .innerJoin('people', 'people.id', 'articles.editing_by')
    .select(['people.id', 'people.name', 'articles.editing_since'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  if (!row) return undefined;
  const since = new Date(row.editing_since ?? now);
  return now.getTime() - since.getTime() < lockStaleMs ? { personId: row.id, name: row.name, since } : undefined;
}
