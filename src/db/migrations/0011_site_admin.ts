import type { Kysely, Migration } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * Site administration: `admin_log` keeps who changed what among the site's settings and its
 * sections and tags (and, later, any other admin action: `action` and `subject_type` are open
 * text), with the values before and after as JSON, secrets already masked. Sections get SEO
 * fields; tags get a description and SEO fields like sections.
 */
export function siteAdmin({ dialect }: MigrationContext): Migration {
  const { idType, id } = idColumn(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('admin_log')
        .addColumn('id', idType, id)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'integer')
        .addColumn('subject_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('changes', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('admin_log_subject').on('admin_log').columns(['subject_type', 'created_at']).execute();
      await db.schema.createIndex('admin_log_created').on('admin_log').column('created_at').execute();
      for (const table of ['sections', 'tags']) {
        await db.schema.alterTable(table).addColumn('seo_title', 'text', (c) => c.notNull().defaultTo('')).execute();
        await db.schema.alterTable(table).addColumn('seo_description', 'text', (c) => c.notNull().defaultTo('')).execute();
      }
      await db.schema.alterTable('tags').addColumn('description', 'text', (c) => c.notNull().defaultTo('')).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('tags').dropColumn('description').execute();
      for (const table of ['sections', 'tags']) {
        await db.schema.alterTable(table).dropColumn('seo_description').execute();
        await db.schema.alterTable(table).dropColumn('seo_title').execute();
      }
      await db.schema.dropTable('admin_log').execute();
    },
  };
}
