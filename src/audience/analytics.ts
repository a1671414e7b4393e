import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { addDays } from './visitor.js';

/** A closed range of site-local days, `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

/** The last `days` days up to and including `today`. */
export function lastDays(today: string, days: number): DayRange {
  return { from: addDays(today, -(days - 1)), to: today };
}

export interface DayViews {
  day: string;
  views: number;
}

/** Every day of the range in order, with 0 for days nothing was read: a chart needs no gaps. */
export function fillDays(range: DayRange, rows: DayViews[]): DayViews[] {
  const byDay = new Map(rows.map((r) => [r.day, Number(r.views)]));
  const out: DayViews[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) out.push({ day: d, views: byDay.get(d) ?? 0 });
  return out;
}

/** Views per day, site-wide or of one article. */
export async function viewsPerDay(db: Kysely<DB>, range: DayRange, articleId?: number): Promise<DayViews[]> {
  let q = db
    .selectFrom('article_views_daily')
    .select(['day', (e) => e.fn.sum<number>('views').as('views')])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy('day');
  if (articleId !== undefined) q = q.where('article_id', '=', articleId);
  return fillDays(range, await q.execute());
}

export interface ArticleViews {
  id: number;
  headline: string;
  sectionName: string;
  views: number;
  /** All-time counter, for comparison. */
  total: number;
}

export async function topArticles(db: Kysely<DB>, range: DayRange, limit = 10): Promise<ArticleViews[]> {
  const rows = await db
    .selectFrom('article_views_daily as v')
    .innerJoin('articles as a', 'a.id', 'v.article_id')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('article_counters as c', 'c.article_id', 'a.id')
    .select(['a.id', 'a.headline', 's.name as sectionName', 'c.views as total', (e) => e.fn.sum<number>('v.views').as('views')])
    .where('v.day', '>=', range.from)
    .where('v.day', '<=', range.to)
    .groupBy(['a.id', 'a.headline', 's.name', 'c.views'])
    .orderBy('views', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, headline: r.headline, sectionName: r.sectionName, views: Number(r.views), total: r.total ?? 0 }));
}

export interface NamedViews {
  name: string;
  views: number;
}

/** By each story's current section. */
export async function viewsBySection(db: Kysely<DB>, range: DayRange): Promise<NamedViews[]> {
  const rows = await db
    .selectFrom('article_views_daily as v')
    .innerJoin('articles as a', 'a.id', 'v.article_id')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['s.name as name', (e) => e.fn.sum<number>('v.views').as('views')])
    .where('v.day', '>=', range.from)
    .where('v.day', '<=', range.to)
    .groupBy('s.name')
    .orderBy('views', 'desc')
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({ name: r.name, views: Number(r.views) }));
}

export async function viewsByReferrer(db: Kysely<DB>, range: DayRange, limit = 20, articleId?: number): Promise<NamedViews[]> {
  let q = db
    .selectFrom('referrer_views_daily')
    .select(['domain as name', (e) => e.fn.sum<number>('views').as('views')])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy('domain')
    .orderBy('views', 'desc')
    .orderBy('domain')
    .limit(limit);
  if (articleId !== undefined) q = q.where('article_id', '=', articleId);
  return (await q.execute()).map((r) => ({ name: r.name, views: Number(r.views) }));
}

export interface ArticleDayRow {
  day: string;
  articleId: number;
  headline: string;
  section: string;
  views: number;
}

/** Every (day, article) with views in the range: what the CSV export holds. */
export async function articleDays(db: Kysely<DB>, range: DayRange): Promise<ArticleDayRow[]> {
  const rows = await db
    .selectFrom('article_views_daily as v')
    .innerJoin('articles as a', 'a.id', 'v.article_id')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['v.day', 'a.id', 'a.headline', 's.name', 'v.views'])
    .where('v.day', '>=', range.from)
    .where('v.day', '<=', range.to)
    .orderBy('v.day')
    .orderBy('v.views', 'desc')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({ day: r.day, articleId: r.id, headline: r.headline, section: r.name, views: r.views }));
}

/**
 * RFC 4180 CSV, UTF-8 with a BOM so spreadsheet programs read Gujarati right. A cell starting
 * with = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.
 */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    let s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
