import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * Where imported things came from: one row per WordPress post, attachment, term, author or
 * comment, keyed by the source site and the WordPress id. Re-running an import looks rows up
 * here to update instead of duplicating; `/?p=ID` and old permalinks are answered from it.
 */
export function wordpress(_ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('legacy_ids')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('legacy_id', 'text', (c) => c.notNull())
        .addColumn('local_id', 'integer', (c) => c.notNull())
        .addColumn('legacy_path', 'text')
        .addPrimaryKeyConstraint('legacy_ids_pk', ['source', 'kind', 'legacy_id'])
        .execute();
      await db.schema.createIndex('legacy_ids_path').on('legacy_ids').column('legacy_path').execute();
      await db.schema.createIndex('legacy_ids_local').on('legacy_ids').columns(['kind', 'local_id']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('legacy_ids').execute();
    },
  };
}
