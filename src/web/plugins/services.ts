import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import type { ContentEvents } from '../../content/changes.js';
import { Audience } from '../../audience/service.js';
import { SearchService } from '../../search/service.js';
import { Spellchecker } from '../../search/editorAids.js';
import { assetsDir } from '../../paths.js';
import { PageCache } from './pageCache/cache.js';
import { SiteState } from '../site.js';

/** What this instance holds in memory and shares between the surfaces. */
export interface WebServices {
  database: Database;
  db: Kysely<DB>;
  events: ContentEvents;
  /** Settings and sections, reloaded when they change. */
  site: SiteState;
  /** Rendered pages, dropped by content key when stories change. */
  cache: PageCache;
  /** View counter and most-read lists, with their timers. */
  audience: Audience;
  search: SearchService;
  spellchecker: Spellchecker;
  /** Where uploaded images and their variants are kept. */
  mediaDir: string;
}

export interface ServiceDeps {
  config: Config;
  database: Database;
  events: ContentEvents;
}

export async function createServices({ config, database, events }: ServiceDeps, log: (message: string, err: unknown) => void): Promise<WebServices> {
  const cache = new PageCache(256 * 1024 * 1024, config.pageCache);
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
  return {
    database,
    db: database.db,
    events,
    site,
    cache,
    audience,
    search: new SearchService(database.db),
    spellchecker: new Spellchecker(),
    mediaDir: join(config.dataDir, 'media'),
  };
}

/**
 * Keeps the shared state current while the app runs: the page cache and the site settings
 * follow content changes, the search vocabulary is marked stale, the audience timers run.
 * Closing the app writes the views still pending (Fastify runs onClose after in-flight requests end).
 */
export async function servicesPlugin(app: FastifyInstance, s: WebServices): Promise<void> {
  const stopSite = s.site.follow(s.events, () => s.cache.clear());
  const onChange = ({ keys }: { keys: string[] }) => s.cache.invalidate(keys);
  s.events.on('changed', onChange);
  const stopSearch = s.search.follow(s.events);
  s.audience.start();
  app.addHook('onClose', async () => {
    stopSite();
    stopSearch();
    s.events.off('changed', onChange);
    await s.audience.stop();
  });
}
