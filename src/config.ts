import { z } from 'zod';
import { isIP } from 'node:net';
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
  /** Most bytes the page cache holds (its brotli and gzip bodies), PAGE_CACHE_MB. */
  pageCacheBytes: number;
  /** Load the demo content into an empty database at start. */
  seedDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Where media files live (MEDIA_URL): disk under dataDir by default, the database on PostgreSQL. */
  media: MediaTarget;
  /** Limits on image work (MEDIA_MAX_MEGAPIXELS, MEDIA_IMAGE_WORKERS, MEDIA_UPLOADS_PER_MINUTE). */
  images: ImageSettings;
  /**
   * Which proxies' `X-Forwarded-For` is believed for the client's address (login and comment rate
   * limits, view counting): none (false), the nearest N hops, or these addresses/CIDRs.
   */
  trustProxy: TrustProxy;
  /** Longest a client may take to send a whole request, headers and body (slow-drip bodies are cut off). */
  requestTimeoutMs: number;
  /** Metrics and shutdown (METRICS_PORT, METRICS_TOKEN, SHUTDOWN_TIMEOUT). */
  ops: OpsSettings;
  /** Outgoing mail (SMTP_URL, MAIL_FROM); undefined when mail is off. */
  mail?: MailSettings;
  /** REDIS_URL: where instances count rate limits; the database when absent. */
  redisUrl?: string;
  /** CDN_PURGE_URL and CDN_PURGE_TOKEN: purge changed pages from a CDN by surrogate key. */
  cdnPurge?: CdnPurgeSettings;
}

export interface CdnPurgeSettings {
  /** Where purges are POSTed, e.g. Fastly's `https://api.fastly.com/service/ID/purge`. */
  url: string;
  /** Sent as `Fastly-Key` and as a bearer token. */
  token?: string;
}

export type TrustProxy = false | number | string[];

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
  PAGE_CACHE_MB: z.coerce.number().int().min(1).max(65_536).default(32),
  SEED_DEMO: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  TRUST_PROXY: z.string().optional(),
  REQUEST_TIMEOUT: z.coerce.number().int().min(1).max(3600).default(60),
  CDN_PURGE_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL')
    .optional(),
  // It travels in an HTTP header: visible ASCII only.
  CDN_PURGE_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
});

/** proxy-addr's names for address ranges, accepted beside addresses and CIDRs. */
const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

function proxyEntryOk(entry: string): boolean {
  if (proxyRangeNames.has(entry) || isIP(entry) !== 0) return true;
  const slash = entry.indexOf('/');
  if (slash === -1) return false;
  const family = isIP(entry.slice(0, slash));
  const bits = entry.slice(slash + 1);
  return family !== 0 && /^[0-9]{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** `TRUST_PROXY`: unset or `off` (believe no one), a hop count, or a comma list of proxy addresses/CIDRs. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'off' || value === 'false' || value === '0') return false;
  if (/^[0-9]{1,2}$/.test(value)) return Number(value);
  if (value === 'true' || value === 'on' || value === 'all') {
    throw new ConfigError(`TRUST_PROXY=${value} would let any client choose its address; give the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.5,10.1.0.0/16)`);
  }
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const bad = entries.find((e) => !proxyEntryOk(e));
  if (bad !== undefined || entries.length === 0) {
    throw new ConfigError(`TRUST_PROXY entry "${bad ?? value}" is not an address, a CIDR (10.0.0.0/8) or one of loopback, linklocal, uniquelocal`);
  }
  return entries;
}

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
  const database = parseDatabaseUrl(e.DATABASE_URL, dataDir);
  const host = overrides.host ?? e.HOST;
  const port = overrides.port ?? e.PORT;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    host,
    port,
    dataDir,
    database,
    publicUrl: (e.PUBLIC_URL ?? `http://${shownHost}:${port}`).replace(/(?<!\/)\/+$/, ''),
    pageCache: e.PAGE_CACHE === 'on',
    pageCacheBytes: e.PAGE_CACHE_MB * 1024 * 1024,
    seedDemo: e.SEED_DEMO === 'on',
    logLevel: e.LOG_LEVEL,
    ...mediaSettings(env, dataDir, overrides.database ?? database),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    requestTimeoutMs: e.REQUEST_TIMEOUT * 1000,
    ops: opsSettings(env),
    ...(e.REDIS_URL !== undefined && { redisUrl: e.REDIS_URL }),
    ...(e.CDN_PURGE_URL !== undefined && { cdnPurge: { url: e.CDN_PURGE_URL, ...(e.CDN_PURGE_TOKEN !== undefined && { token: e.CDN_PURGE_TOKEN }) } }),
    ...mailSettings(env),
    ...overrides,
  };
}

