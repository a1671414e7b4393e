import type { Config } from '../config.js';
import { ConfigError } from '../config.js';
import { migrate, openDatabase } from '../db/connect.js';
import { LocalChangeFeed } from '../content/changes.js';
import { ProgressBar } from './report.js';
import { ImportAborted, importWordPress } from './wordpress/import.js';
import { exportSite, type ExportFormat } from './export.js';
import { importKhabarArchive } from './khabar/import.js';
import { ImagePipeline } from '../media/images.js';
import { openMediaStore } from '../media/open.js';

/** CLI options the import and export commands read (parsed by main.ts). */
export interface TransferArgs {
  /** `import`: [source, FILE]; `export`: [FILE]. */
  positionals: string[];
  uploads?: string;
  dryRun?: boolean;
  format?: string;
}

/** `khabar import wordpress FILE [--uploads DIR] [--dry-run]` and `khabar import khabar FILE`. */
export async function importCommand(config: Config, args: TransferArgs): Promise<void> {
  const [source, file] = args.positionals;
  if (!file || (source !== 'wordpress' && source !== 'khabar')) {
    throw new ConfigError('usage: khabar import wordpress FILE.xml [--uploads DIR] [--dry-run] | khabar import khabar FILE.json');
  }
  const database = await openDatabase(config.database);
  await migrate(database);
  // Nothing listens in this process; the events are kept in the database for the outbox worker.
  const feed = new LocalChangeFeed();
  const media = await openMediaStore(config.media, database.db).catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
  const images = new ImagePipeline({ maxPixels: config.images.maxPixels, workers: config.images.workers });
  const deps = { db: database.db, feed, media, images };
  try {
    if (source === 'khabar') {
      const counts = await importKhabarArchive(deps, file);
      console.log(`khabar: restored ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}`);
      return;
    }
    const bar = new ProgressBar();
    // Ctrl-C stops between two items: what is imported stays, and a re-run carries on.
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const report = await importWordPress(deps, {
        file,
        uploadsDir: args.uploads,
        dryRun: args.dryRun,
        signal: controller.signal,
        onProgress: (p) => {
          // The post count is known only after a catalog pass; otherwise progress is by bytes read.
          if (p.phase === 'posts' && p.total > 0) bar.update('posts', p.done, p.total);
          else bar.update(p.phase === 'posts' ? 'import (bytes)' : 'catalog (bytes)', p.bytesRead, p.bytesTotal);
        },
      });
      bar.done();
      console.log(report.format());
    } catch (err) {
      bar.done();
      if (err instanceof ImportAborted) {
        console.log(err.report.format());
        throw new ConfigError(err.message);
      }
      if (err instanceof Error && err.name === 'WxrSyntaxError') throw new ConfigError(`${file}: ${err.message}`);
      throw err;
    } finally {
      process.off('SIGINT', onSigint);
    }
  } finally {
    await media.close();
    await database.close();
  }
}

/** `khabar export FILE [--format json|wxr] [--uploads DIR]` (DIR: the images of a WordPress export, for `import wordpress --uploads`). */
export async function exportCommand(config: Config, args: TransferArgs): Promise<void> {
  const [file] = args.positionals;
  const format = (args.format ?? 'json') as ExportFormat;
  if (!file) throw new ConfigError('usage: khabar export FILE [--format json|wxr] [--uploads DIR]');
  if (format !== 'json' && format !== 'wxr') throw new ConfigError(`--format "${args.format}" is not json or wxr`);
  const database = await openDatabase(config.database);
  await migrate(database);
  try {
    const media = await openMediaStore(config.media, database.db);
    try {
      const counts = await exportSite({ db: database.db, media, publicUrl: config.publicUrl }, file, format, { uploadsDir: args.uploads });
      console.log(`khabar: wrote ${file} (${format}): ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}`);
    } finally {
      await media.close();
    }
  } finally {
    await database.close();
  }
}
