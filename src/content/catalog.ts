import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB, Media, PostFormat, Section, Tag } from '../db/schema.js';

/**
 * The public catalogue filtered and paged the ways WordPress-style clients ask for it (the
 * `/wp-json` surface): stories, sections, tags, bylined people, images. Only what readers may
 * see is ever listed; counts count only public stories.
 */

type ArticleQuery = SelectQueryBuilder<DB, 'articles', object>;

function publicArticles(db: Kysely<DB>): ArticleQuery {
  return db
    .selectFrom('articles')
    // Pages have their own surface (`/wp/v2/pages`): posts are stories only.
    .where('articles.kind', '=', 'story')
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', new Date().toISOString()) as unknown as ArticleQuery;
}

/** `%word%` for LIKE, with LIKE's own characters escaped (matched with `escape '\'`). */
const likeWord = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface PostFilter {
  /** Words in the headline, dek or body (case-insensitive substring). */
  search?: string;
  sectionIds?: number[];
  excludeSectionIds?: number[];
  tagIds?: number[];
  excludeTagIds?: number[];
  authorIds?: number[];
  slugs?: string[];
  include?: number[];
  exclude?: number[];
  /** ISO instants: published after / before, changed after / before. */
  after?: string;
  before?: string;
  modifiedAfter?: string;
  modifiedBefore?: string;
  /** Pinned to the home page (WordPress's sticky posts) or not. */
  sticky?: boolean;
  /** `OR`: in one of `sectionIds` or tagged with one of `tagIds` (WordPress's `tax_relation`); both by default. */
  taxRelation?: 'AND' | 'OR';
}

/** Stories listed in one of these sections beside their own. */
const secondaryIn = (db: Kysely<DB>, sectionIds: number[]) => db.selectFrom('article_sections').select('article_sections.article_id').where('article_sections.section_id', 'in', sectionIds);

function filterPosts(db: Kysely<DB>, f: PostFilter): ArticleQuery {
  let r = publicArticles(db);
  if (f.search) {
    const like = likeWord(f.search);
    r = r.where((eb) =>
      eb.or([
        eb(sql`lower(articles.headline)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(articles.dek)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(articles.body_html)`, 'like', sql`${like} escape '\\'`),
      ]),
    );
  }
  const tagged = (ids: number[]) => db.selectFrom('article_tags').select('article_id').where('tag_id', 'in', ids);
  // A story is in a category through its own section or any other it is listed in, as in WordPress.
  if (f.taxRelation === 'OR' && f.sectionIds && f.tagIds) {
    const { sectionIds, tagIds } = f;
    r = r.where((eb) =>
      eb.or([eb('articles.section_id', 'in', sectionIds), eb('articles.id', 'in', secondaryIn(db, sectionIds)), eb('articles.id', 'in', tagged(tagIds))]),
    );
  } else {
    if (f.sectionIds) {
      const { sectionIds } = f;
      r = r.where((eb) => eb.or([eb('articles.section_id', 'in', sectionIds), eb('articles.id', 'in', secondaryIn(db, sectionIds))]));
    }
    if (f.tagIds) r = r.where('articles.id', 'in', tagged(f.tagIds));
  }
  if (f.excludeSectionIds) r = r.where('articles.section_id', 'not in', f.excludeSectionIds).where('articles.id', 'not in', secondaryIn(db, f.excludeSectionIds));
  if (f.excludeTagIds) r = r.where('articles.id', 'not in', db.selectFrom('article_tags').select('article_id').where('tag_id', 'in', f.excludeTagIds));
  if (f.authorIds) r = r.where('articles.id', 'in', db.selectFrom('article_authors').select('article_id').where('person_id', 'in', f.authorIds));
  if (f.slugs) r = r.where('articles.slug', 'in', f.slugs);
  if (f.include) r = r.where('articles.id', 'in', f.include);
  if (f.exclude) r = r.where('articles.id', 'not in', f.exclude);
  if (f.after) r = r.where('articles.published_at', '>', f.after);
  if (f.before) r = r.where('articles.published_at', '<', f.before);
  if (f.modifiedAfter) r = r.where('articles.updated_at', '>', f.modifiedAfter);
  if (f.modifiedBefore) r = r.where('articles.updated_at', '<', f.modifiedBefore);
  if (f.sticky !== undefined) r = r.where('articles.id', f.sticky ? 'in' : 'not in', db.selectFrom('home_pins').select('article_id'));
  return r;
}

