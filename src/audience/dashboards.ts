import type { Kysely } from 'kysely';
import type { CommentStatus, DB } from '../db/schema.js';
import { articleDays, lastDays, topArticles, viewsByReferrer, viewsBySection, viewsPerDay, type ArticleDayRow, type ArticleViews, type DayRange, type DayViews, type NamedViews } from './analytics.js';
import { moderationQueue, type QueueRow } from './comments.js';
import { getCommentSettings, type CommentSettings } from './commentSettings.js';

/** What the newsroom's audience pages show, each read in one call. */

export interface AnalyticsFigures {
  daily: DayViews[];
  top: { day: ArticleViews[]; week: ArticleViews[]; month: ArticleViews[] };
  sections: NamedViews[];
  referrers: NamedViews[];
}

/** The analytics dashboard: the last 30 days up to `today` (a site day, YYYY-MM-DD). */
export async function analyticsFigures(db: Kysely<DB>, today: string): Promise<AnalyticsFigures> {
  const month = lastDays(today, 30);
  const [daily, day, week, top, sections, referrers] = await Promise.all([
    viewsPerDay(db, month),
    topArticles(db, lastDays(today, 1)),
    topArticles(db, lastDays(today, 7)),
    topArticles(db, month),
    viewsBySection(db, month),
    viewsByReferrer(db, month),
  ]);
  return { daily, top: { day, week, month: top }, sections, referrers };
}

export interface ArticleFigures {
  article: { id: number; headline: string; total: number };
  daily: DayViews[];
  referrers: NamedViews[];
}

/** One story's views over the last 30 days and of all time; undefined when there is no such story. */
export async function articleFigures(db: Kysely<DB>, articleId: number, today: string): Promise<ArticleFigures | undefined> {
  const a = await db
    .selectFrom('articles')
    .leftJoin('article_counters', 'article_counters.article_id', 'articles.id')
    .select(['articles.id', 'articles.headline', 'article_counters.views'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  if (!a) return undefined;
  const month = lastDays(today, 30);
  const [daily, referrers] = await Promise.all([viewsPerDay(db, month, a.id), viewsByReferrer(db, month, 20, a.id)]);
  return { article: { id: a.id, headline: a.headline, total: a.views ?? 0 }, daily, referrers };
}

/** Views per story per day over the last 30 days, for the CSV download. */
export async function viewsExport(db: Kysely<DB>, today: string): Promise<{ range: DayRange; rows: ArticleDayRow[] }> {
  const range = lastDays(today, 30);
  return { range, rows: await articleDays(db, range) };
}

export interface ModerationOverview {
  rows: QueueRow[];
  counts: Record<CommentStatus, number>;
  settings: CommentSettings;
}

/** The moderation page: comments in one status, the count of each status, the comment rules. */
export async function moderationOverview(db: Kysely<DB>, status: CommentStatus, page = { limit: 200, offset: 0 }): Promise<ModerationOverview> {
  const [{ rows, counts }, settings] = await Promise.all([moderationQueue(db, { status, ...page }), getCommentSettings(db)]);
  return { rows, counts, settings };
}
