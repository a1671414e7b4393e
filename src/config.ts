import { z } from 'zod';
import { resolve } from 'node:path';

/** Everything the process needs to know at start, read once from the environment and flags. */
export interface Config {
  host: string;
  port: number;
  /** Folder for the SQLite file and media; created at start when missing. */
  dataDir: string;
  /** `sqlite:<file>` (default, under dataDir) or a `postgres://` URL. */
  database: DatabaseTarget;
  /** Absolute base URL used in canonical links, feeds and sitemaps (no trailing slash). */
  publicUrl: string;
  /** Keep rendered pages in memory; off only for measuring raw rendering. */
  pageCache: boolean;
  /** Load the demo content into an empty database at start. */
  seedDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
}

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** A start-up problem, reported as one readable line. */
export class ConfigError extends Error {}

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z.string().optional(),
  PUBLIC_URL: z.string().optional(),
  PAGE_CACHE: z.enum(['on', 'off']).default('on'),
  SEED_DEMO: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
});

export function parseDatabaseUrl(raw: string | undefined, dataDir: string): DatabaseTarget {
  if (raw === undefined || raw === '') return { kind: 'sqlite', file: resolve(dataDir, 'khabar.db') };
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file === '') throw new ConfigError('DATABASE_URL "sqlite:" names no file; use sqlite:./data/khabar.db');
    return { kind: 'sqlite', file: file === ':memory:' ? file : resolve(file) };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`DATABASE_URL is not a URL: "${redact(raw)}" (expected postgres://user@host:5432/db or sqlite:FILE)`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL scheme "${url.protocol}" is not supported (use postgres:// or sqlite:)`);
  }
  if (url.hostname === '' || url.pathname.length <= 1) {
    throw new ConfigError(`DATABASE_URL "${redact(raw)}" needs a host and a database name, e.g. postgres://127.0.0.1:5432/khabar`);
  }
  return { kind: 'postgres', url: raw };
}

/** Hides a password in a URL before it is printed. */
export function redact(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`environment variable ${String(issue?.path[0])} is invalid: ${issue?.message}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const host = overrides.host ?? e.HOST;
  const port = overrides.port ?? e.PORT;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    host,
    port,
    dataDir,
    database: parseDatabaseUrl(e.DATABASE_URL, dataDir),
    publicUrl: (e.PUBLIC_URL ?? `http://${shownHost}:${port}`).replace(/(?<!\/)\/+$/, ''),
    pageCache: e.PAGE_CACHE === 'on',
    seedDemo: e.SEED_DEMO === 'on',
    logLevel: e.LOG_LEVEL,
    ...overrides,
  };
}
