// `khabar backup FILE` and `khabar restore FILE` as real processes: a site is backed up while it
// is served, lost (database and media), restored, and found as it was.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import tar from 'tar-stream';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { getSettings } from '../../src/content/settings.js';
import { seedDemo } from '../../src/demo/seed.js';
import { demoContent } from '../../src/demo/content.js';
import { restoreSite } from '../../src/importers/backup.js';
import { DatabaseMediaStore } from '../../src/media/databaseStore.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import type { MediaStore } from '../../src/media/store.js';
import { readAll } from '../../src/media/store.js';
import { migrate, openDatabase, type Database } from '../../src/db/connect.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { databaseUrl, runKhabar, startKhabar } from './processes.js';

/** Every media object's SHA-256, by key. */
async function mediaDigests(store: MediaStore): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const key of store.list()) {
    const o = await store.get(key);
    out.set(key, createHash('sha256').update(await readAll(o!.body)).digest('hex'));
  }
  return out;
}

/** What a reader and an editor would notice: every article row, the settings, sections, people. */
async function siteState(db: Database['db']) {
  return {
    articles: await db.selectFrom('articles').selectAll().orderBy('id').execute(),
    sections: await db.selectFrom('sections').selectAll().orderBy('id').execute(),
    people: await db.selectFrom('people').select(['id', 'email', 'name', 'role']).orderBy('id').execute(),
    counters: await db.selectFrom('article_counters').selectAll().orderBy('article_id').execute(),
    settings: await getSettings(db),
  };
}

async function tarNames(file: string): Promise<string[]> {
  const extract = tar.extract();
  createReadStream(file).pipe(extract);
  const names: string[] = [];
  for await (const entry of extract) {
    names.push(entry.header.name);
    entry.resume();
  }
  return names;
}

