import { createReadStream } from 'node:fs';
import { posix } from 'node:path';
import { createInterface } from 'node:readline';
import { PostgresAdapter, sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { changeTransaction, type ChangeFeed } from '../../content/changes.js';
import { setCounts } from '../../audience/counters.js';
import { restoreArticles, syncBylines } from '../../newsroom/articleWriter.js';
import type { ArticleTable, DB as ContentDB } from '../../db/schema.js';
import { withLegacy, type LegacyDB } from '../../content/legacyIds.js';
import { checkKey, type MediaStore } from '../../media/store.js';
import { archiveFormat, archiveTables, archiveVersion, type ArchiveHeader, type ArchiveLine } from '../export.js';

export interface KhabarImportDeps {
  db: Kysely<DB>;
  feed: ChangeFeed;
  /** Where the archive's media files are restored to. */
  media: MediaStore;
}

/** Columns that point at a row of the same table; restored after every row is in. */
const selfRefs: Record<string, string> = { sections: 'parent_id', comments: 'parent_id' };

/** The one dialect difference here: PostgreSQL keeps a sequence per serial column. */
async function resetSequences(trx: Transaction<LegacyDB>, serialTables: string[]): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const table of serialTables) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
  }
}

/** A media file's path from an archive line, as a store key (no way out of the media folder). */
function fileKey(raw: string, where: string): string {
  const path = posix.normalize(raw.replace(/\\/g, '/')).replace(/^(\.\.(\/|$))+/, '').replace(/^\/+/, '');
  try {
    return checkKey(path);
  } catch {
    throw new Error(`${where} names a media file "${raw}" that is not a usable path`);
  }
}

function lines(file: string) {
  return createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
}

/**
 * Stories go in through the article writer (which indexes them); archives of version 1 still
 * carry the view and comment counts on the story rows, which now live in `article_counters`.
 */
async function restoreStories(trx: Transaction<ContentDB>, rows: Record<string, unknown>[]): Promise<void> {
  const counts: { id: number; views: number; comments: number }[] = [];
  const stories = rows.map(({ view_count, comment_count, ...row }) => {
    if (view_count !== undefined || comment_count !== undefined) counts.push({ id: Number(row.id), views: Number(view_count ?? 0), comments: Number(comment_count ?? 0) });
    return row as unknown as Insertable<ArticleTable>;
  });
  await restoreArticles({ trx, origin: 'import', record: () => undefined }, stories);
  for (const c of counts) await setCounts(trx, c.id, { views: c.views, comments: c.comments });
}

/**
 * Restores an archive written by `khabar export` into an empty site, row for row with the
 * same ids, in one transaction: a broken archive leaves the site as empty as it was. Media
 * files are put into the store after the commit, in a second read of the file (a store in the
 * same SQLite database could not write while the restore's transaction holds it).
 */
export async function importKhabarArchive(deps: KhabarImportDeps, file: string): Promise<Record<string, number>> {
  const db = withLegacy(deps.db);
  const existing = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const sections = await db.selectFrom('sections').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0 || Number(sections.n) > 0) {
    throw new Error('the site is not empty: an archive is restored only into a site with no sections and no articles');
  }
  // Only tables this site has: an archive from a newer Khabar with more tables is refused.
  const here = new Set((await archiveTables(deps.db)).map((t) => t.name));
  let serialTables: string[] = [];
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    let lineNo = 0;
    let batch: { table: string; rows: Record<string, unknown>[] } | undefined;
    const parents: { table: string; id: unknown; parent: unknown }[] = [];
    const flush = async () => {
      if (!batch || batch.rows.length === 0) return;
      const { table, rows } = batch;
      if (table === 'settings') {
        // A fresh site may already hold default settings; the archive's win.
        await trx.deleteFrom('settings').where('key', 'in', rows.map((r) => String(r.key))).execute();
      }
      if (table === 'articles') await restoreStories(trx as unknown as Transaction<ContentDB>, rows);
      else await trx.insertInto(table as keyof LegacyDB).values(rows as never).execute();
      batch = undefined;
    };
    for await (const text of lines(file)) {
      lineNo++;
      if (text.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(`${file}: line ${lineNo} is not JSON`);
      }
      if (lineNo === 1) {
        const header = parsed as Partial<ArchiveHeader>;
        if (header.format !== archiveFormat) throw new Error(`${file} is not a Khabar archive (line 1 has no "format": "${archiveFormat}")`);
        if ((header.version ?? 0) > archiveVersion) throw new Error(`${file} is archive version ${header.version}; this Khabar reads up to ${archiveVersion}`);
        serialTables = (header.tables ?? []).filter((t) => t.serial).map((t) => t.name);
        continue;
      }
      const line = parsed as ArchiveLine;
      if ('file' in line) {
        fileKey(line.file, `${file}: line ${lineNo}`);
        continue;
      }
      if (!here.has(line.table)) throw new Error(`${file}: line ${lineNo} names table "${line.table}", which this site does not have`);
      const row = { ...line.row };
      const ref = selfRefs[line.table];
      if (ref && row[ref] !== null && row[ref] !== undefined) {
        parents.push({ table: line.table, id: row.id, parent: row[ref] });
        row[ref] = null;
      }
      if (batch && (batch.table !== line.table || batch.rows.length >= 200)) await flush();
      batch ??= { table: line.table, rows: [] };
      batch.rows.push(row);
      counts[line.table] = (counts[line.table] ?? 0) + 1;
    }
    await flush();
    for (const p of parents) {
      await trx
        .updateTable(p.table as 'sections')
        .set({ parent_id: p.parent as number })
        .where('id', '=', p.id as number)
        .execute();
    }
    // An archive from before bylines carried their story's last change and state.
    await syncBylines(trx as unknown as Transaction<ContentDB>);
    await resetSequences(trx, serialTables);
  });
  for await (const text of lines(file)) {
    // Only file lines need parsing again; the first pass checked every line.
    if (!text.includes('"base64"')) continue;
    const line = JSON.parse(text) as ArchiveLine;
    if (!('file' in line)) continue;
    await deps.media.put(fileKey(line.file, file), Buffer.from(line.base64, 'base64'));
    counts.files = (counts.files ?? 0) + 1;
  }
  await changeTransaction(deps.db, deps.feed, async ({ record }) => record({ type: 'site.replaced', pages: [] }));
  return counts;
}
