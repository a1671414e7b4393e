import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB, PostFormat, Section } from '../db/schema.js';
import { isVisible, visibleAt, visibleNow } from './visibility.js';
import { compiledQuery } from '../db/compiled.js';

/** What a list, a block or a feed needs to show one story. */
export interface ArticleCard {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  language: string;
  sectionId: number;
  sectionSlug: string;
  sectionName: string;
  image: CardImage | null;
  isBreaking: boolean;
  viewCount: number;
  commentCount: number;
  publishedAt: Date;
  updatedAt: Date;
}

export interface CardImage {
  path: string;
  width: number;
  height: number;
  alt: string;
}

export interface ArticleAuthor {
  id: number;
  slug: string;
  name: string;
  title: string;
}

export interface ArticleTagRef {
  id: number;
  slug: string;
  name: string;
}

/** Everything the article page shows. */
export interface ArticleFull extends ArticleCard {
  bodyHtml: string;
  caption: string;
  seoTitle: string;
  seoDescription: string;
  updateNote: string;
  authors: ArticleAuthor[];
  tags: ArticleTagRef[];
  /** Sections it is listed in beside its own, in the editor's order. */
  otherSections: ArticleTagRef[];
  format: PostFormat;
  /** Readers must type the story's password to see the body (content/protection.ts checks it). */
  isProtected: boolean;
  commentsOpen: boolean;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

type CardQuery = SelectQueryBuilder<DB, 'articles' | 'sections' | 'media' | 'article_counters', object>;

/** Articles with what a card shows, published or not. */
function cardSource(db: Kysely<DB>) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('media', 'media.id', 'articles.featured_media_id')
    .leftJoin('article_counters', 'article_counters.article_id', 'articles.id') as unknown as CardQuery;
}

/** Cards of stories readers may see now (the join on sections leaves static pages out). */
function cardQuery(db: Kysely<DB>, now: string) {
  return cardSource(db).where(visibleAt(now));
}

function selectCard(q: CardQuery) {
  return q.select([
    'articles.id',
    'articles.slug',
    'articles.headline',
    // A protected story's summary is part of what its password hides: lists, feeds and search show none.
    sql<string>`case when articles.password = '' then articles.dek else '' end`.as('dek'),
    'articles.language',
    'articles.section_id',
    'sections.slug as section_slug',
    'sections.name as section_name',
    'media.path as image_path',
    'media.width as image_width',
    'media.height as image_height',
    'media.alt as image_alt',
    'articles.featured_alt',
    'articles.is_breaking',
    'article_counters.views as view_count',
    'article_counters.comments as comment_count',
    'articles.published_at',
    'articles.updated_at',
  ]).$narrowType<{ section_id: number }>();
}

type CardRow = Awaited<ReturnType<ReturnType<typeof selectCard>['execute']>>[number];

function toCard(r: CardRow): ArticleCard {
  return {
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    dek: r.dek,
    language: r.language,
    sectionId: r.section_id,
    sectionSlug: r.section_slug,
    sectionName: r.section_name,
    image:
      r.image_path !== null && r.image_width !== null && r.image_height !== null
        ? { path: r.image_path, width: r.image_width, height: r.image_height, alt: r.featured_alt || (r.image_alt ?? '') }
        : null,
    isBreaking: r.is_breaking === 1,
    viewCount: r.view_count ?? 0,
    commentCount: r.comment_count ?? 0,
    publishedAt: new Date(r.published_at ?? r.updated_at),
    updatedAt: new Date(r.updated_at),
  };
}

export interface ListOptions {
  now?: Date;
  limit: number;
  offset?: number;
  /** Leave these stories out (e.g. the top story from "latest"). */
  excludeIds?: number[];
}

async function listCards(
  db: Kysely<DB>,
  o: ListOptions,
  filter: (q: CardQuery) => CardQuery = (q) => q,
): Promise<ArticleCard[]> {
  const now = (o.now ?? new Date()).toISOString();
  let q = filter(cardQuery(db, now));
  if (o.excludeIds && o.excludeIds.length > 0) q = q.where('articles.id', 'not in', o.excludeIds);
  const rows = await selectCard(q)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(o.limit)
    .offset(o.offset ?? 0)
    .execute();
  return rows.map(toCard);
}

