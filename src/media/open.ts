import type { Kysely } from 'kysely';
import { ConfigError, type MediaTarget } from '../config.js';
import type { DB } from '../db/schema.js';
import { DatabaseMediaStore } from './databaseStore.js';
import { DiskMediaStore } from './diskStore.js';
import type { MediaStore } from './store.js';

/** The store a configuration names; an object store is checked at once so a wrong bucket stops the start. */
export async function openMediaStore(target: MediaTarget, db: Kysely<DB>): Promise<MediaStore> {
  switch (target.kind) {
    case 'disk':
      return new DiskMediaStore(target.dir);
    case 'database':
      return new DatabaseMediaStore(db);
    case 's3': {
      // Loaded only when used: the SDK is large and most sites never need it.
      const { S3MediaStore } = await import('./s3Store.js');
      const store = new S3MediaStore({
        bucket: target.bucket,
        prefix: target.prefix,
        region: target.region,
        forcePathStyle: target.forcePathStyle,
        ...(target.endpoint && { endpoint: target.endpoint }),
      });
      try {
        await store.check();
      } catch (err) {
        await store.close();
        throw new ConfigError((err as Error).message);
      }
      return store;
    }
  }
}