export type PostOrder = 'published' | 'id' | 'headline' | 'slug' | 'updated';

const postColumns = {
  published: 'articles.published_at',
  id: 'articles.id',
  headline: 'articles.headline',
  slug: 'articles.slug',
  updated: 'articles.updated_at',
} as const;

export type Direction = 'asc' | 'desc';

export async function countPosts(db: Kysely<DB>, f: PostFilter): Promise<number> {
  return Number((await filterPosts(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

/** One page of matching story ids, in order (ties broken by id). */
export async function postIds(db: Kysely<DB>, f: PostFilter, order: { by: PostOrder; dir: Direction }, limit: number, offset: number): Promise<number[]> {
  const rows = await filterPosts(db, f).select('articles.id').orderBy(postColumns[order.by], order.dir).orderBy('articles.id', order.dir).limit(limit).offset(offset).execute();
  return rows.map((r) => r.id);
}

/** Every matching story id (for ordering by a list the client gave). */
export async function allPostIds(db: Kysely<DB>, f: PostFilter): Promise<Set<number>> {
  return new Set((await filterPosts(db, f).select('articles.id').execute()).map((r) => r.id));
}

export async function isPublicPost(db: Kysely<DB>, id: number): Promise<boolean> {
  return (await publicArticles(db).select('articles.id').where('articles.id', '=', id).executeTakeFirst()) !== undefined;
}

export interface PostRow {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  body_html: string;
  section_id: number;
  featured_media_id: number | null;
  published_at: string | null;
  updated_at: string;
  view_count: number;
  comment_count: number;
  seo_title: string;
  seo_description: string;
  section_slug: string;
  format: PostFormat;
  /** The story has a reader password (the password itself is never handed out). */
  is_protected: boolean;
  comments_open: number;
}

export interface PostData {
  /** In the order asked for. */
  rows: PostRow[];
  /** Bylines in order. */
  authors: { article_id: number; person_id: number }[];
  tagLinks: { article_id: number; tag_id: number }[];
  /** Sections beside each story's own, in order. */
  sectionLinks: { article_id: number; section_id: number }[];
}

/** What a post answer shows, for these (already checked public) ids. */
export async function postData(db: Kysely<DB>, articleIds: number[]): Promise<PostData> {
  if (articleIds.length === 0) return { rows: [], authors: [], tagLinks: [], sectionLinks: [] };
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('article_counters', 'article_counters.article_id', 'articles.id')
    .select([
      'articles.id',
      'articles.slug',
      'articles.headline',
      'articles.dek',
      'articles.body_html',
      'articles.section_id',
      'articles.featured_media_id',
      'articles.published_at',
      'articles.updated_at',
      sql<number>`coalesce(article_counters.views, 0)`.as('view_count'),
      sql<number>`coalesce(article_counters.comments, 0)`.as('comment_count'),
      'articles.seo_title',
      'articles.seo_description',
      'sections.slug as section_slug',
      'articles.format',
      sql<boolean>`articles.password <> ''`.as('is_protected'),
      'articles.comments_open',
    ])
    .where('articles.id', 'in', articleIds)
    .$narrowType<{ section_id: number }>()
    .execute();
  const [authors, tagLinks, sectionLinks] = await Promise.all([
    db.selectFrom('article_authors').select(['article_id', 'person_id']).where('article_id', 'in', articleIds).orderBy('position').execute(),
    db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('article_id', 'in', articleIds).orderBy('tag_id').execute(),
    db.selectFrom('article_sections').select(['article_id', 'section_id']).where('article_id', 'in', articleIds).orderBy('article_id').orderBy('position').execute(),
  ]);
  const order = new Map(articleIds.map((id, i) => [id, i]));
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  // SQLite answers the comparison as 0/1.
  return { rows: rows.map((r) => ({ ...r, is_protected: Boolean(r.is_protected) })), authors, tagLinks, sectionLinks };
}

export interface PublicProfile {
  id: number;
  slug: string;
  name: string;
  bio: string;
}

/** What `_embed` adds to posts: their bylined people, images, sections and tags. */
export async function embeddedFor(
  db: Kysely<DB>,
  ids: { personIds: number[]; mediaIds: number[]; sectionIds: number[]; tagIds: number[] },
): Promise<{ people: PublicProfile[]; media: Media[]; sections: Section[]; tags: Tag[] }> {
  const [people, media, sections, tags] = await Promise.all([
    ids.personIds.length ? db.selectFrom('people').select(['id', 'slug', 'name', 'bio']).where('id', 'in', ids.personIds).execute() : [],
    ids.mediaIds.length ? db.selectFrom('media').selectAll().where('id', 'in', ids.mediaIds).execute() : [],
    ids.sectionIds.length ? db.selectFrom('sections').selectAll().where('id', 'in', ids.sectionIds).execute() : [],
    ids.tagIds.length ? db.selectFrom('tags').selectAll().where('id', 'in', ids.tagIds).execute() : [],
  ]);
  return { people, media, sections, tags };
}

/** How many public stories each section (or tag) has. */
export async function termCounts(db: Kysely<DB>, kind: 'section' | 'tag', termIds: number[]): Promise<Map<number, number>> {
  if (termIds.length === 0) return new Map();
  const now = new Date().toISOString();
  const rows =
    kind === 'section'
      ? await db
          .selectFrom(
            db
              .selectFrom('articles')
              .select(['articles.id as article_id', 'articles.section_id'])
              .unionAll(db.selectFrom('article_sections').select(['article_sections.article_id', 'article_sections.section_id']))
              .as('links'),
          )
          .innerJoin('articles', 'articles.id', 'links.article_id')
          .select(['links.section_id as id', sql<number>`count(distinct articles.id)`.as('n')])
          .where('articles.status', '=', 'published')
          .where('articles.published_at', '<=', now)
          .where('articles.kind', '=', 'story')
          .where('links.section_id', 'in', termIds)
          .groupBy('links.section_id')
          .$narrowType<{ id: number }>()
          .execute()
      : await db
          .selectFrom('article_tags')
          .innerJoin('articles', 'articles.id', 'article_tags.article_id')
          .select(['article_tags.tag_id as id', sql<number>`count(*)`.as('n')])
          .where('articles.status', '=', 'published')
          .where('articles.published_at', '<=', now)
          .where('article_tags.tag_id', 'in', termIds)
          .groupBy('article_tags.tag_id')
          .execute();
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export interface TermFilter {
  /** A substring of the name (case-insensitive). */
  search?: string;
  slugs?: string[];
  include?: number[];
  /** Only the terms of this story. */
  post?: number;
  /** Only terms with a public story. */
  hideEmpty?: boolean;
}

export type TermOrder = 'name' | 'id' | 'slug';

export interface SectionFilter extends TermFilter {
  /** 0 for top-level sections. */
  parent?: number;
}

function filterSections(db: Kysely<DB>, f: SectionFilter) {
  let r = db.selectFrom('sections');
  if (f.search) r = r.where(sql`lower(name)`, 'like', `%${f.search.toLowerCase()}%`);
  if (f.slugs) r = r.where('slug', 'in', f.slugs);
  if (f.include) r = r.where('id', 'in', f.include);
  if (f.parent !== undefined) r = f.parent === 0 ? r.where('parent_id', 'is', null) : r.where('parent_id', '=', f.parent);
  if (f.post !== undefined) {
    const post = f.post;
    r = r.where((eb) =>
      eb.or([
        eb('id', 'in', db.selectFrom('articles').select('section_id').where('id', '=', post)),
        eb('id', 'in', db.selectFrom('article_sections').select('section_id').where('article_id', '=', post)),
      ]),
    );
  }
  if (f.hideEmpty) {
    r = r.where((eb) =>
      eb.or([
        eb('id', 'in', publicArticles(db).select('articles.section_id')),
        eb('id', 'in', db.selectFrom('article_sections').select('section_id').where('article_id', 'in', publicArticles(db).select('articles.id'))),
      ]),
    );
  }
  return r;
}

export async function countSections(db: Kysely<DB>, f: SectionFilter): Promise<number> {
  return Number((await filterSections(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

/** Every matching section (they are few), in order. */
export function sectionRows(db: Kysely<DB>, f: SectionFilter, order: { by: TermOrder; dir: Direction }): Promise<Section[]> {
  return filterSections(db, f).selectAll().orderBy(order.by, order.dir).orderBy('id').execute();
}

export function sectionById(db: Kysely<DB>, id: number): Promise<Section | undefined> {
  return db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Tags readers may know of: those on a public story, and those on no story at all (made ahead
 * in the newsroom). A tag used only by drafts, scheduled or embargoed stories would give away
 * what the newsroom is working on.
 */
function publicTags(db: Kysely<DB>) {
  const onPublic = db.selectFrom('article_tags').select('tag_id').where('article_id', 'in', publicArticles(db).select('articles.id'));
  const onAny = db.selectFrom('article_tags').select('tag_id');
  return db.selectFrom('tags').where((eb) => eb.or([eb('id', 'in', onPublic), eb('id', 'not in', onAny)]));
}

function filterTags(db: Kysely<DB>, f: TermFilter) {
  let r = publicTags(db);
  if (f.search) r = r.where(sql`lower(name)`, 'like', `%${f.search.toLowerCase()}%`);
  if (f.slugs) r = r.where('slug', 'in', f.slugs);
  if (f.include) r = r.where('id', 'in', f.include);
  if (f.post !== undefined) r = r.where('id', 'in', db.selectFrom('article_tags').select('tag_id').where('article_id', '=', f.post));
  if (f.hideEmpty) r = r.where('id', 'in', db.selectFrom('article_tags').select('tag_id').where('article_id', 'in', publicArticles(db).select('articles.id')));
  return r;
}

export async function countTags(db: Kysely<DB>, f: TermFilter): Promise<number> {
  return Number((await filterTags(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

/** Matching tags in order; every one of them when no page is given. */
export function tagRows(db: Kysely<DB>, f: TermFilter, order: { by: TermOrder; dir: Direction }, page?: { limit: number; offset: number }): Promise<Tag[]> {
  const q = filterTags(db, f).selectAll().orderBy(order.by, order.dir).orderBy('id');
  return (page ? q.limit(page.limit).offset(page.offset) : q).execute();
}

export function tagById(db: Kysely<DB>, id: number): Promise<Tag | undefined> {
  return publicTags(db).selectAll().where('id', '=', id).executeTakeFirst();
}

export interface PeopleFilter {
  search?: string;
  slugs?: string[];
  include?: number[];
}

/** Like WordPress for visitors: only people with a byline on a public story are listed. */
function filterBylined(db: Kysely<DB>, f: PeopleFilter) {
  let r = db
    .selectFrom('people')
    .where('id', 'in', db.selectFrom('article_authors').select('person_id').where('article_id', 'in', publicArticles(db).select('articles.id')));
  if (f.search) r = r.where(sql`lower(name)`, 'like', `%${f.search.toLowerCase()}%`);
  if (f.slugs) r = r.where('slug', 'in', f.slugs);
  if (f.include) r = r.where('id', 'in', f.include);
  return r;
}

export async function countBylined(db: Kysely<DB>, f: PeopleFilter): Promise<number> {
  return Number((await filterBylined(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

export function bylinedPeople(db: Kysely<DB>, f: PeopleFilter, order: { by: TermOrder; dir: Direction }, limit: number, offset: number): Promise<PublicProfile[]> {
  return filterBylined(db, f).select(['id', 'slug', 'name', 'bio']).orderBy(order.by, order.dir).orderBy('id').limit(limit).offset(offset).execute();
}

export function bylinedPerson(db: Kysely<DB>, id: number): Promise<PublicProfile | undefined> {
  return filterBylined(db, {}).select(['id', 'slug', 'name', 'bio']).where('id', '=', id).executeTakeFirst();
}

export interface MediaFilter {
  /** Only images exist; asking for another type finds nothing. */
  type?: string;
  /** In the caption or the alt text. */
  search?: string;
  include?: number[];
  /** The featured images of these stories. */
  parents?: number[];
}

function filterMedia(db: Kysely<DB>, f: MediaFilter) {
  let r = db.selectFrom('media');
  if (f.type && f.type !== 'image') r = r.where(sql<boolean>`1 = 0`);
  if (f.search) {
    const like = `%${f.search.toLowerCase()}%`;
    r = r.where((eb) => eb.or([eb(sql`lower(caption)`, 'like', like), eb(sql`lower(alt)`, 'like', like)]));
  }
  if (f.include) r = r.where('id', 'in', f.include);
  if (f.parents) r = r.where('id', 'in', db.selectFrom('articles').select('featured_media_id').where('id', 'in', f.parents).where('featured_media_id', 'is not', null) as never);
  return r;
}

export async function countMedia(db: Kysely<DB>, f: MediaFilter): Promise<number> {
  return Number((await filterMedia(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

export function mediaRows(db: Kysely<DB>, f: MediaFilter, order: { by: 'created' | 'id'; dir: Direction }, limit: number, offset: number): Promise<Media[]> {
  return filterMedia(db, f)
    .selectAll()
    .orderBy(order.by === 'created' ? 'created_at' : 'id', order.dir)
    .orderBy('id', order.dir)
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Each image's story (WordPress's `post_parent`): the first story that has it as its featured image. */
export async function mediaParents(db: Kysely<DB>, mediaIds: number[]): Promise<Map<number, number>> {
  if (mediaIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .select(['featured_media_id', (eb) => eb.fn.min('id').as('article_id')])
    .where('featured_media_id', 'in', [...new Set(mediaIds)])
    .groupBy('featured_media_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.featured_media_id), Number(r.article_id)]));
}

export function mediaById(db: Kysely<DB>, id: number): Promise<Media | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Which of these stories are pinned to the home page (sticky, in WordPress's words). */
export async function pinnedAmong(db: Kysely<DB>, articleIds: number[]): Promise<Set<number>> {
  if (articleIds.length === 0) return new Set();
  const rows = await db.selectFrom('home_pins').select('article_id').where('article_id', 'in', articleIds).execute();
  return new Set(rows.map((r) => r.article_id));
}

export interface CommentFilter {
  /** On these stories. */
  posts?: number[];
  include?: number[];
  exclude?: number[];
  parents?: number[];
  search?: string;
  after?: string;
  before?: string;
}

/** Approved comments on public stories: what a visitor may read. */
function filterComments(db: Kysely<DB>, f: CommentFilter) {
  let r = db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .where('comments.status', '=', 'approved')
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', new Date().toISOString());
  if (f.posts) r = r.where('comments.article_id', 'in', f.posts);
  if (f.include) r = r.where('comments.id', 'in', f.include);
  if (f.exclude) r = r.where('comments.id', 'not in', f.exclude);
  if (f.parents) {
    const parents = f.parents;
    const top = parents.includes(0);
    const ids = parents.filter((p) => p !== 0);
    r = r.where((eb) => eb.or([...(top ? [eb('comments.parent_id', 'is', null)] : []), ...(ids.length ? [eb('comments.parent_id', 'in', ids)] : [])]));
  }
  if (f.search) r = r.where(sql`lower(comments.body)`, 'like', sql`${likeWord(f.search)} escape '\\'`);
  if (f.after) r = r.where('comments.created_at', '>', f.after);
  if (f.before) r = r.where('comments.created_at', '<', f.before);
  return r;
}

export async function countComments(db: Kysely<DB>, f: CommentFilter): Promise<number> {
  return Number((await filterComments(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

export interface PublicComment {
  id: number;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  body: string;
  created_at: string;
  section_slug: string;
  slug: string;
}

export function commentRows(db: Kysely<DB>, f: CommentFilter, order: { by: 'date' | 'id' | 'post'; dir: Direction }, limit: number, offset: number): Promise<PublicComment[]> {
  const column = order.by === 'id' ? 'comments.id' : order.by === 'post' ? 'comments.article_id' : 'comments.created_at';
  return filterComments(db, f)
    .select(['comments.id', 'comments.article_id', 'comments.parent_id', 'comments.author_name', 'comments.body', 'comments.created_at', 'sections.slug as section_slug', 'articles.slug'])
    .orderBy(column, order.dir)
    .orderBy('comments.id', order.dir)
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Each story's newest approved comments (at most `perPost`), for `_embed` of replies. */
export async function commentsOfPosts(db: Kysely<DB>, articleIds: number[], perPost: number): Promise<Map<number, PublicComment[]>> {
  const out = new Map<number, PublicComment[]>();
  if (articleIds.length === 0) return out;
  const rows = await commentRows(db, { posts: articleIds }, { by: 'date', dir: 'desc' }, 100_000, 0);
  for (const r of rows) {
    const list = out.get(r.article_id) ?? [];
    if (list.length < perPost) list.push(r);
    out.set(r.article_id, list);
  }
  return out;
}
