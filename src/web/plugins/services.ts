import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { CdnPurgeSettings, Config } from '../../config.js';
import type { Database } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import { pagesOf, type ChangeFeed } from '../../content/changes.js';
import { openMediaStore } from '../../media/open.js';
import { ImagePipeline } from '../../media/images.js';
import type { MediaStore } from '../../media/store.js';
import { Audience } from '../../audience/service.js';
import { SearchService } from '../../search/service.js';
import { Spellchecker } from '../../search/editorAids.js';
import { assetsDir } from '../../paths.js';
import { createMailer, type Mailer } from '../../mail/index.js';
import { PageCache } from './pageCache/cache.js';
import { secretKeyForWorkers } from '../../distribution/service.js';
import { ensureWebPushChannel } from '../../distribution/readerChannels.js';
import type { SecretKey } from '../../distribution/secrets.js';
import { SiteState } from '../site.js';
import { followWithCdnPurge } from './cdnPurge.js';

/** What this instance holds in memory and shares between the surfaces. */
export interface WebServices {
  database: Database;
  db: Kysely<DB>;
  feed: ChangeFeed;
  /** Settings and sections, reloaded when they change. */
  site: SiteState;
  /** Rendered pages, dropped by content key when stories change. */
  cache: PageCache;
  /** View counter and most-read lists, with their timers. */
  audience: Audience;
  search: SearchService;
  spellchecker: Spellchecker;
  /** Where uploaded images and their variants are kept. */
  media: MediaStore;
  /** Whether this app opened the store (and so closes it). */
  ownsMedia: boolean;
  /** The one image pipeline (bounded work, pixel limit). */
  images: ImagePipeline;
  /** Uploads one person may make per minute. */
  uploadsPerMinute: number;
  /** A CDN to tell which pages changed. */
  cdnPurge?: CdnPurgeSettings;
  /** KHABAR_SECRET_KEY, or null when unset (the channels page says why secrets cannot be stored). */
  secretKey: SecretKey | null;
  /** The site's public origin. */
  publicUrl: string;
  /** SMTP transport; undefined when SMTP_URL is not set (mail is off). */
  mailer?: Mailer;
}

export interface ServiceDeps {
  config: Config;
  database: Database;
  feed: ChangeFeed;
  /** A store the caller opened (and closes); else one is opened from config.media. */
  media?: MediaStore;
}

const withMailer = (mailer: Mailer | undefined) => (mailer ? { mailer } : {});

export async function createServices({ config, database, feed, media }: ServiceDeps, log: (message: string, err: unknown) => void): Promise<WebServices> {
  const cache = new PageCache(config.pageCacheBytes, config.pageCache);
  const site = new SiteState(database.db, config.publicUrl, readFileSync(join(assetsDir, 'site.css'), 'utf8'));
  await site.load();
  const audience = new Audience({
    db: database.db,
    dialect: database.dialect,
    timeZone: () => site.siteSettings.timeZone,
    // Local to this instance: every instance refreshes its own cache from the shared database.
    invalidate: (keys) => cache.invalidate(keys),
    onError: log,
  });
  const secretKey = secretKeyForWorkers();
  // VAPID keys are made once, on the first start that can store them, and kept.
  await ensureWebPushChannel(database, secretKey, config.publicUrl);
  return {
    database,
    db: database.db,
    feed,
    site,
    cache,
    audience,
    search: new SearchService(database.db),
    spellchecker: new Spellchecker(),
    media: media ?? (await openMediaStore(config.media, database.db)),
    ownsMedia: media === undefined,
    images: new ImagePipeline({ maxPixels: config.images.maxPixels, workers: config.images.workers }),
    uploadsPerMinute: config.images.uploadsPerMinute,
    ...(config.cdnPurge && { cdnPurge: config.cdnPurge }),
    secretKey,
    publicUrl: config.publicUrl,
    ...withMailer(createMailer(config.mail, config.publicUrl)),
  };
}

/**
 * Keeps the shared state current while the app runs: the page cache and the site settings
 * follow content changes, the search vocabulary is marked stale, the audience timers run.
 * Closing the app writes the views still pending (Fastify runs onClose after in-flight requests end).
 */
export async function servicesPlugin(app: FastifyInstance, s: WebServices): Promise<void> {
  const stopSite = s.site.follow(s.feed, () => s.cache.clear());
  const stopPages = s.feed.subscribe((event) => s.cache.invalidate(pagesOf([event])));
  const stopSearch = s.search.follow(s.feed);
  const stopPurging = s.cdnPurge ? followWithCdnPurge(s.feed, s.cdnPurge, (message, err) => app.log.warn({ err }, message)) : undefined;
  s.audience.start();
  app.addHook('onClose', async () => {
    stopSite();
    stopSearch();
    stopPages();
    await stopPurging?.();
    await s.audience.stop();
    if (s.ownsMedia) await s.media.close();
    s.mailer?.close();
  });
}