// ---- media ---------------------------------------------------------------------------------

export type MediaTarget =
  | { kind: 'disk'; dir: string }
  | { kind: 'database' }
  | {
      kind: 's3';
      bucket: string;
      /** Folder inside the bucket, no slashes at the ends ('' for the root). */
      prefix: string;
      /** MEDIA_S3_ENDPOINT (or AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL) for S3-compatible services. */
      endpoint?: string;
      region: string;
      forcePathStyle: boolean;
    };

export interface ImageSettings {
  /** Largest image accepted, in decoded pixels (width × height), checked from the header. */
  maxPixels: number;
  /** Images resized at once in this process; more wait their turn, so memory stays bounded. */
  workers: number;
  /** Uploads one person may make per minute in the newsroom. */
  uploadsPerMinute: number;
}

const mediaEnvSchema = z.object({
  MEDIA_URL: z.string().optional(),
  MEDIA_S3_ENDPOINT: z.string().url().optional(),
  AWS_ENDPOINT_URL_S3: z.string().url().optional(),
  AWS_ENDPOINT_URL: z.string().url().optional(),
  MEDIA_S3_PATH_STYLE: z.enum(['on', 'off']).optional(),
  AWS_REGION: z.string().min(1).optional(),
  AWS_DEFAULT_REGION: z.string().min(1).optional(),
  MEDIA_MAX_MEGAPIXELS: z.coerce.number().positive().max(268).default(40),
  MEDIA_IMAGE_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  MEDIA_UPLOADS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
});

type MediaEnv = z.infer<typeof mediaEnvSchema>;

function mediaEnv(env: NodeJS.ProcessEnv): MediaEnv {
  const parsed = mediaEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`environment variable ${String(issue?.path[0])} is invalid: ${issue?.message}`);
  }
  return parsed.data;
}

/**
 * MEDIA_URL: `file:DIR` (a folder), `database` (the media_blobs table) or `s3://bucket/prefix`.
 * Unset: `DATA_DIR/media` on SQLite; the database on PostgreSQL, so every instance sees every file.
 */
export function parseMediaUrl(raw: string | undefined, env: NodeJS.ProcessEnv, dataDir: string, database: DatabaseTarget): MediaTarget {
  return mediaTarget(raw, mediaEnv(env), dataDir, database);
}

