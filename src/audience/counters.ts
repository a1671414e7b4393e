import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { visibleNow } from '../content/visibility.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * View and comment counts live in `article_counters`, apart from the content: they change on
 * every read, are written in batches, and never go through the article writer or its events.
 * Pages show them through the counters endpoint, so a cached page stays right.
 */
export interface Counts {
  views: number;
  comments: number;
}

/** Adds `n` views to each story in `ids` (one statement per distinct increment). */
export async function addViews(trx: Db, n: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .insertInto('article_counters')
    .values(ids.map((article_id) => ({ article_id, views: n })))
    .onConflict((oc) => oc.column('article_id').doUpdateSet((eb) => ({ views: eb('article_counters.views', '+', n) })))
    .execute();
}

/** Counts the approved comments of these stories again, in the database (never read, changed and written back). */
export async function recountComments(trx: Db, articleIds: number[]): Promise<void> {
  if (articleIds.length === 0) return;
  await trx
    .insertInto('article_counters')
    .columns(['article_id', 'comments'])
    .expression((eb) =>
      eb
        .selectFrom('articles')
        .select((e) => [
          'articles.id',
          e
            .selectFrom('comments')
            .select((c) => c.fn.countAll<number>().as('n'))
            .whereRef('comments.article_id', '=', 'articles.id')
            .where('comments.status', '=', 'approved')
            .as('comments'),
        ])
        .where('articles.id', 'in', articleIds),
    )
    .onConflict((oc) => oc.column('article_id').doUpdateSet((eb) => ({ comments: eb.ref('excluded.comments') })))
    .execute();
}

/** Sets a story's counts outright: imports and the demo carry counts over from elsewhere. */
export async function setCounts(trx: Db, articleId: number, counts: Partial<Counts>): Promise<void> {
  if (counts.views === undefined && counts.comments === undefined) return;
  const values = { article_id: articleId, views: counts.views ?? 0, comments: counts.comments ?? 0 };
  await trx
    .insertInto('article_counters')
    .values(values)
    .onConflict((oc) =>
      oc.column('article_id').doUpdateSet({
        ...(counts.views !== undefined && { views: counts.views }),
        ...(counts.comments !== undefined && { comments: counts.comments }),
      }),
    )
    .execute();
}

/** A published story's counts; undefined when no published story has this id. */
export async function publishedCounts(db: Db, articleId: number): Promise<Counts | undefined> {
  const row = await db
    .selectFrom('articles')
    .leftJoin('article_counters', 'article_counters.article_id', 'articles.id')
    .select([sql<number>`coalesce(article_counters.views, 0)`.as('views'), sql<number>`coalesce(article_counters.comments, 0)`.as('comments')])
    .where('articles.id', '=', articleId)
    .where(visibleNow())
    .executeTakeFirst();
  return row && { views: Number(row.views), comments: Number(row.comments) };
}

/** Any story's counts (zero when nothing was counted yet). */
export async function countsOf(db: Db, articleId: number): Promise<Counts> {
  const row = await db.selectFrom('article_counters').select(['views', 'comments']).where('article_id', '=', articleId).executeTakeFirst();
  return { views: row?.views ?? 0, comments: row?.comments ?? 0 };
}
