import { addRedirect } from '../../content/redirects.js';
import { articlePath } from '../../content/paths.js';
import { ensure, mayEdit, type Actor } from '../../content/policies.js';
import { bumpVersion, updateArticle, writeArticles, type WriterDeps } from '../articleWriter.js';
import { EditConflictError, ownershipOf, toFields, uniqueArticleSlug, type ArticleEdit, type SaveResult } from '../articleInput.js';
import { currentSnapshot, diffSnapshots, recordRevision, revisionSnapshot } from '../revisions.js';

export interface SaveArticleProps {
  /** Who saves; they must be allowed to edit this story. */
  actor: Actor;
  articleId: number;
  /** The version the editor opened; a save on top of an older one is a conflict. */
  baseVersion: number;
  /** The fields to change; absent ones stay. */
  edit: ArticleEdit;
  /** When (defaults to now). */
  at?: Date;
}

/**
 * Saves an edit made on top of `baseVersion` as a new revision. If someone saved in between,
 * nothing is written and EditConflictError says what they changed. A slug change on a
 * published story leaves a 301 from the old URL.
 */
export async function saveArticle(deps: WriterDeps, { actor, articleId, baseVersion, edit, at = new Date() }: SaveArticleProps): Promise<SaveResult> {
  return writeArticles(deps, 'newsroom', async (scope) => {
    const { trx } = scope;
    const own = await ownershipOf(trx, articleId);
    ensure(mayEdit(actor, own), 'article.editOwn');
    if (own.version !== baseVersion) {
      const base = await revisionSnapshot(trx, articleId, baseVersion);
      const now = await currentSnapshot(trx, articleId);
      const last = await trx
        .selectFrom('revisions')
        .leftJoin('people', 'people.id', 'revisions.person_id')
        .select('people.name')
        .where('revisions.article_id', '=', articleId)
        .where('revisions.version', '=', own.version)
        .executeTakeFirst();
      throw new EditConflictError(own.version, last?.name ?? null, base ? diffSnapshots(base, now) : []);
    }
    const fields = await toFields(trx, edit);
    if (fields.slug !== undefined && fields.slug !== own.slug) fields.slug = await uniqueArticleSlug(trx, fields.slug, articleId);
    // Only the version bump is conditional: two saves racing on the same base cannot both pass.
    if (!(await bumpVersion(scope, articleId, baseVersion))) throw new EditConflictError(own.version + 1, null, []);
    const version = baseVersion + 1;
    await updateArticle(scope, articleId, fields, at);
    await recordRevision(trx, articleId, version, actor.id, at);
    const after = await trx.selectFrom('articles').select(['slug', 'section_id']).where('id', '=', articleId).executeTakeFirstOrThrow();
    if (own.status === 'published' && after.slug !== own.slug) {
      const sections = await trx.selectFrom('sections').select(['id', 'slug']).where('id', 'in', [own.sectionId, after.section_id]).execute();
      const slugOf = (id: number) => sections.find((s) => s.id === id)?.slug ?? '';
      await addRedirect(trx, articlePath(slugOf(own.sectionId), own.slug), articlePath(slugOf(after.section_id), after.slug));
    }
    return { id: articleId, version, slug: after.slug };
  }, at);
}
