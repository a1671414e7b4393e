import type { Kysely, Transaction } from 'kysely';
import type { Insertable } from 'kysely';
import type { ArticleKind, ArticleStatus, ArticleTable, DB, PostFormat } from '../db/schema.js';
import type { ArticleField, ChangeEvent, ChangeFeed, ChangeOrigin, ChangeScope } from '../content/changes.js';
import { changeTransaction } from '../content/changes.js';
import { isVisible } from '../content/visibility.js';
import { plainText, sanitizeBody } from '../content/sanitize.js';
import { addToSearch, adjustVocabulary, dropFromSearch } from '../search/indexer.js';
import { putDeskTermsMany } from '../search/deskTerms.js';
import { analyzeStories, VocabularyTally } from '../search/document.js';
import { engineFor } from '../search/engine/index.js';
import { mediaRefsIn } from '../content/mediaRefs.js';
import { refreshMediaUses } from './mediaUseIndex.js';

/**
 * The only writer of article rows. Commands, the scheduler, the importers and the demo all
 * change stories through it, inside a change transaction: it keeps the search index in step
 * and the media-use index (mediaUseIndex.ts) in the same transaction, and records what readers would notice as typed events
 * (`article.published`, `article.updated` with the fields, `article.unpublished`,
 * `article.corrected`). Changes readers cannot see (draft work) record no event.
 */
export interface WriterDeps {
  db: Kysely<DB>;
  feed: ChangeFeed;
}

/** A change transaction, plus who is making the change. */
export interface WriteScope extends ChangeScope {
  origin: ChangeOrigin;
}

/** Runs `work` as one transaction whose article changes are recorded and announced after commit. */
export function writeArticles<T>(deps: WriterDeps, origin: ChangeOrigin, work: (scope: WriteScope) => Promise<T>, at = new Date()): Promise<T> {
  return changeTransaction(deps.db, deps.feed, (scope) => work({ ...scope, origin }), at);
}

/** The editable fields of a story. Text fields are cleaned on write; ids must exist. */
export interface ArticleFields {
  /** `gu` unless the story is in another language. */
  language?: string;
  headline: string;
  dek?: string;
  /** Rich text; sanitized with the body allow-list before it is stored. */
  bodyHtml?: string;
  /** URL slug; unique across articles. */
  slug: string;
  status?: ArticleStatus;
  /** `story` unless given; set when the article is created and never changed. */
  kind?: ArticleKind;
  /** Null for a page. */
  sectionId: number | null;
  /** Byline, in order. */
  authorIds?: number[];
  tagIds?: number[];
  featuredMediaId?: number | null;
  featuredCaption?: string;
  featuredAlt?: string;
  seoTitle?: string;
  seoDescription?: string;
  isBreaking?: boolean;
  updateNote?: string;
  /** Publication time; set to now when a story is first published without one. */
  publishedAt?: Date | null;
  /** Sections the story is listed in beside its own (`sectionId`), in order; the own one is left out. */
  secondarySectionIds?: number[];
  format?: PostFormat;
  /** What readers must type to see the body; empty for none. */
  password?: string;
  commentsOpen?: boolean;
}

/** Workflow columns that are not content: when the scheduler acts, and why it could not. */
export interface WorkflowFields {
  scheduledFor?: Date | null;
  embargoUntil?: Date | null;
  scheduleError?: string | null;
  /** A person typed the slug: it stops following the headline. */
  slugManual?: boolean;
  /** Imports and the demo carry the original times over. */
  createdAt?: Date;
  updatedAt?: Date;
}

