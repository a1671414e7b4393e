import { sql, type Kysely, type Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * Full-text search. The index holds analyzer terms (ASCII, see src/search/analyzer.ts), never
 * raw Gujarati, so neither engine needs a tokenizer of its own:
 * - SQLite: a contentless FTS5 table (`contentless_delete=1`: rows can be replaced and deleted
 *   by rowid without handing back the old text), rowid = article id, one column per field so
 *   bm25() can weight the headline over the dek, body and tags.
 * - PostgreSQL: a tsvector per article built with setweight A/B/C/D, under a GIN index.
 * `search_documents` says which articles are in the index (both engines), and
 * `search_vocabulary` counts the folded Gujarati word forms of the published text: Latin and
 * Devanagari queries are matched against it, and "did you mean" draws from it.
 */
export function search({ dialect }: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres') {
        await db.schema
          .createTable('search_documents')
          .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
          .addColumn('indexed_at', 'text', (c) => c.notNull())
          .addColumn('document', sql`tsvector`, (c) => c.notNull())
          .execute();
        await sql`create index search_documents_document on search_documents using gin (document)`.execute(db);
      } else {
        // The default unicode61 tokenizer is safe: every term is [a-z0-9]+.
        await sql`create virtual table search_fts using fts5(headline, dek, body, tags, content='', contentless_delete=1)`.execute(db);
        await db.schema
          .createTable('search_documents')
          .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
          .addColumn('indexed_at', 'text', (c) => c.notNull())
          .execute();
      }
      await db.schema
        .createTable('search_vocabulary')
        .addColumn('word', 'text', (c) => c.primaryKey())
        .addColumn('frequency', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('search_vocabulary').execute();
      await db.schema.dropTable('search_documents').execute();
      if (dialect === 'sqlite') await sql`drop table search_fts`.execute(db);
    },
  };
}
