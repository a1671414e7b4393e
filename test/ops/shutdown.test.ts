// SIGTERM while requests are in flight, against a real `khabar serve`: the slow request is still
// answered, new connections are refused, pending view counts are written, the process exits 0.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { seedDemo } from '../../src/demo/seed.js';
import { demoContent } from '../../src/demo/content.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { browserUa } from '../audience/beacons.js';
import { databaseUrl, startKhabar, waitUntil } from './processes.js';

const sharedMedia = join(tmpdir(), 'khabar-test-media');

/** A beacon from a browser of its own (the user agent is part of who a visitor is). */
async function beacon(base: string, articleId: number, n: number): Promise<number> {
  const res = await fetch(`${base}/api/v1/articles/${articleId}/views`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', 'user-agent': browserUa.replace('Chrome/126.0', `Chrome/126.0.${n}`) },
    body: 'r=',
  });
  return res.status;
}

/**
 * Sends a beacon's headers now, and resolves once the server has taken the request (its
 * `100 Continue`); `finish()` sends the body and resolves to the raw answer.
 */
function slowBeacon(port: number, articleId: number): Promise<{ finish: () => Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const body = 'r=https%3A%2F%2Fexample.com%2F';
      socket.write(
        `POST /api/v1/articles/${articleId}/views HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
          `User-Agent: ${browserUa.replace('Chrome/126.0', 'Chrome/126.0.9999')}\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
      );
      let answer = '';
      const ended = new Promise<string>((r) => socket.on('close', () => r(answer)));
      let taken = false;
      socket.on('data', (d: Buffer) => {
        answer += d.toString();
        if (!taken && answer.startsWith('HTTP/1.1 100 Continue\r\n\r\n')) {
          taken = true;
          answer = '';
          resolve({
            finish: async () => {
              socket.write(body);
              return ended;
            },
          });
        }
      });
    });
    socket.on('error', reject);
  });
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

describe(`graceful shutdown on SIGTERM (${testDialect})`, () => {
  let database: TestDatabase;
  let articleIds: number[];
  before(async () => {
    database = await openTestDatabase();
    mkdirSync(sharedMedia, { recursive: true });
    symlinkSync(sharedMedia, join(database.dir, 'media'));
    await seedDemo({ db: database.db, feed: new LocalChangeFeed(), media: new DiskMediaStore(sharedMedia) }, demoContent);
    articleIds = (await database.db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').limit(2).execute()).map((r) => r.id);
  });
  after(async () => database.drop());

  test('a request in flight is answered, new ones refused, pending views written, exit 0', async () => {
    const [busy, slow] = articleIds as [number, number];
    const k = await startKhabar(['serve'], { DATABASE_URL: databaseUrl(database), DATA_DIR: database.dir, MEDIA_URL: `file:${join(database.dir, 'media')}` });
    const before = new Map((await database.db.selectFrom('article_counters').select(['article_id', 'views']).where('article_id', 'in', [busy, slow]).execute()).map((c) => [c.article_id, c.views]));
    const burst = 40;
    const statuses = await Promise.all(Array.from({ length: burst }, (_, n) => beacon(k.url, busy, n)));
    assert.deepEqual([...new Set(statuses)], [204]);
    const inFlight = await slowBeacon(k.port, slow);

    k.child.kill('SIGTERM');
    await waitUntil(() => /khabar: SIGTERM, finishing requests and stopping/.test(k.stdout()), 5000, 'the signal is heard');
    await waitUntil(() => refused(k.port), 5000, 'new connections are refused');
    // The slow client takes its time; the server waits for it.
    await new Promise((r) => setTimeout(r, 500));
    const answer = await inFlight.finish();
    assert.match(answer, /^HTTP\/1\.1 204 /, `the request in flight was answered:\n${answer}`);

    assert.equal(await k.exited, 0, k.stderr());
    assert.match(k.stdout(), /khabar: stopped/);
    const counts = await database.db.selectFrom('article_counters').select(['article_id', 'views']).where('article_id', 'in', [busy, slow]).execute();
    const views = new Map(counts.map((c) => [c.article_id, c.views]));
    assert.equal((views.get(busy) ?? 0) - (before.get(busy) ?? 0), burst, 'every beacon of the burst was written');
    assert.equal((views.get(slow) ?? 0) - (before.get(slow) ?? 0), 1, 'the view that arrived during shutdown was written too');
  });

  test('a keep-alive connection whose answer was still being streamed at SIGTERM does not hold the shutdown', async () => {
    const key = 'uploads/2026/07/શટડાઉન.jpg';
    await new DiskMediaStore(join(database.dir, 'media')).put(key, Buffer.from('bytes streamed from a file'));
    // The client has every byte (content-length) while the server still waits for the file's end:
    // a connection that turns idle only after close began. Several tries, as it is a race.
    for (let i = 0; i < 4; i++) {
      const k = await startKhabar(['serve'], { DATABASE_URL: databaseUrl(database), DATA_DIR: database.dir, MEDIA_URL: `file:${join(database.dir, 'media')}` });
      const res = await fetch(`${k.url}/media/${encodeURI(key)}`);
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      const started = Date.now();
      assert.equal(await k.stop(8000), 0, `try ${i}: ${k.stdout()}\n${k.stderr()}`);
      assert.ok(Date.now() - started < 5000, `try ${i} stopped in ${Date.now() - started} ms`);
    }
  });

  test('a second signal stops at once, with exit code 1', async () => {
    const k = await startKhabar(['serve'], { DATABASE_URL: databaseUrl(database), DATA_DIR: database.dir, MEDIA_URL: `file:${join(database.dir, 'media')}` });
    // A request that never finishes holds the first shutdown open.
    const held = await slowBeacon(k.port, articleIds[0]!);
    k.child.kill('SIGTERM');
    await waitUntil(() => /SIGTERM, finishing/.test(k.stdout()), 5000, 'the first signal is heard');
    k.child.kill('SIGTERM');
    assert.equal(await k.exited, 1);
    assert.match(k.stderr(), /khabar: SIGTERM again, stopping now/);
    void held;
  });

  test('a shutdown that takes longer than SHUTDOWN_TIMEOUT gives up with exit code 1', async () => {
    const k = await startKhabar(['serve'], { DATABASE_URL: databaseUrl(database), DATA_DIR: database.dir, MEDIA_URL: `file:${join(database.dir, 'media')}`, SHUTDOWN_TIMEOUT: '1' });
    const held = await slowBeacon(k.port, articleIds[0]!);
    const started = Date.now();
    k.child.kill('SIGTERM');
    assert.equal(await k.exited, 1);
    assert.ok(Date.now() - started < 10_000, 'gave up after about a second, not after the request');
    assert.match(k.stderr(), /khabar: shutdown took longer than 1 s; stopping now/);
    void held;
  });
});
