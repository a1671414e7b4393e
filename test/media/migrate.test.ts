// Moving media between stores: every object copied and verified, a re-run leaves identical
// objects alone and repairs a damaged one, failures are reported without stopping the rest,
// files the media table names but no store has are listed; and `khabar media migrate` as a
// real process, disk → S3 → database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { nowIso } from '../../src/db/connect.js';
import { DatabaseMediaStore } from '../../src/media/databaseStore.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { ImagePipeline } from '../../src/media/images.js';
import { migrateMedia, missingMediaWarning } from '../../src/media/migrate.js';
import { S3MediaStore } from '../../src/media/s3Store.js';
import { readAll, type MediaStore } from '../../src/media/store.js';
import { imageKeys } from '../../src/media/variants.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { picture } from './images.js';
import { startTestS3, type TestS3 } from './s3server.js';
import { storeKinds, type OpenedStore } from './stores.js';

async function keys(store: MediaStore): Promise<string[]> {
  const out: string[] = [];
  for await (const k of store.list()) out.push(k);
  return out.sort();
}

async function bytes(store: MediaStore, key: string): Promise<Buffer | undefined> {
  const o = await store.get(key);
  return o ? readAll(o.body) : undefined;
}

const sample: [string, Buffer][] = [
  ['demo/metro.jpg', randomBytes(40_000)],
  ['demo/metro-400.webp', randomBytes(9_000)],
  ['wp/2011/07/નર્મદા ડેમ.jpg', randomBytes(1_600_000)],
  ['uploads/2026/05/0f0f0f0f0f0f0f0f.png', randomBytes(120_000)],
  ['uploads/2026/05/empty-ish.gif', Buffer.from('GIF89a')],
];

describe(`migrating media between stores (${testDialect})`, () => {
  const opened: OpenedStore[] = [];
  before(async () => {
    for (const kind of storeKinds) opened.push(await kind.open());
  });
  after(async () => {
    for (const o of opened) await o.close();
  });

  // disk → database → s3 → disk: every store is once a source and once a target.
  for (const [from, to] of [
    [0, 1],
    [1, 2],
    [2, 0],
  ] as const) {
    test(`${storeKinds[from]!.name} → ${storeKinds[to]!.name}: every object copied and verified, a re-run copies nothing`, async () => {
      const source = opened[from]!.store;
      const target = opened[to]!.store;
      // Keys of its own, so this pair has new objects whatever the earlier pairs left.
      const mine: [string, Buffer][] = sample.map(([k, b]) => [`pair-${from}${to}/${k}`, b]);
      for (const [k, b] of mine) await source.put(k, b);
      const report = await migrateMedia(source, target, { concurrency: 3 });
      assert.deepEqual(report.failed, []);
      const all = await keys(source);
      assert.equal(report.copied + report.alreadyThere, all.length);
      assert.ok(report.copied >= mine.length, `copied ${report.copied}`);
      assert.deepEqual(await keys(target), all, 'the target lists the same keys');
      for (const [k, b] of mine) assert.ok((await bytes(target, k))?.equals(b), `${k} identical`);
      assert.deepEqual(await keys(source), all, 'the source is unchanged');

      const again = await migrateMedia(source, target);
      assert.deepEqual([again.copied, again.alreadyThere, again.failed.length], [0, all.length, 0]);
    });
  }

  test('a damaged copy in the target (same size, other bytes) is copied again', async () => {
    const [source, target] = [opened[0]!.store, opened[1]!.store];
    const [k, good] = sample[2]!;
    const key = `pair-01/${k}`;
    await migrateMedia(source, target);
    await target.put(key, randomBytes(good.length));
    const report = await migrateMedia(source, target);
    assert.equal(report.copied, 1);
    assert.ok((await bytes(target, key))?.equals(good));
  });

  test('a file that cannot be read is reported; the others are still copied', async () => {
    const disk = opened[0]!.store;
    const broken: MediaStore = {
      kind: 'disk',
      where: 'a disk that fails on one file',
      put: (k, b, o) => disk.put(k, b, o),
      get: async (k) => {
        if (k === 'pair-01/demo/metro.jpg') throw new Error('EIO: i/o error');
        return disk.get(k);
      },
      head: (k) => disk.head(k),
      exists: (k) => disk.exists(k),
      delete: (k) => disk.delete(k),
      list: () => disk.list(),
      close: () => disk.close(),
    };
    const fresh = opened[2]!;
    const target = new S3MediaStore({ bucket: fresh.s3!.bucket, prefix: 'elsewhere', endpoint: fresh.s3!.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: fresh.s3!.credentials });
    try {
      const report = await migrateMedia(broken, target);
      assert.deepEqual(report.failed, [{ key: 'pair-01/demo/metro.jpg', reason: 'EIO: i/o error' }]);
      assert.equal(report.copied, (await keys(disk)).length - 1);
      assert.equal(await target.exists('pair-01/demo/metro.jpg'), false);
    } finally {
      await target.close();
    }
  });

  test('an operator is warned when the store lacks the newest image the site names', async () => {
    const { store, database } = opened[0]!;
    assert.equal(await missingMediaWarning(database.db, store), undefined, 'no images, nothing to say');
    await database.db.insertInto('media').values({ path: 'pair-01/demo/metro.jpg', mime: 'image/jpeg', width: 10, height: 10, alt: '', caption: '', created_at: nowIso() }).execute();
    assert.equal(await missingMediaWarning(database.db, store), undefined, 'the store has it');
    await database.db.insertInto('media').values({ path: 'uploads/2026/07/elsewhere.jpg', mime: 'image/jpeg', width: 10, height: 10, alt: '', caption: '', created_at: nowIso() }).execute();
    assert.match((await missingMediaWarning(database.db, store)) ?? '', /lack uploads\/2026\/07\/elsewhere\.jpg.*npx khabar media migrate --from database\|s3 --to disk/);
  });

  test('files the media table names but neither store has are listed', async () => {
    const { store, database } = opened[1]!;
    await database.db.insertInto('media').values({ path: 'uploads/2020/01/lost.jpg', mime: 'image/jpeg', width: 10, height: 10, alt: '', caption: '', created_at: nowIso() }).execute();
    const report = await migrateMedia(opened[0]!.store, store, { db: database.db });
    assert.deepEqual(report.missing, imageKeys('uploads/2020/01/lost.jpg'));
  });
});

