import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { slugify, slugifyNative } from '../gujarati/slugify.js';
import { getSettings } from '../content/settings.js';
import type { ContentEvents } from '../content/changes.js';
import { ensure, mayEdit, can, type Actor, type ArticleOwnership } from './policies.js';
import { addRedirect } from '../content/redirects.js';
import { currentSnapshot, diffSnapshots, recordRevision, revisionSnapshot, type ArticleSnapshot, type FieldChange } from './revisions.js';
import { writeArticleChange, type ArticleFields } from './saveArticle.js';
import { articlePath } from '../content/paths.js';

export interface EditDeps {
  db: Kysely<DB>;
  events: ContentEvents;
}

/** What the editor sends on save. Absent fields stay as they are. */
export interface ArticleEdit {
  headline?: string;
  dek?: string;
  bodyHtml?: string;
  /** Editable; a change on a published story leaves a 301 from the old URL. */
  slug?: string;
  sectionId?: number;
  authorIds?: number[];
  /** Tags by name; unknown names become new tags. */
  tagNames?: string[];
  featuredMediaId?: number | null;
  featuredCaption?: string;
  featuredAlt?: string;
  seoTitle?: string;
  seoDescription?: string;
  isBreaking?: boolean;
  language?: string;
  updateNote?: string;
}

export class EditConflictError extends Error {
  constructor(
    readonly currentVersion: number,
    readonly changedBy: string | null,
    readonly changes: FieldChange[],
  ) {
    super(`someone saved this article after you opened it (now version ${currentVersion})`);
  }
}

export class EditInputError extends Error {}

export async function ownershipOf(db: Kysely<DB> | Transaction<DB>, articleId: number): Promise<ArticleOwnership & { version: number; status: string; slug: string; sectionId: number }> {
  const a = await db
    .selectFrom('articles')
    .select(['created_by', 'version', 'status', 'slug', 'section_id'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!a) throw new EditInputError(`article ${articleId} does not exist`);
  const authors = await db.selectFrom('article_authors').select('person_id').where('article_id', '=', articleId).execute();
  return { createdBy: a.created_by, authorIds: authors.map((r) => r.person_id), version: a.version, status: a.status, slug: a.slug, sectionId: a.section_id };
}

async function tagIdsFor(trx: Transaction<DB>, names: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name === '') continue;
    const found = await trx.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirst();
    if (found) {
      ids.push(found.id);
      continue;
    }
    const base = slugify(name);
    let slug = base;
    for (let n = 2; await trx.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst(); n++) slug = `${base}-${n}`;
    const created = await trx.insertInto('tags').values({ slug, name }).returning('id').executeTakeFirstOrThrow();
    ids.push(created.id);
  }
  return [...new Set(ids)];
}

/**
 * The site's `slugStyle` decides how a headline or a typed slug becomes a URL segment: readable
 * ASCII (default: survives WhatsApp and Telegram previews) or Gujarati script (`native`, kept
 * whole with its vowel signs and virama; served percent-encoded).
 */
async function uniqueArticleSlug(trx: Transaction<DB>, wanted: string, exceptId?: number): Promise<string> {
  const { slugStyle } = await getSettings(trx);
  const base = (slugStyle === 'native' ? slugifyNative(wanted) : slugify(wanted)) || 'article';
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    let q = trx.selectFrom('articles').select('id').where('slug', '=', slug);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    if (!(await q.executeTakeFirst())) return slug;
  }
}

async function toFields(trx: Transaction<DB>, edit: ArticleEdit): Promise<Partial<ArticleFields>> {
  if (edit.headline !== undefined && edit.headline.trim() === '') throw new EditInputError('headline must not be empty');
  if (edit.sectionId !== undefined) {
    const s = await trx.selectFrom('sections').select('id').where('id', '=', edit.sectionId).executeTakeFirst();
    if (!s) throw new EditInputError(`section ${edit.sectionId} does not exist`);
  }
  if (edit.featuredMediaId !== undefined && edit.featuredMediaId !== null) {
    const m = await trx.selectFrom('media').select('id').where('id', '=', edit.featuredMediaId).executeTakeFirst();
    if (!m) throw new EditInputError(`image ${edit.featuredMediaId} does not exist`);
  }
  const { tagNames, ...rest } = edit;
  return { ...rest, ...(tagNames !== undefined && { tagIds: await tagIdsFor(trx, tagNames) }) };
}

