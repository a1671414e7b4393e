import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import tar from 'tar-stream';
import { z } from 'zod';
import { ConfigError, redact, type Config } from '../config.js';
import { isEmpty, migrate, nowIso, openDatabase, type Database } from '../db/connect.js';
import { changeTransaction, LocalChangeFeed } from '../content/changes.js';
import { openMediaStore } from '../media/open.js';
import { checkKey, type MediaStore } from '../media/store.js';

/**
 * A backup is one tar file: `khabar-backup.json` (what it holds), then the database —
 * `database.sqlite` (SQLite's online backup: a consistent copy taken while the site runs) or
 * `database.pgdump` (pg_dump's custom format, the site's schema only) — then, unless the media
 * live in the database (and so are in it already), every media object under `media/<key>`.
 * The database is copied first: every file it names existed then, and files uploaded later
 * are merely extra.
 */
const manifestName = 'khabar-backup.json';
const mediaPrefix = 'media/';

const manifestSchema = z.object({
  format: z.literal('khabar-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  /** PostgreSQL: the schema the dump holds (it is restored into the same one). */
  schema: z.string().optional(),
  /** Migrations the database had run. */
  migrations: z.array(z.string()),
  media: z.object({
    store: z.enum(['disk', 'database', 's3']),
    /** Objects under media/ (0 when they are inside the database). */
    files: z.number().int().min(0),
  }),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

export interface BackupReport {
  file: string;
  bytes: number;
  manifest: BackupManifest;
  mediaBytes: number;
  ms: number;
}

export interface RestoreReport {
  manifest: BackupManifest;
  mediaFiles: number;
  /** Migrations run after the restore, for a backup older than this version. */
  migrated: string[];
  /** Events not yet delivered when the backup was made, marked delivered so nothing is posted twice. */
  eventsSettled: number;
  /** Set when the media are in the restored database but this site is configured to keep them elsewhere. */
  mediaHint?: string;
  ms: number;
}

// ---- PostgreSQL tools -------------------------------------------------------------------------

interface PgConnection {
  /** The URL without its password (it goes to the tools through PGPASSWORD, not their command line). */
  url: string;
  env: NodeJS.ProcessEnv;
}

function pgConnection(raw: string): PgConnection {
  const url = new URL(raw);
  const password = decodeURIComponent(url.password);
  url.password = '';
  // libpq reads %20 as a space but not '+', which URLSearchParams writes (options=-c+search_path=…).
  url.search = [...url.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return { url: url.toString(), env: { ...process.env, ...(password && { PGPASSWORD: password }) } };
}

/** Runs a PostgreSQL client tool; undefined when it is not installed. */
function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string } | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? resolve(undefined) : reject(err)));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

function quoteLiteral(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

async function currentSchema(database: Database): Promise<string> {
  const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  const schema = r.rows[0]?.schema;
  if (!schema) throw new ConfigError('PostgreSQL names no current schema (check search_path)');
  return schema;
}

async function pgDump(rawUrl: string, schema: string, into: string, mediaKind: MediaStore['kind']): Promise<void> {
  const { url, env } = pgConnection(rawUrl);
  const args = ['--format=custom', `--schema=${schema}`, '--no-owner', '--no-privileges', `--file=${into}`, `--dbname=${url}`];
  const r = await runTool('pg_dump', args, env);
  if (r === undefined) {
    throw new ConfigError(
      `pg_dump is not installed here (Debian: apt-get install postgresql-client). Back up the database with:\n` +
        `  pg_dump ${args.slice(0, 4).join(' ')} --file=site.pgdump ${shellWord(redact(rawUrl))}\n` +
        (mediaKind === 'database'
          ? 'The media are in the database, and so in that dump.'
          : `and the media with: npx khabar media migrate --from ${mediaKind} --to file:./media-copy`),
    );
  }
  if (r.code !== 0) throw new ConfigError(`pg_dump failed: ${r.stderr.trim()}`);
}

/**
 * Replaces everything in `schema` by the dump, in one transaction: Khabar's tables, sequences
 * and functions there are dropped, then pg_restore's script recreates them with their rows. If
 * any statement fails, nothing has changed.
 */
async function pgRestore(rawUrl: string, schema: string, dump: string, work: string): Promise<void> {
  const { url, env } = pgConnection(rawUrl);
  const dropFile = join(work, 'drop.sql');
  const s = quoteLiteral(schema);
  const drop = `create schema if not exists "${schema.replace(/"/g, '""')}";
do $khabar$
declare
  r record;
begin
  for r in select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = ${s} and c.relkind in ('r', 'p', 'v', 'm', 'S')
  loop
    execute format('drop %s if exists %I.%I cascade',
      case r.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'S' then 'sequence' else 'table' end, ${s}, r.relname);
  end loop;
  for r in select p.oid::regprocedure as sig from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = ${s}
  loop
    execute format('drop function if exists %s cascade', r.sig);
  end loop;
end
$khabar$;
`;
  writeFileSync(dropFile, drop);
  // The script is written out whole first: piping it straight into psql would commit the drop
  // even when pg_restore stopped halfway through a damaged dump.
  const scriptFile = join(work, 'restore.sql');
  const missing = () =>
    new ConfigError(
      `pg_restore and psql are needed to restore a PostgreSQL backup (Debian: apt-get install postgresql-client); or, by hand, into an empty schema after extracting database.pgdump from the backup (tar xf FILE database.pgdump):\n` +
        `  pg_restore --schema=${schema} --no-owner --no-privileges --file=restore.sql database.pgdump && psql -X -v ON_ERROR_STOP=1 --single-transaction -f restore.sql ${shellWord(redact(rawUrl))}`,
    );
  const script = await runTool('pg_restore', [`--schema=${schema}`, '--no-owner', '--no-privileges', `--file=${scriptFile}`, dump], env);
  if (script === undefined) throw missing();
  if (script.code !== 0) throw new ConfigError(`pg_restore failed, nothing was changed: ${script.stderr.trim()}`);
  const psql = await runTool('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', `--dbname=${url}`, '-f', dropFile, '-f', scriptFile], env);
  if (psql === undefined) throw missing();
  if (psql.code !== 0) throw new ConfigError(`restoring into PostgreSQL failed, nothing was changed: ${psql.stderr.trim()}`);
}

// ---- backup -----------------------------------------------------------------------------------

async function appliedMigrations(database: Database): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
  return r.rows.map((row) => row.name);
}

