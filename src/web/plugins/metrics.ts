import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { ConfigError, type Config } from '../../config.js';
import type { Database } from '../../db/connect.js';
import type { ChangeFeed } from '../../content/changes.js';
import { feedStatus } from '../../content/pgChangeFeed.js';
import { outboxBacklog, type OutboxBacklog } from '../../distribution/backlog.js';
import type { PageCache } from './pageCache/cache.js';

export interface MetricsDeps {
  config: Config;
  database: Database;
  feed: ChangeFeed;
  cache: PageCache;
}

/** Route groups, few and fixed, so the label set stays small whatever URLs are asked for. */
export type RouteGroup = 'reader' | 'feeds' | 'search' | 'beacon' | 'api' | 'wordpress' | 'newsroom' | 'static' | 'health' | 'not_found';

/** The group of a route pattern (`/newsroom/articles/:id`), or not_found when no route matched. */
export function routeGroup(pattern: string | undefined): RouteGroup {
  if (pattern === undefined) return 'not_found';
  if (pattern.startsWith('/newsroom')) return 'newsroom';
  if (pattern.startsWith('/api/v1/articles/:id/views')) return 'beacon';
  if (pattern === '/api/v1/search' || pattern === '/search') return 'search';
  if (pattern.startsWith('/api/')) return 'api';
  if (pattern.startsWith('/wp-json') || pattern.startsWith('/wp/')) return 'wordpress';
  if (pattern.startsWith('/assets/') || pattern.startsWith('/media/')) return 'static';
  if (pattern === '/healthz' || pattern === '/readyz' || pattern === '/metrics') return 'health';
  if (pattern.endsWith('.xml') || pattern.endsWith('.json') || pattern === '/robots.txt' || pattern.startsWith('/sitemaps/')) return 'feeds';
  return 'reader';
}

const backlogTimeoutMs = 2000;

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function authorized(token: string | undefined, header: string | undefined): boolean {
  if (token === undefined) return true;
  const given = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  return timingSafeEqual(digest(given), digest(token));
}

/** The registry with every Khabar metric, read at scrape time from the app's parts. */
/** Counts one answer: its route group, method, status and time taken. */
export type Observe = (group: RouteGroup, method: string, status: number, seconds: number) => void;

export function khabarRegistry(deps: MetricsDeps): { registry: Registry; observe: Observe } {
  // prom-client (about 10 MB resident) is required only by a site that serves metrics.
  const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = createRequire(import.meta.url)('prom-client') as typeof import('prom-client');
  const registry = new Registry();
  // Process, heap, GC and event-loop delay (nodejs_eventloop_lag_*), from prom-client.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  // Answers are tallied in plain numbers per label set and handed to prom-client at scrape time:
  // its inc() hashes the labels on every call, a share of what a beacon or a cache hit costs.
  const tally = new Map<string, { labels: { group: RouteGroup; method: string; status: string }; n: number }>();
  new Counter({
    name: 'khabar_http_requests_total',
    help: 'HTTP requests answered, by route group, method and status',
    labelNames: ['group', 'method', 'status'] as const,
    registers,
    collect() {
      for (const t of tally.values()) {
        if (t.n > 0) this.inc(t.labels, t.n);
        t.n = 0;
      }
    },
  });
  const latency = new Histogram({
    name: 'khabar_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route group',
    labelNames: ['group'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });

  const { cache, feed, database } = deps;
  let seen = { hits: 0, misses: 0 };
  const cacheHits = new Counter({ name: 'khabar_page_cache_hits_total', help: 'Pages answered from the in-memory page cache', registers });
  const cacheMisses = new Counter({ name: 'khabar_page_cache_misses_total', help: 'Cacheable pages that had to be rendered', registers });
  const takeCacheCounts = () => {
    const s = cache.stats();
    if (s.hits > seen.hits) cacheHits.inc(s.hits - seen.hits);
    if (s.misses > seen.misses) cacheMisses.inc(s.misses - seen.misses);
    seen = { hits: s.hits, misses: s.misses };
  };
  new Gauge({
    name: 'khabar_page_cache_hit_ratio',
    help: 'Share of page-cache look-ups answered from the cache since the start',
    registers,
    collect() {
      takeCacheCounts();
      const total = seen.hits + seen.misses;
      this.set(total === 0 ? 0 : seen.hits / total);
    },
  });
  new Gauge({ name: 'khabar_page_cache_entries', help: 'Pages in the page cache', registers, collect() { this.set(cache.stats().entries); } });
  new Gauge({ name: 'khabar_page_cache_bytes', help: 'Bytes the page cache holds (every compressed variant counted)', registers, collect() { this.set(cache.stats().bytes); } });

  // One query per scrape for both outbox gauges (each collects on its own).
  let backlog: { at: number; value: Promise<OutboxBacklog | undefined> } | undefined;
  const readBacklog = (): Promise<OutboxBacklog | undefined> => {
    if (backlog && Date.now() - backlog.at < 1000) return backlog.value;
    let timer: NodeJS.Timeout | undefined;
    const value = Promise.race([
      outboxBacklog(database.db),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), backlogTimeoutMs))),
    ])
      // The database is away: say nothing rather than a number that is not true.
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
    backlog = { at: Date.now(), value };
    return value;
  };
  new Gauge({
    name: 'khabar_outbox_backlog_events',
    help: 'Change events committed and not yet taken by the outbox worker',
    registers,
    async collect() {
      const b = await readBacklog();
      if (b) this.set(b.events);
      else this.reset();
    },
  });
  new Gauge({
    name: 'khabar_outbox_backlog_oldest_seconds',
    help: 'Age of the oldest change event the outbox worker has not taken',
    registers,
    async collect() {
      const b = await readBacklog();
      if (b) this.set(b.oldestMs / 1000);
      else this.reset();
    },
  });

  new Gauge({ name: 'khabar_change_feed_connected', help: '1 when the change feed hears other instances (always 1 for a single-process feed)', registers, collect() { this.set(feedStatus(feed).connected ? 1 : 0); } });
  new Gauge({ name: 'khabar_change_feed_lag_events', help: 'Committed change events this instance has not heard yet', registers, collect() { this.set(feedStatus(feed).lagEvents); } });
  new Gauge({ name: 'khabar_change_feed_lag_seconds', help: 'Age of the oldest change event not heard yet (while disconnected, at least the time since the loss)', registers, collect() { this.set(feedStatus(feed).lagMs / 1000); } });
  new Gauge({ name: 'khabar_change_feed_delivery_seconds', help: 'Commit-to-delivery delay of the last change heard from another process', registers, collect() { this.set(feedStatus(feed).lastDeliveryMs / 1000); } });
  new Gauge({ name: 'khabar_change_feed_reconnects', help: 'Times the change feed reconnected after losing the database', registers, collect() { this.set(feedStatus(feed).reconnects); } });

  return {
    registry,
    observe(group, method, status, seconds) {
      const key = `${group} ${method} ${status}`;
      const t = tally.get(key);
      if (t) t.n++;
      else tally.set(key, { labels: { group, method, status: String(status) }, n: 1 });
      latency.observe({ group }, seconds);
    },
  };
}

