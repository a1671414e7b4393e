import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * Failed sign-ins counted per login name in their own table, so that a name nobody has is
 * locked after the same number of failures as a real account, and the count is one atomic
 * upsert instead of a read and a write (40 parallel attempts left the old counter at 0).
 */
export function hardening(_ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('login_failures')
        .addColumn('account', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('login_failures').execute();
    },
  };
}
