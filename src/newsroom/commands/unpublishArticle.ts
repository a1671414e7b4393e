import { can, ensure, type Actor } from '../../content/policies.js';
import { writeArticles, type WriterDeps } from '../articleWriter.js';
import { ownershipOf } from '../articleInput.js';
import { changeStatus } from '../publishing.js';

export interface UnpublishArticleProps {
  /** An editor or admin. */
  actor: Actor;
  articleId: number;
  at?: Date;
}

/** Takes a story off the site; it keeps its URL for a later republish. */
export async function unpublishArticle(deps: WriterDeps, { actor, articleId, at = new Date() }: UnpublishArticleProps): Promise<void> {
  ensure(can(actor, 'article.unpublish'), 'article.unpublish');
  await writeArticles(deps, 'newsroom', async (scope) => {
    await ownershipOf(scope.trx, articleId);
    await changeStatus(scope, articleId, 'unpublished', at, { scheduledFor: null, embargoUntil: null });
  }, at);
}