const fieldNames: Record<keyof Omit<ArticleFields, 'status' | 'updateNote' | 'kind'>, ArticleField> = {
  language: 'language',
  headline: 'headline',
  dek: 'dek',
  bodyHtml: 'body',
  slug: 'slug',
  sectionId: 'section',
  authorIds: 'authors',
  tagIds: 'tags',
  featuredMediaId: 'image',
  featuredCaption: 'image',
  featuredAlt: 'image',
  seoTitle: 'seo',
  seoDescription: 'seo',
  isBreaking: 'breaking',
  publishedAt: 'publishedAt',
  secondarySectionIds: 'section',
  format: 'format',
  password: 'password',
  commentsOpen: 'comments',
};

/**
 * Cache keys a story touches: its page, its section (and parent), tags, authors, home, feeds.
 * A static page touches only itself, the menus (the default footer lists the pages, so every
 * page of the site shows it) and the pages sitemap.
 */
export async function keysOf(db: Kysely<DB> | Transaction<DB>, id: number): Promise<string[]> {
  const row = await db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.kind', 'articles.section_id', 'sections.parent_id'])
    .where('articles.id', '=', id)
    .executeTakeFirst();
  if (!row) return [];
  if (row.kind === 'page' || row.section_id === null) return [`article:${id}`, 'menus', 'pages'];
  const [tags, people, secondary] = await Promise.all([
    db.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).execute(),
    db.selectFrom('article_authors').select('person_id').where('article_id', '=', id).execute(),
    db
      .selectFrom('article_sections')
      .innerJoin('sections', 'sections.id', 'article_sections.section_id')
      .select(['sections.id', 'sections.parent_id'])
      .where('article_sections.article_id', '=', id)
      .execute(),
  ]);
  return [
    `article:${id}`,
    `section:${row.section_id}`,
    ...(row.parent_id !== null ? [`section:${row.parent_id}`] : []),
    ...secondary.flatMap((s) => [`section:${s.id}`, ...(s.parent_id !== null ? [`section:${s.parent_id}`] : [])]),
    ...tags.map((t) => `tag:${t.tag_id}`),
    ...people.map((p) => `person:${p.person_id}`),
    'home',
    'feeds',
  ];
}

const iso = (d: Date | null | undefined) => (d === undefined ? undefined : d === null ? null : d.toISOString());

function columns(f: Partial<ArticleFields>, w: WorkflowFields = {}) {
  return {
    ...(f.language !== undefined && { language: f.language }),
    ...(f.headline !== undefined && { headline: plainText(f.headline) }),
    ...(f.dek !== undefined && { dek: plainText(f.dek) }),
    ...(f.bodyHtml !== undefined && { body_html: sanitizeBody(f.bodyHtml) }),
    ...(f.slug !== undefined && { slug: f.slug }),
    ...(f.status !== undefined && { status: f.status }),
    ...(f.kind !== undefined && { kind: f.kind }),
    ...(f.sectionId !== undefined && { section_id: f.sectionId }),
    ...(f.featuredMediaId !== undefined && { featured_media_id: f.featuredMediaId }),
    ...(f.featuredCaption !== undefined && { featured_caption: plainText(f.featuredCaption) }),
    ...(f.featuredAlt !== undefined && { featured_alt: plainText(f.featuredAlt) }),
    ...(f.seoTitle !== undefined && { seo_title: plainText(f.seoTitle) }),
    ...(f.seoDescription !== undefined && { seo_description: plainText(f.seoDescription) }),
    ...(f.isBreaking !== undefined && { is_breaking: f.isBreaking ? 1 : 0 }),
    ...(f.updateNote !== undefined && { update_note: plainText(f.updateNote) }),
    ...(f.publishedAt !== undefined && { published_at: iso(f.publishedAt) }),
    ...(f.format !== undefined && { format: f.format }),
    ...(f.password !== undefined && { password: f.password.trim() }),
    ...(f.commentsOpen !== undefined && { comments_open: f.commentsOpen ? 1 : 0 }),
    ...(w.scheduledFor !== undefined && { scheduled_for: iso(w.scheduledFor) }),
    ...(w.embargoUntil !== undefined && { embargo_until: iso(w.embargoUntil) }),
    ...(w.scheduleError !== undefined && { schedule_error: w.scheduleError }),
    ...(w.slugManual !== undefined && { slug_manual: w.slugManual ? 1 : 0 }),
  };
}

