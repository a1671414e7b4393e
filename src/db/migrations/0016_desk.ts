import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * The newsroom's lists at archive scale.
 * - `desk_terms`: the analyzed terms (stems and sounds) of every story's headline and dek,
 *   drafts included: the public search index holds only published stories, and the desk must
 *   find its drafts by Latin or inflected words too. One row per (term, story), looked up by
 *   the primary key.
 * - Indexes for the lists' order (last change first) alone, by state, by section, by both;
 *   stories by who created them (the byline filter).
 * - `comments.site_reply`: a reply written by the newsroom, shown as the site's.
 */
export function desk(_ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('desk_terms')
        .addColumn('term', 'text', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('desk_terms_pk', ['term', 'article_id'])
        .execute();
      await db.schema.createIndex('desk_terms_article').on('desk_terms').column('article_id').execute();
      await db.schema.createIndex('articles_updated').on('articles').columns(['updated_at', 'id']).execute();
      await db.schema.createIndex('articles_status_updated').on('articles').columns(['status', 'updated_at', 'id']).execute();
      await db.schema.createIndex('articles_section_updated').on('articles').columns(['section_id', 'updated_at', 'id']).execute();
      await db.schema.createIndex('articles_status_section_updated').on('articles').columns(['status', 'section_id', 'updated_at', 'id']).execute();
      await db.schema.createIndex('articles_created_by').on('articles').column('created_by').execute();
      await db.schema.alterTable('comments').addColumn('site_reply', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('comments').dropColumn('site_reply').execute();
      for (const i of ['articles_created_by', 'articles_status_section_updated', 'articles_section_updated', 'articles_status_updated', 'articles_updated', 'desk_terms_article']) await db.schema.dropIndex(i).execute();
      await db.schema.dropTable('desk_terms').execute();
    },
  };
}
