import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/connect.js';
import { LocalChangeFeed, type ChangeFeed } from '../../src/content/changes.js';
import { PgChangeFeed } from '../../src/content/pgChangeFeed.js';
import { seedDemo } from '../../src/demo/seed.js';
import { demoContent } from '../../src/demo/content.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { buildApp } from '../../src/web/server.js';
import { routeGroup } from '../../src/web/plugins/metrics.js';
import { openTestDatabase, testDialect, testPostgresUrl, type TestDatabase } from '../helpers/database.js';
import { freePort } from '../helpers/site.js';
import { browserUa } from '../audience/beacons.js';

const token = 'health-test-metrics-token-0123';
const sharedMedia = join(tmpdir(), 'khabar-test-media');

interface Running {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

async function serve(database: TestDatabase, feed: ChangeFeed, env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const config = loadConfig({ DATA_DIR: database.dir, LOG_LEVEL: 'silent', ...env }, { port, host: '127.0.0.1' });
  const { app } = await buildApp({ config, database, feed });
  await app.listen({ port, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

async function json(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function scrape(url: string): Promise<string> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** The value of one sample line (`name{labels} value`). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  assert.ok(line, `no ${series} in\n${text.slice(0, 3000)}`);
  return Number(line.slice(series.length + 1));
}

describe(`/readyz and /metrics (${testDialect})`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
    mkdirSync(sharedMedia, { recursive: true });
    symlinkSync(sharedMedia, join(database.dir, 'media'));
    await seedDemo({ db: database.db, feed: new LocalChangeFeed(), media: new DiskMediaStore(sharedMedia) }, demoContent);
  });
  after(async () => database.drop());

  test('/readyz: ready when the database answers and the schema is current; /healthz unchanged', async () => {
    const site = await serve(database, new LocalChangeFeed());
    try {
      const r = await json(`${site.url}/readyz`);
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { ready: true, database: 'ok', migrations: 'ok', changeFeed: 'ok' });
      assert.deepEqual(await json(`${site.url}/healthz`), { status: 200, body: { ok: true } });
    } finally {
      await site.close();
    }
  });

  test('/readyz: a migration not run makes the instance not ready, and names it', async () => {
    const site = await serve(database, new LocalChangeFeed());
    try {
      const row = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration where name = '0009_change_notify'`.execute(database.db);
      await sql`delete from kysely_migration where name = '0009_change_notify'`.execute(database.db);
      try {
        const r = await json(`${site.url}/readyz`);
        assert.equal(r.status, 503);
        assert.deepEqual(r.body, { ready: false, database: 'ok', migrations: ['0009_change_notify'], changeFeed: 'ok' });
      } finally {
        await sql`insert into kysely_migration (name, timestamp) values (${row.rows[0]!.name}, ${row.rows[0]!.timestamp})`.execute(database.db);
      }
      assert.equal((await json(`${site.url}/readyz`)).status, 200);
    } finally {
      await site.close();
    }
  });

  test('/readyz: a database that does not answer makes the instance not ready, quickly', async () => {
    const own = database.target.kind === 'sqlite'
      ? await openDatabase({ kind: 'sqlite', file: database.target.file })
      : await openDatabase({ kind: 'postgres', url: database.target.url }, { schema: database.target.schema, poolSize: 2 });
    const site = await serve({ ...database, ...own }, new LocalChangeFeed());
    try {
      await own.close();
      const started = Date.now();
      const r = await json(`${site.url}/readyz`);
      assert.equal(r.status, 503);
      assert.equal(r.body.database, 'unreachable');
      assert.equal(r.body.migrations, 'unknown');
      assert.ok(Date.now() - started < 2500, 'answers within the check timeout');
    } finally {
      await site.close();
    }
  });

  test('/readyz: a disconnected change feed makes the instance not ready until it reconnects', { skip: testPostgresUrl ? false : 'PostgreSQL only (the change feed listens there)' }, async () => {
    if (database.target.kind !== 'postgres') return;
    const feed = new PgChangeFeed({ connectionString: database.target.url, schema: database.target.schema, applicationName: `readyz-${process.pid}`, minBackoffMs: 300, maxBackoffMs: 300, onError: () => undefined });
    await feed.start();
    const site = await serve(database, feed);
    try {
      assert.equal((await json(`${site.url}/readyz`)).status, 200);
      const admin = new pg.Client({ connectionString: database.target.url });
      await admin.connect();
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [`readyz-${process.pid}`]);
      await admin.end();
      for (let i = 0; i < 100 && feed.status().connected; i++) await new Promise((r) => setTimeout(r, 10));
      const r = await json(`${site.url}/readyz`);
      assert.equal(r.status, 503);
      assert.equal(r.body.changeFeed, 'disconnected');
      for (let i = 0; i < 300 && !feed.status().connected; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal((await json(`${site.url}/readyz`)).status, 200);
    } finally {
      await site.close();
      await feed.close();
    }
  });

  test('no metrics are served unless a port or a token is configured', async () => {
    const site = await serve(database, new LocalChangeFeed());
    try {
      assert.equal((await fetch(`${site.url}/metrics`)).status, 404);
    } finally {
      await site.close();
    }
  });

  test('/metrics behind METRICS_TOKEN: requests by route group, latency, page cache, outbox backlog, change feed, event loop', async () => {
    const site = await serve(database, new LocalChangeFeed(), { METRICS_TOKEN: token });
    try {
      assert.equal((await fetch(`${site.url}/metrics`)).status, 401, 'no token');
      assert.equal((await fetch(`${site.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status, 401);
      const section = await database.db.selectFrom('sections').select('slug').orderBy('position').executeTakeFirstOrThrow();
      // A miss, then two hits for the same page; a 404; an API call.
      for (let i = 0; i < 3; i++) assert.equal((await fetch(`${site.url}/${section.slug}`)).status, 200);
      assert.equal((await fetch(`${site.url}/no-such-section/no-such-story/at-all`)).status, 404);
      assert.equal((await fetch(`${site.url}/api/v1/sections`)).status, 200);
      // Beacons: a form body (answered in front of Fastify) and a JSON one (its route) count alike.
      const story = await database.db.selectFrom('articles').select('id').where('status', '=', 'published').executeTakeFirstOrThrow();
      const beacon = (type: string, body: string) =>
        fetch(`${site.url}/api/v1/articles/${story.id}/views`, { method: 'POST', headers: { 'content-type': type, 'user-agent': browserUa }, body });
      assert.equal((await beacon('application/x-www-form-urlencoded', `r=${encodeURIComponent('https://સમાચાર.example/')}`)).status, 204);
      assert.equal((await beacon('application/json', '{}')).status, 204);
      const text = await scrape(`${site.url}/metrics`);
      assert.equal(sample(text, 'khabar_http_requests_total{group="beacon",method="POST",status="204"}'), 2);
      assert.equal(sample(text, 'khabar_http_request_duration_seconds_count{group="beacon"}'), 2);
      assert.equal(sample(text, 'khabar_http_requests_total{group="reader",method="GET",status="200"}'), 3);
      assert.equal(sample(text, 'khabar_http_requests_total{group="api",method="GET",status="200"}'), 1);
      assert.ok(sample(text, 'khabar_http_request_duration_seconds_count{group="reader"}') === 3);
      assert.ok(sample(text, 'khabar_http_request_duration_seconds_bucket{le="+Inf",group="reader"}') === 3);
      assert.equal(sample(text, 'khabar_page_cache_hits_total'), 2);
      assert.ok(sample(text, 'khabar_page_cache_misses_total') >= 1);
      const ratio = sample(text, 'khabar_page_cache_hit_ratio');
      assert.ok(ratio > 0 && ratio <= 2 / 3, `hit ratio ${ratio}`);
      assert.ok(sample(text, 'khabar_page_cache_entries') >= 1);
      assert.ok(sample(text, 'khabar_page_cache_bytes') > 1000);
      const pending = await database.db.selectFrom('change_events').select(sql<number>`count(*)`.as('n')).where('dispatched_at', 'is', null).executeTakeFirstOrThrow();
      assert.ok(Number(pending.n) > 0, 'the demo left undispatched events (no outbox worker runs here)');
      assert.equal(sample(text, 'khabar_outbox_backlog_events'), Number(pending.n));
      assert.ok(sample(text, 'khabar_outbox_backlog_oldest_seconds') >= 0);
      assert.equal(sample(text, 'khabar_change_feed_connected'), 1);
      assert.equal(sample(text, 'khabar_change_feed_lag_events'), 0);
      assert.ok(sample(text, 'nodejs_eventloop_lag_p99_seconds') >= 0);
      assert.match(text, /# TYPE khabar_http_request_duration_seconds histogram/);
      // The scrape itself counts under "health" next time, not as a page.
      const again = await scrape(`${site.url}/metrics`);
      assert.equal(sample(again, 'khabar_http_requests_total{group="health",method="GET",status="200"}'), 1);
      assert.ok(sample(again, 'khabar_http_requests_total{group="not_found",method="GET",status="404"}') >= 1);
    } finally {
      await site.close();
    }
  });

  test('METRICS_PORT: metrics on a port of their own, not on the site', async () => {
    const metricsPort = await freePort();
    const site = await serve(database, new LocalChangeFeed(), { METRICS_PORT: String(metricsPort) });
    try {
      assert.equal((await fetch(`${site.url}/metrics`)).status, 404, 'not on the site port');
      await fetch(`${site.url}/`);
      const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      assert.equal(res.status, 200);
      const text = await res.text();
      assert.equal(sample(text, 'khabar_http_requests_total{group="reader",method="GET",status="200"}'), 1);
      assert.equal((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status, 404);
    } finally {
      await site.close();
    }
    await assert.rejects(fetch(`http://127.0.0.1:${metricsPort}/metrics`), 'the metrics port closes with the app');
  });

  test('a METRICS_PORT already in use stops the start with one clear message', async () => {
    const first = await freePort();
    const site = await serve(database, new LocalChangeFeed(), { METRICS_PORT: String(first) });
    try {
      await assert.rejects(serve(database, new LocalChangeFeed(), { METRICS_PORT: String(first) }), new RegExp(`METRICS_PORT ${first} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      await site.close();
    }
  });
});

test('METRICS_TOKEN shorter than 16 characters is refused at start', () => {
  assert.throws(() => loadConfig({ METRICS_TOKEN: 'short' }), /METRICS_TOKEN is invalid: must be at least 16 characters/);
  assert.throws(() => loadConfig({ METRICS_PORT: 'nine' }), /METRICS_PORT is invalid/);
  assert.deepEqual(loadConfig({}).ops, { shutdownTimeoutMs: 30_000 });
  assert.deepEqual(loadConfig({ METRICS_PORT: '9464', SHUTDOWN_TIMEOUT: '5' }).ops, { metricsPort: 9464, shutdownTimeoutMs: 5000 });
});

test('route groups are few and fixed', () => {
  const cases: [string | undefined, string][] = [
    ['/', 'reader'],
    ['/:section', 'reader'],
    ['/:section/:slug', 'reader'],
    ['/tag/:slug', 'reader'],
    ['/:section/feed.xml', 'feeds'],
    ['/sitemaps/articles-:n.xml', 'feeds'],
    ['/robots.txt', 'feeds'],
    ['/search', 'search'],
    ['/api/v1/search', 'search'],
    ['/api/v1/articles/:id/views', 'beacon'],
    ['/api/v1/articles/:id/views.gif', 'beacon'],
    ['/api/v1/articles', 'api'],
    ['/wp-json/wp/v2/posts', 'wordpress'],
    ['/newsroom/articles/:id/edit', 'newsroom'],
    ['/assets/*', 'static'],
    ['/media/*', 'static'],
    ['/healthz', 'health'],
    ['/readyz', 'health'],
    [undefined, 'not_found'],
  ];
  for (const [pattern, group] of cases) assert.equal(routeGroup(pattern), group, String(pattern));
});
