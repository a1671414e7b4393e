import { addRedirect } from '../../content/redirects.js';
import { ensure, mayEdit, type Actor } from '../../content/policies.js';
import { bumpVersion, updateArticle, writeArticles, type WriterDeps } from '../articleWriter.js';
import { addressOf, EditConflictError, ownershipOf, toFields, uniqueArticleSlug, uniquePageSlug, type ArticleEdit, type SaveResult } from '../articleInput.js';
import { currentSnapshot, diffSnapshots, recordRevision, revisionSnapshot } from '../revisions.js';
import { dropPending, pendingSnapshot, snapshotFields, storePending, withEdit } from '../pendingChanges.js';

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
 * Saves an edit made on top of `baseVersion`. If someone saved in between, nothing is written
 * and EditConflictError says what they changed.
 *
 * A draft changes at once, and until it is first published its slug follows the headline
 * unless a person typed one. A live story does not change: the edit becomes its pending
 * change (`pending: true`), which readers never see until "Update" (publishChanges).
 */
export async function saveArticle(deps: WriterDeps, { actor, articleId, baseVersion, edit, at = new Date() }: SaveArticleProps): Promise<SaveResult> {
  return writeArticles(deps, 'newsroom', async (scope) => {
    const { trx } = scope;
    const own = await ownershipOf(trx, articleId);
    ensure(mayEdit(actor, own), 'article.editOwn');
    if (own.version !== baseVersion) {
      const base = await revisionSnapshot(trx, articleId, baseVersion);
      const now = (await pendingSnapshot(trx, articleId)) ?? (await currentSnapshot(trx, articleId));
      const last = await trx
        .selectFrom('revisions')
        .leftJoin('people', 'people.id', 'revisions.person_id')
        .select('people.name')
        .where('revisions.article_id', '=', articleId)
        .where('revisions.version', '=', own.version)
        .executeTakeFirst();
      throw new EditConflictError(own.version, last?.name ?? null, base ? diffSnapshots(base, now) : []);
    }
    // A page has no section, tags, breaking flag, format, password or comments: what an editor form sends for them is ignored.
    const { sectionId: _section, tagNames: _tags, isBreaking: _breaking, secondarySectionIds: _others, commentsOpen: _open, password: _password, format: _format, ...pageEdit } = edit;
    const isPage = own.kind === 'page';
    const fields = await toFields(trx, isPage ? pageEdit : edit);
    const slugFor = (wanted: string, typed: boolean) => (isPage ? uniquePageSlug(trx, wanted, typed, articleId) : uniqueArticleSlug(trx, wanted, articleId));
    const row = await trx.selectFrom('articles').select(['slug_manual', 'published_at']).where('id', '=', articleId).executeTakeFirstOrThrow();
    const typedSlug = fields.slug !== undefined && fields.slug !== own.slug;
    if (typedSlug) {
      fields.slug = await slugFor(fields.slug!, true);
    } else if (fields.headline !== undefined && row.published_at === null && row.slug_manual === 0) {
      // Never published and never typed by hand: the slug follows the headline.
      fields.slug = await slugFor(fields.headline, false);
    }
    // Only the version bump is conditional: two saves racing on the same base cannot both pass.
    if (!(await bumpVersion(scope, articleId, baseVersion))) throw new EditConflictError(own.version + 1, null, []);
    const version = baseVersion + 1;

    if (own.status === 'published') {
      const base = (await pendingSnapshot(trx, articleId)) ?? (await currentSnapshot(trx, articleId));
      const next = withEdit(base, fields);
      await storePending(trx, articleId, next, actor.id, at);
      await recordRevision(trx, articleId, version, actor.id, at, next);
      return { id: articleId, version, slug: next.slug, pending: true };
    }
    // A story taken off the site with a pending change: the change and this edit apply together.
    const waiting = await pendingSnapshot(trx, articleId);
    if (waiting) await dropPending(trx, articleId);
    const applied = waiting ? snapshotFields(withEdit(waiting, fields)) : fields;
    await updateArticle(scope, articleId, applied, at, { ...(typedSlug && { slugManual: true }) });
    await recordRevision(trx, articleId, version, actor.id, at);
    const after = await trx.selectFrom('articles').select(['slug', 'section_id']).where('id', '=', articleId).executeTakeFirstOrThrow();
    // A story that has been public keeps its old address working.
    if (row.published_at !== null && after.slug !== own.slug) {
      await addRedirect(trx, await addressOf(trx, own.sectionId, own.slug), await addressOf(trx, after.section_id, after.slug));
    }
    return { id: articleId, version, slug: after.slug, pending: false };
  }, at);
}
