import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { nowIso } from '../db/connect.js';
import { checkKey, contentTypeFor, readAll, type MediaObject, type MediaObjectInfo, type MediaStore, type PutOptions } from './store.js';

/** One stored file (migration 0008): bytea on PostgreSQL, blob on SQLite. */
export interface MediaBlobTable {
  key: string;
  content_type: string;
  size: number;
  /** Hex SHA-256 of `data`: the ETag, and how a reader notices the object changed under it. */
  sha256: string;
  data: Buffer;
  updated_at: string;
}

type BlobDB = DB & { media_blobs: MediaBlobTable };

/** Bytes fetched per query: most variants come in one, large originals in a few. */
const chunkSize = 512 * 1024;

/**
 * Media in the site's own database, so every instance on one PostgreSQL sees the same files
 * with nothing else to run. Large objects are read a chunk per query, never whole.
 */
export class DatabaseMediaStore implements MediaStore {
  readonly kind = 'database' as const;
  readonly where = 'database (media_blobs)';
  private readonly db: Kysely<BlobDB>;

  constructor(db: Kysely<DB>) {
    this.db = db.withTables<{ media_blobs: MediaBlobTable }>();
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions = {}): Promise<void> {
    checkKey(key);
    const data = Buffer.isBuffer(body) ? body : await readAll(body);
    const row = {
      content_type: options.contentType ?? contentTypeFor(key),
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      data,
      updated_at: nowIso(),
    };
    await this.db
      .insertInto('media_blobs')
      .values({ key, ...row })
      .onConflict((oc) => oc.column('key').doUpdateSet(row))
      .execute();
  }

  async get(key: string): Promise<MediaObject | undefined> {
    checkKey(key);
    const row = await this.db
      .selectFrom('media_blobs')
      .select(['content_type', 'size', 'sha256', 'updated_at', sql<Buffer>`substr(data, 1, ${chunkSize})`.as('head')])
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) return undefined;
    const size = Number(row.size);
    const first = Buffer.from(row.head);
    const db = this.db;
    async function* chunks(): AsyncGenerator<Buffer> {
      yield first;
      for (let offset = first.length; offset < size; offset += chunkSize) {
        // Same key and same hash: if the object was replaced meanwhile, the read fails rather than mixing two files.
        const next = await db
          .selectFrom('media_blobs')
          .select(sql<Buffer>`substr(data, ${offset + 1}, ${chunkSize})`.as('part'))
          .where('key', '=', key)
          .where('sha256', '=', row!.sha256)
          .executeTakeFirst();
        if (!next) throw new Error(`media ${key} changed while it was being read`);
        yield Buffer.from(next.part);
      }
    }
    return { ...info(row), body: Readable.from(chunks(), { objectMode: false }) };
  }

  async head(key: string): Promise<MediaObjectInfo | undefined> {
    checkKey(key);
    const row = await this.db.selectFrom('media_blobs').select(['content_type', 'size', 'sha256', 'updated_at']).where('key', '=', key).executeTakeFirst();
    return row ? info(row) : undefined;
  }

  async exists(key: string): Promise<boolean> {
    checkKey(key);
    return (await this.db.selectFrom('media_blobs').select('key').where('key', '=', key).executeTakeFirst()) !== undefined;
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.db.deleteFrom('media_blobs').where('key', '=', key).execute();
  }

  async *list(): AsyncIterable<string> {
    let after: string | undefined;
    for (;;) {
      let q = this.db.selectFrom('media_blobs').select('key').orderBy('key').limit(1000);
      if (after !== undefined) q = q.where('key', '>', after);
      const rows = await q.execute();
      for (const r of rows) yield r.key;
      if (rows.length < 1000) return;
      after = rows[rows.length - 1]!.key;
    }
  }

  /** The database belongs to the app; closing it is not the store's business. */
  async close(): Promise<void> {}
}

function info(row: { content_type: string; size: number; sha256: string; updated_at: string }): MediaObjectInfo {
  return { size: Number(row.size), contentType: row.content_type, etag: `"${row.sha256.slice(0, 32)}"`, lastModified: new Date(row.updated_at) };
}
