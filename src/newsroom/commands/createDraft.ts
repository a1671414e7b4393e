import type { Actor } from '../../content/policies.js';
import { can, ensure } from '../../content/policies.js';
import { insertArticle, updateArticle, writeArticles, type WriterDeps } from '../articleWriter.js';
import { toFields, uniqueArticleSlug, type ArticleEdit, type SaveResult } from '../articleInput.js';
import { recordRevision } from '../revisions.js';

export interface CreateDraftProps {
  /** Who starts the story; they own it and are its byline unless `edit.authorIds` says otherwise. */
  actor: Actor;
  /** The first save: a headline and a section at least. */
  edit: ArticleEdit & { headline: string; sectionId: number };
  /** When (defaults to now). */
  at?: Date;
}

/** Starts a story as a draft: the first revision, not public, so no event. */
export async function createDraft(deps: WriterDeps, { actor, edit, at = new Date() }: CreateDraftProps): Promise<SaveResult> {
  ensure(can(actor, 'article.create'), 'article.create');
  return writeArticles(deps, 'newsroom', async (scope) => {
    const fields = await toFields(scope.trx, edit);
    const slug = await uniqueArticleSlug(scope.trx, edit.slug || edit.headline);
    const id = await insertArticle(scope, { headline: edit.headline, slug, sectionId: edit.sectionId, status: 'draft' }, actor.id, at, { slugManual: Boolean(edit.slug) });
    await updateArticle(scope, id, { ...fields, slug, authorIds: edit.authorIds ?? [actor.id] }, at);
    await recordRevision(scope.trx, id, 1, actor.id, at);
    return { id, version: 1, slug, pending: false };
  }, at);
}
