import { sql, type Kysely, type Migration } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * The change log and the counters' own table.
 *
 * `change_events` is the transactional outbox: every change to content writes its typed event
 * here in the same transaction (content/changes.ts). In-process listeners hear it after
 * commit; `dispatched_at` stays null until the outbox worker (distribution/) has taken it, so
 * an event survives a crash between commit and delivery.
 *
 * View and comment counts are not content: they move from `articles` to `article_counters`,
 * which the audience code writes in batches without touching the article writer or its events.
 */
export function changes(ctx: MigrationContext): Migration {
  const { idType, id } = idColumn(ctx.dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('change_events')
        .addColumn('id', idType, id)
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('article_id', 'integer')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('dispatched_at', 'text')
        .execute();
      await db.schema.createIndex('change_events_pending').on('change_events').column('dispatched_at').execute();

      await db.schema
        .createTable('article_counters')
        .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('comments', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`insert into article_counters (article_id, views, comments)
        select id, view_count, comment_count from articles where view_count <> 0 or comment_count <> 0`.execute(db);
      await db.schema.alterTable('articles').dropColumn('view_count').execute();
      await db.schema.alterTable('articles').dropColumn('comment_count').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('articles').addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('articles').addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await sql`update articles set
        view_count = coalesce((select views from article_counters where article_id = articles.id), 0),
        comment_count = coalesce((select comments from article_counters where article_id = articles.id), 0)`.execute(db);
      await db.schema.dropTable('article_counters').execute();
      await db.schema.dropTable('change_events').execute();
    },
  };
}
