import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ContentEvents } from './events.js';
import { ensure, mayPublish, type Actor } from './policies.js';
import { ownershipOf } from './editArticle.js';
import { writeArticleChange } from './saveArticle.js';

export interface PublishDeps {
  db: Kysely<DB>;
  events: ContentEvents;
}

export class PublishBlockedError extends Error {}

/** Reasons a story may not go out yet; empty when it may. */
export async function publishProblems(db: Kysely<DB> | Transaction<DB>, articleId: number): Promise<string[]> {
  const a = await db
    .selectFrom('articles')
    .leftJoin('media', 'media.id', 'articles.featured_media_id')
    .select(['articles.headline', 'articles.body_html', 'articles.featured_media_id', 'articles.featured_alt', 'media.alt as media_alt'])
    .where('articles.id', '=', articleId)
    .executeTakeFirstOrThrow();
  const problems: string[] = [];
  if (a.headline.trim() === '') problems.push('the headline is empty');
  if (a.featured_media_id !== null && !a.featured_alt.trim() && !(a.media_alt ?? '').trim()) {
    problems.push('the featured image has no alt text');
  }
  const imgs = [...a.body_html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);
  const missing = imgs.filter((tag) => !/\balt="\s*[^\s"][^"]*"/.test(tag)).length;
  if (missing > 0) problems.push(`${missing} image(s) in the body have no alt text`);
  return problems;
}

/**
 * Makes a story public now, inside the caller's transaction. Returns the cache keys to
 * announce after commit. `expected` guards against a concurrent publisher (the scheduler).
 */
export async function publishInTransaction(
  trx: Transaction<DB>,
  articleId: number,
  at: Date,
  expected: string[],
): Promise<{ published: boolean; keys: string[]; problems: string[] }> {
  const problems = await publishProblems(trx, articleId);
  if (problems.length > 0) return { published: false, keys: [], problems };
  const claimed = await trx
    .updateTable('articles')
    .set({ status: 'published', scheduled_for: null, embargo_until: null, schedule_error: null })
    .where('id', '=', articleId)
    .where('status', 'in', expected as never[])
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return { published: false, keys: [], problems: [] };
  const keys = await writeArticleChange(trx, articleId, { status: 'published' }, at);
  return { published: true, keys, problems: [] };
}

/** An editor's (or an author's own) "publish now". */
export async function publishArticle(deps: PublishDeps, actor: Actor, articleId: number, at = new Date()): Promise<void> {
  const keys = await deps.db.transaction().execute(async (trx) => {
    const own = await ownershipOf(trx, articleId);
    ensure(mayPublish(actor, own), 'article.publishOwn');
    const r = await publishInTransaction(trx, articleId, at, ['draft', 'submitted', 'scheduled', 'embargoed', 'unpublished', 'published']);
    if (r.problems.length > 0) throw new PublishBlockedError(`cannot publish: ${r.problems.join('; ')}`);
    return r.keys;
  });
  deps.events.announce(keys);
}
