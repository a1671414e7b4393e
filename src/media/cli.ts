import { resolve } from 'node:path';
import { ConfigError, parseMediaUrl, type Config, type MediaTarget } from '../config.js';
import { migrate, openDatabase } from '../db/connect.js';
import { migrateMedia } from './migrate.js';
import { openMediaStore } from './open.js';
import type { MediaStore } from './store.js';

/** CLI options `khabar media` reads (parsed by main.ts). */
export interface MediaArgs {
  /** [subcommand, …]. */
  positionals: string[];
  /** disk | database | s3, or a MEDIA_URL-style location (file:DIR, s3://bucket/prefix). */
  from?: string;
  to?: string;
}

const usage = 'usage: khabar media migrate --from disk|database|s3 --to disk|database|s3 (or file:DIR / s3://bucket/prefix)';

/**
 * A store named on the command line. `disk` is MEDIA_URL's folder when it names one, else
 * DATA_DIR/media; `s3` is MEDIA_URL's bucket, so moving to S3 is: set MEDIA_URL, then migrate
 * `--from disk --to s3` (or `--from database`).
 */
function targetFor(name: string, config: Config, flag: string): MediaTarget {
  switch (name) {
    case 'disk':
      return config.media.kind === 'disk' ? config.media : { kind: 'disk', dir: resolve(config.dataDir, 'media') };
    case 'database':
      return { kind: 'database' };
    case 's3':
      if (config.media.kind === 's3') return config.media;
      throw new ConfigError(`${flag} s3 needs MEDIA_URL=s3://bucket/prefix (or give ${flag} s3://bucket/prefix)`);
    default:
      if (!/^(file:|s3:\/\/)/.test(name)) throw new ConfigError(`${flag} "${name}" is not disk, database, s3, file:DIR or s3://bucket/prefix`);
      return parseMediaUrl(name, process.env, config.dataDir, config.database);
  }
}

const same = (a: MediaTarget, b: MediaTarget) => JSON.stringify(a) === JSON.stringify(b);

/** `khabar media migrate --from … --to …`: copies every file, verifies each, and says what it did. */
export async function mediaCommand(config: Config, args: MediaArgs): Promise<void> {
  if (args.positionals[0] !== 'migrate' || !args.from || !args.to) throw new ConfigError(usage);
  const from = targetFor(args.from, config, '--from');
  const to = targetFor(args.to, config, '--to');
  if (same(from, to)) throw new ConfigError(`--from and --to name the same store; nothing to do`);
  const database = await openDatabase(config.database);
  const opened: MediaStore[] = [];
  try {
    await migrate(database);
    const source = await openMediaStore(from, database.db);
    opened.push(source);
    const target = await openMediaStore(to, database.db);
    opened.push(target);
    console.log(`khabar: copying media from ${source.where} to ${target.where}`);
    const report = await migrateMedia(source, target, {
      db: database.db,
      onProgress: (p) => {
        if (p.done % 500 === 0) console.log(`khabar: ${p.done} files, ${(p.bytes / 1048576).toFixed(1)} MiB copied`);
      },
    });
    console.log(
      `khabar: ${report.copied} files copied (${(report.bytes / 1048576).toFixed(1)} MiB) and verified, ${report.alreadyThere} already there; ${source.where} is unchanged`,
    );
    if (report.missing.length > 0) {
      console.log(`khabar: ${report.missing.length} files named in the media table are in neither store, e.g. ${report.missing.slice(0, 5).join(', ')}`);
    }
    if (report.failed.length > 0) {
      for (const f of report.failed.slice(0, 20)) console.error(`khabar: ${f.key}: ${f.reason}`);
      throw new ConfigError(`${report.failed.length} files could not be copied; run it again once the cause is fixed (copied files are kept)`);
    }
    if (!same(to, config.media)) console.log(`khabar: the site still reads media from its configured store; set MEDIA_URL to use ${target.where}`);
  } finally {
    for (const s of opened) await s.close();
    await database.close();
  }
}
