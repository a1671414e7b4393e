import { ensure, mayPublish, type Actor } from '../../content/policies.js';
import { writeArticles, type WriterDeps } from '../articleWriter.js';
import { ownershipOf } from '../articleInput.js';
import { PublishBlockedError, publishNow } from '../publishing.js';

export interface PublishArticleProps {
  /** An editor, or an author publishing their own story. */
  actor: Actor;
  articleId: number;
  /** When (defaults to now). */
  at?: Date;
  /** Stop at warnings (an empty body, a long headline) so the person can confirm; the newsroom's forms ask. */
  askAboutWarnings?: boolean;
}

/** "Publish now": the story goes public (again) unless a pre-publish check refuses it. */
export async function publishArticle(deps: WriterDeps, { actor, articleId, at = new Date(), askAboutWarnings = false }: PublishArticleProps): Promise<void> {
  await writeArticles(deps, 'newsroom', async (scope) => {
    const own = await ownershipOf(scope.trx, articleId);
    ensure(mayPublish(actor, own), 'article.publishOwn');
    const r = await publishNow(scope, articleId, at, ['draft', 'submitted', 'scheduled', 'embargoed', 'unpublished', 'published'], !askAboutWarnings);
    if (r.problems.length > 0) throw new PublishBlockedError('publish', r.problems);
  }, at);
}
