#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, redact, type Config } from './config.js';
import { isEmpty, migrate, openDatabase, type Database } from './db/connect.js';
import { LocalChangeFeed, type ChangeFeed } from './content/changes.js';
import { secretKeyForWorkers, startDistribution } from './distribution/service.js';
import { SecretError, type SecretKey } from './distribution/secrets.js';
import { buildApp } from './web/server.js';
import { startScheduler } from './newsroom/scheduler.js';
import { missingMediaWarning } from './media/migrate.js';
import { openMediaStore } from './media/open.js';
import type { MediaStore } from './media/store.js';

// The other commands' modules (importers, backup, the demo, CLI tools) are imported by their
// command only: `serve` keeps them out of its memory.

const usage = `usage: khabar <command> [options]

commands:
  serve [--port N] [--host H]   migrate, load the demo into an empty site, and serve it
  migrate                       bring the database schema up to date
  seed-demo                     load the demo content (only into a site with no articles)
  import wordpress FILE.xml [--uploads DIR] [--dry-run]
                                import a WordPress export (WXR); re-running updates, never duplicates
  import khabar FILE            restore an archive made by \`khabar export\` into an empty site
  export FILE [--format wxr] [--uploads DIR]
                                write the whole site as a Khabar archive (JSON) or a WordPress export
                                (with --uploads, the export's images too)
  user add --email E --name N --role contributor|author|editor|admin [--password P]
                                create a newsroom account (a one-time password is printed when none is given)
  user reset-link --email E     print a one-time password reset link
  settings get [KEY]            print the site settings (or one) as JSON
  settings set KEY VALUE        change one setting (e.g. name, social.telegram), validated and logged as the CLI
  worker                        run scheduled publishing and the outbox worker without serving pages
  reindex                       rebuild the search index and its vocabulary from the published stories (a repair)
  media migrate --from disk|database|s3 --to disk|database|s3
                                copy every media file to another store and verify each (the source is kept)
  backup FILE                   write the database and every media file to one file, while the site runs
                                (SQLite's online backup; pg_dump on PostgreSQL)
  restore FILE [--force]        replace the site by a backup (stop every instance first; --force when it has articles)

environment: PORT, HOST, DATA_DIR, DATABASE_URL (postgres://… or sqlite:FILE), PUBLIC_URL,
             PAGE_CACHE (on|off), SEED_DEMO (on|off), LOG_LEVEL, TRUST_PROXY (off|N|addresses),
             REQUEST_TIMEOUT (seconds), MEDIA_URL (file:DIR, database or s3://bucket/prefix), MEDIA_S3_ENDPOINT,
             MEDIA_MAX_MEGAPIXELS, MEDIA_IMAGE_WORKERS, MEDIA_UPLOADS_PER_MINUTE,
             METRICS_PORT, METRICS_TOKEN, SHUTDOWN_TIMEOUT (seconds),
             KHABAR_SECRET_KEY (32 bytes, base64 or hex: encrypts channel tokens and keys)`;

function describe(config: Config): string {
  return config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : `PostgreSQL ${redact(config.database.url)}`;
}

async function open(config: Config): Promise<Database> {
  const database = await openDatabase(config.database);
  await migrate(database);
  return database;
}

async function seedIfEmpty(config: Config, database: Database, feed: ChangeFeed, media: MediaStore): Promise<void> {
  if (!(await isEmpty(database))) return;
  const [{ ImagePipeline }, { seedDemo }, { demoContent }] = await Promise.all([
    import('./media/images.js'),
    import('./demo/seed.js'),
    import('./demo/content.js'),
  ]);
  const images = new ImagePipeline({ maxPixels: config.images.maxPixels, workers: config.images.workers });
  const { articles } = await seedDemo({ db: database.db, feed, media, images }, demoContent);
  console.log(`khabar: loaded the demo site (${articles} articles)`);
}

