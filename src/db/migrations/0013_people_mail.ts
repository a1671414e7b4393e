import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * People profiles and mail: a square photo (a media row), social links (a JSON list of
 * http(s) URLs), whether the e-mail is shown on the author page, whether submissions are
 * mailed to the person, when they last signed in, and whether their password was made for
 * them (a one-time password must be replaced at the first sign-in). An invitation is a
 * password-reset row of its own kind, valid longer.
 */
export function peopleMail(_ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('people').addColumn('photo_media_id', 'integer', (c) => c.references('media.id').onDelete('set null')).execute();
      await db.schema.alterTable('people').addColumn('social_links', 'text', (c) => c.notNull().defaultTo('[]')).execute();
      await db.schema.alterTable('people').addColumn('email_public', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('people').addColumn('notify_submissions', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.alterTable('people').addColumn('last_sign_in_at', 'text').execute();
      await db.schema.alterTable('people').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('password_resets').addColumn('purpose', 'text', (c) => c.notNull().defaultTo('reset')).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('password_resets').dropColumn('purpose').execute();
      for (const column of ['must_change_password', 'last_sign_in_at', 'notify_submissions', 'email_public', 'social_links', 'photo_media_id']) {
        await db.schema.alterTable('people').dropColumn(column).execute();
      }
    },
  };
}
