import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import sharp from 'sharp';
import type { Config } from '../config.js';
import type { Database } from '../db/connect.js';
import { pagesOf, type ChangeFeed } from '../content/changes.js';
import { assetsDir } from '../paths.js';
import { PageCache } from './cache.js';
import { SiteState } from './site.js';
import { readerRoutes, sendNotFound, sendServerError } from './reader/routes.js';
import { syndicationRoutes } from './reader/syndication.js';
import { contentApi, apiError } from './api/contentApi.js';
import { wordpressApi } from './api/wordpress.js';
import { legacyUrls } from './legacyUrls.js';
import { newsroomRoutes } from './newsroom/routes.js';
import { audienceRoutes, createAudience } from './audience.js';
import { searchRoutes } from './search.js';
import { mediaFiles } from './reader/media.js';
import { openMediaStore } from '../media/open.js';
import { ImagePipeline } from '../media/images.js';
import type { MediaStore } from '../media/store.js';
import { securityHeaders } from './plugins/securityHeaders.js';
import { health } from './plugins/health.js';
import { metrics } from './plugins/metrics.js';

export interface App {
  app: FastifyInstance;
  cache: PageCache;
  site: SiteState;
}

export interface AppDeps {
  config: Config;
  database: Database;
  feed: ChangeFeed;
  /** Media store already opened by the caller (who then closes it); else opened from config.media. */
  media?: MediaStore;
}

/** Assembles the HTTP app: each area registers its own routes; this file only composes them. */
export async function buildApp({ config, database, feed, media: given }: AppDeps): Promise<App> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // Per-request lines would cost more than serving a cached page; errors are still logged.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' }),
    trustProxy: true,
    routerOptions: { maxParamLength: 500, ignoreTrailingSlash: true },
  });
  securityHeaders(app);
  const cache = new PageCache(256 * 1024 * 1024, config.pageCache);
  metrics(app, { config, database, feed, cache });
  health(app, { database, feed });
  const site = new SiteState(database.db, config.publicUrl, readFileSync(join(assetsDir, 'site.css'), 'utf8'));
  await site.load();
  const stopFollowing = site.follow(feed, () => cache.clear());
  const stopInvalidating = feed.subscribe((event) => cache.invalidate(pagesOf([event])));
  app.addHook('onClose', async () => {
    stopFollowing();
    stopInvalidating();
  });
  const media = given ?? (await openMediaStore(config.media, database.db));
  if (!given) app.addHook('onClose', () => media.close());
  const images = new ImagePipeline({ maxPixels: config.images.maxPixels, workers: config.images.workers });

  const audience = createAudience({ database, feed, site, cache }, (msg, err) => app.log.error({ err }, msg));
  const deps = { db: database.db, site, cache, audience };

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/')) return apiError(reply, 404, 'not_found', `no API route ${request.method} ${request.url.split('?')[0]}`);
    return sendNotFound(deps, request, reply);
  });

  app.setErrorHandler(async (error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    if (request.url.startsWith('/api/')) {
      return apiError(reply, status, status === 500 ? 'internal' : 'bad_request', status === 500 ? 'internal error' : error.message);
    }
    if (status === 404) return sendNotFound(deps, request, reply);
    return sendServerError(deps, reply, status);
  });

  await app.register(fastifyStatic, {
    root: assetsDir,
    prefix: '/assets/',
    cacheControl: false,
    setHeaders: (res) => res.header('cache-control', 'public, max-age=86400'),
  });
  await app.register(async (scope) => mediaFiles(scope, { media }));

  const logo = await sharp(readFileSync(join(assetsDir, 'favicon.svg'))).resize(512, 512).png().toBuffer();
  app.get('/assets/logo.png', (_req, reply) =>
    reply.header('content-type', 'image/png').header('cache-control', 'public, max-age=86400').send(logo),
  );
  app.get('/healthz', async () => ({ ok: true }));

  legacyUrls(app, deps);
  await app.register(fastifyFormbody, { bodyLimit: 4 * 1024 * 1024 });
  // Per-route limits only (login, comments); pages and beacons are not limited here.
  await app.register(fastifyRateLimit, { global: false });
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart);
    await newsroomRoutes(scope, {
      database,
      feed,
      siteName: () => site.ctx.site.name,
      media,
      images,
      uploadsPerMinute: config.images.uploadsPerMinute,
    });
  });
  await app.register(async (scope) => audienceRoutes(scope, { database, feed, site, cache, audience }));
  await app.register(async (scope) => searchRoutes(scope, { database, feed, site, cache }));
  await app.register(async (scope) => contentApi(scope, deps));
  await app.register(async (scope) => wordpressApi(scope, deps), { prefix: '/wp-json' });
  await app.register(async (scope) => syndicationRoutes(scope, deps));
  await app.register(async (scope) => readerRoutes(scope, deps));

  return { app, cache, site };
}