async function replaceLinks(trx: Transaction<DB>, id: number, f: Partial<ArticleFields>): Promise<void> {
  if (f.secondarySectionIds !== undefined || f.sectionId !== undefined) {
    const own = (await trx.selectFrom('articles').select('section_id').where('id', '=', id).executeTakeFirst())?.section_id ?? null;
    const wanted = f.secondarySectionIds ?? (await trx.selectFrom('article_sections').select('section_id').where('article_id', '=', id).orderBy('position').execute()).map((r) => r.section_id);
    // The primary section is never listed twice; a page has no sections at all.
    const others = own === null ? [] : [...new Set(wanted)].filter((s) => s !== own);
    await trx.deleteFrom('article_sections').where('article_id', '=', id).execute();
    if (others.length > 0) {
      await trx.insertInto('article_sections').values(others.map((section_id, position) => ({ article_id: id, section_id, position }))).execute();
    }
  }
  if (f.authorIds !== undefined) {
    await trx.deleteFrom('article_authors').where('article_id', '=', id).execute();
    if (f.authorIds.length > 0) {
      await trx
        .insertInto('article_authors')
        .values(f.authorIds.map((person_id, position) => ({ article_id: id, person_id, position })))
        .execute();
    }
  }
  if (f.tagIds !== undefined) {
    await trx.deleteFrom('article_tags').where('article_id', '=', id).execute();
    const unique = [...new Set(f.tagIds)];
    if (unique.length > 0) {
      await trx.insertInto('article_tags').values(unique.map((tag_id) => ({ article_id: id, tag_id }))).execute();
    }
  }
}

/**
 * Gives the bylines of these stories (all stories when absent) their story's last change and
 * state again: the byline filter reads them off its own index. Call after any write that
 * changes a story's `updated_at`, `status` or bylines.
 */
export async function syncBylines(trx: Transaction<DB>, ids?: readonly number[]): Promise<void> {
  if (ids?.length === 0) return;
  await trx
    .updateTable('article_authors')
    .set((eb) => ({
      updated_at: eb.selectFrom('articles').select('articles.updated_at').whereRef('articles.id', '=', 'article_authors.article_id'),
      status: eb.selectFrom('articles').select('articles.status').whereRef('articles.id', '=', 'article_authors.article_id'),
    }))
    .$if(ids !== undefined, (q) => q.where('article_authors.article_id', 'in', [...ids!]))
    .execute();
}

interface Visibility {
  status: ArticleStatus;
  published_at: string | null;
}

async function visibilityOf(trx: Transaction<DB>, id: number): Promise<Visibility | undefined> {
  return trx.selectFrom('articles').select(['status', 'published_at']).where('id', '=', id).executeTakeFirst();
}

/** The event readers would notice when a story goes from `before` to `after`, if any. */
function eventFor(
  scope: WriteScope,
  id: number,
  before: Visibility | undefined,
  after: Visibility,
  fields: ArticleField[],
  pages: string[],
  at: Date,
): ChangeEvent | undefined {
  const was = before !== undefined && isVisible(before, at);
  const is = isVisible(after, at);
  const base = { articleId: id, origin: scope.origin, pages };
  if (!was && is) return { ...base, type: 'article.published', firstTime: before?.published_at == null || before.status !== 'unpublished' };
  if (was && !is) return { ...base, type: 'article.unpublished', status: after.status };
  if (was && is && fields.length > 0) return { ...base, type: 'article.updated', fields };
  return undefined;
}

function changedFields(patch: Partial<ArticleFields>): ArticleField[] {
  const names = new Set<ArticleField>();
  for (const key of Object.keys(patch) as (keyof ArticleFields)[]) {
    if (key !== 'status' && key !== 'updateNote' && key !== 'kind' && patch[key] !== undefined) names.add(fieldNames[key]);
  }
  return [...names];
}

