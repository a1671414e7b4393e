import { sql, type Kysely, type Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * The newsroom at archive scale, second part.
 * - `media_uses`: which stories show which images (featured, in the body, or only in a live
 *   story's pending changes), kept by the article writer, so "where is this image used" and
 *   "delete if unused" read an index instead of scanning every body. Filled here from what
 *   is stored.
 * - `article_authors (person_id, article_id)`: the byline filter reads a person's stories from
 *   the index alone (the old index on `person_id` had to visit the table for every row).
 *
 * The backfill reads bodies as content/mediaRefs.ts does, written out here: a migration must
 * keep doing what it did when it shipped, whatever later code does.
 */
const variantSuffix = /-(?:400|800|1200)\.(?:webp|jpg)$/;
const stem = (p: string) => p.replace(/\.[a-z0-9]+$/i, '');

function refsIn(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/\/media\/([^"'\s<>?#,)]+)/g)) {
    try {
      out.add(decodeURIComponent(m[1]!));
    } catch {
      out.add(m[1]!);
    }
  }
  return [...out];
}

interface Backfill {
  media: { id: number; path: string; former_paths: string }[];
  articles: { id: number; featured_media_id: number | null; body_html: string }[];
  pending: { article_id: number; snapshot: string }[];
}

export function mediaUses(_ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('media_uses')
        .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('used_as', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('media_uses_pk', ['media_id', 'article_id'])
        .execute();
      await db.schema.createIndex('media_uses_article').on('media_uses').column('article_id').execute();
      await db.schema.createIndex('article_authors_person_article').on('article_authors').columns(['person_id', 'article_id']).execute();
      await db.schema.dropIndex('article_authors_person').execute();
      await db.schema.createIndex('people_name').on('people').columns(['name', 'id']).execute();
      await db.schema.createIndex('comments_status_created_id').on('comments').columns(['status', 'created_at', 'id']).execute();

      const d = db as unknown as Kysely<{
        media: Backfill['media'][number];
        articles: Backfill['articles'][number];
        pending_changes: Backfill['pending'][number];
        media_uses: { media_id: number; article_id: number; used_as: string };
      }>;
      // Every file name an image has had, to its id.
      const byPath = new Map<string, number>();
      const byStem = new Map<string, number>();
      for (const m of await d.selectFrom('media').select(['id', 'path', 'former_paths']).execute()) {
        const former = JSON.parse(m.former_paths) as unknown;
        for (const p of [m.path, ...(Array.isArray(former) ? former.filter((x): x is string => typeof x === 'string') : [])]) {
          byPath.set(p, m.id);
          byStem.set(stem(p), m.id);
        }
      }
      const idsIn = (html: string) =>
        refsIn(html).flatMap((r) => {
          const id = byPath.get(r) ?? (variantSuffix.test(r) ? byStem.get(r.replace(variantSuffix, '')) : undefined);
          return id === undefined ? [] : [id];
        });
      const pendingOf = new Map((await d.selectFrom('pending_changes').select(['article_id', 'snapshot']).execute()).map((p) => [p.article_id, p.snapshot]));
      const known = new Set(byPath.values());
      let after = 0;
      for (;;) {
        const rows = await d
          .selectFrom('articles')
          .select(['id', 'featured_media_id', 'body_html'])
          .where('id', '>', after)
          .where((eb) => eb.or([eb('featured_media_id', 'is not', null), eb('body_html', 'like', '%/media/%'), eb('id', 'in', [0, ...pendingOf.keys()])]))
          .orderBy('id')
          .limit(1000)
          .execute();
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.id;
        const values: { media_id: number; article_id: number; used_as: string }[] = [];
        for (const a of rows) {
          const uses = new Map<number, string>();
          if (a.featured_media_id !== null) uses.set(a.featured_media_id, 'featured');
          for (const id of idsIn(a.body_html)) if (!uses.has(id)) uses.set(id, 'body');
          const snapshot = pendingOf.get(a.id);
          if (snapshot !== undefined) {
            const s = JSON.parse(snapshot) as { featuredMediaId?: unknown; bodyHtml?: unknown };
            const ids = idsIn(typeof s.bodyHtml === 'string' ? s.bodyHtml : '');
            if (typeof s.featuredMediaId === 'number') ids.push(s.featuredMediaId);
            for (const id of ids) if (!uses.has(id)) uses.set(id, 'pending');
          }
          for (const [media_id, used_as] of uses) if (known.has(media_id)) values.push({ media_id, article_id: a.id, used_as });
        }
        for (let i = 0; i < values.length; i += 500) await d.insertInto('media_uses').values(values.slice(i, i + 500)).execute();
      }
      await sql`analyze media_uses`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('comments_status_created_id').execute();
      await db.schema.dropIndex('people_name').execute();
      await db.schema.createIndex('article_authors_person').on('article_authors').column('person_id').execute();
      await db.schema.dropIndex('article_authors_person_article').execute();
      await db.schema.dropTable('media_uses').execute();
    },
  };
}
