import type { Kysely, Migration } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * Distribution: the channels a newsroom posts to, the readers of channels that send to one
 * person at a time (web push subscriptions, WhatsApp opt-ins), and one delivery row per
 * (channel, change event, recipient) — the unique key that keeps one event from ever giving a
 * channel two deliveries. `change_event_id` has no foreign key: dispatched events are pruned
 * after seven days, their deliveries are the newsroom's history. The key includes the event's
 * time because event ids start again in a site restored from an archive (change_events is not
 * archived; deliveries are), and a new event must not collide with an old delivery. Table names
 * sort in the order a restore must insert them (channels, deliveries, recipients).
 */
export function distribution({ dialect }: MigrationContext): Migration {
  const { idType, id } = idColumn(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('channels')
        .addColumn('id', idType, id)
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('sections', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('breaking_only', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('first_publication_only', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('delay_seconds', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('kinds', 'text', (c) => c.notNull())
        .addColumn('allow_private', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('recipients')
        .addColumn('id', idType, id)
        .addColumn('channel_id', 'integer', (c) => c.notNull().references('channels.id').onDelete('cascade'))
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('topics', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('recipients_address').on('recipients').columns(['channel_id', 'address']).unique().execute();

      await db.schema
        .createTable('deliveries')
        .addColumn('id', idType, id)
        .addColumn('channel_id', 'integer', (c) => c.notNull().references('channels.id').onDelete('cascade'))
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('change_event_id', 'integer', (c) => c.notNull())
        .addColumn('event_at', 'text', (c) => c.notNull())
        .addColumn('recipient_id', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_at', 'text')
        .addColumn('reason', 'text')
        .addColumn('detail', 'text')
        .addColumn('http_status', 'integer')
        .addColumn('remote_id', 'text')
        .addColumn('remote_url', 'text')
        .addColumn('memory', 'text')
        .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('fresh_post', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('resent_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('resent_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .execute();
      await db.schema
        .createIndex('deliveries_once')
        .on('deliveries')
        .columns(['channel_id', 'change_event_id', 'event_at', 'recipient_id'])
        .unique()
        .execute();
      await db.schema.createIndex('deliveries_due').on('deliveries').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('deliveries_story').on('deliveries').columns(['article_id', 'channel_id', 'recipient_id', 'id']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('deliveries').execute();
      await db.schema.dropTable('recipients').execute();
      await db.schema.dropTable('channels').execute();
    },
  };
}
