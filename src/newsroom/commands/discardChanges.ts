import { ensure, mayEdit, type Actor } from '../../content/policies.js';
import { bumpVersion, writeArticles, type WriterDeps } from '../articleWriter.js';
import { ownershipOf } from '../articleInput.js';
import { dropPending } from '../pendingChanges.js';
import { WorkflowError } from '../publishing.js';

export interface DiscardChangesProps {
  /** Someone who may edit the story. */
  actor: Actor;
  articleId: number;
}

/** Throws away a live story's pending change; the published version stays as it is. */
export async function discardChanges(deps: WriterDeps, { actor, articleId }: DiscardChangesProps): Promise<void> {
  await writeArticles(deps, 'newsroom', async (scope) => {
    const own = await ownershipOf(scope.trx, articleId);
    ensure(mayEdit(actor, own), 'article.editOwn');
    if (!(await dropPending(scope.trx, articleId))) throw new WorkflowError({ code: 'noPendingChanges' });
    // The editor's open version is now stale: its next save must start from the published text.
    await bumpVersion(scope, articleId, own.version);
  });
}
