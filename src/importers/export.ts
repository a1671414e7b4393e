import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { imageKeys } from '../media/variants.js';
import { readAll, type MediaStore } from '../media/store.js';
import { exportWxr, type WxrExportOptions } from './wordpress/wxrExport.js';
import { withLegacy, type LegacyDB } from '../content/legacyIds.js';

export type ExportFormat = 'json' | 'wxr';

export interface ExportDeps {
  db: Kysely<DB>;
  /** Where the media files live; their bytes go into the JSON archive. */
  media: MediaStore;
  /** The site's public base URL, for links in a WordPress export. */
  publicUrl: string;
}

/**
 * The tables of an archive, in the order a restore inserts them (a row's references come
 * before it). Self-references (a section's parent, a comment's reply-to) are restored in a
 * second step. Tables added by later migrations are found by introspection and go after these
 * (they hang off stories and people); login sessions, password-reset tokens and failed
 * sign-in counts never leave the site.
 */
const knownOrder: { name: string; orderBy: string[] }[] = [
  { name: 'settings', orderBy: ['key'] },
  { name: 'sections', orderBy: ['id'] },
  { name: 'people', orderBy: ['id'] },
  { name: 'tags', orderBy: ['id'] },
  { name: 'media', orderBy: ['id'] },
  { name: 'articles', orderBy: ['id'] },
  { name: 'article_authors', orderBy: ['article_id', 'person_id'] },
  { name: 'article_tags', orderBy: ['article_id', 'tag_id'] },
  { name: 'comments', orderBy: ['id'] },
  { name: 'redirects', orderBy: ['id'] },
  { name: 'legacy_ids', orderBy: ['source', 'kind', 'legacy_id'] },
];
// The search index, the newsroom's headline terms and the media-use index are derived data:
// `khabar import` rebuilds them from the stories (the writer's restore and reindex).
// Media bytes kept in the database go in as file lines, like files from any other store.
const neverExported = /^(kysely_migration.*|sessions|password_resets|search_.*|media_blobs|change_events|login_failures|rate_limits|server_keys|desk_terms|media_uses)$/;

export interface ArchiveTable {
  name: string;
  orderBy: string[];
  /** Has an auto-numbered `id` (PostgreSQL's sequence must move past restored ids). */
  serial: boolean;
}

export async function archiveTables(db: Kysely<DB>): Promise<ArchiveTable[]> {
  // PostgreSQL introspection lists every schema's tables; ours are the ones in the search path.
  const current = db.getExecutor().adapter instanceof PostgresAdapter
    ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
    : undefined;
  const tables = (await db.introspection.getTables()).filter(
    (t) => !neverExported.test(t.name) && !t.isView && (current === undefined || t.schema === current),
  );
  const byName = new Map(tables.map((t) => [t.name, t]));
  const serial = (name: string) => byName.get(name)?.columns.some((c) => c.name === 'id' && c.isAutoIncrementing) ?? false;
  const known = knownOrder.filter((t) => byName.has(t.name)).map((t) => ({ ...t, serial: serial(t.name) }));
  const extra = tables
    .filter((t) => !knownOrder.some((k) => k.name === t.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => {
      const hasId = t.columns.some((c) => c.name === 'id');
      return { name: t.name, orderBy: hasId ? ['id'] : t.columns.map((c) => c.name), serial: serial(t.name) };
    });
  return [...known, ...extra];
}

export const archiveFormat = 'khabar-archive';
/** 2: counters in `article_counters` (version 1 kept them in `articles`; both restore). */
export const archiveVersion = 2;

/** The first line of an archive. */
export interface ArchiveHeader {
  format: typeof archiveFormat;
  version: number;
  exportedAt: string;
  /** The tables in restore order, with whether each has an auto-numbered id. */
  tables: ArchiveTable[];
}

/** Every other line: a table row, or a media file's bytes. */
export type ArchiveLine = { table: string; row: Record<string, unknown> } | { file: string; base64: string };

/** Writes a line and waits when the file is behind, so memory stays flat on a large site. */
async function writeLine(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function finish(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}

/** Reads a table a page at a time, in a stable order. */
async function* pages(db: Kysely<LegacyDB>, table: string, orderBy: string[], size = 500): AsyncGenerator<Record<string, unknown>[]> {
  for (let offset = 0; ; offset += size) {
    // Table names come from introspection; the builder is typed for the tables it knows.
    let q = db.selectFrom(table as keyof LegacyDB).selectAll();
    for (const column of orderBy) q = q.orderBy(column as never);
    const rows = (await q.limit(size).offset(offset).execute()) as Record<string, unknown>[];
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
  }
}

/**
 * A Khabar archive: JSON Lines, one header line, then one line per row of every table
 * (values exactly as stored) and one per media file (original and variants, base64).
 * `khabar import khabar` restores it row for row.
 */
async function exportJson(deps: ExportDeps, file: string): Promise<Record<string, number>> {
  const db = withLegacy(deps.db);
  const out = createWriteStream(file, { encoding: 'utf8' });
  const counts: Record<string, number> = {};
  const tables = await archiveTables(deps.db);
  const header: ArchiveHeader = { format: archiveFormat, version: archiveVersion, exportedAt: new Date().toISOString(), tables };
  await writeLine(out, `${JSON.stringify(header)}\n`);
  for (const { name, orderBy } of tables) {
    counts[name] = 0;
    for await (const rows of pages(db, name, orderBy)) {
      for (const row of rows) {
        await writeLine(out, `${JSON.stringify({ table: name, row } satisfies ArchiveLine)}\n`);
        counts[name] = (counts[name] ?? 0) + 1;
        if (name === 'media') {
          for (const f of imageKeys(String(row.path))) {
            const object = await deps.media.get(f);
            if (!object) continue;
            await writeLine(out, `${JSON.stringify({ file: f, base64: (await readAll(object.body)).toString('base64') } satisfies ArchiveLine)}\n`);
            counts.files = (counts.files ?? 0) + 1;
          }
        }
      }
    }
  }
  await finish(out);
  return counts;
}

/**
 * Writes the whole site to `file`: a Khabar archive (`json`) or a WordPress export (`wxr`,
 * see wordpress/wxrExport.ts; `options.uploadsDir` also writes the images for it).
 */
export async function exportSite(deps: ExportDeps, file: string, format: ExportFormat = 'json', options: WxrExportOptions = {}): Promise<Record<string, number>> {
  return format === 'wxr' ? exportWxr(deps, file, options) : exportJson(deps, file);
}
