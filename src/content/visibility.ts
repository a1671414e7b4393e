import type { ExpressionBuilder } from 'kysely';
import type { ArticleStatus, DB } from '../db/schema.js';

/**
 * The one definition of "a reader may see this story now": published, and its publication
 * time has come. Queries use `visibleNow`; code holding a row uses `isVisible`.
 */
export function visibleNow(now: Date = new Date()) {
  const at = now.toISOString();
  return (eb: ExpressionBuilder<DB, 'articles'>) => eb.and([eb('articles.status', '=', 'published'), eb('articles.published_at', '<=', at)]);
}

export function isVisible(row: { status: ArticleStatus | string; published_at: string | null }, now: Date = new Date()): boolean {
  return row.status === 'published' && row.published_at !== null && row.published_at <= now.toISOString();
}