async function openMedia(config: Config, database: Database): Promise<MediaStore> {
  try {
    return await openMediaStore(config.media, database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
}

/**
 * The feed `serve` hears changes on: LISTEN/NOTIFY on PostgreSQL, so every instance hears every
 * other's changes; in-process on SQLite, which one process serves.
 */
async function openFeed(config: Config, database: Database, log: (msg: string, err?: unknown) => void): Promise<ChangeFeed & { close?: () => Promise<void> }> {
  if (config.database.kind !== 'postgres') return new LocalChangeFeed();
  const { PgChangeFeed } = await import('./content/pgChangeFeed.js');
  const feed = new PgChangeFeed({
    connectionString: config.database.url,
    ...(database.schema && { schema: database.schema }),
    onError: log,
    onConnection: (connected) => {
      if (connected) console.log('khabar: change feed connected (LISTEN)');
    },
  });
  try {
    await feed.start();
  } catch (err) {
    await database.close();
    throw new ConfigError(`cannot LISTEN for changes on PostgreSQL at ${redact(config.database.url)}: ${(err as Error).message}`);
  }
  return feed;
}

/**
 * Stops on SIGTERM/SIGINT: no new connections, requests in flight answered, pending view counts
 * written, the current scheduler and outbox step finished, then the feed and the database
 * closed. Exits 0, or 1 when that takes longer than SHUTDOWN_TIMEOUT (or on a second signal).
 */
function onSignals(timeoutMs: number, what: string, steps: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`khabar: ${signal} again, stopping now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`khabar: ${signal}, ${what}`);
    const timer = setTimeout(() => {
      console.error(`khabar: shutdown took longer than ${timeoutMs / 1000} s; stopping now`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    steps().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('khabar: shutdown failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** KHABAR_SECRET_KEY, checked before anything starts; unset is allowed (channels with secrets then wait). */
function secretKey(): SecretKey | null {
  try {
    return secretKeyForWorkers();
  } catch (err) {
    if (err instanceof SecretError) throw new ConfigError(err.message);
    throw err;
  }
}

async function serve(config: Config): Promise<void> {
  const key = secretKey();
  const database = await open(config);
  // Until the app's logger exists, problems go to stderr; after, through it.
  let log = (msg: string, err?: unknown) => console.error(`khabar: ${msg}`, err instanceof Error ? err.message : (err ?? ''));
  const feed = await openFeed(config, database, (msg, err) => log(msg, err));
  const closeFeed = async () => feed.close?.();
  let media: MediaStore;
  try {
    media = await openMedia(config, database);
  } catch (err) {
    await closeFeed();
    throw err;
  }
  if (config.seedDemo) await seedIfEmpty(config, database, feed, media);
  const missing = await missingMediaWarning(database.db, media);
  if (missing) console.warn(`khabar: warning: ${missing}`);
  const { app, spellchecker } = await buildApp({ config, database, feed, media });
  log = (msg, err) => app.log.error({ err }, msg);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    await app.close().catch(() => undefined);
    await closeFeed();
    await media.close();
    await database.close();
    if (code === 'EADDRINUSE') throw new ConfigError(`port ${config.port} on ${config.host} is already in use (set PORT to another)`);
    if (code === 'EACCES') throw new ConfigError(`not allowed to listen on ${config.host}:${config.port} (use a port above 1024)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new ConfigError(`HOST ${config.host} is not an address of this machine`);
    throw err;
  }
  console.log(`khabar: serving ${config.publicUrl} from ${describe(config)}, media in ${media.where}`);
  // The dictionary (~169k words) is read now, not in the first reporter's spell-check request.
  setTimeout(() => spellchecker.warm(), 2_000).unref();
  // Scheduled stories go out within 5 s of their time (the newsroom promises 30 s).
  const stopScheduler = startScheduler({ db: database.db, dialect: database.dialect, feed }, 5_000, log);
  const distribution = startDistribution({ db: database.db, dialect: database.dialect, feed, publicUrl: config.publicUrl, secretKey: key, log });
  onSignals(config.ops.shutdownTimeoutMs, 'finishing requests and stopping', async () => {
    // app.close() stops accepting, waits for requests in flight, then writes pending views. It
    // closes the keep-alive connections idle at that moment only; one whose answer was still
    // being written would stay open until its client leaves, so the idle ones are swept again.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    await Promise.all([app.close(), stopScheduler(), distribution.stop()]).finally(() => clearInterval(sweep));
    await closeFeed();
    await media.close();
    await database.close();
    console.log('khabar: stopped');
  });
}

/** Scheduled publishing and outbox delivery in a process of their own (several may run: each job is claimed). */
async function worker(config: Config): Promise<void> {
  const key = secretKey();
  const database = await open(config);
  // Nothing listens here; on PostgreSQL the serving instances hear its changes through the
  // change_events trigger's NOTIFY.
  const feed = new LocalChangeFeed();
  const log = (msg: string, err?: unknown) => console.error(`khabar: ${msg}`, err ?? '');
  const stopScheduler = startScheduler({ db: database.db, dialect: database.dialect, feed }, 5_000, log);
  const distribution = startDistribution({ db: database.db, dialect: database.dialect, feed, publicUrl: config.publicUrl, secretKey: key, log });
  console.log(`khabar: worker running on ${describe(config)}`);
  onSignals(config.ops.shutdownTimeoutMs, 'finishing the current step and stopping', async () => {
    await Promise.all([stopScheduler(), distribution.stop()]);
    await database.close();
    console.log('khabar: stopped');
  });
}

async function reindex(config: Config): Promise<void> {
  const database = await open(config);
  const [{ rebuildSearchIndex }, { engineFor }] = await Promise.all([import('./search/indexer.js'), import('./search/engine/index.js')]);
  try {
    const r = await rebuildSearchIndex(database.db, {
      onProgress: (n) => {
        if (n % 10_000 === 0) console.log(`khabar: indexed ${n} articles`);
      },
    });
    const bytes = await engineFor(database.db).sizeBytes(database.db);
    console.log(
      `khabar: search index rebuilt: ${r.articles} articles, ${r.words} word forms, ${(r.ms / 1000).toFixed(1)} s, ${(bytes / 1048576).toFixed(1)} MiB`,
    );
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      uploads: { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(usage);
    return;
  }
  const overrides: Partial<Config> = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port "${values.port}" is not a port number`);
    overrides.port = port;
  }
  if (values.host !== undefined) overrides.host = values.host;
  const config = loadConfig(process.env, overrides);

  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate': {
      const database = await openDatabase(config.database);
      const applied = await migrate(database);
      await database.close();
      console.log(applied.length > 0 ? `khabar: applied ${applied.join(', ')}` : 'khabar: schema is up to date');
      return;
    }
    case 'seed-demo': {
      const database = await open(config);
      if (!(await isEmpty(database))) console.log('khabar: the site already has articles; the demo is only loaded into an empty site');
      else {
        const media = await openMedia(config, database);
        await seedIfEmpty(config, database, new LocalChangeFeed(), media);
        await media.close();
      }
      await database.close();
      return;
    }
    case 'import': {
      // Importers write through the article writer, which indexes every story as it goes.
      const { importCommand } = await import('./importers/cli.js');
      return importCommand(config, { positionals: positionals.slice(1), uploads: values.uploads, dryRun: values['dry-run'] });
    }
    case 'reindex':
      return reindex(config);
    case 'worker':
      return worker(config);
    case 'export': {
      const { exportCommand } = await import('./importers/cli.js');
      return exportCommand(config, { positionals: positionals.slice(1), format: values.format, uploads: values.uploads });
    }
    case 'backup': {
      const { backupCommand } = await import('./importers/backup.js');
      return backupCommand(config, positionals.slice(1));
    }
    case 'restore': {
      const { restoreCommand } = await import('./importers/backup.js');
      return restoreCommand(config, positionals.slice(1), values.force === true);
    }
    case 'media': {
      const { mediaCommand } = await import('./media/cli.js');
      return mediaCommand(config, { positionals: positionals.slice(1), ...(values.from !== undefined && { from: values.from }), ...(values.to !== undefined && { to: values.to }) });
    }
    case 'user': {
      const { userCommand } = await import('./newsroom/userCli.js');
      const database = await open(config);
      try {
        console.log(
          await userCommand(database, config.publicUrl, {
            positionals: positionals.slice(1),
            ...(values.email !== undefined && { email: values.email }),
            ...(values.name !== undefined && { name: values.name }),
            ...(values.role !== undefined && { role: values.role }),
            ...(values.password !== undefined && { password: values.password }),
          }),
        );
      } finally {
        await database.close();
      }
      return;
    }
    case 'settings': {
      const { settingsCommand } = await import('./newsroom/settingsCli.js');
      const database = await open(config);
      try {
        console.log(await settingsCommand(database, positionals.slice(1)));
      } finally {
        await database.close();
      }
      return;
    }
    default:
      throw new ConfigError(`unknown command "${command}"\n${usage}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
    console.error(`khabar: ${(err as Error).message}`);
  } else {
    console.error('khabar: failed:', err);
  }
  process.exit(1);
});
