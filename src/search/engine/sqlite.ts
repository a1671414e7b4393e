import { sql } from 'kysely';
import type { IndexedFields } from '../document.js';
import { fts5Expression } from './expressions.js';
import { filters } from './filters.js';
import { RANK_WINDOW, type Db, type EngineQuery, type EngineResult, type SearchEngine } from './types.js';

/**
 * SQLite FTS5: a contentless table `search_fts(headline, dek, body, tags)` with rowid = article
 * id (migration 0004), plus a `search_documents` row per indexed article. bm25() weights: a headline match counts 10×, the dek 4×, tags 3×, the
 * body 1×; FTS5's bm25 is "smaller is better", hence ascending order.
 */
const WEIGHTS = sql.raw('10.0, 4.0, 1.0, 3.0');

/** Rows per INSERT in a bulk load: 5 parameters each, well under SQLite's limit. */
const BATCH = 200;

/**
 * Matches are tested against `articles` through the index that carries the filter columns
 * (migration 0024): the row itself holds the body before them, and reading past it costs an
 * overflow-page walk per match. Named, as the planner prefers the primary key for `a.id = …`.
 */
const ARTICLES = sql.raw('articles a indexed by articles_search_filter');

export const sqliteEngine: SearchEngine = {
  async put(db: Db, id: number, f: IndexedFields) {
    // Contentless-delete tables drop a row by rowid alone, so the old terms are not needed.
    await sql`delete from search_fts where rowid = ${id}`.execute(db);
    await sql`insert into search_fts (rowid, headline, dek, body, tags) values (${id}, ${f.headline}, ${f.dek}, ${f.body}, ${f.tags})`.execute(db);
    const at = new Date().toISOString();
    await db
      .insertInto('search_documents')
      .values({ article_id: id, indexed_at: at })
      .onConflict((oc) => oc.column('article_id').doUpdateSet({ indexed_at: at }))
      .execute();
  },

  async putMany(db: Db, rows: { id: number; fields: IndexedFields }[]) {
    for (let i = 0; i < rows.length; i += BATCH) {
      const values = rows
        .slice(i, i + BATCH)
        .map(({ id, fields: f }) => sql`(${id}, ${f.headline}, ${f.dek}, ${f.body}, ${f.tags})`);
      await sql`insert into search_fts (rowid, headline, dek, body, tags) values ${sql.join(values)}`.execute(db);
    }
    const at = new Date().toISOString();
    for (let i = 0; i < rows.length; i += 500) {
      await db.insertInto('search_documents').values(rows.slice(i, i + 500).map((r) => ({ article_id: r.id, indexed_at: at }))).execute();
    }
  },

  async bulkLoad(db: Db, starting: boolean) {
    // FTS5 merges its segments as rows arrive; during a rebuild that work is wasted on segments
    // about to be merged again. Merge once at the end instead (and restore the default, 4).
    if (starting) await sql`insert into search_fts (search_fts, rank) values ('automerge', 0)`.execute(db);
    else {
      await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
      await sql`insert into search_fts (search_fts, rank) values ('automerge', 4)`.execute(db);
    }
  },

  async remove(db: Db, id: number) {
    await sql`delete from search_fts where rowid = ${id}`.execute(db);
    await db.deleteFrom('search_documents').where('article_id', '=', id).execute();
  },

  async clear(db: Db) {
    await sql`delete from search_fts`.execute(db);
    await db.deleteFrom('search_documents').execute();
  },

  async search(db: Db, q: EngineQuery): Promise<EngineResult> {
    const match = fts5Expression(q.query, q.mode);
    if (!match) return { hits: [], total: 0, more: false };
    // 1. The newest matches that pass the filters, newest first: FTS5 walks its doclists in
    //    rowid order and stops at the window, without scoring anything. CROSS JOIN keeps FTS5
    //    the outer loop (SQLite would otherwise scan articles and re-run the MATCH per row).
    const { rows: window } = await sql<{ id: number }>`
      select f.rowid as id from search_fts f cross join ${ARTICLES} on a.id = f.rowid
      where search_fts match ${match} and ${filters(q)}
      order by f.rowid desc limit ${RANK_WINDOW + 1}`.execute(db);
    const more = window.length > RANK_WINDOW;
    const total = Math.min(window.length, RANK_WINDOW);
    if (total === 0 || q.offset >= total) return { hits: [], total, more };
    if (q.sort === 'date') {
      const ids = window.slice(q.offset, q.offset + q.limit).map((r) => Number(r.id));
      const { rows } = await sql<{ id: number; published_at: string }>`select a.id, a.published_at from ${ARTICLES} where a.id in (${sql.join(ids)})`.execute(db);
      const at = new Map(rows.map((r) => [Number(r.id), r.published_at]));
      ids.sort((x, y) => (at.get(y) ?? '').localeCompare(at.get(x) ?? '') || y - x);
      return { hits: ids.map((id) => ({ id, score: 0 })), total, more };
    }
    // 2. Score only the window (rowid >= its oldest), then filter again and take the page.
    //    bm25() cannot be used beside a join's other tables, hence the materialized step.
    const oldest = Number(window[total - 1]!.id);
    const { rows } = await sql<{ id: number; score: number }>`
      with m as materialized (
        select rowid as id, bm25(search_fts, ${WEIGHTS}) as score from search_fts where search_fts match ${match} and rowid >= ${oldest}
      )
      select m.id, m.score from m cross join ${ARTICLES} on a.id = m.id
      where ${filters(q)}
      order by m.score, m.id desc
      limit ${q.limit} offset ${q.offset}`.execute(db);
    return { hits: rows.map((r) => ({ id: Number(r.id), score: -Number(r.score) })), total, more };
  },

  async sizeBytes(db: Db) {
    try {
      const { rows } = await sql<{ bytes: number | null }>`select sum(pgsize) as bytes from dbstat where name like 'search_fts%'`.execute(db);
      return Number(rows[0]?.bytes ?? 0);
    } catch {
      // dbstat is a compile-time option; without it, report the whole file.
      const { rows } = await sql<{ bytes: number }>`select page_count * page_size as bytes from pragma_page_count(), pragma_page_size()`.execute(db);
      return Number(rows[0]?.bytes ?? 0);
    }
  },
};
