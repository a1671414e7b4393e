import { can, ensure, type Actor } from '../../content/policies.js';
import { insertArticle, updateArticle, writeArticles, type WriterDeps } from '../articleWriter.js';
import { toFields, uniquePageSlug, type ArticleEdit, type SaveResult } from '../articleInput.js';
import { recordRevision } from '../revisions.js';

export interface CreatePageProps {
  /** An editor or admin: pages speak for the whole site. */
  actor: Actor;
  /** The first save: a title at least. Sections, tags and the breaking flag do not apply to pages. */
  edit: Omit<ArticleEdit, 'sectionId' | 'tagNames' | 'isBreaking' | 'secondarySectionIds'> & { headline: string };
  /** When (defaults to now). */
  at?: Date;
}

/** Starts a static page (About, Contact…) as a draft at `/{slug}`: the first revision, not public, so no event. */
export async function createPage(deps: WriterDeps, { actor, edit, at = new Date() }: CreatePageProps): Promise<SaveResult> {
  ensure(can(actor, 'pages.manage'), 'pages.manage');
  return writeArticles(deps, 'newsroom', async (scope) => {
    const fields = await toFields(scope.trx, edit);
    const slug = await uniquePageSlug(scope.trx, edit.slug || edit.headline, Boolean(edit.slug));
    const id = await insertArticle(scope, { headline: edit.headline, slug, sectionId: null, kind: 'page', status: 'draft' }, actor.id, at, { slugManual: Boolean(edit.slug) });
    await updateArticle(scope, id, { ...fields, slug, authorIds: edit.authorIds ?? [actor.id] }, at);
    await recordRevision(scope.trx, id, 1, actor.id, at);
    return { id, version: 1, slug, pending: false };
  }, at);
}
