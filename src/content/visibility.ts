import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ArticleStatus } from '../db/schema.js';

/**
 * The one definition of "a reader may see this story now": published, and its publication
 * time has come. Queries use `visibleNow` (in any query that has `articles` in scope, joined
 * or not); code holding a row uses `isVisible`.
 */
export function visibleNow(now: Date = new Date()): RawBuilder<SqlBool> {
  return visibleAt(now.toISOString());
}

/** `visibleNow` for an instant given as an ISO string (as stored), e.g. a query compiled once. */
export function visibleAt(nowIso: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(articles.status = 'published' and articles.published_at <= ${nowIso})`;
}

export function isVisible(row: { status: ArticleStatus | string; published_at: string | null }, now: Date = new Date()): boolean {
  return row.status === 'published' && row.published_at !== null && row.published_at <= now.toISOString();
}
