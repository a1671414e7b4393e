/**
 * The databases bench:pages serves from: the demo site alone, and the demo site with a long
 * archive (100,000 stories by default) behind it, built once into a file and reused by later
 * runs (as `bench:search --db` does), because loading 100,000 stories takes longer than a run.
 *
 * The archive's stories are made from the demo's own paragraphs, spread over the demo's
 * sections, authors and images, each with one of the demo's (popular) tags and two of 5,000
 * generated ones (a long tail of tags, as newsrooms have), one every five minutes back from now.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { migrate, openDatabase, type Database } from '../../src/db/connect.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { seedDemo, paragraphsToHtml } from '../../src/demo/seed.js';
import { demoContent } from '../../src/demo/content.js';
import { urls } from '../../src/content/urls.js';
import { toGujaratiDigits } from '../../src/gujarati/numerals.js';

/** Deterministic PRNG (mulberry32): the same archive every build. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function storyCount(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'story')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A demo site in `file` (media beside it, in `media/`), made if the file is not there yet. */
export async function ensureDemoDatabase(file: string): Promise<void> {
  if (existsSync(file)) return migrateFile(file);
  await build(file, 0, () => {});
}

/** Brings a kept database up to the code's migrations (the server itself does not migrate). */
async function migrateFile(file: string): Promise<void> {
  const database = await openDatabase({ kind: 'sqlite', file });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
}

/**
 * The demo site plus `stories` archive stories in `file`; reused when the file already holds
 * them, otherwise built (into a temporary file, renamed when complete).
 */
export async function ensureLongtailDatabase(file: string, stories: number, log: (line: string) => void): Promise<void> {
  if (existsSync(file)) {
    const database = await openDatabase({ kind: 'sqlite', file });
    try {
      const held = await storyCount(database);
      if (held >= stories) {
        log(`reusing ${file}: ${held} stories`);
        await migrate(database);
        return;
      }
      log(`${file} holds ${held} stories, not ${stories}: building it again`);
    } finally {
      await database.close();
    }
  }
  await build(file, stories, log);
}

async function build(file: string, stories: number, log: (line: string) => void): Promise<void> {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  const database = await openDatabase({ kind: 'sqlite', file: partial });
  const started = Date.now();
  try {
    await migrate(database);
    const { db } = database;
    const feed = new LocalChangeFeed();
    await seedDemo({ db, feed, media: new DiskMediaStore(join(dir, 'media')) }, demoContent);
    if (stories > 0) {
      const sections = await db.selectFrom('sections').select(['id', 'slug']).execute();
      const people = await db.selectFrom('people').select('id').execute();
      const popular = await db.selectFrom('tags').select('id').execute();
      const media = await db.selectFrom('media').select('id').execute();
      const paragraphs = demoContent.articles.flatMap((a) => a.paragraphs);
      const heads = demoContent.articles.map((a) => a.headline);
      const deks = demoContent.articles.map((a) => a.dek);
      const random = rng(16);
      const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;

      const tagNames = Object.values(demoContent.tags);
      const longTail: number[] = [];
      for (let i = 0; i < 5000; i += 500) {
        const rows = await db
          .insertInto('tags')
          .values(Array.from({ length: 500 }, (_, k) => ({ slug: `vishay-${i + k}`, name: `${pick(tagNames)} ${toGujaratiDigits(String(i + k))}` })))
          .returning('id')
          .execute();
        longTail.push(...rows.map((r) => r.id));
      }

      const now = Date.now() - 3600_000;
      for (let i = 0; i < stories; i += 1000) {
        await db.transaction().execute(async (trx) => {
          const batch = Array.from({ length: Math.min(1000, stories - i) }, (_, k) => {
            const n = i + k;
            const at = new Date(now - (stories - n) * 300_000).toISOString();
            const body = Array.from({ length: 5 + Math.floor(random() * 8) }, () => pick(paragraphs));
            return {
              headline: `${pick(heads)} (${toGujaratiDigits(String(n))})`,
              dek: pick(deks),
              body_html: paragraphsToHtml(body),
              slug: `archive-${n}`,
              status: 'published' as const,
              section_id: pick(sections).id,
              featured_media_id: random() < 0.7 ? pick(media).id : null,
              published_at: at,
              updated_at: at,
              created_at: at,
            };
          });
          const ids = await trx.insertInto('articles').values(batch).returning('id').execute();
          await trx
            .insertInto('article_authors')
            .values(ids.map((r) => ({ article_id: r.id, person_id: pick(people).id, position: 0 })))
            .execute();
          const tags = ids.flatMap((r) => {
            const chosen = new Set([pick(popular).id, pick(longTail), pick(longTail)]);
            return [...chosen].map((tag_id) => ({ article_id: r.id, tag_id }));
          });
          await trx.insertInto('article_tags').values(tags).execute();
          await trx
            .insertInto('article_counters')
            .values(ids.map((r) => ({ article_id: r.id, views: Math.floor(random() * 5000), comments: 0 })))
            .execute();
        });
        if ((i / 1000) % 20 === 19) log(`  ${i + 1000} of ${stories} stories …`);
      }
      await sql`analyze`.execute(db);
    }
  } finally {
    await database.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  renameSync(partial, file);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  if (stories > 0) log(`built ${file} (${stories} archive stories) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Paths of every public story in the database, newest first (what the article sitemaps list). */
export async function articlePaths(file: string): Promise<string[]> {
  const database = await openDatabase({ kind: 'sqlite', file });
  try {
    const rows = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.slug', 'sections.slug as section'])
      .where('articles.status', '=', 'published')
      .where('articles.kind', '=', 'story')
      .orderBy('articles.published_at', 'desc')
      .execute();
    return rows.map((r) => urls.article(r.section, r.slug));
  } finally {
    await database.close();
  }
}
