import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { changeTransaction, LocalChangeFeed, type ChangeEvent } from '../../src/content/changes.js';
import { PgChangeFeed, feedStatus } from '../../src/content/pgChangeFeed.js';
import { openTestDatabase, testPostgresUrl, type TestDatabase } from '../helpers/database.js';
import { waitUntil } from './processes.js';

const settings = (name: string): ChangeEvent => ({ type: 'settings.changed', keys: [name], pages: ['home'] });

/** A feed on the test schema, with what its listeners heard. */
async function listening(database: TestDatabase, o: { checkMs?: number } = {}) {
  if (database.target.kind !== 'postgres') throw new Error('PostgreSQL only');
  const applicationName = `feed-test-${randomBytes(4).toString('hex')}`;
  const errors: string[] = [];
  const feed = new PgChangeFeed({
    connectionString: database.target.url,
    schema: database.target.schema,
    applicationName,
    minBackoffMs: 50,
    maxBackoffMs: 400,
    ...(o.checkMs !== undefined && { checkMs: o.checkMs }),
    onError: (message) => errors.push(message),
  });
  await feed.start();
  const heard: ChangeEvent[] = [];
  feed.subscribe((e) => heard.push(e));
  return { feed, heard, errors, applicationName };
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: testPostgresUrl });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

const keysOf = (events: ChangeEvent[]) => events.map((e) => (e.type === 'settings.changed' ? e.keys[0] : e.type));

