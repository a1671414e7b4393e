/**
 * Khabar's reader site, for load runs. With BENCH_DB=FILE it serves that SQLite database as
 * `khabar serve` would on a later start (already migrated and loaded; media beside it in
 * `media/`); without, a fresh database with the demo content. PAGE_CACHE=off renders every
 * request; PAGE_CACHE_MB sets the cache's budget. Prints one JSON line on stdout when listening:
 * {"port", "url", "pageCache", "article"} (article: path of the newest story). Stops on SIGTERM,
 * printing {"cache": {entries, bytes, hits, misses}} first.
 */
import { createServer, type AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { latestArticles } from '../../src/content/stories.js';
import { urls } from '../../src/content/urls.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/connect.js';
import { buildApp } from '../../src/web/server.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import type { PageCache } from '../../src/web/plugins/pageCache/cache.js';

const pageCache = (process.env.PAGE_CACHE ?? 'on') !== 'off';

/**
 * A port nothing listens on. The test helpers (demo seeding, test databases, pg) are imported
 * only for a fresh demo site: a served file's process holds what `khabar serve` holds.
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
const file = process.env.BENCH_DB;

async function fromFile(file: string): Promise<{ url: string; db: Kysely<DB>; cache: PageCache; close: () => Promise<void> }> {
  const port = await freePort();
  const config = loadConfig(
    {
      DATABASE_URL: `sqlite:${file}`,
      DATA_DIR: dirname(file),
      LOG_LEVEL: 'silent',
      PAGE_CACHE: pageCache ? 'on' : 'off',
      SEED_DEMO: 'off',
      ...(process.env.PAGE_CACHE_MB && { PAGE_CACHE_MB: process.env.PAGE_CACHE_MB }),
    },
    { port, host: '127.0.0.1' },
  );
  const database = await openDatabase({ kind: 'sqlite', file });
  const { app, cache } = await buildApp({ config, database, feed: new LocalChangeFeed() });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url: config.publicUrl,
    db: database.db,
    cache,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

const site = file
  ? await fromFile(file)
  : await import('../../test/helpers/site.js').then(({ startTestSite }) => startTestSite({ pageCache })).then((s) => ({ url: s.url, db: s.database.db, cache: s.cache, close: () => s.close() }));
const [newest] = await latestArticles(site.db, { now: new Date(), limit: 1 });
if (!newest) throw new Error('the database has no published article');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  // Last words: the page cache's counters over the process's life (hits, misses, entries).
  process.stdout.write(`${JSON.stringify({ cache: site.cache.stats() })}\n`);
  await site.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

const { port } = new URL(site.url);
process.stdout.write(
  `${JSON.stringify({ port: Number(port), url: site.url, pageCache, article: urls.article(newest.sectionSlug, newest.slug) })}\n`,
);
