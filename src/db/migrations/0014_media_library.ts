import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * The media library: who uploaded an image (they may edit and delete it), the name it was
 * sent with, a key to search it by (Gujarati and Latin spellings), and the crop its variants
 * are cut to (an aspect ratio around a focal point). A new crop makes files under a new name
 * (media files are cached as immutable); `former_paths` keeps the old names, which story
 * bodies may still point at.
 */
export function mediaLibrary(_ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('media')
        .addColumn('uploaded_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
        .execute();
      await db.schema.alterTable('media').addColumn('file_name', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('media').addColumn('search_key', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('media').addColumn('focus_x', 'double precision', (c) => c.notNull().defaultTo(0.5)).execute();
      await db.schema.alterTable('media').addColumn('focus_y', 'double precision', (c) => c.notNull().defaultTo(0.5)).execute();
      await db.schema.alterTable('media').addColumn('aspect', 'text', (c) => c.notNull().defaultTo('original')).execute();
      await db.schema.alterTable('media').addColumn('former_paths', 'text', (c) => c.notNull().defaultTo('[]')).execute();
    },
    async down(db: Kysely<unknown>) {
      for (const column of ['former_paths', 'aspect', 'focus_y', 'focus_x', 'search_key', 'file_name', 'uploaded_by']) {
        await db.schema.alterTable('media').dropColumn(column).execute();
      }
    },
  };
}