describe(`khabar backup and restore (${testDialect}, media ${testDialect === 'sqlite' ? 'on disk' : 'in the database'})`, () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let mediaDir: string;
  let store: MediaStore;
  const uploaded = 'uploads/2026/07/સાબરમતી-નદી.jpg';
  let before1: Awaited<ReturnType<typeof siteState>>;
  let media1: Map<string, string>;
  let file: string;

  before(async () => {
    database = await openTestDatabase();
    mediaDir = join(database.dir, 'media');
    mkdirSync(mediaDir, { recursive: true });
    store = testDialect === 'sqlite' ? new DiskMediaStore(mediaDir) : new DatabaseMediaStore(database.db);
    await seedDemo({ db: database.db, feed: new LocalChangeFeed(), media: store }, demoContent);
    await store.put(uploaded, Buffer.from('not really a JPEG, but bytes to keep: ગુજરાતી'));
    env = { DATABASE_URL: databaseUrl(database), DATA_DIR: database.dir, MEDIA_URL: testDialect === 'sqlite' ? `file:${mediaDir}` : 'database' };
    file = join(database.dir, 'site.khabar-backup');
  });
  after(async () => database.drop());

  test('backup FILE while the site is served', async () => {
    const server = await startKhabar(['serve'], env);
    try {
      assert.equal((await fetch(`${server.url}/`)).status, 200);
      before1 = await siteState(database.db);
      media1 = await mediaDigests(store);
      const r = await runKhabar(['backup', file], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, testDialect === 'sqlite' ? new RegExp(`khabar: backed up the SQLite database and ${media1.size} media files`) : /khabar: backed up the PostgreSQL database and media inside the database/);
      assert.equal((await fetch(`${server.url}/`)).status, 200, 'the site kept serving');
    } finally {
      assert.equal(await server.stop(), 0);
    }
    const names = await tarNames(file);
    assert.equal(names[0], 'khabar-backup.json');
    assert.equal(names[1], testDialect === 'sqlite' ? 'database.sqlite' : 'database.pgdump');
    const mediaNames = names.filter((n) => n.startsWith('media/'));
    if (testDialect === 'sqlite') {
      assert.deepEqual(mediaNames.sort(), [...media1.keys()].map((k) => `media/${k}`).sort());
      assert.ok(mediaNames.includes(`media/${uploaded}`), 'a Gujarati key survives the tar header');
    } else {
      assert.deepEqual(mediaNames, [], 'media in the database travel in the dump');
    }
    assert.ok(!existsSync(join(database.dir, '.site.khabar-backup.partial')), 'no partial file left');
  });

  test('restore FILE brings back a lost site: rows, settings and every media file', async () => {
    // The disaster: database and media gone.
    await database.close();
    if (database.target.kind === 'sqlite') {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${database.target.file}${suffix}`, { force: true });
    } else {
      const c = new pg.Client({ connectionString: database.target.url });
      await c.connect();
      await c.query(`drop schema ${database.target.schema} cascade`);
      await c.query(`create schema ${database.target.schema}`);
      await c.end();
    }
    rmSync(mediaDir, { recursive: true, force: true });

    const r = await runKhabar(['restore', file], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /khabar: restored the backup of \d{4}-\d\d-\d\dT/);
    assert.match(r.stdout, /events pending at backup time will not be delivered again/);

    const reopened = database.target.kind === 'sqlite'
      ? await openDatabase({ kind: 'sqlite', file: database.target.file })
      : await openDatabase({ kind: 'postgres', url: database.target.url }, { schema: database.target.schema, poolSize: 2 });
    try {
      assert.deepEqual(await migrate(reopened), [], 'the restored schema is current');
      assert.deepEqual(await siteState(reopened.db), before1);
      const restoredStore = testDialect === 'sqlite' ? new DiskMediaStore(mediaDir) : new DatabaseMediaStore(reopened.db);
      assert.deepEqual(await mediaDigests(restoredStore), media1);
      const pending = await reopened.db.selectFrom('change_events').select(['type']).where('dispatched_at', 'is', null).execute();
      assert.deepEqual(pending.map((p) => p.type), ['site.replaced'], 'only the restore itself waits for the outbox');
      if (database.target.kind === 'sqlite') {
        const native = new SQLite(database.target.file, { readonly: true });
        assert.equal(native.pragma('integrity_check', { simple: true }), 'ok');
        native.close();
      } else {
        // The change feed's trigger came back with the schema.
        const t = await sql<{ n: number }>`select count(*)::int as n from pg_trigger where tgname = 'change_events_notify' and tgrelid = 'change_events'::regclass`.execute(reopened.db);
        assert.equal(t.rows[0]!.n, 1);
      }
    } finally {
      await reopened.close();
    }
    // The restored site serves.
    const server = await startKhabar(['serve'], env);
    try {
      const home = await (await fetch(`${server.url}/`)).text();
      assert.ok(home.includes(before1.articles.find((a) => a.status === 'published')!.headline) || home.includes(before1.settings.name));
      assert.equal((await fetch(`${server.url}/media/${encodeURI(uploaded)}`)).status, 200);
    } finally {
      assert.equal(await server.stop(), 0, `${server.stdout()}\n${server.stderr()}`);
    }
  });

  test('restore refuses to replace a site with articles unless --force', async () => {
    const refused = await runKhabar(['restore', file], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^khabar: the site has \d+ articles; restoring replaces all of it: stop every instance and run again with --force/);
    const forced = await runKhabar(['restore', file, '--force'], env);
    assert.equal(forced.code, 0, forced.stderr);
  });

  test('a file that is not a backup, or a backup of the other engine, is refused with one clear line', async () => {
    const junk = join(database.dir, 'junk.bin');
    writeFileSync(junk, 'this is not a tar file at all, only Gujarati text: ખબર'.repeat(40));
    const r = await runKhabar(['restore', junk], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^khabar: .*junk\.bin is not (a readable )?(a )?Khabar backup/);
    const missing = await runKhabar(['restore', join(database.dir, 'nothing-here')], env);
    assert.match(missing.stderr, /^khabar: no backup at /);
    const other = loadConfig(testDialect === 'sqlite' ? { DATABASE_URL: 'postgres://127.0.0.1:1/none', DATA_DIR: database.dir } : { DATABASE_URL: `sqlite:${join(database.dir, 'x.db')}`, DATA_DIR: database.dir });
    await assert.rejects(restoreSite(other, file), /is a backup of a (SQLite|PostgreSQL) site and DATABASE_URL names (PostgreSQL|SQLite); restore into the same kind/);
  });

  test('a backup whose database is damaged changes nothing', async () => {
    const bad = join(database.dir, 'damaged.backup');
    const manifest = JSON.stringify({
      format: 'khabar-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: testDialect,
      ...(database.target.kind === 'postgres' && { schema: database.target.schema }),
      migrations: [],
      media: { store: 'database', files: 0 },
    });
    const garbage = Buffer.from('PGDMP, or SQLite format 3, but not really: ખરાબ ફાઇલ '.repeat(200));
    const pack = tar.pack();
    const written = pipeline(pack, createWriteStream(bad));
    pack.entry({ name: 'khabar-backup.json' }, manifest);
    pack.entry({ name: testDialect === 'sqlite' ? 'database.sqlite' : 'database.pgdump' }, garbage);
    pack.finalize();
    await written;
    const reopened = database.target.kind === 'sqlite'
      ? await openDatabase({ kind: 'sqlite', file: database.target.file })
      : await openDatabase({ kind: 'postgres', url: database.target.url }, { schema: database.target.schema, poolSize: 2 });
    try {
      const before = await siteState(reopened.db);
      const r = await runKhabar(['restore', bad, '--force'], env);
      assert.equal(r.code, 1);
      assert.match(r.stderr, testDialect === 'sqlite' ? /^khabar: the backup's database is damaged \(.*\); nothing was changed/ : /^khabar: pg_restore failed, nothing was changed: /);
      assert.deepEqual(await siteState(reopened.db), before);
    } finally {
      await reopened.close();
    }
  });

  test('on PostgreSQL without pg_dump, backup prints the command to run instead', { skip: testDialect === 'postgres' ? false : 'PostgreSQL only' }, async () => {
    const r = await runKhabar(['backup', join(database.dir, 'no-tools.backup')], { ...env, PATH: '/nonexistent' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /pg_dump is not installed here .*\n\s+pg_dump --format=custom --schema=t_[0-9a-f]+ --no-owner --no-privileges --file=site\.pgdump /);
    assert.ok(!existsSync(join(database.dir, 'no-tools.backup')));
  });
});
