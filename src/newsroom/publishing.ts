import type { Kysely, Transaction } from 'kysely';
import type { ArticleStatus, DB } from '../db/schema.js';
import { graphemeLength } from '../gujarati/tokenize.js';
import { plainText } from '../content/sanitize.js';
import { warningCodes, type PublishProblem, type WorkflowProblem, type WorkflowStep } from '../i18n/workflow.js';
import { moveArticle, updateArticle, type WorkflowFields, type WriteScope } from './articleWriter.js';

export type { PublishProblem, WorkflowProblem, WorkflowStep };

/** A pre-publish check refused the step; `problems` are said to the person through `workflowMessages`. */
export class PublishBlockedError extends Error {
  constructor(readonly step: WorkflowStep, readonly problems: PublishProblem[]) {
    super(`cannot ${step}: ${problems.map((p) => p.code).join(', ')}`);
  }

  /** Only warnings stand in the way: the person may confirm and go ahead. */
  get confirmable(): boolean {
    return this.problems.every((p) => warningCodes.has(p.code));
  }
}

/** A workflow step that does not apply to the story's state (e.g. correcting a draft). */
export class WorkflowError extends Error {
  constructor(readonly problem: WorkflowProblem) {
    super(`workflow: ${JSON.stringify(problem)}`);
  }
}

/** Longer headlines are cut short in search results and in WhatsApp and Telegram link cards. */
export const headlineWarnAt = 100;

/** Reasons a story may not go out yet (blocking ones and warnings); empty when it may. */
export async function publishProblems(db: Kysely<DB> | Transaction<DB>, articleId: number): Promise<PublishProblem[]> {
  const a = await db
    .selectFrom('articles')
    .leftJoin('media', 'media.id', 'articles.featured_media_id')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.kind', 'articles.headline', 'articles.body_html', 'articles.featured_media_id', 'articles.featured_alt', 'media.alt as media_alt', 'sections.id as section'])
    .where('articles.id', '=', articleId)
    .executeTakeFirstOrThrow();
  const problems: PublishProblem[] = [];
  const headline = a.headline.trim();
  if (headline === '') problems.push({ code: 'emptyHeadline' });
  // A static page has no section by design; a story must have one.
  if (a.section === null && a.kind === 'story') problems.push({ code: 'noSection' });
  if (a.featured_media_id !== null && !a.featured_alt.trim() && !(a.media_alt ?? '').trim()) problems.push({ code: 'featuredAltMissing' });
  const imgs = [...a.body_html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);
  const missing = imgs.filter((tag) => !/\balt="\s*[^\s"][^"]*"/.test(tag)).length;
  if (missing > 0) problems.push({ code: 'bodyAltMissing', count: missing });
  // Text, an image or an embed counts as a body.
  const bodyText = plainText(a.body_html).replace(/&nbsp;|\s/g, '');
  if (bodyText === '' && !/<(img|iframe|figure)\b/.test(a.body_html)) problems.push({ code: 'emptyBody' });
  const length = graphemeLength(headline);
  if (length > headlineWarnAt) problems.push({ code: 'headlineTooLong', length, max: headlineWarnAt });
  return problems;
}

/** The problems that still stand: all of them, or only the blocking ones once the person confirmed the warnings. */
export function standing(problems: PublishProblem[], warningsConfirmed: boolean): PublishProblem[] {
  return warningsConfirmed ? problems.filter((p) => !warningCodes.has(p.code)) : problems;
}

/** Refuses `step` when problems stand. */
export async function ensurePublishable(db: Kysely<DB> | Transaction<DB>, articleId: number, step: WorkflowStep, warningsConfirmed: boolean): Promise<void> {
  const problems = standing(await publishProblems(db, articleId), warningsConfirmed);
  if (problems.length > 0) throw new PublishBlockedError(step, problems);
}

/**
 * Makes a story public now, inside the caller's change transaction, if it is still in one of
 * the `expected` states (the scheduler of another instance may have been first). Warnings
 * were answered when the story was scheduled, so only blocking problems stop it unless asked.
 */
export async function publishNow(
  scope: WriteScope,
  articleId: number,
  at: Date,
  expected: readonly ArticleStatus[],
  warningsConfirmed = true,
): Promise<{ published: boolean; problems: PublishProblem[] }> {
  const problems = standing(await publishProblems(scope.trx, articleId), warningsConfirmed);
  if (problems.length > 0) return { published: false, problems };
  const published = await moveArticle(scope, articleId, expected, 'published', at, { scheduledFor: null, embargoUntil: null, scheduleError: null });
  return { published, problems: [] };
}

/** Moves a story to a workflow state, clearing any earlier scheduling error. */
export function changeStatus(scope: WriteScope, articleId: number, status: ArticleStatus, at: Date, workflow: WorkflowFields = {}): Promise<void> {
  return updateArticle(scope, articleId, { status }, at, { scheduleError: null, ...workflow });
}

/** A scheduled or embargo time must lie ahead. */
export function checkFuture(when: Date, now: Date, step: 'schedule' | 'embargo'): void {
  if (!(when.getTime() > now.getTime())) throw new WorkflowError({ code: 'notInFuture', step });
}