function addEntry(pack: tar.Pack, name: string, body: Readable | Buffer, size: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (Buffer.isBuffer(body)) {
      pack.entry({ name, size, mtime: new Date() }, body, (err) => (err ? reject(err) : resolve()));
      return;
    }
    const entry = pack.entry({ name, size, mtime: new Date() }, (err) => (err ? reject(err) : resolve()));
    body.on('error', reject);
    body.pipe(entry);
  });
}

/** Writes a backup of the whole site (database and media) to `file`, replacing it only when complete. */
export async function backupSite(config: Config, file: string, log: (line: string) => void = () => undefined): Promise<BackupReport> {
  const started = Date.now();
  if (config.database.kind === 'sqlite' && config.database.file === ':memory:') throw new ConfigError('an in-memory database cannot be backed up');
  const database = await openDatabase(config.database);
  const work = mkdtempSync(join(tmpdir(), 'khabar-backup-'));
  const partial = join(dirname(file), `.${basename(file)}.partial`);
  let media: MediaStore | undefined;
  try {
    media = await openMediaStore(config.media, database.db);
    const schema = database.dialect === 'postgres' ? await currentSchema(database) : undefined;
    const migrations = await appliedMigrations(database);
    const dbFile = join(work, database.dialect === 'sqlite' ? 'database.sqlite' : 'database.pgdump');
    if (config.database.kind === 'sqlite') {
      const native = new SQLite(config.database.file, { readonly: true, fileMustExist: true });
      try {
        await native.backup(dbFile);
      } finally {
        native.close();
      }
    } else {
      await pgDump(config.database.url, schema!, dbFile, media.kind);
    }
    log(`database copied (${(statSync(dbFile).size / 1048576).toFixed(1)} MiB)`);
    const keys: string[] = [];
    if (media.kind !== 'database') for await (const key of media.list()) keys.push(key);
    const manifest: BackupManifest = {
      format: 'khabar-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: database.dialect,
      ...(schema && { schema }),
      migrations,
      media: { store: media.kind, files: keys.length },
    };

    const pack = tar.pack();
    const written = pipeline(pack, createWriteStream(partial));
    written.catch(() => undefined);
    await addEntry(pack, manifestName, Buffer.from(JSON.stringify(manifest, null, 2)), Buffer.byteLength(JSON.stringify(manifest, null, 2)));
    await addEntry(pack, basename(dbFile), createReadStream(dbFile), statSync(dbFile).size);
    let mediaBytes = 0;
    for (const [i, key] of keys.entries()) {
      const object = await media.get(key);
      // Deleted since it was listed: the copy of the database may still name it; nothing to keep.
      if (!object) continue;
      await addEntry(pack, `${mediaPrefix}${key}`, object.body, object.size);
      mediaBytes += object.size;
      if ((i + 1) % 1000 === 0) log(`${i + 1} of ${keys.length} media files`);
    }
    pack.finalize();
    await written;
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, manifest, mediaBytes, ms: Date.now() - started };
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(partial, { force: true });
    await media?.close();
    await database.close();
  }
}

