/**
 * Khabar's reader site over a fresh database with the demo content, for load runs.
 * PAGE_CACHE=off renders every request. Prints one JSON line on stdout when listening:
 * {"port", "url", "pageCache", "article"} (article: path of the newest story). Stops on SIGTERM,
 * printing {"cache": {entries, bytes, hits, misses}} first.
 */
import { latestArticles } from '../../src/content/stories.js';
import { urls } from '../../src/content/urls.js';
import { startTestSite } from '../../test/helpers/site.js';

const pageCache = (process.env.PAGE_CACHE ?? 'on') !== 'off';
const site = await startTestSite({ pageCache });
const [newest] = await latestArticles(site.database.db, { now: new Date(), limit: 1 });
if (!newest) throw new Error('the demo content has no published article');

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