async function countCards(db: Kysely<DB>, now: Date, filter: (q: CardQuery) => CardQuery): Promise<number> {
  const row = await filter(cardQuery(db, now.toISOString()))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function pageOf(
  db: Kysely<DB>,
  page: number,
  pageSize: number,
  now: Date,
  filter: (q: CardQuery) => CardQuery,
): Promise<Page<ArticleCard>> {
  const [items, total] = await Promise.all([
    listCards(db, { now, limit: pageSize, offset: (page - 1) * pageSize }, filter),
    countCards(db, now, filter),
  ]);
  return { items, page, pageSize, total, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export function latestArticles(db: Kysely<DB>, o: ListOptions): Promise<ArticleCard[]> {
  return listCards(db, o);
}

/** Published stories with these ids, in the order given (unpublished ones left out). */
export async function articlesByIds(db: Kysely<DB>, ids: number[], now = new Date()): Promise<ArticleCard[]> {
  if (ids.length === 0) return [];
  // Visibility is checked here, not in SQL: given `status = … and published_at <= …`, SQLite
  // walks that index over the whole archive instead of looking the ids up by primary key.
  const rows = await selectCard(cardSource(db).where('articles.id', 'in', ids)).select('articles.status').execute();
  const byId = new Map(rows.filter((r) => isVisible(r, now)).map((r) => [r.id, toCard(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Breaking stories published in the last `withinHours`, newest first. */
export function breakingArticles(db: Kysely<DB>, o: ListOptions & { withinHours: number }): Promise<ArticleCard[]> {
  const since = new Date((o.now ?? new Date()).getTime() - o.withinHours * 3600_000).toISOString();
  return listCards(db, o, (q) => q.where('articles.is_breaking', '=', 1).where('articles.published_at', '>=', since));
}

/** Stories whose own section or one of whose other sections is among these. */
export function inSections(db: Kysely<DB>, q: CardQuery, sectionIds: number[]): CardQuery {
  return q.where((eb) =>
    eb.or([
      eb('articles.section_id', 'in', sectionIds),
      eb('articles.id', 'in', db.selectFrom('article_sections').select('article_sections.article_id').where('article_sections.section_id', 'in', sectionIds)),
    ]),
  );
}

/*
 * Section lists and counts are asked per section, from that section's own index, and from
 * article_sections by id. Asked as one query (own section OR listed there) and filtered by
 * visibility, SQLite walked the published-stories index from the newest until it had enough:
 * for a small section of a 100,000-story archive that was every row (0.3 s), and the count of a
 * section front read every published row (0.5 s). better-sqlite3 runs on the event loop, and a
 * publish drops the home page (one list per section) and its section front, so every publish
 * stalled all requests for up to two seconds (bench:load).
 */

const newestFirst = (a: Dated, b: Dated) =>
  (b.published_at ?? '') < (a.published_at ?? '') ? -1 : (b.published_at ?? '') > (a.published_at ?? '') ? 1 : b.id - a.id;

interface Dated {
  id: number;
  published_at: string | null;
}

/** Ids of the stories listed in these sections as another section. */
async function listedIn(db: Kysely<DB>, sectionIds: number[]): Promise<number[]> {
  const rows = await db.selectFrom('article_sections').select('article_id').where('section_id', 'in', sectionIds).execute();
  return [...new Set(rows.map((r) => r.article_id))];
}

/**
 * Of these stories, the ones public at `at`, by primary key, in slices: a WordPress import can
 * list tens of thousands of stories in a second category, more than one statement may bind.
 */
async function visibleAmong(db: Kysely<DB>, ids: number[], at: Date): Promise<(Dated & { section_id: number | null })[]> {
  const out: (Dated & { section_id: number | null })[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db.selectFrom('articles').select(['id', 'section_id', 'status', 'published_at']).where('id', 'in', ids.slice(i, i + 1000)).execute();
    for (const r of rows) if (isVisible(r, at)) out.push(r);
  }
  return out;
}

/** Stories of the given sections (a section front passes its own id and its sub-sections'), as their own or another section. */
export async function articlesInSections(db: Kysely<DB>, sectionIds: number[], o: ListOptions): Promise<ArticleCard[]> {
  if (sectionIds.length === 0) return [];
  const at = o.now ?? new Date();
  const now = at.toISOString();
  const offset = o.offset ?? 0;
  const want = offset + o.limit;
  const excluded = new Set(o.excludeIds ?? []);
  const own = (id: number) => {
    let q = cardQuery(db, now).where('articles.section_id', '=', id);
    if (excluded.size > 0) q = q.where('articles.id', 'not in', [...excluded]);
    return selectCard(q).orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(want).execute();
  };
  const others = async () => {
    const ids = (await listedIn(db, sectionIds)).filter((id) => !excluded.has(id));
    // Visibility by primary key (as articlesByIds does, for the same reason); cards only for the newest.
    const newest = (await visibleAmong(db, ids, at)).sort(newestFirst).slice(0, want);
    if (newest.length === 0) return [];
    return selectCard(cardSource(db).where('articles.id', 'in', newest.map((r) => r.id))).execute();
  };
  const lists = await Promise.all([...sectionIds.map(own), others()]);
  const byId = new Map<number, CardRow>();
  for (const rows of lists) for (const r of rows) byId.set(r.id, r);
  return [...byId.values()].sort(newestFirst).slice(offset, want).map(toCard);
}

/** How many stories a section front lists: what articlesInSections would find without a limit. */
async function countInSections(db: Kysely<DB>, sectionIds: number[], at: Date): Promise<number> {
  const now = at.toISOString();
  const [published, hidden, listed] = await Promise.all([
    // Published in these sections: counted from the (status, section) index alone.
    db.selectFrom('articles').select(sql<number>`count(*)`.as('n')).where('status', '=', 'published').where('section_id', 'in', sectionIds).executeTakeFirstOrThrow(),
    // Of all published stories, those not public yet (dated ahead, or undated): few, from the (status, published_at) index.
    Promise.all([
      db.selectFrom('articles').select('section_id').where('status', '=', 'published').where('published_at', '>', now).execute(),
      db.selectFrom('articles').select('section_id').where('status', '=', 'published').where('published_at', 'is', null).execute(),
    ]),
    listedIn(db, sectionIds),
  ]);
  const family = new Set(sectionIds);
  const notYet = hidden.flat().filter((r) => r.section_id !== null && family.has(r.section_id)).length;
  const alsoHere = (await visibleAmong(db, listed, at)).filter((r) => r.section_id !== null && !family.has(r.section_id)).length;
  return Number(published.n) - notYet + alsoHere;
}

export async function sectionPage(db: Kysely<DB>, sectionIds: number[], page: number, pageSize: number, now = new Date()): Promise<Page<ArticleCard>> {
  const [items, total] = await Promise.all([
    articlesInSections(db, sectionIds, { now, limit: pageSize, offset: (page - 1) * pageSize }),
    countInSections(db, sectionIds, now),
  ]);
  return { items, page, pageSize, total, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export function tagPage(db: Kysely<DB>, tagId: number, page: number, pageSize: number, now = new Date()) {
  return pageOf(db, page, pageSize, now, (q) =>
    q.where('articles.id', 'in', db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId)),
  );
}

export function authorPage(db: Kysely<DB>, personId: number, page: number, pageSize: number, now = new Date()) {
  return pageOf(db, page, pageSize, now, (q) =>
    q.where('articles.id', 'in', db.selectFrom('article_authors').select('article_id').where('person_id', '=', personId)),
  );
}

/** Filters the content API accepts; all optional, combined with AND. */
export interface ArticleFilter {
  sectionIds?: number[];
  tagId?: number;
  personId?: number;
  /** Published at or after this instant. */
  after?: Date;
  /** Published before this instant. */
  before?: Date;
}

export function filteredPage(db: Kysely<DB>, f: ArticleFilter, page: number, pageSize: number, now = new Date()) {
  return pageOf(db, page, pageSize, now, (q) => {
    let r = q;
    if (f.sectionIds) r = inSections(db, r, f.sectionIds);
    if (f.tagId !== undefined) {
      r = r.where('articles.id', 'in', db.selectFrom('article_tags').select('article_id').where('tag_id', '=', f.tagId));
    }
    if (f.personId !== undefined) {
      r = r.where(
        'articles.id',
        'in',
        db.selectFrom('article_authors').select('article_id').where('person_id', '=', f.personId),
      );
    }
    if (f.after) r = r.where('articles.published_at', '>=', f.after.toISOString());
    if (f.before) r = r.where('articles.published_at', '<', f.before.toISOString());
    return r;
  });
}

/** The article page's queries, compiled once (they run on every page rendered). */
const storyBySlug = compiledQuery((db, now: string, slug: string) =>
  selectCard(cardQuery(db, now).where('articles.slug', '=', slug)).select([
    'articles.body_html',
    'articles.featured_caption',
    'media.caption as media_caption',
    'articles.seo_title',
    'articles.seo_description',
    'articles.update_note',
    'articles.format',
    'articles.password',
    'articles.comments_open',
    'articles.dek as own_dek',
  ]),
);
const authorsOf = compiledQuery((db, articleId: number) =>
  db
    .selectFrom('article_authors')
    .innerJoin('people', 'people.id', 'article_authors.person_id')
    .select(['people.id', 'people.slug', 'people.name', 'people.title'])
    .where('article_authors.article_id', '=', articleId)
    .orderBy('article_authors.position'),
);
const tagsOf = compiledQuery((db, articleId: number) =>
  db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['tags.id', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', '=', articleId)
    .orderBy('tags.name'),
);
const otherSectionsOf = compiledQuery((db, articleId: number) =>
  db
    .selectFrom('article_sections')
    .innerJoin('sections', 'sections.id', 'article_sections.section_id')
    .select(['sections.id', 'sections.slug', 'sections.name'])
    .where('article_sections.article_id', '=', articleId)
    .orderBy('article_sections.position'),
);

/** A published story by its slug, with authors and tags; undefined when absent or not public. */
export async function publishedArticleBySlug(db: Kysely<DB>, slug: string, now = new Date()): Promise<ArticleFull | undefined> {
  const [row] = await storyBySlug(db, now.toISOString(), slug);
  if (!row) return undefined;
  const [authors, tags, otherSections] = await Promise.all([authorsOf(db, row.id), tagsOf(db, row.id), otherSectionsOf(db, row.id)]);
  return {
    ...toCard(row),
    // The page decides what a locked reader sees (web/reader/views/pages.tsx).
    dek: row.own_dek,
    otherSections,
    format: row.format,
    isProtected: row.password !== '',
    commentsOpen: row.comments_open === 1,
    bodyHtml: row.body_html,
    caption: row.featured_caption || (row.media_caption ?? ''),
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    updateNote: row.update_note,
    authors,
    tags,
  };
}

/**
 * How many of each tag's newest stories are candidates for "related": a tag on thousands of
 * stories (a city, a party) would otherwise have them all counted on every article page.
 */
const relatedPerTag = 10;

const newestOfTag = compiledQuery((db, tagId: number, exceptId: number) =>
  db
    .selectFrom('article_tags')
    .select('article_id')
    .where('tag_id', '=', tagId)
    .where('article_id', '!=', exceptId)
    .orderBy('article_id', 'desc')
    .limit(relatedPerTag),
);

/** Stories sharing the most tags with this one (among each tag's newest), then the newest of its section. */
export async function relatedArticles(db: Kysely<DB>, article: ArticleFull, limit: number, now = new Date()): Promise<ArticleCard[]> {
  const tagIds = article.tags.map((t) => t.id);
  let byTags: ArticleCard[] = [];
  if (tagIds.length > 0) {
    const newest = await Promise.all(tagIds.map((tagId) => newestOfTag(db, tagId, article.id)));
    const candidates = [...new Set(newest.flat().map((r) => r.article_id))];
    if (candidates.length > 0) {
      const ranked = await db
        .selectFrom('article_tags')
        .select(['article_id', sql<number>`count(*)`.as('shared')])
        .where('article_id', 'in', candidates)
        .where('tag_id', 'in', tagIds)
        .groupBy('article_id')
        .orderBy('shared', 'desc')
        .orderBy('article_id', 'desc')
        // A couple beyond the limit, for candidates not public (drafts, scheduled).
        .limit(limit + 2)
        .execute();
      byTags = (await articlesByIds(db, ranked.map((r) => r.article_id), now)).slice(0, limit);
    }
  }
  if (byTags.length >= limit) return byTags;
  const fill = await articlesInSections(db, [article.sectionId], {
    now,
    limit: limit - byTags.length,
    excludeIds: [article.id, ...byTags.map((c) => c.id)],
  });
  return [...byTags, ...fill];
}

/** The ids of a section and its direct sub-sections (nesting is one level deep). */
export function sectionFamily(sections: Section[], section: Section): number[] {
  return [section.id, ...sections.filter((s) => s.parent_id === section.id).map((s) => s.id)];
}

/** How many stories (not static pages) are public and when the newest change among them was. */
export async function publishedStats(db: Kysely<DB>, now = new Date()): Promise<{ total: number; lastChange: Date }> {
  const row = await db
    .selectFrom('articles')
    .select([sql<number>`count(*)`.as('n'), sql<string | null>`max(updated_at)`.as('last')])
    .where('articles.kind', '=', 'story')
    .where(visibleNow(now))
    .executeTakeFirstOrThrow();
  return { total: Number(row.n), lastChange: new Date(row.last ?? 0) };
}
