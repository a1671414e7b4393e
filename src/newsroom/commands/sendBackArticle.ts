import { can, ensure, type Actor } from '../../content/policies.js';
import { writeArticles, type WriterDeps } from '../articleWriter.js';
import { ownershipOf } from '../articleInput.js';
import { addSentBackNote } from '../notes.js';
import { changeStatus, WorkflowError } from '../publishing.js';

export interface SendBackArticleProps {
  /** An editor reviewing the story. */
  actor: Actor;
  articleId: number;
  /** What the writer should change; shown to them in the editor and on their dashboard. */
  note: string;
  at?: Date;
}

/** "Send back with a note": a story in review returns to its writer as a draft, with the editor's note. */
export async function sendBackArticle(deps: WriterDeps, { actor, articleId, note, at = new Date() }: SendBackArticleProps): Promise<void> {
  ensure(can(actor, 'article.sendBack'), 'article.sendBack');
  const text = note.trim();
  // A lone joiner (ZWJ/ZWNJ) left in the field is not a note.
  if (text.replace(/[\u200B-\u200D\uFEFF]/g, '').trim() === '') throw new WorkflowError({ code: 'emptyNote', step: 'sendBack' });
  await writeArticles(deps, 'newsroom', async (scope) => {
    const own = await ownershipOf(scope.trx, articleId);
    if (own.status !== 'submitted') throw new WorkflowError({ code: 'wrongState', step: 'sendBack', status: own.status });
    await changeStatus(scope, articleId, 'draft', at);
    await addSentBackNote(scope.trx, articleId, actor.id, text, at);
  }, at);
}