// ---- restore ----------------------------------------------------------------------------------

async function articleCount(config: Config): Promise<number> {
  if (config.database.kind === 'sqlite' && !existsSync(config.database.file)) return 0;
  const database = await openDatabase(config.database);
  try {
    if (await isEmpty(database)) return 0;
    const r = await database.db.selectFrom('articles').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  } catch (err) {
    // No articles table yet: a new, empty database.
    if (/no such table|does not exist/.test((err as Error).message)) return 0;
    throw err;
  } finally {
    await database.close();
  }
}

/** A tar entry's bytes. */
type EntryBody = AsyncIterable<unknown>;

async function saveEntry(entry: EntryBody, into: string): Promise<void> {
  await pipeline(entry, createWriteStream(into));
}

async function collect(entry: EntryBody, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of entry) {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('a tar entry gave something other than bytes');
    size += chunk.byteLength;
    if (size > limit) throw new ConfigError(`a backup entry is larger than ${limit} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, size);
}

/** Replaces the SQLite file by the backup's copy, checked first; the old file's journal goes with it. */
async function restoreSqlite(entry: EntryBody, target: string): Promise<void> {
  const incoming = join(dirname(target), `.${basename(target)}.restoring`);
  try {
    await saveEntry(entry, incoming);
    let result: unknown;
    try {
      const check = new SQLite(incoming, { readonly: true, fileMustExist: true });
      try {
        result = check.pragma('integrity_check', { simple: true });
      } finally {
        check.close();
      }
    } catch (err) {
      result = (err as Error).message;
    }
    if (result !== 'ok') throw new ConfigError(`the backup's database is damaged (${String(result)}); nothing was changed`);
    for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    renameSync(incoming, target);
  } finally {
    rmSync(incoming, { force: true });
  }
}

/**
 * Restores a backup made by `backupSite` into the configured database and media store. The
 * instances must be stopped (SQLite's file is replaced). A site with articles is replaced only
 * with `force`. Events that were pending at backup time are marked delivered (they were, most
 * likely, after the backup was made; posting a story twice is worse than not again).
 */
