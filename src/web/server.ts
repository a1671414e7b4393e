import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Config } from '../config.js';
import type { Database } from '../db/connect.js';
import type { ContentEvents } from '../content/changes.js';
import type { PageCache } from './plugins/pageCache/cache.js';
import type { SiteState } from './site.js';
import { createServices, servicesPlugin } from './plugins/services.js';
import { errorsPlugin } from './plugins/errors.js';
import { staticFiles } from './plugins/static.js';
import { readerPlugin } from './reader/index.js';
import { readerErrorPages } from './reader/errorPages.js';
import { legacyUrls } from './reader/legacyUrls.js';
import { contentApi } from './api/contentApi.js';
import { wordpressApi } from './api/wordpress.js';
import { newsroomRoutes } from './newsroom/routes.js';
import { audienceRoutes } from './audience.js';
import { searchRoutes } from './search.js';

export interface App {
  app: FastifyInstance;
  cache: PageCache;
  site: SiteState;
}

export interface AppDeps {
  config: Config;
  database: Database;
  events: ContentEvents;
}

/** Assembles the HTTP app: each area registers its own routes; this file only composes them. */
export async function buildApp({ config, database, events }: AppDeps): Promise<App> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // Per-request lines would cost more than serving a cached page; errors are still logged.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' }),
    trustProxy: true,
    routerOptions: { maxParamLength: 500, ignoreTrailingSlash: true },
  });
  const services = await createServices({ config, database, events }, (msg, err) => app.log.error({ err }, msg));
  const { db, site, cache, audience } = services;
  const deps = { db, site, cache, audience };

  await app.register(servicesPlugin, services);
  await app.register(errorsPlugin, { site, pages: readerErrorPages(deps) });
  await app.register(staticFiles, { mediaDir: services.mediaDir });

  await app.register(legacyUrls, { db, site });
  await app.register(fastifyFormbody, { bodyLimit: 4 * 1024 * 1024 });
  // Per-route limits only (login, comments); pages and beacons are not limited here.
  await app.register(fastifyRateLimit, { global: false });
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart);
    await newsroomRoutes(scope, {
      database,
      events,
      siteName: () => site.ctx.site.name,
      mediaDir: services.mediaDir,
    });
  });
  await app.register(async (scope) => audienceRoutes(scope, { database, events, site, cache, audience }));
  await app.register(async (scope) => searchRoutes(scope, { database, events, site, cache, service: services.search, spellchecker: services.spellchecker }));
  await app.register(async (scope) => contentApi(scope, deps));
  await app.register(async (scope) => wordpressApi(scope, deps), { prefix: '/wp-json' });
  await app.register(readerPlugin, services);

  return { app, cache, site };
}
