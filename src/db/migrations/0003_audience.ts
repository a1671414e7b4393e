import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * Audience: view counting without tracking, and the figures analytics and "most read" use.
 *
 * - `view_salts`: one random salt per day, shared by every instance so a reader is counted once
 *   whichever instance answers; rows of past days are deleted, so yesterday's hashes cannot be
 *   recomputed from an IP address.
 * - `view_seen`: (day, hash of salt+IP+UA+article) of views already counted today. The primary
 *   key makes "count once per reader per article per day" exact across instances. Pruned daily.
 * - `article_views_daily`, `article_views_hourly`, `referrer_views_daily`: counts only, written
 *   as increments. Days are site-local (`YYYY-MM-DD`), hours UTC (`YYYY-MM-DDTHH`).
 */
export function audience(_ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('view_salts')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('salt', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('view_seen')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('view_seen_pk', ['day', 'hash'])
        .execute();
      await db.schema
        .createTable('article_views_daily')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('views', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_views_daily_pk', ['article_id', 'day'])
        .execute();
      await db.schema.createIndex('article_views_daily_day').on('article_views_daily').column('day').execute();
      await db.schema
        .createTable('article_views_hourly')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('hour', 'text', (c) => c.notNull())
        .addColumn('views', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_views_hourly_pk', ['article_id', 'hour'])
        .execute();
      await db.schema.createIndex('article_views_hourly_hour').on('article_views_hourly').column('hour').execute();
      await db.schema
        .createTable('referrer_views_daily')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('views', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('referrer_views_daily_pk', ['day', 'article_id', 'domain'])
        .execute();
      // The moderation queue lists by status, newest first.
      await db.schema.createIndex('comments_status_created').on('comments').columns(['status', 'created_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('comments_status_created').execute();
      for (const t of ['referrer_views_daily', 'article_views_hourly', 'article_views_daily', 'view_seen', 'view_salts']) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
