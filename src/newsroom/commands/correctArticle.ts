import { ensure, mayPublish, type Actor } from '../../content/policies.js';
import { correctArticle as writeCorrection, writeArticles, type WriterDeps } from '../articleWriter.js';
import { ownershipOf } from '../articleInput.js';
import { WorkflowError } from '../publishing.js';

export interface CorrectArticleProps {
  /** Someone who may publish the story. */
  actor: Actor;
  articleId: number;
  /** What was wrong and what is right now; shown on the story and kept in its log. */
  note: string;
  at?: Date;
}

/** A visible correction on a published story. */
export async function correctArticle(deps: WriterDeps, { actor, articleId, note, at = new Date() }: CorrectArticleProps): Promise<void> {
  const text = note.trim();
  if (text === '') throw new WorkflowError({ code: 'emptyNote', step: 'correct' });
  await writeArticles(deps, 'newsroom', async (scope) => {
    const own = await ownershipOf(scope.trx, articleId);
    ensure(mayPublish(actor, own), 'article.publishOwn');
    if (own.status !== 'published') throw new WorkflowError({ code: 'wrongState', step: 'correct', status: own.status });
    await writeCorrection(scope, articleId, text, actor.id, at);
  }, at);
}
