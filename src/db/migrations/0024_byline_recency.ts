import { sql, type Kysely, type Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * The article list filtered by byline, newest change first, read off one index range: each
 * byline keeps a copy of its story's last change and state (kept by the article writer), so
 * a person's stories need not be joined to every story and sorted. Stories by who created
 * them get the same order in their index.
 */
export function bylineRecency(_ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('article_authors').addColumn('updated_at', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('article_authors').addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')).execute();
      await sql`update article_authors set
        updated_at = (select a.updated_at from articles a where a.id = article_authors.article_id),
        status = (select a.status from articles a where a.id = article_authors.article_id)`.execute(db);
      await db.schema.createIndex('article_authors_person_updated').on('article_authors').columns(['person_id', 'updated_at', 'article_id']).execute();
      await db.schema.createIndex('article_authors_person_status_updated').on('article_authors').columns(['person_id', 'status', 'updated_at', 'article_id']).execute();
      await db.schema.createIndex('articles_created_by_updated').on('articles').columns(['created_by', 'updated_at', 'id']).execute();
      await db.schema.dropIndex('articles_created_by').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.createIndex('articles_created_by').on('articles').column('created_by').execute();
      for (const i of ['articles_created_by_updated', 'article_authors_person_status_updated', 'article_authors_person_updated']) await db.schema.dropIndex(i).execute();
      await db.schema.alterTable('article_authors').dropColumn('status').execute();
      await db.schema.alterTable('article_authors').dropColumn('updated_at').execute();
    },
  };
}
