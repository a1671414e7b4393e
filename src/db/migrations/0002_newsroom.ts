import type { Kysely, Migration } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * The newsroom: accounts and roles on people, sessions, password resets, revisions,
 * corrections, edit locks, scheduling and home-page curation.
 */
export function newsroom({ dialect }: MigrationContext): Migration {
  const { idType, id } = idColumn(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('people').addColumn('role', 'text').execute();
      await db.schema.alterTable('people').addColumn('password_hash', 'text').execute();
      await db.schema.alterTable('people').addColumn('ui_locale', 'text', (c) => c.notNull().defaultTo('gu')).execute();
      await db.schema.alterTable('people').addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('people').addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('people').addColumn('locked_until', 'text').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_person').on('sessions').column('person_id').execute();

      await db.schema
        .createTable('password_resets')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();

      await db.schema.alterTable('articles').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.alterTable('articles').addColumn('scheduled_for', 'text').execute();
      await db.schema.alterTable('articles').addColumn('embargo_until', 'text').execute();
      await db.schema.alterTable('articles').addColumn('schedule_error', 'text').execute();
      await db.schema.alterTable('articles').addColumn('created_by', 'integer', (c) => c.references('people.id').onDelete('set null')).execute();
      await db.schema.alterTable('articles').addColumn('editing_by', 'integer', (c) => c.references('people.id').onDelete('set null')).execute();
      await db.schema.alterTable('articles').addColumn('editing_since', 'text').execute();
      await db.schema.createIndex('articles_scheduled').on('articles').columns(['status', 'scheduled_for']).execute();

      await db.schema
        .createTable('revisions')
        .addColumn('id', idType, id)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        /** JSON of the editable fields as saved. */
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('revisions_article').on('revisions').columns(['article_id', 'version']).unique().execute();

      await db.schema
        .createTable('corrections')
        .addColumn('id', idType, id)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('home_pins')
        .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
    },
  };
}
