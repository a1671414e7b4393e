// The day's readers in memory (a compact fingerprint set) and in the database (one block per
// flush): repeats are not counted again after a restart, and two counters on one database (as
// two instances) never both count a reader.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FingerprintSet, encodeFingerprints } from '../../src/audience/seenSet.js';
import { ViewCounter } from '../../src/audience/views.js';
import { countsOf } from '../../src/audience/counters.js';
import { latestArticles } from '../../src/content/stories.js';
import { seedDemo } from '../../src/demo/seed.js';
import { demoContent } from '../../src/demo/content.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { browserUa, visitorIp } from './beacons.js';

describe('fingerprint set', () => {
  test('keeps every fingerprint across growth, tells repeats, and reads its stored blocks back', () => {
    const set = new FingerprintSet(4);
    const items = Array.from({ length: 100_000 }, (_, i) => ({ lo: ((i + 1) * 2654435761) >>> 0, hi: i + 1 }));
    for (const { lo, hi } of items) assert.equal(set.add(lo, hi), true);
    assert.equal(set.size, 100_000);
    for (const { lo, hi } of items) assert.equal(set.add(lo, hi), false);
    assert.equal(set.has(12345, 999_999), false);
    // Same low half, other high half: another reader.
    assert.equal(set.add(items[7]!.lo, 7_000_000), true);
    assert.equal(set.add(0, 0), true);
    assert.equal(set.has(0, 0), true);
    const copy = new FingerprintSet();
    copy.addBlock(encodeFingerprints(items.slice(0, 500)));
    assert.equal(copy.size, 500);
    assert.equal(copy.has(items[499]!.lo, items[499]!.hi), true);
    assert.equal(copy.has(items[500]!.lo, items[500]!.hi), false);
  });
});

describe(`view dedupe across restarts and instances (${testDialect})`, () => {
  let database: TestDatabase;
  let articleId: number;
  const counter = () => new ViewCounter({ db: database.db, dialect: database.dialect, timeZone: () => 'Asia/Kolkata', flushMs: 60_000 });
  const readers = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ articleId, ip: visitorIp(from + i), userAgent: browserUa }));

  before(async () => {
    database = await openTestDatabase();
    await seedDemo({ db: database.db, feed: new LocalChangeFeed(), media: new DiskMediaStore(`${database.dir}/media`) }, demoContent);
    const [a] = await latestArticles(database.db, { now: new Date(), limit: 1 });
    articleId = a!.id;
    await database.db.updateTable('article_counters').set({ views: 0 }).execute();
  });
  after(() => database.drop());

  test('a restarted counter knows the readers counted before it stopped', async () => {
    const first = counter();
    for (const b of readers(1, 3000)) await first.record(b);
    await first.stop();
    assert.equal((await countsOf(database.db, articleId)).views, 3000);
    const second = counter();
    const outcomes = new Map<string, number>();
    for (const b of readers(1, 3500)) {
      const o = await second.record(b);
      outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(outcomes), { repeat: 3000, queued: 500 });
    await second.stop();
    assert.equal((await countsOf(database.db, articleId)).views, 3500);
  });

  test('two counters on one database count a reader sent to both once', async () => {
    const before = (await countsOf(database.db, articleId)).views;
    const a = counter();
    const b = counter();
    // The same 1,000 new readers reach both before either flushes: both queue them.
    for (const beacon of readers(10_000, 1000)) {
      assert.equal(await a.record(beacon), 'queued');
      assert.equal(await b.record(beacon), 'queued');
    }
    await Promise.all([a.flush(), b.flush()]);
    assert.equal((await countsOf(database.db, articleId)).views, before + 1000);
    // Afterwards each knows the other's readers without a flush of its own.
    await b.record(readers(20_000, 1)[0]!);
    await b.flush();
    assert.equal(await a.record(readers(20_000, 1)[0]!), 'queued', 'not seen yet: a has not flushed since');
    await a.flush();
    assert.equal((await countsOf(database.db, articleId)).views, before + 1001);
    await Promise.all([a.stop(), b.stop()]);
  });

  test('a flush written in several transactions checks every one against what the others counted', async () => {
    const before = (await countsOf(database.db, articleId)).views;
    const a = counter();
    const b = counter();
    // More readers than one transaction takes, queued by both; a writes them all first, then b,
    // whose first transaction reads a's blocks: its later ones must not count those readers again.
    for (const beacon of readers(30_000, 9000)) {
      assert.equal(await a.record(beacon), 'queued');
      assert.equal(await b.record(beacon), 'queued');
    }
    assert.equal(await a.flush(), 9000);
    assert.equal(await b.flush(), 0);
    assert.equal((await countsOf(database.db, articleId)).views, before + 9000);
    await Promise.all([a.stop(), b.stop()]);
  });
});
