import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * The newest stories of a tag, read straight off an index: related stories take each tag's
 * newest few, and with a tag on thousands of stories the old index (tag alone) meant reading
 * and sorting them all on every article page rendered.
 */
export function tagRecency(_ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('article_tags_tag_article').on('article_tags').columns(['tag_id', 'article_id']).execute();
      await db.schema.dropIndex('article_tags_tag').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.createIndex('article_tags_tag').on('article_tags').column('tag_id').execute();
      await db.schema.dropIndex('article_tags_tag_article').execute();
    },
  };
}
