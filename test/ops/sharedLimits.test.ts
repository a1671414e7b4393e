// Rate limits are one limit for the whole site, not one per instance: two real `khabar serve`
// processes on one database (SQLite file or PostgreSQL schema) count a client's comments and
// sign-ins together — in the database by default, in Redis when REDIS_URL is set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { ConfigError, loadConfig } from '../../src/config.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { latestArticles } from '../../src/content/stories.js';
import { seedDemo } from '../../src/demo/seed.js';
import { demoContent } from '../../src/demo/content.js';
import { DatabaseMediaStore } from '../../src/media/databaseStore.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { databaseUrl, startKhabar, type Khabar } from './processes.js';

const redisUrl = process.env.KHABAR_TEST_REDIS_URL;

/** Why the Redis variant cannot run here, or null when KHABAR_TEST_REDIS_URL answers. */
async function redisMissing(): Promise<string | null> {
  if (!redisUrl) return 'KHABAR_TEST_REDIS_URL is not set: set it (redis://127.0.0.1:6379) to test limits counted in Redis';
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (err) {
    return `Redis at ${redisUrl} does not answer (${(err as Error).message}): start it to test limits counted in Redis`;
  } finally {
    redis.disconnect();
  }
}
const noRedis = await redisMissing();

async function comment(base: string, article: number, n: number): Promise<number> {
  const res = await fetch(`${base}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ article: String(article), name: 'ક્ષિતિજ', text: `બંને સર્વર પર પ્રતિભાવ નંબર ${n}` }),
  });
  await res.arrayBuffer();
  return res.status;
}

async function wrongSignIn(base: string, n: number): Promise<number> {
  const form = await fetch(`${base}/newsroom/login`);
  const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
  const res = await fetch(`${base}/newsroom/login`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    // A different account each time: only the address limit can refuse, not a lockout.
    body: new URLSearchParams({ _csrf: csrf, email: `koi-nahi-${n}@example.com`, password: 'ખોટો-પાસવર્ડ' }),
  });
  await res.arrayBuffer();
  return res.status;
}

test('REDIS_URL: a redis:// or rediss:// URL, else the start-up names the variable', () => {
  assert.equal(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl, 'redis://127.0.0.1:6379');
  assert.equal(loadConfig({}).redisUrl, undefined);
  assert.throws(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' }), (e: Error) => e instanceof ConfigError && /REDIS_URL/.test(e.message));
});

for (const store of ['database', 'redis'] as const) {
  const skip = store === 'redis' && noRedis ? noRedis : false;
  describe(`two instances share one limit, counted in ${store === 'redis' ? 'Redis' : 'the database'} (${testDialect})`, { skip }, () => {
    let database: TestDatabase;
    let a: Khabar;
    let b: Khabar;
    let article = 0;
    before(async () => {
      database = await openTestDatabase();
      await seedDemo({ db: database.db, feed: new LocalChangeFeed(), media: new DatabaseMediaStore(database.db) }, demoContent);
      article = (await latestArticles(database.db, { now: new Date(), limit: 1 }))[0]!.id;
      const env: Record<string, string> = { DATABASE_URL: databaseUrl(database), DATA_DIR: database.dir, MEDIA_URL: 'database' };
      if (store === 'redis') {
        env.REDIS_URL = redisUrl!;
        // Each run counts afresh: the counts of an earlier run's 127.0.0.1 are still in Redis.
        const redis = new Redis(redisUrl!);
        const keys = await redis.keys('khabar-rate-*');
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      }
      [a, b] = await Promise.all([startKhabar(['serve'], env), startKhabar(['serve'], env)]);
    });
    after(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await database?.drop();
    });

    test('comments: 5 a minute in all, whichever instance takes them', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push(await comment(i % 2 === 0 ? a.url : b.url, article, i));
      assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429, 429]);
    });

    test('sign-ins: 10 a minute in all, also when sent to both at once', async () => {
      const statuses = await Promise.all(Array.from({ length: 14 }, (_, i) => wrongSignIn(i % 2 === 0 ? a.url : b.url, i)));
      assert.equal(statuses.filter((s) => s === 401).length, 10, statuses.join(','));
      assert.equal(statuses.filter((s) => s === 429).length, 4, statuses.join(','));
    });
  });
}
