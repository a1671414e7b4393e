import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyInstance, type HTTPMethods } from 'fastify';
import fastifyFormbody from '@fastify/formbody';
import type { Config, TrustProxy } from '../config.js';
import type { Database } from '../db/connect.js';
import type { ChangeFeed } from '../content/changes.js';
import type { MediaStore } from '../media/store.js';
import type { PageCache } from './plugins/pageCache/cache.js';
import type { SiteState } from './site.js';
import type { Spellchecker } from '../search/editorAids.js';
import { createServices, servicesPlugin } from './plugins/services.js';
import { errorsPlugin } from './plugins/errors.js';
import { staticFiles } from './plugins/static.js';
import { readerPlugin } from './reader/index.js';
import { readerErrorPages } from './reader/errorPages.js';
import { legacyUrls } from './reader/legacyUrls.js';
import { newsroomPlugin } from './newsroom/index.js';
import { contentApiPlugin } from './api/content/index.js';
import { wordpressApi } from './api/wordpress/index.js';
import { wordpressDiscovery } from './api/wordpress/discovery.js';
import { securityHeaders } from './plugins/securityHeaders.js';
import { health } from './plugins/health.js';
import { metrics } from './plugins/metrics.js';
import { sharedRateLimits } from './plugins/rateLimits.js';
import { beaconFastPath } from './api/content/beaconFastPath.js';
import { directPages } from './plugins/pageCache/direct.js';

/** One route as the router has it, with its options' `config` (public, permission, …). */
export interface RouteInfo {
  method: HTTPMethods;
  url: string;
  config: Record<string, unknown>;
  /** The params schema, where the route has one (the newsroom's `:action` lists its values). */
  params?: unknown;
}

export interface App {
  app: FastifyInstance;
  cache: PageCache;
  site: SiteState;
  /** Every route registered, in order (for tests that walk the whole surface). */
  routes: RouteInfo[];
  /** The newsroom's spell-checker; `serve` reads its dictionary once the server listens. */
  spellchecker: Spellchecker;
}

export interface AppDeps {
  config: Config;
  database: Database;
  feed: ChangeFeed;
  /** Media store already opened by the caller (who then closes it); else opened from config.media. */
  media?: MediaStore;
}

/**
 * Fastify 5 takes a number as "trust no one" (a hop count cannot check who is talking), so the
 * hop count of TRUST_PROXY, meant for servers only their proxies can reach, is a function here.
 */
function trustProxy(setting: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting !== 'number') return setting;
  return (_address, hop) => hop < setting;
}

/**
 * A client has `requestMs` to send a whole request (a body dripped a byte at a time is cut off
 * with 408) and at most 20 s of it for the headers; a connection that moves no bytes for twice
 * that is closed. Keep-alive stays Fastify's 72 s, longer than load balancers' usual 60 s idle.
 */
function serverTimeouts(requestMs: number) {
  return {
    requestTimeout: requestMs,
    connectionTimeout: 2 * requestMs,
    keepAliveTimeout: 72_000,
    // Node checks the two limits on a timer: often enough that a cut-off is at most a second late.
    http: { requestTimeout: requestMs, headersTimeout: Math.min(requestMs, 20_000), connectionsCheckingInterval: Math.min(1000, requestMs / 2) },
  };
}

/** Assembles the HTTP app: each surface is its own plugin with its own prefix and hooks; this file only composes them. */
export async function buildApp({ config, database, feed, media }: AppDeps): Promise<App> {
  const timeouts = serverTimeouts(config.requestTimeoutMs);
  const trust = trustProxy(config.trustProxy);
  let beacons: ReturnType<typeof beaconFastPath> | undefined;
  let direct: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // Per-request lines would cost more than serving a cached page; errors are still logged.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' }),
    // request.ip, which limits and view counting key on, believes X-Forwarded-For only from these.
    trustProxy: trust,
    ...timeouts,
    // The server Fastify would make, with view beacons (beaconFastPath.ts) and cache hits
    // (plugins/pageCache/direct.ts) answered in front of its routing and hooks.
    serverFactory: (handler) => {
      const server = createServer(timeouts.http, (req, res) => {
        if (!beacons?.handle(req, res) && !direct?.(req, res)) handler(req, res);
      });
      server.keepAliveTimeout = timeouts.keepAliveTimeout;
      server.requestTimeout = timeouts.requestTimeout;
      server.setTimeout(timeouts.connectionTimeout);
      return server;
    },
    // Long enough for any slug the importer keeps (200 bytes encoded) under a long section, and for
    // old WordPress URLs longer still, which must reach the old-URL redirects rather than a 414.
    routerOptions: { maxParamLength: 4000, ignoreTrailingSlash: true },
  });
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url, config: (r.config ?? {}) as Record<string, unknown>, params: r.schema?.params });
  });
  securityHeaders(app);
  const services = await createServices({ config, database, feed, ...(media && { media }) }, (msg, err) => app.log.error({ err }, msg));
  const observe = metrics(app, { config, database, feed, cache: services.cache });
  beacons = beaconFastPath({
    trust,
    record: (beacon) => services.audience.views.record(beacon),
    onError: (err) => app.log.error({ err }, 'counting a view failed'),
    ...(observe && { observe: (status: number, seconds: number) => observe('beacon', 'POST', status, seconds) }),
  });
  app.addHook('preClose', async () => beacons?.close());
  direct = directPages({ db: database.db, cache: services.cache, site: services.site, ...(observe && { observe }) });
  health(app, { database, feed });

  await app.register(servicesPlugin, services);
  await app.register(errorsPlugin, { site: services.site, pages: readerErrorPages(services) });
  await app.register(staticFiles, { media: services.media });
  await app.register(legacyUrls, services);
  await app.register(wordpressDiscovery, services);
  await app.register(fastifyFormbody, { bodyLimit: 4 * 1024 * 1024 });
  // Per-route limits only (login, comments, uploads); pages and beacons are not limited here.
  await sharedRateLimits(app, { db: database.db, ...(config.redisUrl !== undefined && { redisUrl: config.redisUrl }) });

  await app.register(readerPlugin, services);
  await app.register(newsroomPlugin, { ...services, prefix: '/newsroom' });
  await app.register(contentApiPlugin, { ...services, prefix: '/api/v1' });
  await app.register(wordpressApi, { ...services, prefix: '/wp-json' });

  return { app, cache: services.cache, site: services.site, routes, spellchecker: services.spellchecker };
}
