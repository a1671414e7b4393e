import { createRequire } from 'node:module';
import type { diffArrays as DiffArrays } from 'diff';
import type { Kysely, Transaction } from 'kysely';
import type { DB, PostFormat } from '../db/schema.js';
import { plainText } from '../content/sanitize.js';

/** jsdiff is needed only when someone compares two revisions: required then, not at start. */
let differ: typeof DiffArrays | undefined;
function diffArrays(): typeof DiffArrays {
  differ ??= (createRequire(import.meta.url)('diff') as { diffArrays: typeof DiffArrays }).diffArrays;
  return differ;
}

/** The fields an editor saves, as kept in each revision. */
export interface ArticleSnapshot {
  language: string;
  headline: string;
  dek: string;
  bodyHtml: string;
  slug: string;
  sectionId: number | null;
  authorIds: number[];
  tagIds: number[];
  featuredMediaId: number | null;
  featuredCaption: string;
  featuredAlt: string;
  seoTitle: string;
  seoDescription: string;
  isBreaking: boolean;
  updateNote: string;
  /** Absent from revisions saved before migration 0020. */
  secondarySectionIds?: number[];
  format?: PostFormat;
  password?: string;
  commentsOpen?: boolean;
}

export async function currentSnapshot(db: Kysely<DB> | Transaction<DB>, articleId: number): Promise<ArticleSnapshot> {
  const a = await db.selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirstOrThrow();
  const [authors, tags, sections] = await Promise.all([
    db.selectFrom('article_authors').select('person_id').where('article_id', '=', articleId).orderBy('position').execute(),
    db.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).orderBy('tag_id').execute(),
    db.selectFrom('article_sections').select('section_id').where('article_id', '=', articleId).orderBy('position').execute(),
  ]);
  return {
    language: a.language,
    headline: a.headline,
    dek: a.dek,
    bodyHtml: a.body_html,
    slug: a.slug,
    sectionId: a.section_id,
    authorIds: authors.map((r) => r.person_id),
    tagIds: tags.map((r) => r.tag_id),
    featuredMediaId: a.featured_media_id,
    featuredCaption: a.featured_caption,
    featuredAlt: a.featured_alt,
    seoTitle: a.seo_title,
    seoDescription: a.seo_description,
    isBreaking: a.is_breaking === 1,
    updateNote: a.update_note,
    secondarySectionIds: sections.map((r) => r.section_id),
    format: a.format,
    password: a.password,
    commentsOpen: a.comments_open === 1,
  };
}

export async function recordRevision(
  trx: Transaction<DB>,
  articleId: number,
  version: number,
  personId: number | null,
  at: Date,
  /** What was saved, when it is not the stored story (a live story's pending edit). */
  saved?: ArticleSnapshot,
): Promise<void> {
  const snapshot = saved ?? (await currentSnapshot(trx, articleId));
  await trx
    .insertInto('revisions')
    .values({ article_id: articleId, version, person_id: personId, created_at: at.toISOString(), snapshot: JSON.stringify(snapshot) })
    .execute();
}

export interface RevisionInfo {
  id: number;
  version: number;
  personId: number | null;
  personName: string | null;
  createdAt: Date;
}

export async function listRevisions(db: Kysely<DB>, articleId: number): Promise<RevisionInfo[]> {
  const rows = await db
    .selectFrom('revisions')
    .leftJoin('people', 'people.id', 'revisions.person_id')
    .select(['revisions.id', 'revisions.version', 'revisions.person_id', 'people.name', 'revisions.created_at'])
    .where('revisions.article_id', '=', articleId)
    .orderBy('revisions.version', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, version: r.version, personId: r.person_id, personName: r.name, createdAt: new Date(r.created_at) }));
}

export async function revisionSnapshot(db: Kysely<DB> | Transaction<DB>, articleId: number, version: number): Promise<ArticleSnapshot | undefined> {
  const row = await db
    .selectFrom('revisions')
    .select('snapshot')
    .where('article_id', '=', articleId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? (JSON.parse(row.snapshot) as ArticleSnapshot) : undefined;
}

/** One changed field: for text, the word-level pieces (added, removed or kept). */
export interface FieldChange {
  field: keyof ArticleSnapshot;
  before: unknown;
  after: unknown;
  words?: { value: string; added: boolean; removed: boolean }[];
}

const textFields = new Set<keyof ArticleSnapshot>(['headline', 'dek', 'bodyHtml', 'featuredCaption', 'featuredAlt', 'seoTitle', 'seoDescription', 'updateNote']);

/** What differs between two snapshots, field by field; text compared word by word (Gujarati words intact). */
export function diffSnapshots(a: ArticleSnapshot, b: ArticleSnapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(b) as (keyof ArticleSnapshot)[]) {
    const before = a[field];
    const after = b[field];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    if (textFields.has(field)) {
      const asText = (v: unknown) => (field === 'bodyHtml' ? plainText(String(v).replace(/<\/(p|h2|h3|li|blockquote)>/g, '\n')) : String(v));
      // Split on spaces only: jsdiff's word splitter breaks Gujarati words at vowel signs.
      const tokens = (v: unknown) => asText(v).split(/(\s+)/).filter((t) => t !== '');
      const words = diffArrays()(tokens(before), tokens(after)).map((p) => ({
        value: p.value.join(''),
        added: !!p.added,
        removed: !!p.removed,
      }));
      changes.push({ field, before, after, words });
    } else {
      changes.push({ field, before, after });
    }
  }
  return changes;
}
