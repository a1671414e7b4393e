import { addRedirect } from '../../content/redirects.js';
import { ensure, mayPublish, type Actor } from '../../content/policies.js';
import { bumpVersion, updateArticle, writeArticles, type WriterDeps } from '../articleWriter.js';
import { addressOf, EditConflictError, ownershipOf, type SaveResult } from '../articleInput.js';
import { dropPending, pendingSnapshot, snapshotFields } from '../pendingChanges.js';
import { ensurePublishable, WorkflowError } from '../publishing.js';
import { recordRevision } from '../revisions.js';

export interface PublishChangesProps {
  /** Someone who may publish the story (an editor, or its author). */
  actor: Actor;
  articleId: number;
  /** The version the person was looking at, when known: changes saved since then are not applied blindly. */
  baseVersion?: number;
  at?: Date;
  /** Stop at warnings (an empty body, a long headline) so the person can confirm; the newsroom's forms ask. */
  askAboutWarnings?: boolean;
}

/**
 * "Update": a live story's pending change goes public, through the same checks as publishing.
 * Readers, feeds, the APIs and search see it from this commit on (`article.updated`).
 */
export async function publishChanges(deps: WriterDeps, { actor, articleId, baseVersion, at = new Date(), askAboutWarnings = false }: PublishChangesProps): Promise<SaveResult> {
  return writeArticles(deps, 'newsroom', async (scope) => {
    const { trx } = scope;
    const own = await ownershipOf(trx, articleId);
    ensure(mayPublish(actor, own), 'article.publishOwn');
    if (own.status !== 'published') throw new WorkflowError({ code: 'wrongState', step: 'update', status: own.status });
    const pending = await pendingSnapshot(trx, articleId);
    if (!pending) throw new WorkflowError({ code: 'noPendingChanges' });
    const base = baseVersion ?? own.version;
    if (!(await bumpVersion(scope, articleId, base))) throw new EditConflictError(own.version, null, []);
    await updateArticle(scope, articleId, snapshotFields(pending), at);
    await ensurePublishable(trx, articleId, 'update', !askAboutWarnings);
    await dropPending(trx, articleId);
    await recordRevision(trx, articleId, base + 1, actor.id, at);
    const after = await trx.selectFrom('articles').select(['slug', 'section_id']).where('id', '=', articleId).executeTakeFirstOrThrow();
    if (after.slug !== own.slug || after.section_id !== own.sectionId) {
      await addRedirect(trx, await addressOf(trx, own.sectionId, own.slug), await addressOf(trx, after.section_id, after.slug));
    }
    return { id: articleId, version: base + 1, slug: after.slug, pending: false };
  }, at);
}
