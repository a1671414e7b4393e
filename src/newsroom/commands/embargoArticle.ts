import { ensure, mayPublish, type Actor } from '../../content/policies.js';
import { writeArticles, type WriterDeps } from '../articleWriter.js';
import { ownershipOf } from '../articleInput.js';
import { changeStatus, checkFuture, publishProblems, PublishBlockedError } from '../publishing.js';

export interface EmbargoArticleProps {
  /** An editor, or an author with their own story. */
  actor: Actor;
  articleId: number;
  /** Not public before this time (must lie ahead). */
  when: Date;
  /** The present, for the check above (defaults to now). */
  now?: Date;
}

/** Ready, but not public before `until`; the scheduler lifts the embargo. */
export async function embargoArticle(deps: WriterDeps, { actor, articleId, when, now = new Date() }: EmbargoArticleProps): Promise<void> {
  await writeArticles(deps, 'newsroom', async (scope) => {
    const own = await ownershipOf(scope.trx, articleId);
    ensure(mayPublish(actor, own), 'article.publishOwn');
    checkFuture(when, now, 'embargo');
    const problems = await publishProblems(scope.trx, articleId);
    if (problems.length > 0) throw new PublishBlockedError(`cannot embargo: ${problems.join('; ')}`);
    await changeStatus(scope, articleId, 'embargoed', now, { embargoUntil: when, scheduledFor: null });
  }, now);
}
