import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * Request counts of the rate-limited routes (sign-in, password reset, comments, uploads), kept
 * in the database so that every instance counts the same client in the same window.
 */
export function rateLimits({ dialect }: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('hits', 'integer', (c) => c.notNull())
        // Milliseconds since the epoch: compared with the clock, never shown.
        .addColumn('window_ends', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_limits_window_ends').on('rate_limits').column('window_ends').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('rate_limits').execute();
    },
  };
}
