import { sql, type Kysely, type Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/** legacy_ids kinds → the id space they are numbered in here (posts and pages are both stories). */
const spaceOf: Record<string, string> = {
  post: 'article',
  page: 'article',
  attachment: 'media',
  category: 'section',
  tag: 'tag',
  author: 'person',
  comment: 'comment',
};

/**
 * The ids WordPress gave imported things, as the ids the `/wp-json` API, `?p=` and feed GUIDs
 * speak: one row per (kind, WordPress id) ↔ local row, each side unique. Things made here have
 * no row and are numbered above the highest imported id of their kind (content/wpIds.ts).
 * `guid` keeps WordPress's own GUID so feed readers see imported items as the ones they had.
 * Sites imported before this migration get their rows from legacy_ids (numeric ids only).
 */
export function wordpressIds(_ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('wp_ids')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('wp_id', 'integer', (c) => c.notNull())
        .addColumn('local_id', 'integer', (c) => c.notNull())
        .addColumn('guid', 'text')
        .addPrimaryKeyConstraint('wp_ids_pk', ['kind', 'wp_id'])
        .execute();
      await db.schema.createIndex('wp_ids_local').on('wp_ids').columns(['kind', 'local_id']).unique().execute();
      const rows = await sql<{ kind: string; legacy_id: string; local_id: number }>`select kind, legacy_id, local_id from legacy_ids order by source, kind, legacy_id`.execute(db);
      const seen = new Set<string>();
      for (const r of rows.rows) {
        const kind = spaceOf[r.kind];
        if (!kind || !/^\d{1,9}$/.test(r.legacy_id)) continue;
        const a = `${kind}:${Number(r.legacy_id)}`;
        const b = `${kind}#${r.local_id}`;
        if (seen.has(a) || seen.has(b)) continue;
        seen.add(a).add(b);
        await sql`insert into wp_ids (kind, wp_id, local_id) values (${kind}, ${Number(r.legacy_id)}, ${r.local_id})`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('wp_ids').execute();
    },
  };
}
