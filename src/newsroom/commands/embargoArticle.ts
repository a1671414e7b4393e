import { ensure, mayPublish, type Actor } from '../../content/policies.js';
import { writeArticles, type WriterDeps } from '../articleWriter.js';
import { ownershipOf } from '../articleInput.js';
import { changeStatus, checkFuture, ensurePublishable } from '../publishing.js';

export interface EmbargoArticleProps {
  /** An editor, or an author with their own story. */
  actor: Actor;
  articleId: number;
  /** Not public before this time (must lie ahead). */
  when: Date;
  /** The present, for the check above (defaults to now). */
  now?: Date;
  /** Stop at warnings (an empty body, a long headline) so the person can confirm; the newsroom's forms ask. */
  askAboutWarnings?: boolean;
}

/** Ready, but not public before `until`; the scheduler lifts the embargo. */
export async function embargoArticle(deps: WriterDeps, { actor, articleId, when, now = new Date(), askAboutWarnings = false }: EmbargoArticleProps): Promise<void> {
  await writeArticles(deps, 'newsroom', async (scope) => {
    const own = await ownershipOf(scope.trx, articleId);
    ensure(mayPublish(actor, own), 'article.publishOwn');
    checkFuture(when, now, 'embargo');
    await ensurePublishable(scope.trx, articleId, 'embargo', !askAboutWarnings);
    await changeStatus(scope, articleId, 'embargoed', now, { embargoUntil: when, scheduledFor: null });
  }, now);
}
