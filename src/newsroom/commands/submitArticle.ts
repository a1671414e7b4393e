import { can, ensure, type Actor } from '../../content/policies.js';
import { writeArticles, type WriterDeps } from '../articleWriter.js';
import { ownershipOf } from '../articleInput.js';
import { resolveNotes } from '../notes.js';
import { changeStatus, WorkflowError } from '../publishing.js';

export interface SubmitArticleProps {
  /** The writer handing the story to the editors. */
  actor: Actor;
  articleId: number;
  at?: Date;
}

/** A draft goes to the editors for review; a note that sent it back has been answered. */
export async function submitArticle(deps: WriterDeps, { actor, articleId, at = new Date() }: SubmitArticleProps): Promise<void> {
  await writeArticles(deps, 'newsroom', async (scope) => {
    const own = await ownershipOf(scope.trx, articleId);
    ensure(can(actor, 'article.submit', own), 'article.submit');
    if (!['draft', 'unpublished'].includes(own.status)) throw new WorkflowError({ code: 'wrongState', step: 'submit', status: own.status });
    await changeStatus(scope, articleId, 'submitted', at);
    await resolveNotes(scope.trx, articleId, at);
  }, at);
}
