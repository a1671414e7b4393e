import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * Edits of a live story wait in `pending_changes` until someone chooses "Update": readers,
 * feeds, the APIs and the search index keep seeing the published version. `slug_manual`
 * remembers that a person typed the slug, so it stops following the headline.
 */
export function pendingChanges(_ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('pending_changes')
        .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('articles').addColumn('slug_manual', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('articles').dropColumn('slug_manual').execute();
      await db.schema.dropTable('pending_changes').execute();
    },
  };
}
