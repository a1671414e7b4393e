import type { Kysely, Transaction } from 'kysely';
import type { ArticleStatus, DB } from '../db/schema.js';
import type { ContentEvents } from '../content/changes.js';
import { plainText, sanitizeBody } from '../content/sanitize.js';
import { addToSearch, dropFromSearch } from '../search/indexer.js';

export interface SaveArticleDeps {
  db: Kysely<DB>;
  events: ContentEvents;
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
  sectionId: number;
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
  /** Stored view count (imports and demo content carry one over). */
  viewCount?: number;
}

/** Cache keys a story touches: its page, its section (and parent), tags, authors, home, feeds. */
export async function keysOf(db: Kysely<DB> | Transaction<DB>, id: number): Promise<string[]> {
  const row = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.section_id', 'sections.parent_id'])
    .where('articles.id', '=', id)
    .executeTakeFirst();
  if (!row) return [];
  const [tags, people] = await Promise.all([
    db.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).execute(),
    db.selectFrom('article_authors').select('person_id').where('article_id', '=', id).execute(),
  ]);
  return [
    `article:${id}`,
    `section:${row.section_id}`,
    ...(row.parent_id !== null ? [`section:${row.parent_id}`] : []),
    ...tags.map((t) => `tag:${t.tag_id}`),
    ...people.map((p) => `person:${p.person_id}`),
    'home',
    'feeds',
  ];
}

function columns(f: Partial<ArticleFields>) {
  return {
    ...(f.language !== undefined && { language: f.language }),
    ...(f.headline !== undefined && { headline: plainText(f.headline) }),
    ...(f.dek !== undefined && { dek: plainText(f.dek) }),
    ...(f.bodyHtml !== undefined && { body_html: sanitizeBody(f.bodyHtml) }),
    ...(f.slug !== undefined && { slug: f.slug }),
    ...(f.status !== undefined && { status: f.status }),
    ...(f.sectionId !== undefined && { section_id: f.sectionId }),
    ...(f.featuredMediaId !== undefined && { featured_media_id: f.featuredMediaId }),
    ...(f.featuredCaption !== undefined && { featured_caption: plainText(f.featuredCaption) }),
    ...(f.featuredAlt !== undefined && { featured_alt: plainText(f.featuredAlt) }),
    ...(f.seoTitle !== undefined && { seo_title: plainText(f.seoTitle) }),
    ...(f.seoDescription !== undefined && { seo_description: plainText(f.seoDescription) }),
    ...(f.isBreaking !== undefined && { is_breaking: f.isBreaking ? 1 : 0 }),
    ...(f.updateNote !== undefined && { update_note: plainText(f.updateNote) }),
    ...(f.publishedAt !== undefined && { published_at: f.publishedAt?.toISOString() ?? null }),
    ...(f.viewCount !== undefined && { view_count: f.viewCount }),
  };
}

async function replaceLinks(trx: Transaction<DB>, id: number, f: Partial<ArticleFields>): Promise<void> {
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

/** Creates a story and announces the pages it appears on. Returns its id. */
export async function createArticle(deps: SaveArticleDeps, fields: ArticleFields, at = new Date()): Promise<number> {
  const status = fields.status ?? 'draft';
  const publishedAt = fields.publishedAt ?? (status === 'published' ? at : null);
  const { id, keys } = await deps.db.transaction().execute(async (trx) => {
    const created = at.toISOString();
    const row = await trx
      .insertInto('articles')
      .values({
        ...columns({ ...fields, status, publishedAt }),
        headline: plainText(fields.headline),
        slug: fields.slug,
        section_id: fields.sectionId,
        updated_at: created,
        created_at: created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceLinks(trx, row.id, fields);
    // Demo and restored stories can be created already published.
    await addToSearch(trx, row.id);
    return { id: row.id, keys: await keysOf(trx, row.id) };
  });
  deps.events.announce(keys);
  return id;
}

/**
 * Changes some fields of a story inside a transaction the caller holds; returns the cache keys
 * of the pages it left and the pages it joined, for the caller to announce after commit.
 */
export async function writeArticleChange(trx: Transaction<DB>, id: number, patch: Partial<ArticleFields>, at = new Date()): Promise<string[]> {
  const before = await keysOf(trx, id);
  if (before.length === 0) throw new Error(`article ${id} does not exist`);
  const current = await trx.selectFrom('articles').select(['published_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const firstPublish = patch.status === 'published' && current.published_at === null && patch.publishedAt === undefined;
  // The search index follows every change in the same transaction: out with the old text
  // (and its vocabulary counts), in with the new one if the story is published now.
  await dropFromSearch(trx, id);
  await trx
    .updateTable('articles')
    .set({ ...columns(patch), ...(firstPublish && { published_at: at.toISOString() }), updated_at: at.toISOString() })
    .where('id', '=', id)
    .execute();
  await replaceLinks(trx, id, patch);
  await addToSearch(trx, id);
  return [...before, ...(await keysOf(trx, id))];
}

/** Changes some fields of a story; announces both the pages it left and the ones it joined. */
export async function updateArticle(deps: SaveArticleDeps, id: number, patch: Partial<ArticleFields>): Promise<void> {
  const keys = await deps.db.transaction().execute((trx) => writeArticleChange(trx, id, patch));
  deps.events.announce(keys);
}
