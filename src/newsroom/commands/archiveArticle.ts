import { can, ensure, type Actor } from '../../content/policies.js';
import { writeArticles, type WriterDeps } from '../articleWriter.js';
import { ownershipOf } from '../articleInput.js';
import { changeStatus } from '../publishing.js';

export interface ArchiveArticleProps {
  /** An editor or admin. */
  actor: Actor;
  articleId: number;
  at?: Date;
}

/** Puts a story away: off the site and out of the newsroom's working lists. */
export async function archiveArticle(deps: WriterDeps, { actor, articleId, at = new Date() }: ArchiveArticleProps): Promise<void> {
  ensure(can(actor, 'article.archive'), 'article.archive');
  await writeArticles(deps, 'newsroom', async (scope) => {
    await ownershipOf(scope.trx, articleId);
    await changeStatus(scope, articleId, 'archived', at, { scheduledFor: null, embargoUntil: null });
  }, at);
}
