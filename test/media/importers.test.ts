// Every writer and reader of media files goes through the store: the WordPress importer, the
// Khabar archive export and restore, and the demo loader, run against each store (the
// database store on SQLite included, whose single connection the importers share).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoContent } from '../../src/demo/content.js';
import { seedDemo } from '../../src/demo/seed.js';
import { exportSite } from '../../src/importers/export.js';
import { importKhabarArchive } from '../../src/importers/khabar/import.js';
import { importWordPress } from '../../src/importers/wordpress/import.js';
import { DatabaseMediaStore } from '../../src/media/databaseStore.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { S3MediaStore } from '../../src/media/s3Store.js';
import { readAll, type MediaStore } from '../../src/media/store.js';
import { imageKeys } from '../../src/media/variants.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { writeGujaratiExport } from '../importers/gujaratiWxr.js';
import { storeKinds, type OpenedStore } from './stores.js';

/** A second, empty store of the same kind, for restoring into. */
function sibling(opened: OpenedStore, database: TestDatabase, dir: string): MediaStore {
  switch (opened.store.kind) {
    case 'disk':
      return new DiskMediaStore(join(dir, 'restored-media'));
    case 'database':
      return new DatabaseMediaStore(database.db);
    case 's3':
      return new S3MediaStore({ bucket: opened.s3!.bucket, prefix: 'restored', endpoint: opened.s3!.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: opened.s3!.credentials });
  }
}

async function mediaKeys(database: TestDatabase): Promise<string[]> {
  const rows = await database.db.selectFrom('media').select('path').orderBy('id').execute();
  return rows.flatMap((r) => imageKeys(r.path));
}

for (const kind of storeKinds) {
  describe(`importers, exporter and demo through the ${kind.name} store`, () => {
    let opened: OpenedStore;
    let dir: string;
    before(async () => {
      opened = await kind.open();
      dir = mkdtempSync(join(tmpdir(), 'khabar-media-import-'));
    });
    after(async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('a WordPress import stores every attachment and its variants in the store', async () => {
      const { file, uploads } = await writeGujaratiExport(dir, { extraPosts: 3 });
      const report = await importWordPress({ db: opened.database.db, feed: new LocalChangeFeed(), media: opened.store }, { file, uploadsDir: uploads });
      assert.ok(report.format().length > 0);
      const keys = await mediaKeys(opened.database);
      assert.ok(keys.length >= 14, `${keys.length} files expected from the attachments`);
      for (const k of keys) assert.ok(await opened.store.exists(k), k);
    });

    test('an archive carries the files from the store and restores them into another store', async () => {
      const archive = join(dir, 'site.jsonl');
      const counts = await exportSite({ db: opened.database.db, media: opened.store, publicUrl: 'https://khabar.example' }, archive);
      const keys = await mediaKeys(opened.database);
      assert.equal(counts.files, keys.length);
      assert.ok(!readFileSync(archive, 'utf8').includes('"table":"media_blobs"'), 'stored bytes travel as file lines, not table rows');
      const target = await openTestDatabase();
      const into = sibling(opened, target, dir);
      try {
        const restored = await importKhabarArchive({ db: target.db, feed: new LocalChangeFeed(), media: into }, archive);
        assert.equal(restored.files, keys.length);
        for (const k of keys) {
          const a = await opened.store.get(k);
          const b = await into.get(k);
          assert.ok(a && b, k);
          assert.ok((await readAll(a.body)).equals(await readAll(b.body)), `${k} identical`);
        }
      } finally {
        if (into.kind !== 'database') await into.close();
        await target.drop();
      }
    });

    test('the demo loads its artwork into the store, and a second load reuses it', async () => {
      const target = await openTestDatabase();
      const store = sibling(opened, target, dir);
      try {
        const content = { ...demoContent, articles: demoContent.articles.slice(0, 3) };
        await seedDemo({ db: target.db, feed: new LocalChangeFeed(), media: store }, content);
        const keys = await mediaKeys(target);
        assert.equal(keys.length, 3 * imageKeys('x.jpg').length);
        for (const k of keys) assert.ok(await store.exists(k), k);
        const first = await store.head(keys[0]!);
        const again = await openTestDatabase();
        try {
          await seedDemo({ db: again.db, feed: new LocalChangeFeed(), media: store }, content);
          assert.equal((await store.head(keys[0]!))?.etag, first?.etag, 'the stored artwork was reused, not redrawn');
          const rows = await again.db.selectFrom('media').select(['width', 'height']).execute();
          assert.ok(rows.every((r) => r.width === 1200 && r.height === 675));
        } finally {
          await again.drop();
        }
      } finally {
        if (store.kind !== 'database') await store.close();
        await target.drop();
      }
    });
  });
}
