import { sql } from 'kysely';
import type { IndexedFields } from '../document.js';
import { fts5Expression } from './expressions.js';
import { filters } from './filters.js';
import type { Db, EngineQuery, EngineResult, SearchEngine } from './types.js';

/**
 * SQLite FTS5: a contentless table `search_fts(headline, dek, body, tags)` with rowid = article
 * id (migration 0004), plus a `search_documents` row per indexed article. bm25() weights: a headline match counts 10×, the dek 4×, tags 3×, the
 * body 1×; FTS5's bm25 is "smaller is better", hence ascending order.
 */
const WEIGHTS = sql.raw('10.0, 4.0, 1.0, 3.0');

/** Rows per INSERT in a bulk load: 5 parameters each, well under SQLite's limit. */
const BATCH = 200;

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
    if (!match) return { hits: [], total: 0 };
    const order = q.sort === 'date' ? sql`a.published_at desc, a.id desc` : sql`m.score, a.published_at desc`;
    // One statement gives the page and the total: the window count runs over the same matches.
    // bm25() cannot sit beside a window function, so the matches are scored first, apart.
    const { rows } = await sql<{ id: number; score: number; total: number }>`
      with m as materialized (
        select rowid as id, bm25(search_fts, ${WEIGHTS}) as score from search_fts where search_fts match ${match}
      )
      select m.id, m.score, count(*) over () as total
      from m join articles a on a.id = m.id
      where ${filters(q)}
      order by ${order}
      limit ${q.limit} offset ${q.offset}`.execute(db);
    return { hits: rows.map((r) => ({ id: Number(r.id), score: -Number(r.score) })), total: Number(rows[0]?.total ?? 0) };
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