/** `DATABASE_URL` for a spawned command on the test database (PostgreSQL: its schema through `options`). */
function databaseUrl(d: TestDatabase): string {
  if (d.target.kind === 'sqlite') return `sqlite:${d.target.file}`;
  const url = new URL(d.target.url);
  url.searchParams.set('options', `-c search_path=${d.target.schema}`);
  return url.toString();
}

function khabar(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { env: { ...process.env, LOG_LEVEL: 'silent', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe(`khabar media migrate (${testDialect})`, () => {
  let database: TestDatabase;
  let s3: TestS3;
  let env: Record<string, string>;
  const paths = ['uploads/2026/05/aaaaaaaaaaaaaaaa.jpg', 'wp/2019/03/સાબરમતી.jpg'];

  before(async () => {
    database = await openTestDatabase();
    s3 = await startTestS3();
    // A site with media on disk in DATA_DIR/media, as every site has had until now.
    mkdirSync(join(database.dir, 'media'), { recursive: true });
    const disk = new DiskMediaStore(join(database.dir, 'media'));
    const images = new ImagePipeline();
    for (const path of paths) {
      const stored = await images.store(disk, path, await picture('jpeg', 900, 500), { file: path, original: 'keep' });
      await database.db.insertInto('media').values({ ...stored, alt: '', caption: '', created_at: nowIso() }).execute();
    }
    env = {
      DATA_DIR: database.dir,
      DATABASE_URL: databaseUrl(database),
      MEDIA_URL: `s3://${s3.bucket}/site`,
      MEDIA_S3_ENDPOINT: s3.endpoint,
      AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
      AWS_REGION: 'us-east-1',
    };
  });
  after(async () => {
    await s3.close();
    await database.drop();
  });

  const files = paths.length * imageKeys('x.jpg').length;

  test('--from disk --to s3 copies and verifies every file; the disk copy stays', async () => {
    const r = await khabar(['media', 'migrate', '--from', 'disk', '--to', 's3'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`khabar: ${files} files copied \\([0-9.]+ MiB\\) and verified, 0 already there`));
    const s3store = new S3MediaStore({ bucket: s3.bucket, prefix: 'site', endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3.credentials });
    try {
      const disk = new DiskMediaStore(join(database.dir, 'media'));
      assert.deepEqual(await keys(s3store), await keys(disk));
      for (const k of await keys(disk)) assert.ok((await bytes(s3store, k))?.equals((await bytes(disk, k))!), k);
    } finally {
      await s3store.close();
    }
  });

  test('--from s3 --to database, then again: the second run finds everything already there', async () => {
    const first = await khabar(['media', 'migrate', '--from', 's3', '--to', 'database'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`${files} files copied .* and verified, 0 already there`));
    assert.match(first.stdout, /set MEDIA_URL to use database/);
    const inDb = new DatabaseMediaStore(database.db);
    assert.equal((await keys(inDb)).length, files);
    const second = await khabar(['media', 'migrate', '--from', 's3', '--to', 'database'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`0 files copied .* ${files} already there`));
  });

  test('wrong use stops with one readable line', async () => {
    const same = await khabar(['media', 'migrate', '--from', 'disk', '--to', 'disk'], env);
    assert.equal(same.code, 1);
    assert.match(same.stderr.trim(), /^khabar: --from and --to name the same store/);
    const unknown = await khabar(['media', 'migrate', '--from', 'ftp', '--to', 'disk'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr.trim(), /^khabar: --from "ftp" is not disk, database, s3/);
    const noS3 = await khabar(['media', 'migrate', '--from', 'disk', '--to', 's3'], { ...env, MEDIA_URL: '' });
    assert.equal(noS3.code, 1);
    assert.match(noS3.stderr.trim(), /^khabar: --to s3 needs MEDIA_URL=s3:\/\/bucket\/prefix/);
    const wrongBucket = await khabar(['media', 'migrate', '--from', 'disk', '--to', 's3://no-such-bucket/x'], env);
    assert.equal(wrongBucket.code, 1);
    assert.match(wrongBucket.stderr.trim(), /^khabar: cannot use media store s3:\/\/no-such-bucket\/x .*no such bucket/);
  });
});
