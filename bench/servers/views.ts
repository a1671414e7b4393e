/**
 * Khabar over a fresh database with the demo content, for the beacon benchmark (metrics on with VIEWS_METRICS=1). Prints one JSON
 * line when listening: {"port", "url", "beacon", "articleId"}. On SIGTERM it closes the app (which
 * writes pending views), prints {"viewCount"} of the article (and writes it to VIEWS_COUNT_FILE), and exits.
 */
import { writeFileSync } from 'node:fs';
import { latestArticles } from '../../src/content/stories.js';
import { startTestSite } from '../../test/helpers/site.js';
import { countsOf, setCounts } from '../../src/audience/counters.js';

// VIEWS_METRICS=1: with Prometheus metrics on (what each beacon pays for being counted there).
const site = await startTestSite(process.env.VIEWS_METRICS === '1' ? { env: { METRICS_TOKEN: 'bench-metrics-token-0123456789' } } : {});
const [newest] = await latestArticles(site.database.db, { now: new Date(), limit: 1 });
if (!newest) throw new Error('the demo content has no published article');
await setCounts(site.database.db, newest.id, { views: 0 });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await site.app.close();
  const { views } = await countsOf(site.database.db, newest.id);
  process.stdout.write(`${JSON.stringify({ viewCount: views })}\n`);
  if (process.env.VIEWS_COUNT_FILE) writeFileSync(process.env.VIEWS_COUNT_FILE, String(views));
  await site.database.drop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

const { port } = new URL(site.url);
process.stdout.write(`${JSON.stringify({ port: Number(port), url: site.url, beacon: `/api/v1/articles/${newest.id}/views`, articleId: newest.id })}\n`);
