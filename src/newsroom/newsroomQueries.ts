import type { Kysely } from 'kysely';
import type { ArticleStatus, DB } from '../db/schema.js';

/** One line of a newsroom list. */
export interface NewsroomArticleRow {
  id: number;
  headline: string;
  status: ArticleStatus;
  sectionName: string;
  authorNames: string[];
  editingBy: string | null;
  scheduleError: string | null;
  scheduledFor: Date | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface NewsroomFilter {
  status?: ArticleStatus;
  sectionId?: number;
  personId?: number;
  /** Words in the headline or dek. */
  q?: string;
  limit?: number;
}

export async function newsroomArticles(db: Kysely<DB>, f: NewsroomFilter): Promise<NewsroomArticleRow[]> {
  let q = db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('people as editor', 'editor.id', 'articles.editing_by')
    .select([
      'articles.id',
      'articles.headline',
      'articles.status',
      'sections.name as section_name',
      'editor.name as editing_by',
      'articles.schedule_error',
      'articles.scheduled_for',
      'articles.embargo_until',
      'articles.published_at',
      'articles.updated_at',
    ]);
  if (f.status) q = q.where('articles.status', '=', f.status);
  if (f.sectionId !== undefined) q = q.where('articles.section_id', '=', f.sectionId);
  if (f.personId !== undefined) {
    const pid = f.personId;
    q = q.where((eb) =>
      eb.or([
        eb('articles.created_by', '=', pid),
        eb('articles.id', 'in', db.selectFrom('article_authors').select('article_id').where('person_id', '=', pid)),
      ]),
    );
  }
  if (f.q && f.q.trim() !== '') {
    for (const word of f.q.trim().split(/\s+/).slice(0, 8)) {
      const like = `%${word.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('articles.headline', 'like', like), eb('articles.dek', 'like', like)]));
    }
  }
  const rows = await q.orderBy('articles.updated_at', 'desc').orderBy('articles.id', 'desc').limit(f.limit ?? 100).execute();
  const ids = rows.map((r) => r.id);
  const bylines = ids.length
    ? await db
        .selectFrom('article_authors')
        .innerJoin('people', 'people.id', 'article_authors.person_id')
        .select(['article_authors.article_id', 'people.name'])
        .where('article_authors.article_id', 'in', ids)
        .orderBy('article_authors.position')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    status: r.status,
    sectionName: r.section_name,
    authorNames: bylines.filter((b) => b.article_id === r.id).map((b) => b.name),
    editingBy: r.editing_by,
    scheduleError: r.schedule_error,
    scheduledFor: r.scheduled_for ? new Date(r.scheduled_for) : r.embargo_until ? new Date(r.embargo_until) : null,
    publishedAt: r.published_at ? new Date(r.published_at) : null,
    updatedAt: new Date(r.updated_at),
  }));
}

export interface DashboardData {
  awaitingReview: NewsroomArticleRow[];
  scheduled: NewsroomArticleRow[];
  /** Due but not out: the scheduler could not publish them (reason shown), or has not run. */
  overdue: NewsroomArticleRow[];
  recentlyPublished: NewsroomArticleRow[];
}

export async function dashboard(db: Kysely<DB>, now = new Date()): Promise<DashboardData> {
  const [awaitingReview, scheduled, embargoed, published] = await Promise.all([
    newsroomArticles(db, { status: 'submitted', limit: 50 }),
    newsroomArticles(db, { status: 'scheduled', limit: 100 }),
    newsroomArticles(db, { status: 'embargoed', limit: 100 }),
    newsroomArticles(db, { status: 'published', limit: 15 }),
  ]);
  const upcoming = [...scheduled, ...embargoed].sort((a, b) => (a.scheduledFor?.getTime() ?? 0) - (b.scheduledFor?.getTime() ?? 0));
  // A minute's grace: the scheduler runs every few seconds.
  const isOverdue = (r: NewsroomArticleRow) => r.scheduleError !== null || (r.scheduledFor !== null && r.scheduledFor.getTime() < now.getTime() - 60_000);
  return {
    awaitingReview,
    scheduled: upcoming.filter((r) => !isOverdue(r)),
    overdue: upcoming.filter(isOverdue),
    recentlyPublished: published.sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0)),
  };
}
