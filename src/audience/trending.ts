import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { articlesByIds, type ArticleCard } from '../content/stories.js';
import { hourKey } from './visitor.js';

/**
 * "Most read" as a time-decayed score: each hour's views count half as much every
 * `halfLifeHours`, over the last `windowHours`. A story read a lot this morning outranks one
 * read a little more yesterday; nothing older than two days competes with today's news.
 */
export const halfLifeHours = 6;
export const windowHours = 48;

/** Weight of an hourly bucket (`YYYY-MM-DDTHH`, UTC) at `now`, measured from the bucket's middle. */
export function decayWeight(hour: string, now: Date, halfLife = halfLifeHours): number {
  const middle = Date.parse(`${hour}:30:00Z`);
  const ageHours = Math.max(0, (now.getTime() - middle) / 3_600_000);
  return 0.5 ** (ageHours / halfLife);
}

/** The score of one article from its hourly buckets (what the SQL below computes). */
export function trendingScore(buckets: { hour: string; views: number }[], now: Date): number {
  const first = hourKey(new Date(now.getTime() - (windowHours - 1) * 3_600_000));
  return buckets.filter((b) => b.hour >= first && b.hour <= hourKey(now)).reduce((s, b) => s + b.views * decayWeight(b.hour, now), 0);
}

/** The hour keys in the window, newest first. */
export function windowHoursAt(now: Date): string[] {
  return Array.from({ length: windowHours }, (_, i) => hourKey(new Date(now.getTime() - i * 3_600_000)));
}

export interface MostReadOptions {
  now?: Date;
  /** A section front passes its own id and its sub-sections'. */
  sectionIds?: number[];
  limit?: number;
}

export interface MostReadItem {
  article: ArticleCard;
  score: number;
}

/**
 * The top articles by decayed score. The weights are computed here and inlined as numeric
 * literals in a CASE (neither engine has a portable pow()), so one query serves both.
 */
export async function mostRead(db: Kysely<DB>, o: MostReadOptions = {}): Promise<MostReadItem[]> {
  const now = o.now ?? new Date();
  const hours = windowHoursAt(now);
  if (o.sectionIds && o.sectionIds.length === 0) return [];
  const weight = sql.join(hours.map((h) => sql`when ${h} then ${sql.lit(Number(decayWeight(h, now).toFixed(8)))}`), sql` `);
  let q = db
    .selectFrom('article_views_hourly as h')
    .innerJoin('articles as a', 'a.id', 'h.article_id')
    .select(['a.id as id', sql<number>`sum(h.views * case h.hour ${weight} else 0 end)`.as('score')])
    .where('h.hour', '>=', hours[hours.length - 1]!)
    .where('a.status', '=', 'published')
    .groupBy('a.id')
    .orderBy('score', 'desc')
    .orderBy('a.id', 'desc')
    .limit(o.limit ?? 5);
  if (o.sectionIds) q = q.where('a.section_id', 'in', o.sectionIds);
  const rows = await q.execute();
  const cards = await articlesByIds(db, rows.map((r) => r.id), now);
  const score = new Map(rows.map((r) => [r.id, Number(r.score)]));
  return cards.map((article) => ({ article, score: score.get(article.id) ?? 0 }));
}

export interface MostReadBoardOptions {
  db: Kysely<DB>;
  limit?: number;
  /** Lists older than this are recomputed on the next read. */
  maxAgeMs?: number;
  now?: () => Date;
  /** Told which cache keys (`most-read`, `most-read:section:ID`) now show a different list. */
  onChanged?: (keys: string[]) => void;
}

/**
 * Most-read lists held in memory, so pages cost no query for them. `refresh()` (run every
 * minute) recomputes the lists that pages asked for and reports the keys whose order changed,
 * so exactly those cached pages are dropped.
 */
export class MostReadBoard {
  private readonly lists = new Map<string, { sectionIds: number[] | undefined; items: MostReadItem[]; at: number; loading?: Promise<MostReadItem[]> }>();

  constructor(private readonly o: MostReadBoardOptions) {}

  /** Cache key of a scope: pages showing the list are tagged with it. */
  static key(sectionId?: number): string {
    return sectionId === undefined ? 'most-read' : `most-read:section:${sectionId}`;
  }

  /** The list for the whole site, or for a section (with its sub-sections' ids). */
  async get(sectionId?: number, family?: number[]): Promise<MostReadItem[]> {
    const key = MostReadBoard.key(sectionId);
    const now = (this.o.now ?? (() => new Date()))();
    const entry = this.lists.get(key);
    if (entry && now.getTime() - entry.at < (this.o.maxAgeMs ?? 60_000)) return entry.items;
    if (entry?.loading) return entry.loading;
    const sectionIds = sectionId === undefined ? undefined : (family ?? [sectionId]);
    const loading = mostRead(this.o.db, { now, ...(sectionIds && { sectionIds }), limit: this.o.limit ?? 5 });
    this.lists.set(key, { sectionIds, items: entry?.items ?? [], at: entry?.at ?? 0, loading });
    try {
      const items = await loading;
      this.lists.set(key, { sectionIds, items, at: now.getTime() });
      return items;
    } catch (err) {
      this.lists.set(key, { sectionIds, items: entry?.items ?? [], at: entry?.at ?? 0 });
      throw err;
    }
  }

  /** Recomputes every list pages have asked for; returns (and reports) the keys that changed. */
  async refresh(): Promise<string[]> {
    const now = (this.o.now ?? (() => new Date()))();
    const changed: string[] = [];
    for (const [key, entry] of this.lists) {
      const items = await mostRead(this.o.db, { now, ...(entry.sectionIds && { sectionIds: entry.sectionIds }), limit: this.o.limit ?? 5 });
      const before = entry.items.map((i) => i.article.id).join(',');
      this.lists.set(key, { sectionIds: entry.sectionIds, items, at: now.getTime() });
      if (items.map((i) => i.article.id).join(',') !== before) changed.push(key);
    }
    if (changed.length > 0) this.o.onChanged?.(changed);
    return changed;
  }
}