describe('PostgreSQL change feed (LISTEN/NOTIFY)', { skip: testPostgresUrl ? false : 'set KHABAR_TEST_DATABASE_URL to run the PostgreSQL change feed tests' }, () => {
  let database: TestDatabase;
  let other: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
    other = await openTestDatabase();
  });
  after(async () => {
    await database?.drop();
    await other?.drop();
  });

  test('a publish is heard at once by its own instance and once by another, not twice', async () => {
    const a = await listening(database);
    const b = await listening(database);
    try {
      await changeTransaction(database.db, a.feed, async (s) => s.record(settings('નામ')));
      assert.deepEqual(keysOf(a.heard), ['નામ'], 'delivered locally before the commit call returned');
      await waitUntil(() => b.heard.length === 1, 1000, 'the other instance hears it within 1 s');
      assert.deepEqual(b.heard[0], settings('નામ'));
      // Give A's own notice time to come back: it must not be delivered again.
      await changeTransaction(database.db, b.feed, async (s) => s.record(settings('second')));
      await waitUntil(() => a.heard.length === 2, 1000, 'A hears B');
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(keysOf(a.heard), ['નામ', 'second']);
      assert.deepEqual(keysOf(b.heard), ['નામ', 'second']);
      assert.equal(a.feed.status().connected, true);
      assert.equal(a.feed.status().lastEventId, b.feed.status().lastEventId);
      assert.deepEqual(a.errors, []);
    } finally {
      await a.feed.close();
      await b.feed.close();
    }
  });

  test('a writer with only a local feed (a CLI command, the worker) is heard through the trigger', async () => {
    const a = await listening(database);
    try {
      await changeTransaction(database.db, new LocalChangeFeed(), async (s) => {
        s.record(settings('one'));
        s.record({ type: 'home.changed', pages: ['home'] });
      });
      await waitUntil(() => a.heard.length === 2, 1000, 'heard both');
      assert.deepEqual(keysOf(a.heard), ['one', 'home.changed']);
    } finally {
      await a.feed.close();
    }
  });

  test('many events in one transaction come as an id range, all heard in order', async () => {
    const a = await listening(database);
    try {
      await changeTransaction(database.db, new LocalChangeFeed(), async (s) => {
        for (let i = 0; i < 1234; i++) s.record(settings(`k${i}`));
      });
      await waitUntil(() => a.heard.length === 1234, 5000, 'heard every event');
      assert.deepEqual(keysOf(a.heard), Array.from({ length: 1234 }, (_, i) => `k${i}`));
    } finally {
      await a.feed.close();
    }
  });

  test('another schema’s changes are not heard', async () => {
    const a = await listening(database);
    try {
      await changeTransaction(other.db, new LocalChangeFeed(), async (s) => s.record(settings('elsewhere')));
      await changeTransaction(database.db, new LocalChangeFeed(), async (s) => s.record(settings('here')));
      await waitUntil(() => a.heard.length >= 1, 1000, 'heard its own schema');
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(keysOf(a.heard), ['here']);
    } finally {
      await a.feed.close();
    }
  });

  test('a transaction that commits a lower id after a higher one was heard is still heard', async () => {
    const a = await listening(database);
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let written!: () => void;
      const wrote = new Promise<void>((r) => (written = r));
      // The slow transaction takes its id first, then waits while a quick one commits.
      const slow = database.db.transaction().execute(async (trx) => {
        await trx.insertInto('change_events').values({ type: 'settings.changed', article_id: null, payload: JSON.stringify(settings('slow')), created_at: new Date().toISOString() }).execute();
        written();
        await held;
      });
      await wrote;
      await changeTransaction(database.db, new LocalChangeFeed(), async (s) => s.record(settings('quick')));
      await waitUntil(() => a.heard.length === 1, 1000, 'heard the quick one');
      release();
      await slow;
      await waitUntil(() => a.heard.length === 2, 1000, 'heard the slow one too');
      assert.deepEqual(keysOf(a.heard), ['quick', 'slow']);
    } finally {
      await a.feed.close();
    }
  });

  test('after losing its connection it reconnects and catches up on what was committed meanwhile', async () => {
    const a = await listening(database);
    const lost: boolean[] = [];
    try {
      await admin((c) => c.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [a.applicationName]));
      await waitUntil(() => !a.feed.status().connected, 2000, 'the loss is noticed');
      lost.push(a.feed.status().connected);
      // Committed while nobody listens: no notice reaches this instance.
      await changeTransaction(database.db, new LocalChangeFeed(), async (s) => s.record(settings('while-away')));
      await waitUntil(() => a.feed.status().connected, 5000, 'reconnected');
      await waitUntil(() => a.heard.length === 1, 2000, 'caught up');
      assert.deepEqual(keysOf(a.heard), ['while-away']);
      assert.equal(a.feed.status().reconnects, 1);
      assert.equal(a.feed.status().lagEvents, 0);
      assert.ok(a.errors.some((m) => /lost the PostgreSQL LISTEN connection/.test(m)), a.errors.join('\n'));
      // And it listens again.
      await changeTransaction(database.db, new LocalChangeFeed(), async (s) => s.record(settings('after')));
      await waitUntil(() => a.heard.length === 2, 1000, 'hears new changes');
    } finally {
      await a.feed.close();
    }
    assert.deepEqual(lost, [false]);
  });

  test('while disconnected, the status shows it and the lag grows', async () => {
    const a = await listening(database);
    try {
      await admin((c) => c.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [a.applicationName]));
      await waitUntil(() => !a.feed.status().connected, 2000, 'the loss is noticed');
      const status = feedStatus(a.feed);
      assert.equal(status.kind, 'postgres');
      assert.equal(status.connected, false);
      await new Promise((r) => setTimeout(r, 30));
      assert.ok(a.feed.status().lagMs >= 30, `lag ${a.feed.status().lagMs} ms`);
    } finally {
      await a.feed.close();
    }
  });

  test('an event whose notice never came is found by the periodic check', async () => {
    const a = await listening(database, { checkMs: 100 });
    try {
      // Written with the trigger switched off: as if the notice were lost on the way.
      await sql`alter table change_events disable trigger change_events_notify`.execute(database.db);
      try {
        await database.db.insertInto('change_events').values({ type: 'settings.changed', article_id: null, payload: JSON.stringify(settings('unannounced')), created_at: new Date(Date.now() - 5000).toISOString() }).execute();
      } finally {
        await sql`alter table change_events enable trigger change_events_notify`.execute(database.db);
      }
      await waitUntil(() => a.heard.length === 1, 3000, 'found by the check');
      assert.deepEqual(keysOf(a.heard), ['unannounced']);
    } finally {
      await a.feed.close();
    }
  });
});

test('the local feed reports itself always in step', () => {
  assert.deepEqual(feedStatus(new LocalChangeFeed()), { kind: 'local', connected: true, lastEventId: 0, lagEvents: 0, lagMs: 0, lastDeliveryMs: 0, reconnects: 0 });
});
