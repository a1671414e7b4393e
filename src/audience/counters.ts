import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** A public story's view and comment counts (cached pages fetch them fresh); undefined when it is not public. */
export async function publishedCounters(db: Kysely<DB>, articleId: number): Promise<{ views: number; comments: number } | undefined> {
  const row = await db
    .selectFrom('articles')
    .select(['view_count', 'comment_count'])
    .where('id', '=', articleId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row && { views: row.view_count, comments: row.comment_count };
}
