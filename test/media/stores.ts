// The three media stores, opened the same way for tests that run one body against each:
// a temporary folder, the test database (SQLite or the PostgreSQL of KHABAR_TEST_DATABASE_URL),
// and a local S3-compatible server through the real AWS SDK client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseMediaStore } from '../../src/media/databaseStore.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { S3MediaStore } from '../../src/media/s3Store.js';
import type { MediaStore } from '../../src/media/store.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { startTestS3, type TestS3 } from './s3server.js';

export interface OpenedStore {
  store: MediaStore;
  /** The database the test uses (the database store's own, or a fresh one beside the others). */
  database: TestDatabase;
  /** Set for the S3 store. */
  s3?: TestS3;
  close(): Promise<void>;
}

export interface StoreKind {
  name: string;
  open(): Promise<OpenedStore>;
}

export const storeKinds: StoreKind[] = [
  {
    name: 'disk',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'khabar-media-'));
      const database = await openTestDatabase();
      return {
        store: new DiskMediaStore(dir),
        database,
        async close() {
          await database.drop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: `database (${testDialect})`,
    async open() {
      const database = await openTestDatabase();
      return { store: new DatabaseMediaStore(database.db), database, close: () => database.drop() };
    },
  },
  {
    name: 's3 (s3rver)',
    async open() {
      const s3 = await startTestS3();
      const database = await openTestDatabase();
      const store = new S3MediaStore({ bucket: s3.bucket, prefix: 'site/media', endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3.credentials });
      await store.check();
      return {
        store,
        database,
        s3,
        async close() {
          await store.close();
          await s3.close();
          await database.drop();
        },
      };
    },
  },
];
