import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { isVisible, visibleNow } from './visibility.js';

/**
 * Static pages (About, Contact, Privacy…) as readers see them: no section, no date shown, at
 * `/{slug}`. They stay out of every story list (the story read models join on sections, which
 * pages do not have) and appear only here: their own page, menus, the pages sitemap, search.
 */
export interface PageCard {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  language: string;
  publishedAt: Date;
  updatedAt: Date;
}

export interface PageFull extends PageCard {
  bodyHtml: string;
  seoTitle: string;
  seoDescription: string;
  /** People shown as the page's authors in JSON-LD (not on the page). */
  authors: { id: number; slug: string; name: string }[];
}

const cardColumns = ['articles.id', 'articles.slug', 'articles.headline', 'articles.dek', 'articles.language', 'articles.published_at', 'articles.updated_at'] as const;

function pages(db: Kysely<DB>) {
  return db.selectFrom('articles').where('articles.kind', '=', 'page');
}

function toCard(r: { id: number; slug: string; headline: string; dek: string; language: string; published_at: string | null; updated_at: string }): PageCard {
  return {
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    dek: r.dek,
    language: r.language,
    publishedAt: new Date(r.published_at ?? r.updated_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** Public pages, oldest first (the order they were set up in, e.g. About before Privacy). */
export async function publishedPages(db: Kysely<DB>, now = new Date()): Promise<PageCard[]> {
  const rows = await pages(db).select(cardColumns).where(visibleNow(now)).orderBy('articles.published_at').orderBy('articles.id').execute();
  return rows.map(toCard);
}

/** Public pages with these ids, in the order given. */
export async function pagesByIds(db: Kysely<DB>, ids: number[], now = new Date()): Promise<PageCard[]> {
  if (ids.length === 0) return [];
  const rows = await pages(db).select([...cardColumns, 'articles.status']).where('articles.id', 'in', ids).execute();
  const byId = new Map(rows.filter((r) => isVisible(r, now)).map((r) => [r.id, toCard(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A public page by its slug; undefined when absent, not public, or a story. */
export async function publishedPageBySlug(db: Kysely<DB>, slug: string, now = new Date()): Promise<PageFull | undefined> {
  const row = await pages(db)
    .select([...cardColumns, 'articles.body_html', 'articles.seo_title', 'articles.seo_description'])
    .where('articles.slug', '=', slug)
    .where(visibleNow(now))
    .executeTakeFirst();
  if (!row) return undefined;
  const authors = await db
    .selectFrom('article_authors')
    .innerJoin('people', 'people.id', 'article_authors.person_id')
    .select(['people.id', 'people.slug', 'people.name'])
    .where('article_authors.article_id', '=', row.id)
    .orderBy('article_authors.position')
    .execute();
  return { ...toCard(row), bodyHtml: row.body_html, seoTitle: row.seo_title, seoDescription: row.seo_description, authors };
}

/** What `/wp-json/wp/v2/pages` filters on; all optional, combined with AND. */
export interface PageFilter {
  /** Words in the title, dek or body (case-insensitive substring). */
  search?: string;
  slugs?: string[];
  include?: number[];
  exclude?: number[];
  authorIds?: number[];
  /** ISO instants: published after / before. */
  after?: string;
  before?: string;
}

export type PageOrder = 'published' | 'id' | 'headline' | 'slug' | 'updated';

const orderColumns = {
  published: 'articles.published_at',
  id: 'articles.id',
  headline: 'articles.headline',
  slug: 'articles.slug',
  updated: 'articles.updated_at',
} as const;

function filtered(db: Kysely<DB>, f: PageFilter, now: Date) {
  let q = pages(db).where(visibleNow(now));
  if (f.search) {
    const like = `%${f.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(articles.headline)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(articles.dek)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(articles.body_html)`, 'like', sql`${like} escape '\\'`),
      ]),
    );
  }
  if (f.slugs) q = q.where('articles.slug', 'in', f.slugs);
  if (f.include) q = q.where('articles.id', 'in', f.include);
  if (f.exclude) q = q.where('articles.id', 'not in', f.exclude);
  if (f.authorIds) q = q.where('articles.id', 'in', db.selectFrom('article_authors').select('article_id').where('person_id', 'in', f.authorIds));
  if (f.after) q = q.where('articles.published_at', '>', f.after);
  if (f.before) q = q.where('articles.published_at', '<', f.before);
  return q;
}

export async function countPages(db: Kysely<DB>, f: PageFilter, now = new Date()): Promise<number> {
  return Number((await filtered(db, f, now).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

/** One page of matching public pages' ids, in the order asked for. */
export async function pageIds(db: Kysely<DB>, f: PageFilter, order: { by: PageOrder; dir: 'asc' | 'desc' }, limit: number, offset: number, now = new Date()): Promise<number[]> {
  const rows = await filtered(db, f, now).select('articles.id').orderBy(orderColumns[order.by], order.dir).orderBy('articles.id', order.dir).limit(limit).offset(offset).execute();
  return rows.map((r) => r.id);
}

/** A public page's full row and byline, for API answers; in the order of `ids`, non-public ones left out. */
export async function pageRows(db: Kysely<DB>, ids: number[], now = new Date()): Promise<(PageFull & { featuredMediaId: number | null })[]> {
  if (ids.length === 0) return [];
  const rows = await pages(db)
    .select([...cardColumns, 'articles.body_html', 'articles.seo_title', 'articles.seo_description', 'articles.featured_media_id'])
    .where('articles.id', 'in', ids)
    .where(visibleNow(now))
    .execute();
  const authors = await db
    .selectFrom('article_authors')
    .innerJoin('people', 'people.id', 'article_authors.person_id')
    .select(['article_authors.article_id', 'people.id', 'people.slug', 'people.name'])
    .where('article_authors.article_id', 'in', ids)
    .orderBy('article_authors.position')
    .execute();
  const byId = new Map(
    rows.map((r) => [
      r.id,
      {
        ...toCard(r),
        bodyHtml: r.body_html,
        seoTitle: r.seo_title,
        seoDescription: r.seo_description,
        featuredMediaId: r.featured_media_id,
        authors: authors.filter((a) => a.article_id === r.id).map(({ id, slug, name }) => ({ id, slug, name })),
      },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}