async function answer(registry: Registry, token: string | undefined, req: IncomingMessage): Promise<{ status: number; type: string; body: string }> {
  if (!authorized(token, req.headers.authorization)) return { status: 401, type: 'text/plain; charset=utf-8', body: 'a bearer token is required\n' };
  return { status: 200, type: registry.contentType, body: await registry.metrics() };
}

/**
 * Prometheus metrics: on METRICS_PORT (a port of their own, METRICS_TOKEN asked too when set),
 * or at /metrics on the site's port behind METRICS_TOKEN. Neither set: no metrics are served.
 */
export function metrics(app: FastifyInstance, deps: MetricsDeps): Observe | undefined {
  const { metricsPort, metricsToken } = deps.config.ops;
  if (metricsPort === undefined && metricsToken === undefined) return undefined;
  const { registry, observe } = khabarRegistry(deps);
  app.addHook('onResponse', async (request, reply) => {
    observe(routeGroup(request.routeOptions.url), request.method, reply.statusCode, reply.elapsedTime / 1000);
  });

  if (metricsPort === undefined) {
    app.get('/metrics', async (request, reply) => {
      const r = await answer(registry, metricsToken, request.raw);
      return reply.code(r.status).header('content-type', r.type).header('cache-control', 'no-store').send(r.body);
    });
    return observe;
  }
  let server: Server | undefined;
  app.addHook('onReady', async () => {
    const s = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' || path !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics are at /metrics\n');
        return;
      }
      answer(registry, metricsToken, req).then(
        (r) => res.writeHead(r.status, { 'content-type': r.type, 'cache-control': 'no-store' }).end(r.body),
        (err: unknown) => {
          app.log.error({ err }, 'collecting metrics failed');
          res.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', (err: NodeJS.ErrnoException) =>
        reject(err.code === 'EADDRINUSE' ? new ConfigError(`METRICS_PORT ${metricsPort} on ${deps.config.host} is already in use`) : err),
      );
      s.listen(metricsPort, deps.config.host, () => resolve());
    });
    server = s;
  });
  app.addHook('onClose', async () => {
    if (!server) return;
    const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
    // A scraper's idle keep-alive connection must not hold the shutdown.
    server.closeAllConnections();
    await closed;
  });
  return observe;
}
