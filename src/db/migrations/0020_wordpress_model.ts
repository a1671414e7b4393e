import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * What WordPress sites use that a story lacked: further sections beside the primary one (which
 * keeps the URL and breadcrumb), a post format, a reader password, comments open or closed per
 * story; and for comments, the safe HTML an imported comment had (its links).
 */
export function wordpressModel(_ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('article_sections')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('article_sections_pk', ['article_id', 'section_id'])
        .execute();
      await db.schema.createIndex('article_sections_section').on('article_sections').column('section_id').execute();
      await db.schema.alterTable('articles').addColumn('format', 'text', (c) => c.notNull().defaultTo('standard')).execute();
      await db.schema.alterTable('articles').addColumn('password', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('articles').addColumn('comments_open', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.alterTable('comments').addColumn('body_html', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('comments').dropColumn('body_html').execute();
      await db.schema.alterTable('articles').dropColumn('comments_open').execute();
      await db.schema.alterTable('articles').dropColumn('password').execute();
      await db.schema.alterTable('articles').dropColumn('format').execute();
      await db.schema.dropTable('article_sections').execute();
    },
  };
}
