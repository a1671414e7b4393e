import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { MediaStore } from './store.js';
import { imageKeys } from './variants.js';

export interface MigrateProgress {
  /** Keys finished so far (copied, already there or failed). */
  done: number;
  bytes: number;
}

export interface MigrateReport {
  /** Objects written to the target and read back identical. */
  copied: number;
  /** Objects the target already held with the same bytes (a re-run after an interruption). */
  alreadyThere: number;
  /** Bytes copied. */
  bytes: number;
  failed: { key: string; reason: string }[];
  /** Files the media table names that the target does not hold (missing from the source too). */
  missing: string[];
}

export interface MigrateOptions {
  /** Keys copied at once (object stores answer slowly one by one). */
  concurrency?: number;
  /** With the site's database: also check that every file the media table names arrived. */
  db?: Kysely<DB>;
  onProgress?: (p: MigrateProgress) => void;
}

/** Hashes what flows through, and counts it. */
function hashing(): Transform & { digest(): { sha256: string; size: number } } {
  const hash = createHash('sha256');
  let size = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  return Object.assign(t, { digest: () => ({ sha256: hash.digest('hex'), size }) });
}

async function digest(body: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of body) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Copies every object of one store into another, streaming, and verifies each by reading
 * it back from the target and comparing its SHA-256 with what was read from the source.
 * Objects the target already holds identically are left alone, so an interrupted run can
 * simply be started again. The source is never changed.
 */
export async function migrateMedia(from: MediaStore, to: MediaStore, o: MigrateOptions = {}): Promise<MigrateReport> {
  const report: MigrateReport = { copied: 0, alreadyThere: 0, bytes: 0, failed: [], missing: [] };
  let done = 0;

  const one = async (key: string) => {
    const existing = await to.head(key);
    const source = await from.get(key);
    if (!source) throw new Error('vanished from the source while copying');
    if (existing && existing.size === source.size) {
      const [a, b] = await Promise.all([digest(source.body), to.get(key).then((t) => (t ? digest(t.body) : undefined))]);
      if (b && a.sha256 === b.sha256) {
        report.alreadyThere++;
        return;
      }
      // Same length, other bytes: copy it over, from a fresh read.
      return copy(key, await from.get(key));
    }
    return copy(key, source);
  };

  const copy = async (key: string, source: Awaited<ReturnType<MediaStore['get']>>) => {
    if (!source) throw new Error('vanished from the source while copying');
    const through = hashing();
    source.body.on('error', (err) => through.destroy(err));
    await to.put(key, source.body.pipe(through), { contentType: source.contentType, size: source.size });
    const sent = through.digest();
    if (sent.size !== source.size) throw new Error(`read ${sent.size} bytes, the source said ${source.size}`);
    const back = await to.get(key);
    if (!back) throw new Error('not found in the target after writing it');
    const got = await digest(back.body);
    if (got.sha256 !== sent.sha256 || got.size !== sent.size) throw new Error(`the target holds other bytes (${got.size} bytes, SHA-256 ${got.sha256.slice(0, 12)}…)`);
    report.copied++;
    report.bytes += sent.size;
  };

  const keys = from.list()[Symbol.asyncIterator]();
  const worker = async () => {
    for (;;) {
      const next = await keys.next();
      if (next.done) return;
      const key = next.value;
      try {
        await one(key);
      } catch (err) {
        report.failed.push({ key, reason: (err as Error).message });
      }
      o.onProgress?.({ done: ++done, bytes: report.bytes });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 4) }, worker));

  if (o.db) {
    const rows = await o.db.selectFrom('media').select('path').orderBy('id').execute();
    for (const { path } of rows) {
      for (const key of imageKeys(path)) if (!(await to.exists(key))) report.missing.push(key);
    }
  }
  return report;
}

/**
 * A line for the operator when the store does not hold the newest image the media table
 * names: typically a site moved to PostgreSQL (whose default store is the database) with its
 * files still in `DATA_DIR/media`.
 */
export async function missingMediaWarning(db: Kysely<DB>, store: MediaStore): Promise<string | undefined> {
  const newest = await db.selectFrom('media').select('path').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!newest || (await store.exists(newest.path))) return undefined;
  const from = store.kind === 'disk' ? 'database|s3' : 'disk';
  return `media in ${store.where} lack ${newest.path}, the newest image the site names; if the files are elsewhere, copy them with \`npx khabar media migrate --from ${from} --to ${store.kind}\` or set MEDIA_URL`;
}
