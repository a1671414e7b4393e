/**
 * The distribution benchmark's instance (bench/distribution.ts), over a database the benchmark
 * prepared (BENCH_DB: a SQLite file or a PostgreSQL URL, BENCH_SCHEMA for its schema;
 * BENCH_ARTICLES: a JSON file with the ids of the drafts to publish). Prints a ready line, then on
 * SIGUSR2:
 * - BENCH_MODE=khabar: publishes every draft through the real command (publishArticle) while the
 *   real distribution runs in this process (outbox + fan-out + delivery worker, woken by the
 *   change feed as in `serve`), and prints {"committed": {id: ms}} once all are committed;
 * - BENCH_MODE=baseline: sends the same stories through the same adapters to the same services
 *   with the same concurrency, with no database in the way, and prints {"baseline": {...}}.
 * SIGTERM stops distribution (in-flight deliveries are recorded) and exits.
 */
import { readFileSync } from 'node:fs';
import { openDatabase } from '../../src/db/connect.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { startDistribution } from '../../src/distribution/service.js';
import { openChannel } from '../../src/distribution/channelStore.js';
import { storyForDelivery } from '../../src/distribution/story.js';
import { parseSecretKey } from '../../src/distribution/secrets.js';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const mode = env('BENCH_MODE');
const publicUrl = env('PUBLIC_URL');
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const target = env('BENCH_DB');
const database = target.startsWith('postgres')
  ? await openDatabase({ kind: 'postgres', url: target }, { schema: env('BENCH_SCHEMA') })
  : await openDatabase({ kind: 'sqlite', file: target });
const ids = JSON.parse(readFileSync(env('BENCH_ARTICLES'), 'utf8')) as number[];
const secretKey = parseSecretKey(env('KHABAR_SECRET_KEY'));
const feed = new LocalChangeFeed();
const log = (msg: string, err?: unknown) => process.stderr.write(`${msg} ${err instanceof Error ? err.message : (err ?? '')}\n`);

const distribution =
  mode === 'khabar'
    ? startDistribution({ db: database.db, dialect: database.dialect, feed, publicUrl, secretKey, log, options: { concurrency } })
    : null;
const admin = await database.db.selectFrom('people').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow();

async function publishAll(): Promise<void> {
  const committed: Record<number, number> = {};
  for (const id of ids) {
    await publishArticle({ db: database.db, feed }, { actor: { id: admin.id, role: 'admin' }, articleId: id });
    committed[id] = Date.now();
  }
  process.stdout.write(`${JSON.stringify({ committed })}\n`);
}

async function baseline(): Promise<void> {
  const channels = (await database.db.selectFrom('channels').selectAll().orderBy('id').execute()).map((row) => openChannel(row, secretKey));
  const readers = await database.db.selectFrom('recipients').selectAll().execute();
  const jobs: Array<() => Promise<string>> = [];
  for (const id of ids) {
    const story = await storyForDelivery(database.db, id, 'published', publicUrl);
    if (!story || 'invalid' in story.message) throw new Error(`story ${id} cannot be sent`);
    const message = story.message;
    for (const channel of channels) {
      const reader = readers.find((r) => r.channel_id === channel.id);
      const targetOf = reader ? (JSON.parse(reader.target) as unknown) : undefined;
      jobs.push(async () => {
        const o = await channel.info.adapter.deliver({
          message,
          config: channel.config,
          previous: null,
          target: targetOf,
          deliveryId: `baseline_${channel.id}_${id}`,
          network: { allowPrivate: true, timeoutMs: 15_000 },
        });
        return o.status;
      });
    }
  }
  const started = Date.now();
  const outcomes: Record<string, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const status = await job();
        outcomes[status] = (outcomes[status] ?? 0) + 1;
      }
    }),
  );
  process.stdout.write(`${JSON.stringify({ baseline: { ms: Date.now() - started, sent: jobs.length, outcomes } })}\n`);
}

process.on('SIGUSR2', () => {
  (mode === 'khabar' ? publishAll() : baseline()).catch((err: unknown) => {
    log('benchmark instance failed', err);
    process.exit(1);
  });
});
// The workers' timers do not hold a process open (serve's server does); this stands in for it.
const alive = setInterval(() => undefined, 60_000);
process.on('SIGTERM', () => {
  clearInterval(alive);
  void (async () => {
    await distribution?.stop();
    await database.close();
    process.exit(0);
  })();
});
process.stdout.write(`${JSON.stringify({ port: 0, pid: process.pid })}\n`);
