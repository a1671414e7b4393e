import { sql, type RawBuilder } from 'kysely';
import type { IndexedFields } from '../document.js';
import { tsqueryExpression } from './expressions.js';
import { filters } from './filters.js';
import { RANK_WINDOW, type Db, type EngineQuery, type EngineResult, type SearchEngine } from './types.js';

/**
 * PostgreSQL: `search_documents.document` is a tsvector built with the `simple` configuration
 * (our terms are already stems, and ASCII) and weighted A headline, B dek, C body, D tags,
 * under a GIN index (migration 0004). ts_rank's weight array is {D, C, B, A}.
 */
const RANK_WEIGHTS = '{0.3, 0.1, 0.4, 1.0}';

/** Rows per INSERT in a bulk load. */
const BATCH = 200;

function documentOf(f: IndexedFields): RawBuilder<unknown> {
  return sql`setweight(to_tsvector('simple', ${f.headline}), 'A') || setweight(to_tsvector('simple', ${f.dek}), 'B') || setweight(to_tsvector('simple', ${f.body}), 'C') || setweight(to_tsvector('simple', ${f.tags}), 'D')`;
}

export const postgresEngine: SearchEngine = {
  async put(db: Db, id: number, f: IndexedFields) {
    const at = new Date().toISOString();
    await sql`insert into search_documents (article_id, indexed_at, document) values (${id}, ${at}, ${documentOf(f)})
      on conflict (article_id) do update set document = excluded.document, indexed_at = excluded.indexed_at`.execute(db);
  },

  async putMany(db: Db, rows: { id: number; fields: IndexedFields }[]) {
    const at = new Date().toISOString();
    for (let i = 0; i < rows.length; i += BATCH) {
      const values = rows.slice(i, i + BATCH).map(({ id, fields }) => sql`(${id}, ${at}, ${documentOf(fields)})`);
      await sql`insert into search_documents (article_id, indexed_at, document) values ${sql.join(values)}
        on conflict (article_id) do update set document = excluded.document, indexed_at = excluded.indexed_at`.execute(db);
    }
  },

  async bulkLoad(db: Db, starting: boolean) {
    // Fresh statistics after a rebuild (which follows imports): without them the planner
    // misjudges how many rows a term matches and how many stories are published, and joins
    // every published story by hash instead of walking the newest few by primary key.
    if (!starting) {
      await sql`analyze search_documents`.execute(db);
      await sql`analyze articles`.execute(db);
    }
  },

  async remove(db: Db, id: number) {
    await sql`delete from search_documents where article_id = ${id}`.execute(db);
  },

  async clear(db: Db) {
    await sql`delete from search_documents`.execute(db);
  },

  async search(db: Db, q: EngineQuery): Promise<EngineResult> {
    const expr = tsqueryExpression(q.query, q.mode);
    if (!expr) return { hits: [], total: 0, more: false };
    if (db.isTransaction) return searchIn(db, q, expr);
    // For a frequent word the planner prefers reading every tsvector (a sequential scan) to the
    // GIN index, because it does not count the cost of unpacking each large, TOASTed vector:
    // 1.1 s instead of 50 ms at 100k stories. Within this query only, it may not.
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return searchIn(trx, q, expr);
    });
  },

  async sizeBytes(db: Db) {
    const { rows } = await sql<{ bytes: number }>`select pg_total_relation_size('search_documents') as bytes`.execute(db);
    return Number(rows[0]?.bytes ?? 0);
  },
};

async function searchIn(db: Db, q: EngineQuery, expr: string): Promise<EngineResult> {
  // The newest matches first (the same window as SQLite's), ranked within the window. The
  // matches come from the GIN index alone (materialized: with ORDER BY … LIMIT the planner
  // would rather walk the primary key backwards and test every row's tsvector; and the
  // tsquery is written in the condition, where the planner can see how rare the terms are,
  // not in FROM, where it guesses and picks a sequential scan); only the window's tsvectors
  // are then read to rank them.
  const order = q.sort === 'date' ? sql`a.published_at desc, w.id desc` : sql`score desc, w.id desc`;
  const { rows } = await sql<{ id: number; score: number; total: number }>`
    with m as materialized (
      select d.article_id as id from search_documents d where d.document @@ to_tsquery('simple', ${expr})
    ),
    w as (
      select m.id from m join articles a on a.id = m.id
      where ${filters(q)}
      order by m.id desc
      limit ${RANK_WINDOW + 1}
    )
    select w.id, ts_rank(${RANK_WEIGHTS}::float4[], d.document, to_tsquery('simple', ${expr})) as score, count(*) over () as total
    from w join search_documents d on d.article_id = w.id join articles a on a.id = w.id
    order by ${order}
    limit ${q.limit} offset ${q.offset}`.execute(db);
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && q.offset > 0) {
    const { rows: c } = await sql<{ n: number }>`
      select count(*) as n from (select 1 from search_documents d join articles a on a.id = d.article_id, to_tsquery('simple', ${expr}) q
      where d.document @@ q and ${filters(q)} limit ${RANK_WINDOW + 1}) x`.execute(db);
    total = Number(c[0]?.n ?? 0);
  }
  const more = total > RANK_WINDOW;
  const hits = rows.filter((_, i) => q.offset + i < RANK_WINDOW).map((r) => ({ id: Number(r.id), score: Number(r.score) }));
  return { hits, total: Math.min(total, RANK_WINDOW), more };
}