export interface SaveResult {
  id: number;
  version: number;
  slug: string;
}

/** Starts a story as a draft owned (and bylined) by the actor. */
export async function createDraft(deps: EditDeps, actor: Actor, edit: ArticleEdit & { headline: string; sectionId: number }, at = new Date()): Promise<SaveResult> {
  ensure(can(actor, 'article.create'), 'article.create');
  return deps.db.transaction().execute(async (trx) => {
    const fields = await toFields(trx, edit);
    const slug = await uniqueArticleSlug(trx, edit.slug || edit.headline);
    const row = await trx
      .insertInto('articles')
      .values({
        headline: edit.headline,
        slug,
        section_id: edit.sectionId,
        status: 'draft',
        created_by: actor.id,
        updated_at: at.toISOString(),
        created_at: at.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeArticleChange(trx, row.id, { ...fields, slug, authorIds: edit.authorIds ?? [actor.id] }, at);
    await recordRevision(trx, row.id, 1, actor.id, at);
    return { id: row.id, version: 1, slug };
  });
}

/**
 * Saves an edit made on top of `baseVersion`. If someone saved in between, nothing is
 * written and EditConflictError says what they changed.
 */
export async function saveEdit(deps: EditDeps, actor: Actor, articleId: number, baseVersion: number, edit: ArticleEdit, at = new Date()): Promise<SaveResult> {
  const { result, keys } = await deps.db.transaction().execute(async (trx) => {
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
    const version = own.version + 1;
    // Only the version bump is conditional: two saves racing on the same base cannot both pass.
    const bumped = await trx
      .updateTable('articles')
      .set({ version })
      .where('id', '=', articleId)
      .where('version', '=', baseVersion)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) !== 1) throw new EditConflictError(own.version + 1, null, []);
    const changed = await writeArticleChange(trx, articleId, fields, at);
    // Drafts are on no public page; only a published story's pages need refreshing.
    const keys = own.status === 'published' ? changed : [];
    await recordRevision(trx, articleId, version, actor.id, at);
    const after = await trx.selectFrom('articles').select(['slug', 'section_id']).where('id', '=', articleId).executeTakeFirstOrThrow();
    if (own.status === 'published' && after.slug !== own.slug) {
      const sections = await trx.selectFrom('sections').select(['id', 'slug']).where('id', 'in', [own.sectionId, after.section_id]).execute();
      const slugOf = (id: number) => sections.find((s) => s.id === id)?.slug ?? '';
      await addRedirect(trx, articlePath(slugOf(own.sectionId), own.slug), articlePath(slugOf(after.section_id), after.slug));
    }
    return { result: { id: articleId, version, slug: after.slug }, keys };
  });
  if (keys.length > 0) deps.events.announce(keys);
  return result;
}

/** Puts an older revision back as a new save (history is never rewritten). */
export async function restoreRevision(deps: EditDeps, actor: Actor, articleId: number, version: number, baseVersion: number): Promise<SaveResult> {
  const snapshot: ArticleSnapshot | undefined = await revisionSnapshot(deps.db, articleId, version);
  if (!snapshot) throw new EditInputError(`article ${articleId} has no revision ${version}`);
  const { authorIds, tagIds, ...rest } = snapshot;
  const names = tagIds.length
    ? (await deps.db.selectFrom('tags').select('name').where('id', 'in', tagIds).execute()).map((t) => t.name)
    : [];
  return saveEdit(deps, actor, articleId, baseVersion, { ...rest, authorIds, tagNames: names });
}