export async function restoreSite(config: Config, file: string, o: { force?: boolean; log?: (line: string) => void } = {}): Promise<RestoreReport> {
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  if (!existsSync(file)) throw new ConfigError(`no backup at ${file}`);
  const extract = tar.extract();
  const input = createReadStream(file);
  input.on('error', (err) => extract.destroy(err));
  input.pipe(extract);
  const work = mkdtempSync(join(tmpdir(), 'khabar-restore-'));
  let manifest: BackupManifest | undefined;
  let database: Database | undefined;
  let media: MediaStore | undefined;
  let mediaFiles = 0;
  let migrated: string[] = [];
  try {
    try {
      for await (const entry of extract) {
        const name = entry.header.name;
        if (!manifest) {
          if (name !== manifestName) throw new ConfigError(`${file} is not a Khabar backup (it does not begin with ${manifestName})`);
          const parsed = manifestSchema.safeParse(JSON.parse((await collect(entry, 1024 * 1024)).toString('utf8')));
          if (!parsed.success) throw new ConfigError(`${file}: ${manifestName} is not one this version reads (${parsed.error.issues[0]?.message})`);
          manifest = parsed.data;
          if (manifest.database !== config.database.kind) {
            throw new ConfigError(
              `${file} is a backup of a ${manifest.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'} site and DATABASE_URL names ${config.database.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}; ` +
                'restore into the same kind, or move between them with npx khabar export and import khabar',
            );
          }
          const articles = await articleCount(config);
          if (articles > 0 && !o.force) throw new ConfigError(`the site has ${articles} articles; restoring replaces all of it: stop every instance and run again with --force`);
          continue;
        }
        if (name === 'database.sqlite' && config.database.kind === 'sqlite') {
          await restoreSqlite(entry, config.database.file);
        } else if (name === 'database.pgdump' && config.database.kind === 'postgres') {
          const dump = join(work, 'database.pgdump');
          await saveEntry(entry, dump);
          const probe = await openDatabase(config.database);
          const schema = await currentSchema(probe).finally(() => probe.close());
          if (manifest.schema && manifest.schema !== schema) {
            throw new ConfigError(`${file} holds schema "${manifest.schema}" and this site works in "${schema}"; restore it where search_path names "${manifest.schema}"`);
          }
          await pgRestore(config.database.url, schema, dump, work);
        } else if (name.startsWith(mediaPrefix)) {
          if (!database) throw new ConfigError(`${file}: media come before the database; the backup is damaged`);
          media ??= await openMediaStore(config.media, database.db);
          await media.put(checkKey(name.slice(mediaPrefix.length)), await collect(entry));
          mediaFiles++;
          if (mediaFiles % 1000 === 0) log(`${mediaFiles} of ${manifest.media.files} media files`);
          continue;
        } else {
          entry.resume();
          continue;
        }
        log('database restored');
        database = await openDatabase(config.database);
        migrated = await migrate(database);
      }
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      if (!manifest || /tar|header|Unexpected end/i.test((err as Error).message)) throw new ConfigError(`${file} is not a readable Khabar backup: ${(err as Error).message}`);
      throw err;
    }
    if (!manifest) throw new ConfigError(`${file} is not a Khabar backup (it is empty)`);
    if (!database) throw new ConfigError(`${file} holds no database; nothing was restored`);
    if (mediaFiles !== manifest.media.files) throw new ConfigError(`${file} is cut short: ${mediaFiles} of ${manifest.media.files} media files restored`);
    const settled = await database.db.updateTable('change_events').set({ dispatched_at: nowIso() }).where('dispatched_at', 'is', null).executeTakeFirst();
    // Instances still running on PostgreSQL start over from the restored site.
    await changeTransaction(database.db, new LocalChangeFeed(), async ({ record }) => record({ type: 'site.replaced', pages: [] }));
    const mediaHint =
      manifest.media.store === 'database' && config.media.kind !== 'database'
        ? `the media are in the restored database; this site keeps them in ${config.media.kind}: run npx khabar media migrate --from database --to ${config.media.kind}`
        : undefined;
    return { manifest, mediaFiles, migrated, eventsSettled: Number(settled.numUpdatedRows), ...(mediaHint && { mediaHint }), ms: Date.now() - started };
  } finally {
    input.destroy();
    rmSync(work, { recursive: true, force: true });
    await media?.close();
    await database?.close();
  }
}

// ---- commands ---------------------------------------------------------------------------------

/** `khabar backup FILE`. */
export async function backupCommand(config: Config, positionals: string[]): Promise<void> {
  const [file] = positionals;
  if (!file) throw new ConfigError('usage: khabar backup FILE');
  const r = await backupSite(config, file, (line) => console.log(`khabar: ${line}`));
  const m = r.manifest;
  const where = m.media.store === 'database' ? 'media inside the database' : `${m.media.files} media files (${(r.mediaBytes / 1048576).toFixed(1)} MiB)`;
  console.log(`khabar: backed up the ${m.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database and ${where} to ${file} (${(r.bytes / 1048576).toFixed(1)} MiB, ${(r.ms / 1000).toFixed(1)} s)`);
}

/** `khabar restore FILE [--force]`. */
export async function restoreCommand(config: Config, positionals: string[], force: boolean): Promise<void> {
  const [file] = positionals;
  if (!file) throw new ConfigError('usage: khabar restore FILE [--force]');
  const r = await restoreSite(config, file, { force, log: (line) => console.log(`khabar: ${line}`) });
  console.log(
    `khabar: restored the backup of ${r.manifest.createdAt} (${r.mediaFiles} media files${r.migrated.length > 0 ? `, then migrated: ${r.migrated.join(', ')}` : ''}); ` +
      `${r.eventsSettled} events pending at backup time will not be delivered again`,
  );
  if (r.mediaHint) console.log(`khabar: ${r.mediaHint}`);
}