function mediaTarget(raw: string | undefined, e: MediaEnv, dataDir: string, database: DatabaseTarget): MediaTarget {
  if (raw === undefined || raw === '') return database.kind === 'postgres' ? { kind: 'database' } : { kind: 'disk', dir: resolve(dataDir, 'media') };
  if (raw === 'database' || raw === 'database:') return { kind: 'database' };
  if (raw.startsWith('file:')) {
    const dir = raw.startsWith('file://') ? decodeURIComponent(new URL(raw).pathname) : raw.slice('file:'.length);
    if (dir === '') throw new ConfigError('MEDIA_URL "file:" names no folder; use file:./data/media');
    return { kind: 'disk', dir: resolve(dir) };
  }
  if (raw.startsWith('s3://')) {
    const rest = raw.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? '' : rest.slice(slash + 1).split('/').filter((part) => part !== '').join('/');
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError(`MEDIA_URL "${raw}" does not name an S3 bucket (expected s3://bucket/prefix)`);
    const endpoint = e.MEDIA_S3_ENDPOINT ?? e.AWS_ENDPOINT_URL_S3 ?? e.AWS_ENDPOINT_URL;
    return {
      kind: 's3',
      bucket,
      prefix,
      ...(endpoint && { endpoint }),
      region: e.AWS_REGION ?? e.AWS_DEFAULT_REGION ?? 'us-east-1',
      forcePathStyle: e.MEDIA_S3_PATH_STYLE ? e.MEDIA_S3_PATH_STYLE === 'on' : endpoint !== undefined,
    };
  }
  throw new ConfigError(`MEDIA_URL "${raw}" is not supported (use file:DIR, database or s3://bucket/prefix)`);
}

function mediaSettings(env: NodeJS.ProcessEnv, dataDir: string, database: DatabaseTarget): Pick<Config, 'media' | 'images'> {
  const e = mediaEnv(env);
  return {
    media: mediaTarget(e.MEDIA_URL, e, dataDir, database),
    images: { maxPixels: Math.round(e.MEDIA_MAX_MEGAPIXELS * 1_000_000), workers: e.MEDIA_IMAGE_WORKERS, uploadsPerMinute: e.MEDIA_UPLOADS_PER_MINUTE },
  };
}

// ---- operations ----------------------------------------------------------------------------

export interface OpsSettings {
  /** Prometheus metrics on a port of their own (on HOST), reachable only by who can reach that port. */
  metricsPort?: number;
  /** Bearer token for /metrics (on the site's port when no METRICS_PORT is given); no token, no /metrics there. */
  metricsToken?: string;
  /** Longest a SIGTERM shutdown may take (requests in flight, last views, the current outbox step) before the process gives up. */
  shutdownTimeoutMs: number;
}

const opsEnvSchema = z.object({
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SHUTDOWN_TIMEOUT: z.coerce.number().int().min(1).max(3600).default(30),
});

function opsSettings(env: NodeJS.ProcessEnv): OpsSettings {
  const parsed = opsEnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([k, v]) => k in opsEnvSchema.shape && v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`environment variable ${String(issue?.path[0])} is invalid: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    ...(e.METRICS_PORT !== undefined && { metricsPort: e.METRICS_PORT }),
    ...(e.METRICS_TOKEN !== undefined && { metricsToken: e.METRICS_TOKEN }),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT * 1000,
  };
}

// ---- mail ----------------------------------------------------------------------------------

export interface MailSettings {
  /** `smtp://user:pass@host:587` or `smtps://…:465` (nodemailer's connection URL). */
  smtpUrl: string;
  /** From-address (MAIL_FROM); when unset, `no-reply@` the public URL's host. */
  from?: string;
}

const mailAddressPattern = /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+(?:>)?$/;

/** SMTP_URL (unset: mail is off) and MAIL_FROM. */
export function mailSettings(env: NodeJS.ProcessEnv): Pick<Config, 'mail'> {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return {};
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`SMTP_URL is not a URL: "${redact(raw)}" (expected smtp://user:password@host:587 or smtps://…:465)`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError(`SMTP_URL scheme "${url.protocol}" is not supported (use smtp:// or smtps://)`);
  if (url.hostname === '') throw new ConfigError(`SMTP_URL "${redact(raw)}" names no host`);
  const from = env.MAIL_FROM?.trim();
  if (from && !mailAddressPattern.test(from)) throw new ConfigError(`MAIL_FROM "${from}" is not an e-mail address (e.g. news@example.com or "ખબર <news@example.com>")`);
  return { mail: { smtpUrl: raw, ...(from && { from }) } };
}