/** Creates a story (as a draft unless `fields.status` says otherwise). Returns its id. */
export async function insertArticle(scope: WriteScope, fields: ArticleFields, createdBy: number | null, at = new Date(), workflow: WorkflowFields = {}): Promise<number> {
  const status = fields.status ?? 'draft';
  const publishedAt = fields.publishedAt ?? (status === 'published' ? at : null);
  const created = (workflow.createdAt ?? at).toISOString();
  const row = await scope.trx
    .insertInto('articles')
    .values({
      ...columns({ ...fields, status, publishedAt }, workflow),
      headline: plainText(fields.headline),
      slug: fields.slug,
      section_id: fields.sectionId,
      created_by: createdBy,
      updated_at: (workflow.updatedAt ?? at).toISOString(),
      created_at: created,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceLinks(scope.trx, row.id, fields);
  await syncBylines(scope.trx, [row.id]);
  await addToSearch(scope.trx, row.id);
  await refreshMediaUses(scope.trx, row.id);
  const after = { status, published_at: publishedAt?.toISOString() ?? null };
  const event = eventFor(scope, row.id, undefined, after, [], isVisible(after, at) ? await keysOf(scope.trx, row.id) : [], at);
  if (event) scope.record(event);
  return row.id;
}

/**
 * Changes some fields of a story. The search index follows in the same transaction (out with
 * the old text, in with the new one if the story is public), and what readers would notice is
 * recorded. Throws when the story does not exist.
 */
export async function updateArticle(scope: WriteScope, id: number, patch: Partial<ArticleFields>, at = new Date(), workflow: WorkflowFields = {}): Promise<void> {
  const { trx } = scope;
  const before = await visibilityOf(trx, id);
  if (!before) throw new Error(`article ${id} does not exist`);
  const pagesBefore = await keysOf(trx, id);
  const firstPublish = patch.status === 'published' && before.published_at === null && patch.publishedAt === undefined;
  await dropFromSearch(trx, id);
  await trx
    .updateTable('articles')
    .set({
      ...columns(patch, workflow),
      ...(firstPublish && { published_at: at.toISOString() }),
      updated_at: (workflow.updatedAt ?? at).toISOString(),
    })
    .where('id', '=', id)
    .execute();
  await replaceLinks(trx, id, patch);
  await syncBylines(trx, [id]);
  await addToSearch(trx, id);
  if (patch.bodyHtml !== undefined || patch.featuredMediaId !== undefined) await refreshMediaUses(trx, id);
  const after = (await visibilityOf(trx, id)) as Visibility;
  const pages = [...new Set([...pagesBefore, ...(await keysOf(trx, id))])];
  const event = eventFor(scope, id, before, after, changedFields(patch), pages, at);
  if (event) scope.record(event);
}

/**
 * Moves a story from one of the `expected` states to `status` (e.g. scheduled → published),
 * only if it is still in one of them: a concurrent writer (another instance's scheduler)
 * cannot move it twice. Returns whether this call moved it.
 */
export async function moveArticle(scope: WriteScope, id: number, expected: readonly ArticleStatus[], status: ArticleStatus, at = new Date(), workflow: WorkflowFields = {}): Promise<boolean> {
  const current = await visibilityOf(scope.trx, id);
  if (!current || !expected.includes(current.status)) return false;
  // A conditional write takes the row: a second mover waits for this one, then finds the
  // status changed and moves nothing.
  const claimed = await scope.trx
    .updateTable('articles')
    .set({ status: current.status })
    .where('id', '=', id)
    .where('status', '=', current.status)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  await updateArticle(scope, id, { status }, at, workflow);
  return true;
}

/** Bumps the version a save was made on; false when someone saved in between. */
export async function bumpVersion(scope: WriteScope, id: number, baseVersion: number): Promise<boolean> {
  const bumped = await scope.trx
    .updateTable('articles')
    .set({ version: baseVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', baseVersion)
    .executeTakeFirst();
  return Number(bumped.numUpdatedRows) === 1;
}

/** A visible correction: kept in the log, shown on the story, recorded as `article.corrected`. */
export async function correctArticle(scope: WriteScope, id: number, note: string, personId: number, at = new Date()): Promise<void> {
  const text = plainText(note);
  await scope.trx.insertInto('corrections').values({ article_id: id, person_id: personId, note: text, created_at: at.toISOString() }).execute();
  await scope.trx.updateTable('articles').set({ update_note: text, updated_at: at.toISOString() }).where('id', '=', id).execute();
  await syncBylines(scope.trx, [id]);
  scope.record({ type: 'article.corrected', articleId: id, origin: scope.origin, note: text, pages: await keysOf(scope.trx, id) });
}

/** Records why the scheduler could not publish a due story (not content: no event). */
export async function recordScheduleError(scope: WriteScope, id: number, reason: string): Promise<void> {
  await scope.trx.updateTable('articles').set({ schedule_error: reason }).where('id', '=', id).execute();
}

/** An imported story as stored: columns already cleaned by the importer (sanitized body, plain text). */
export type ImportedArticleRow = Omit<Insertable<ArticleTable>, 'id' | 'slug' | 'created_by' | 'version' | 'created_at' | 'updated_at'> & {
  /** Kept as it is on a re-run when absent. */
  created_at?: string;
  updated_at?: string;
};

export interface ImportedArticle {
  /** The local id when a re-run updates a story imported before. */
  knownId: number | undefined;
  row: ImportedArticleRow;
  /** The slug it should have, and the one to use when another story holds that. */
  slug: string;
  fallbackSlug: string;
  authorIds: number[];
  tagIds: number[];
  /** Its further categories (the primary one is `row.section_id`). */
  secondarySectionIds?: number[];
}

/**
 * Writes an imported story (new, or again on a re-run) and indexes it for search in the same
 * transaction, so no rebuild is needed after an import. With `indexLater` the story only leaves
 * the index here, and the caller must pass its id to `indexImportedArticles` before that
 * transaction commits (an importer does it once per batch). Returns its id and whether the
 * wanted slug was taken.
 */
export async function importArticle(scope: WriteScope, a: ImportedArticle, options: { indexLater?: boolean } = {}): Promise<{ id: number; slugTaken: boolean }> {
  const { trx } = scope;
  let id: number;
  let slugTaken = false;
  if (a.knownId !== undefined) {
    const clash = await trx.selectFrom('articles').select('id').where('slug', '=', a.slug).where('id', '!=', a.knownId).executeTakeFirst();
    slugTaken = clash !== undefined;
    await dropFromSearch(trx, a.knownId);
    const { created_at: _kept, ...changes } = a.row;
    await trx.updateTable('articles').set({ ...changes, slug: slugTaken ? a.fallbackSlug : a.slug }).where('id', '=', a.knownId).execute();
    id = a.knownId;
  } else {
    const now = new Date().toISOString();
    const values = { ...a.row, created_at: a.row.created_at ?? now, updated_at: a.row.updated_at ?? a.row.created_at ?? now };
    // One statement in the usual case: the insert itself finds out whether the slug is free.
    const inserted = await trx
      .insertInto('articles')
      .values({ ...values, slug: a.slug })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      id = inserted.id;
    } else {
      slugTaken = true;
      id = (await trx.insertInto('articles').values({ ...values, slug: a.fallbackSlug }).returning('id').executeTakeFirstOrThrow()).id;
    }
  }
  if (a.knownId !== undefined) {
    await replaceLinks(trx, id, { authorIds: a.authorIds, tagIds: a.tagIds, secondarySectionIds: a.secondarySectionIds ?? [] });
  } else {
    await insertLinks(trx, id, a);
  }
  await syncBylines(trx, [id]);
  if (!options.indexLater) await addToSearch(trx, id);
  // A new story without images has no rows to write or clear.
  if (a.knownId !== undefined || a.row.featured_media_id != null || mediaRefsIn(a.row.body_html ?? '').length > 0) await refreshMediaUses(trx, id);
  return { id, slugTaken };
}

/** A new imported story's links: nothing to clear first, and the primary section is the row's. */
async function insertLinks(trx: Transaction<DB>, id: number, a: ImportedArticle): Promise<void> {
  const own = a.row.section_id ?? null;
  const others = own === null ? [] : [...new Set(a.secondarySectionIds ?? [])].filter((s) => s !== own);
  if (others.length > 0) await trx.insertInto('article_sections').values(others.map((section_id, position) => ({ article_id: id, section_id, position }))).execute();
  if (a.authorIds.length > 0) await trx.insertInto('article_authors').values(a.authorIds.map((person_id, position) => ({ article_id: id, person_id, position }))).execute();
  const tags = [...new Set(a.tagIds)];
  if (tags.length > 0) await trx.insertInto('article_tags').values(tags.map((tag_id) => ({ article_id: id, tag_id }))).execute();
}

/**
 * Indexes stories written with `importArticle(…, { indexLater: true })`, many at a time: their
 * desk terms, and the published ones in the public index with their words' counts (taken once
 * for the whole batch). Each id at most once, and not in the public index already.
 */
export async function indexImportedArticles(trx: Transaction<DB>, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await indexImportedPage(trx, ids.slice(i, i + 500));
}

async function indexImportedPage(trx: Transaction<DB>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await trx.selectFrom('articles').select(['id', 'headline', 'dek', 'body_html', 'status', 'password']).where('id', 'in', ids).orderBy('id').execute();
  await putDeskTermsMany(trx, rows);
  const published = rows.filter((r) => r.status === 'published');
  if (published.length === 0) return;
  const tagRows = await trx
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.name'])
    .where('article_tags.article_id', 'in', published.map((r) => r.id))
    .execute();
  const tags = new Map<number, string[]>();
  for (const t of tagRows) tags.set(t.article_id, [...(tags.get(t.article_id) ?? []), t.name]);
  // As searchableText has it: a protected story is found by its headline and tags only.
  const stories = published.map((r) => ({ id: r.id, headline: r.headline, dek: r.password === '' ? r.dek : '', bodyHtml: r.password === '' ? r.body_html : '', tags: (tags.get(r.id) ?? []).sort() }));
  const vocabulary = new VocabularyTally();
  await engineFor(trx).putMany(trx, analyzeStories(stories, vocabulary));
  await adjustVocabulary(trx, vocabulary.words(), 1);
}

/**
 * Restores stories row for row (ids included) from a Khabar archive, indexing each for search
 * in the same transaction.
 */
export async function restoreArticles(scope: WriteScope, rows: Insertable<ArticleTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await scope.trx.insertInto('articles').values(rows).execute();
  for (const row of rows) {
    if (row.id === undefined) continue;
    await addToSearch(scope.trx, row.id);
    await refreshMediaUses(scope.trx, row.id);
  }
}

/**
 * Takes or refreshes a person's advisory edit lock on a story when it is free, theirs, or gone
 * stale (held since before `staleBefore`). Not content: no transaction of its own, no event.
 * Returns whether the lock is now theirs.
 */
export async function takeEditLock(db: Kysely<DB>, articleId: number, personId: number, now: Date, staleBefore: Date): Promise<boolean> {
  const taken = await db
    .updateTable('articles')
    .set({ editing_by: personId, editing_since: now.toISOString() })
    .where('id', '=', articleId)
    .where((eb) => eb.or([eb('editing_by', 'is', null), eb('editing_by', '=', personId), eb('editing_since', '<', staleBefore.toISOString())]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}
