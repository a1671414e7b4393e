import type { Kysely, Transaction } from 'kysely';
import { postFormats, type ArticleKind, type DB, type PostFormat } from '../db/schema.js';
import { slugify, slugifyNative } from '../gujarati/slugify.js';
import { pathOf } from '../content/paths.js';
import { reservedPageSlugs } from '../content/urls.js';
import { getSettings } from '../content/settings.js';
import type { ArticleOwnership } from '../content/policies.js';
import type { FieldChange } from './revisions.js';
import type { ArticleFields } from './articleWriter.js';
import type { EditProblem } from '../i18n/workflow.js';

/*
 * What the editor's commands share: the edit they receive, how it becomes stored fields
 * (tags by name, unique slugs, existing sections and images), and the errors they raise.
 */

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
  /** Sections the story is listed in beside its own. */
  secondarySectionIds?: number[];
  format?: PostFormat;
  /** What readers must type to read it; empty to take the password off. */
  password?: string;
  commentsOpen?: boolean;
}

/** Longest reader password (WordPress allows 255 characters). */
export const passwordMaxLength = 255;

export class EditConflictError extends Error {
  constructor(
    readonly currentVersion: number,
    readonly changedBy: string | null,
    readonly changes: FieldChange[],
  ) {
    super(`someone saved this article after you opened it (now version ${currentVersion})`);
  }
}

/** What the editor sent cannot be saved as it is; the newsroom words `problem` (i18n/workflow.ts). */
export class EditInputError extends Error {
  constructor(readonly problem: EditProblem) {
    super(`edit refused: ${problem.code}`);
    this.name = 'EditInputError';
  }
}

export async function ownershipOf(
  db: Kysely<DB> | Transaction<DB>,
  articleId: number,
): Promise<ArticleOwnership & { version: number; status: string; slug: string; sectionId: number | null; kind: ArticleKind }> {
  const a = await db
    .selectFrom('articles')
    .select(['created_by', 'version', 'status', 'slug', 'section_id', 'kind'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!a) throw new EditInputError({ code: 'noArticle', id: articleId });
  const authors = await db.selectFrom('article_authors').select('person_id').where('article_id', '=', articleId).execute();
  return { createdBy: a.created_by, authorIds: authors.map((r) => r.person_id), version: a.version, status: a.status, slug: a.slug, sectionId: a.section_id, kind: a.kind };
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
export async function uniqueArticleSlug(trx: Transaction<DB>, wanted: string, exceptId?: number): Promise<string> {
  const { slugStyle } = await getSettings(trx);
  const base = (slugStyle === 'native' ? slugifyNative(wanted) : slugify(wanted)) || 'article';
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    let q = trx.selectFrom('articles').select('id').where('slug', '=', slug);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    if (!(await q.executeTakeFirst())) return slug;
  }
}

/** A page slug that is reserved for the site's own routes or taken by a section. */
export class PageSlugError extends EditInputError {
  constructor(readonly slug: string) {
    super({ code: 'pageSlugReserved', slug });
  }
}

async function pageSlugFree(trx: Transaction<DB>, slug: string): Promise<boolean> {
  if (reservedPageSlugs.has(slug.toLowerCase())) return false;
  return !(await trx.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst());
}

/**
 * A static page lives at `/{slug}`, beside the site's routes and section fronts. A slug a person
 * typed that one of them holds is refused (PageSlugError); one that followed the headline skips
 * to the next free form (`search-2`).
 */
export async function uniquePageSlug(trx: Transaction<DB>, wanted: string, typed: boolean, exceptId?: number): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const slug = await uniqueArticleSlug(trx, attempt === 0 ? wanted : `${wanted}-${attempt + 1}`, exceptId);
    if (await pageSlugFree(trx, slug)) return slug;
    if (typed) throw new PageSlugError(slug);
  }
}

export async function toFields(trx: Transaction<DB>, edit: ArticleEdit): Promise<Partial<ArticleFields>> {
  if (edit.headline !== undefined && edit.headline.trim() === '') throw new EditInputError({ code: 'emptyHeadline' });
  if (edit.sectionId !== undefined) {
    const s = await trx.selectFrom('sections').select('id').where('id', '=', edit.sectionId).executeTakeFirst();
    if (!s) throw new EditInputError({ code: 'noSection', id: edit.sectionId });
  }
  if (edit.secondarySectionIds !== undefined && edit.secondarySectionIds.length > 0) {
    const wanted = [...new Set(edit.secondarySectionIds)];
    const found = await trx.selectFrom('sections').select('id').where('id', 'in', wanted).execute();
    const missing = wanted.find((id) => !found.some((f) => f.id === id));
    if (missing !== undefined) throw new EditInputError({ code: 'noSection', id: missing });
  }
  if (edit.format !== undefined && !postFormats.includes(edit.format)) throw new EditInputError({ code: 'noFormat', format: String(edit.format) });
  if (edit.password !== undefined && [...edit.password].length > passwordMaxLength) throw new EditInputError({ code: 'passwordTooLong', max: passwordMaxLength });
  if (edit.featuredMediaId !== undefined && edit.featuredMediaId !== null) {
    const m = await trx.selectFrom('media').select('id').where('id', '=', edit.featuredMediaId).executeTakeFirst();
    if (!m) throw new EditInputError({ code: 'noImage', id: edit.featuredMediaId });
  }
  const { tagNames, ...rest } = edit;
  return { ...rest, ...(tagNames !== undefined && { tagIds: await tagIdsFor(trx, tagNames) }) };
}

export interface SaveResult {
  id: number;
  version: number;
  slug: string;
  /** The save is a live story's pending change: readers see it only after "Update". */
  pending: boolean;
}

/** The public path of an article with this section (null for a page) and slug. */
export async function addressOf(trx: Transaction<DB>, sectionId: number | null, slug: string): Promise<string> {
  if (sectionId === null) return pathOf(null, slug);
  const section = await trx.selectFrom('sections').select('slug').where('id', '=', sectionId).executeTakeFirst();
  return pathOf(section?.slug ?? '', slug);
}
