import { ensure, mayPublish, type Actor } from '../../content/policies.js';
import { writeArticles, type WriterDeps } from '../articleWriter.js';
import { ownershipOf } from '../articleInput.js';
import { changeStatus, checkFuture, ensurePublishable } from '../publishing.js';

export interface ScheduleArticleProps {
  /** An editor, or an author with their own story. */
  actor: Actor;
  articleId: number;
  /** When it goes out (must lie ahead). */
  when: Date;
  /** The present, for the check above (defaults to now). */
  now?: Date;
  /** Stop at warnings (an empty body, a long headline) so the person can confirm; the newsroom's forms ask. */
  askAboutWarnings?: boolean;
}

/** Publish at a chosen time; the scheduler does it. */
export async function scheduleArticle(deps: WriterDeps, { actor, articleId, when, now = new Date(), askAboutWarnings = false }: ScheduleArticleProps): Promise<void> {
  await writeArticles(deps, 'newsroom', async (scope) => {
    const own = await ownershipOf(scope.trx, articleId);
    ensure(mayPublish(actor, own), 'article.publishOwn');
    checkFuture(when, now, 'schedule');
    await ensurePublishable(scope.trx, articleId, 'schedule', !askAboutWarnings);
    await changeStatus(scope, articleId, 'scheduled', now, { scheduledFor: when, embargoUntil: null });
  }, now);
}
