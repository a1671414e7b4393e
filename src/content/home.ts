import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** Pinned top stories in order; the home page leads with them (unpublished ones are left out by the card query). */
export async function pinnedArticleIds(db: Kysely<DB>): Promise<number[]> {
  const rows = await db.selectFrom('home_pins').select('article_id').orderBy('position').execute();
  return rows.map((r) => r.article_id);
}
