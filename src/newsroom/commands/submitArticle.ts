import { can, ensure, type Actor } from '../../content/policies.js';
import { writeArticles, type WriterDeps } from '../articleWriter.js';
import { ownershipOf } from '../articleInput.js';
import { changeStatus, WorkflowError } from '../publishing.js';

export interface SubmitArticleProps {
  /** The writer handing the story to the editors. */
  actor: Actor;
  articleId: number;
  at?: Date;
}

/** A draft goes to the editors for review. */
export async function submitArticle(deps: WriterDeps, { actor, articleId, at = new Date() }: SubmitArticleProps): Promise<void> {
  await writeArticles(deps, 'newsroom', async (scope) => {
    const own = await ownershipOf(scope.trx, articleId);
    ensure(can(actor, 'article.submit', own), 'article.submit');
    if (!['draft', 'unpublished'].includes(own.status)) throw new WorkflowError(`only a draft can be submitted; this one is ${own.status}`);
    await changeStatus(scope, articleId, 'submitted', at);
  }, at);
}
