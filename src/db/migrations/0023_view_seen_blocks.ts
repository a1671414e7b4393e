import type { Kysely, Migration } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * `view_seen` held one row per reader per story per day: at 20,000 beacons a second that is a
 * B-tree insert each, and a batch grew slower as the day's rows grew. Instead each flush now
 * appends one row, `view_seen_blocks`, whose `hashes` are the 8-byte fingerprints it counted;
 * instances read each other's new blocks when they flush, and a restart reads the day's
 * blocks back into memory. Today's repeats are remembered in memory, so nothing is carried over.
 */
export function viewSeenBlocks({ dialect }: MigrationContext): Migration {
  const { idType, id } = idColumn(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('view_seen_blocks')
        .addColumn('id', idType, id)
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('hashes', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('view_seen_blocks_day').on('view_seen_blocks').columns(['day', 'id']).execute();
      await db.schema.dropTable('view_seen').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema
        .createTable('view_seen')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('view_seen_pk', ['day', 'hash'])
        .execute();
      await db.schema.dropTable('view_seen_blocks').execute();
    },
  };
}
