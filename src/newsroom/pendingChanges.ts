import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { sanitizeBody } from '../content/sanitize.js';
import type { ArticleFields } from './articleWriter.js';
import { currentSnapshot, type ArticleSnapshot } from './revisions.js';
import { refreshMediaUses } from './mediaUseIndex.js';

type Db = Kysely<DB> | Transaction<DB>;

/*
 * A live story's edits wait here until "Update": the published row (what readers, feeds, the
 * APIs and search see) stays as it was.
 */

export async function pendingSnapshot(db: Db, articleId: number): Promise<ArticleSnapshot | undefined> {
  const row = await db.selectFrom('pending_changes').select('snapshot').where('article_id', '=', articleId).executeTakeFirst();
  return row ? (JSON.parse(row.snapshot) as ArticleSnapshot) : undefined;
}

/** What the editor shows: the pending edit of a live story, else the story as stored. */
export async function editorSnapshot(db: Db, articleId: number): Promise<{ snapshot: ArticleSnapshot; pending: boolean }> {
  const pending = await pendingSnapshot(db, articleId);
  return pending ? { snapshot: pending, pending: true } : { snapshot: await currentSnapshot(db, articleId), pending: false };
}

/**
 * `fields` laid over `base`. The body is sanitized now (nothing unsafe waits); plain-text fields
 * are kept as typed and cleaned once, by the writer, when the change is applied (cleaning twice
 * would turn typed text such as `&lt;b&gt;` into markup-looking text).
 */
export function withEdit(base: ArticleSnapshot, fields: Partial<ArticleFields>): ArticleSnapshot {
  return {
    language: fields.language ?? base.language,
    headline: fields.headline ?? base.headline,
    dek: fields.dek ?? base.dek,
    bodyHtml: fields.bodyHtml === undefined ? base.bodyHtml : sanitizeBody(fields.bodyHtml),
    slug: fields.slug ?? base.slug,
    sectionId: fields.sectionId ?? base.sectionId,
    authorIds: fields.authorIds ?? base.authorIds,
    tagIds: fields.tagIds ?? base.tagIds,
    featuredMediaId: fields.featuredMediaId === undefined ? base.featuredMediaId : fields.featuredMediaId,
    featuredCaption: fields.featuredCaption ?? base.featuredCaption,
    featuredAlt: fields.featuredAlt ?? base.featuredAlt,
    seoTitle: fields.seoTitle ?? base.seoTitle,
    seoDescription: fields.seoDescription ?? base.seoDescription,
    isBreaking: fields.isBreaking ?? base.isBreaking,
    updateNote: fields.updateNote ?? base.updateNote,
    ...optional('secondarySectionIds', fields.secondarySectionIds ?? base.secondarySectionIds),
    ...optional('format', fields.format ?? base.format),
    ...optional('password', fields.password ?? base.password),
    ...optional('commentsOpen', fields.commentsOpen ?? base.commentsOpen),
  };
}

/** A field that older snapshots may lack, left out rather than stored as undefined. */
function optional<K extends keyof ArticleSnapshot>(key: K, value: ArticleSnapshot[K] | undefined): Partial<ArticleSnapshot> {
  return value === undefined ? {} : { [key]: value };
}

/** The snapshot as writer fields, for applying it. */
export function snapshotFields(s: ArticleSnapshot): Partial<ArticleFields> {
  return { ...s };
}

export async function storePending(trx: Transaction<DB>, articleId: number, snapshot: ArticleSnapshot, personId: number, at: Date): Promise<void> {
  const values = { article_id: articleId, snapshot: JSON.stringify(snapshot), person_id: personId, updated_at: at.toISOString() };
  await trx
    .insertInto('pending_changes')
    .values(values)
    .onConflict((oc) => oc.column('article_id').doUpdateSet({ snapshot: values.snapshot, person_id: personId, updated_at: values.updated_at }))
    .execute();
  await refreshMediaUses(trx, articleId);
}

export async function dropPending(trx: Transaction<DB>, articleId: number): Promise<boolean> {
  const r = await trx.deleteFrom('pending_changes').where('article_id', '=', articleId).executeTakeFirst();
  const dropped = Number(r.numDeletedRows) > 0;
  if (dropped) await refreshMediaUses(trx, articleId);
  return dropped;
}
