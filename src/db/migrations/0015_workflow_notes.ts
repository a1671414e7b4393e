import type { Kysely, Migration } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * `article_notes`: an editor's "send back with a note" to the writer, shown in the editor and
 * on the writer's dashboard until the story is submitted again (`resolved_at`).
 * `server_keys`: keys the site makes for itself on first use (the preview links' signing key),
 * kept in the database so every instance signs alike; never exported.
 */
export function workflowNotes({ dialect }: MigrationContext): Migration {
  const { idType, id } = idColumn(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('article_notes')
        .addColumn('id', idType, id)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .execute();
      await db.schema.createIndex('article_notes_article').on('article_notes').columns(['article_id', 'resolved_at']).execute();
      await db.schema
        .createTable('server_keys')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('server_keys').execute();
      await db.schema.dropTable('article_notes').execute();
    },
  };
}
