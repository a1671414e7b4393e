import { mkdirSync, accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { ConfigError, redact, type DatabaseTarget } from '../config.js';
import type { DB } from './schema.js';
import { migrationProvider } from './migrations/index.js';

import type { Dialect } from './dialect.js';

export type { Dialect };

/** An open database: the typed query builder and which engine is behind it. */
export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** PostgreSQL schema the connection works in, when not the default. */
  schema?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: run every query in this schema (tests use one schema each). */
  schema?: string;
  /** PostgreSQL only: pool size. */
  poolSize?: number;
  /**
   * PostgreSQL only: told when a connection breaks (a restart, a network cut). The connection
   * is dropped from the pool and the next query opens a new one; requests meanwhile answer 503.
   * Defaults to one line on stderr.
   */
  onConnectionError?: (err: Error) => void;
}

/** SQLSTATE classes and codes meaning "the server is not there right now", and socket errors. */
const unavailableCodes = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const unavailableMessages = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;

/**
 * True when a query failed because the database cannot be reached (PostgreSQL restarting or
 * gone, the pool unable to connect), not because of the query: such requests answer 503.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
    if (unavailableMessages.test(e.message)) return true;
  }
  return false;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  return target.kind === 'sqlite' ? openSqlite(target.file) : openPostgres(target.url, options);
}

function openSqlite(file: string): Database {
  if (file !== ':memory:') {
    const dir = dirname(file);
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
    } catch (err) {
      throw new ConfigError(`data folder ${dir} is not writable (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  let native: SQLite.Database;
  try {
    native = new SQLite(file);
    native.pragma('journal_mode = WAL');
  } catch (err) {
    throw new ConfigError(`cannot open SQLite database ${file}: ${(err as Error).message}`);
  }
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 5000');
  native.pragma('synchronous = NORMAL');
  // Sized for a site of 100,000 stories in 150 MB (README, "Memory"): no memory map (every
  // page of the file it touched stayed in the process's resident memory: 480 MB after a crawl
  // of the archive), and an 8 MiB page cache. Reads beyond it come from the kernel's file
  // cache, which is shared and given back under pressure; rendered pages are kept by the page cache.
  native.pragma('mmap_size = 0');
  native.pragma('cache_size = -8192');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: reusingStatements(native) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** Most statements kept prepared; the site's queries are a few dozen shapes (`in` lists vary). */
const preparedLimit = 256;

/**
 * The database as Kysely's driver sees it, with prepared statements kept by SQL text: the
 * driver prepares every query anew, and SQLite's parse and plan was a measurable share of
 * rendering a page (bench:pages, long tail). A statement still being iterated is not shared.
 */
function reusingStatements(native: SQLite.Database): SqliteDatabase {
  const prepared = new Map<string, SQLite.Statement>();
  return {
    close: () => native.close(),
    prepare(text) {
      const kept = prepared.get(text);
      if (kept && !kept.busy) return kept;
      const statement = native.prepare(text);
      if (kept) return statement;
      if (prepared.size >= preparedLimit) prepared.delete(prepared.keys().next().value!);
      prepared.set(text, statement);
      return statement;
    },
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  // Loaded here, not at start: a site on SQLite never needs the PostgreSQL client.
  const { default: pg } = await import('pg');
  // COUNT(*) and bigint come back as strings by default; our counts fit in a JS number.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // While the server is away a request waits at most this long for a connection, then fails.
    connectionTimeoutMillis: 3000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An 'error' event with no listener ends the process: a PostgreSQL restart did exactly that.
  // Every client gets a listener when it connects: the pool relays only idle clients' errors
  // (to its own listener, here a no-op), not those of a client held between two queries.
  const onError = options.onConnectionError ?? stderrOnce();
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', onError));
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new ConfigError(`cannot reach PostgreSQL at ${redact(url)}: ${(err as Error).message}`);
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', ...(options.schema && { schema: options.schema }), close: () => db.destroy() };
}

/** One stderr line per outage, not one per pooled connection that it broke. */
function stderrOnce(): (err: Error) => void {
  let last = 0;
  return (err) => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    console.error(`khabar: PostgreSQL connection lost (${err.message}); requests answer 503 until it is back`);
  };
}

/** Brings the schema to the newest migration; throws with the failing migration's name. */
export async function migrate(database: Database): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
  const migrator = new Migrator({
    db: database.db,
    provider: migrationProvider(database.dialect),
    // Areas add migrations independently (0003 may land after 0005 ran); each is self-contained.
    allowUnorderedMigrations: true,
    ...(database.schema && { migrationTableSchema: database.schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message ?? String(error)}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** Now, as stored in the database. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** True when the database has no articles yet (used to decide whether to load the demo). */
export async function isEmpty(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom('articles').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}
