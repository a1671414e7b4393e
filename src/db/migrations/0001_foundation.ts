import type { Kysely, Migration } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/** Site settings, sections, people, tags, media, articles and their links, comments, redirects. */
export function foundation({ dialect }: MigrationContext): Migration {
  const { idType, id } = idColumn(dialect);
  return {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('sections')
          .addColumn('id', idType, id)
          .addColumn('slug', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('parent_id', 'integer', (c) => c.references('sections.id').onDelete('restrict'))
          .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('people')
          .addColumn('id', idType, id)
          .addColumn('slug', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('email', 'text', (c) => c.unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('tags')
          .addColumn('id', idType, id)
          .addColumn('slug', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('media')
          .addColumn('id', idType, id)
          .addColumn('path', 'text', (c) => c.notNull().unique())
          .addColumn('mime', 'text', (c) => c.notNull())
          .addColumn('width', 'integer', (c) => c.notNull())
          .addColumn('height', 'integer', (c) => c.notNull())
          .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('articles')
          .addColumn('id', idType, id)
          .addColumn('language', 'text', (c) => c.notNull().defaultTo('gu'))
          .addColumn('headline', 'text', (c) => c.notNull())
          .addColumn('dek', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('slug', 'text', (c) => c.notNull().unique())
          .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
          .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('restrict'))
          .addColumn('featured_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
          .addColumn('featured_caption', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('featured_alt', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('seo_title', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('seo_description', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('is_breaking', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('update_note', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('published_at', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('articles_status_published').on('articles').columns(['status', 'published_at']).execute();
        await db.schema.createIndex('articles_section_published').on('articles').columns(['section_id', 'published_at']).execute();

        await db.schema
          .createTable('article_authors')
          .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
          .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
          .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'person_id'])
          .execute();
        await db.schema.createIndex('article_authors_person').on('article_authors').column('person_id').execute();

        await db.schema
          .createTable('article_tags')
          .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
          .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
          .execute();
        await db.schema.createIndex('article_tags_tag').on('article_tags').column('tag_id').execute();

        await db.schema
          .createTable('comments')
          .addColumn('id', idType, id)
          .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
          .addColumn('author_name', 'text', (c) => c.notNull())
          .addColumn('author_email', 'text')
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('comments_article').on('comments').columns(['article_id', 'status']).execute();

        await db.schema
          .createTable('redirects')
          .addColumn('id', idType, id)
          .addColumn('from_path', 'text', (c) => c.notNull().unique())
          .addColumn('to_path', 'text', (c) => c.notNull())
          .addColumn('status_code', 'integer', (c) => c.notNull().defaultTo(301))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
      },
  };
}
