import type { Kysely } from 'kysely';
import type { ArticleStatus, DB } from '../db/schema.js';
import type { ContentEvents } from '../content/changes.js';
import { can, ensure, mayEdit, mayPublish, type Actor } from './policies.js';
import { ownershipOf } from './editArticle.js';
import { publishProblems, PublishBlockedError } from './publishArticle.js';
import { writeArticleChange } from './saveArticle.js';

/**
 * The editorial states other than "publish now" (publishArticle.ts):
 * draft → submitted → published; scheduled (goes out at a time); embargoed (ready, not
 * public before a time); unpublished; archived; corrections on published stories.
 */
export interface WorkflowDeps {
  db: Kysely<DB>;
  events: ContentEvents;
}

export class WorkflowError extends Error {}

async function setStatus(deps: WorkflowDeps, articleId: number, status: ArticleStatus, extra: { scheduled_for?: string | null; embargo_until?: string | null } = {}): Promise<void> {
  const keys = await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('articles').set({ schedule_error: null, ...extra }).where('id', '=', articleId).execute();
    return writeArticleChange(trx, articleId, { status });
  });
  deps.events.announce(keys);
}

/** A contributor hands a draft to the editors. */
export async function submitArticle(deps: WorkflowDeps, actor: Actor, articleId: number): Promise<void> {
  const own = await ownershipOf(deps.db, articleId);
  ensure(can(actor, 'article.submit', own), 'article.submit');
  if (!['draft', 'unpublished'].includes(own.status)) throw new WorkflowError(`only a draft can be submitted; this one is ${own.status}`);
  await setStatus(deps, articleId, 'submitted');
}

async function checkFuture(at: Date, now: Date, what: string): Promise<void> {
  if (!(at.getTime() > now.getTime())) throw new WorkflowError(`${what} time must be in the future`);
}

/** Publish at a chosen time; the scheduler does it. */
export async function scheduleArticle(deps: WorkflowDeps, actor: Actor, articleId: number, at: Date, now = new Date()): Promise<void> {
  const own = await ownershipOf(deps.db, articleId);
  ensure(mayPublish(actor, own), 'article.publishOwn');
  await checkFuture(at, now, 'the scheduled');
  const problems = await publishProblems(deps.db, articleId);
  if (problems.length > 0) throw new PublishBlockedError(`cannot schedule: ${problems.join('; ')}`);
  await setStatus(deps, articleId, 'scheduled', { scheduled_for: at.toISOString(), embargo_until: null });
}

/** Ready, but not public before `until`; the scheduler lifts it. */
export async function embargoArticle(deps: WorkflowDeps, actor: Actor, articleId: number, until: Date, now = new Date()): Promise<void> {
  const own = await ownershipOf(deps.db, articleId);
  ensure(mayPublish(actor, own), 'article.publishOwn');
  await checkFuture(until, now, 'the embargo');
  const problems = await publishProblems(deps.db, articleId);
  if (problems.length > 0) throw new PublishBlockedError(`cannot embargo: ${problems.join('; ')}`);
  await setStatus(deps, articleId, 'embargoed', { embargo_until: until.toISOString(), scheduled_for: null });
}

export async function unpublishArticle(deps: WorkflowDeps, actor: Actor, articleId: number): Promise<void> {
  ensure(can(actor, 'article.unpublish'), 'article.unpublish');
  await setStatus(deps, articleId, 'unpublished', { scheduled_for: null, embargo_until: null });
}

export async function archiveArticle(deps: WorkflowDeps, actor: Actor, articleId: number): Promise<void> {
  ensure(can(actor, 'article.archive'), 'article.archive');
  await setStatus(deps, articleId, 'archived', { scheduled_for: null, embargo_until: null });
}

/** Back to draft (e.g. a scheduled story pulled for more work). */
export async function returnToDraft(deps: WorkflowDeps, actor: Actor, articleId: number): Promise<void> {
  const own = await ownershipOf(deps.db, articleId);
  ensure(mayEdit(actor, own), 'article.editOwn');
  if (own.status === 'published') ensure(can(actor, 'article.unpublish'), 'article.unpublish');
  await setStatus(deps, articleId, 'draft', { scheduled_for: null, embargo_until: null });
}

/** A visible correction on a published story, kept in the corrections log. */
export async function correctArticle(deps: WorkflowDeps, actor: Actor, articleId: number, note: string, at = new Date()): Promise<void> {
  const own = await ownershipOf(deps.db, articleId);
  ensure(mayPublish(actor, own), 'article.publishOwn');
  if (own.status !== 'published') throw new WorkflowError('only a published story can carry a correction');
  const text = note.trim();
  if (text === '') throw new WorkflowError('the correction note must not be empty');
  const keys = await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('corrections').values({ article_id: articleId, person_id: actor.id, note: text, created_at: at.toISOString() }).execute();
    return writeArticleChange(trx, articleId, { updateNote: text }, at);
  });
  deps.events.announce(keys);
}

export async function correctionsLog(db: Kysely<DB>, articleId: number) {
  return db
    .selectFrom('corrections')
    .leftJoin('people', 'people.id', 'corrections.person_id')
    .select(['corrections.id', 'corrections.note', 'corrections.created_at', 'people.name'])
    .where('corrections.article_id', '=', articleId)
    .orderBy('corrections.created_at', 'desc')
    .execute();
}
