import { can, ensure, mayEdit, type Actor } from '../../content/policies.js';
import { writeArticles, type WriterDeps } from '../articleWriter.js';
import { ownershipOf } from '../articleInput.js';
import { changeStatus } from '../publishing.js';

export interface ReturnToDraftProps {
  /** Someone who may edit the story (and unpublish it, if it is public). */
  actor: Actor;
  articleId: number;
  at?: Date;
}

/** Back to draft, e.g. a scheduled story pulled for more work. */
export async function returnToDraft(deps: WriterDeps, { actor, articleId, at = new Date() }: ReturnToDraftProps): Promise<void> {
  await writeArticles(deps, 'newsroom', async (scope) => {
    const own = await ownershipOf(scope.trx, articleId);
    ensure(mayEdit(actor, own), 'article.editOwn');
    if (own.status === 'published') ensure(can(actor, 'article.unpublish'), 'article.unpublish');
    await changeStatus(scope, articleId, 'draft', at, { scheduledFor: null, embargoUntil: null });
  }, at);
}
