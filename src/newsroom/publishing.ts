import type { Kysely, Transaction } from 'kysely';
import type { ArticleStatus, DB } from '../db/schema.js';
import { moveArticle, updateArticle, type WorkflowFields, type WriteScope } from './articleWriter.js';

export class PublishBlockedError extends Error {}

/** A workflow step that does not apply to the story's state (e.g. correcting a draft). */
export class WorkflowError extends Error {}

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
 * Makes a story public now, inside the caller's change transaction, if it is still in one of
 * the `expected` states (the scheduler of another instance may have been first).
 */
export async function publishNow(
  scope: WriteScope,
  articleId: number,
  at: Date,
  expected: readonly ArticleStatus[],
): Promise<{ published: boolean; problems: string[] }> {
  const problems = await publishProblems(scope.trx, articleId);
  if (problems.length > 0) return { published: false, problems };
  const published = await moveArticle(scope, articleId, expected, 'published', at, { scheduledFor: null, embargoUntil: null, scheduleError: null });
  return { published, problems: [] };
}

/** Moves a story to a workflow state, clearing any earlier scheduling error. */
export function changeStatus(scope: WriteScope, articleId: number, status: ArticleStatus, at: Date, workflow: WorkflowFields = {}): Promise<void> {
  return updateArticle(scope, articleId, { status }, at, { scheduleError: null, ...workflow });
}

/** A scheduled or embargo time must lie ahead. */
export function checkFuture(when: Date, now: Date, what: 'schedule' | 'embargo'): void {
  if (!(when.getTime() > now.getTime())) throw new WorkflowError(`the ${what === 'schedule' ? 'scheduled' : 'embargo'} time must be in the future`);
}
