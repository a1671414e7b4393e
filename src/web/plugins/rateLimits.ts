import type { FastifyInstance } from 'fastify';
import fastifyRateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Sweep expired counts about once in this many hits, so the table stays the size of one window. */
const sweepEvery = 500;

/**
 * One hit in `key`'s window, counted in one statement (so instances and parallel requests never
 * lose a count): a new or expired window starts again at 1.
 */
async function hit(db: Kysely<DB>, key: string, windowMs: number, now = Date.now()): Promise<{ current: number; ttl: number }> {
  const ends = now + windowMs;
  const row = await db
    .insertInto('rate_limits')
    .values({ key, hits: 1, window_ends: ends })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_ends <= ${now} then 1 else rate_limits.hits + 1 end`,
        window_ends: sql<number>`case when rate_limits.window_ends <= ${now} then ${ends} else rate_limits.window_ends end`,
      }),
    )
    .returning(['hits', 'window_ends'])
    .executeTakeFirstOrThrow();
  if (Math.random() * sweepEvery < 1) await db.deleteFrom('rate_limits').where('window_ends', '<=', now).execute();
  return { current: Number(row.hits), ttl: Math.max(0, Number(row.window_ends) - now) };
}

/** @fastify/rate-limit's store interface over the `rate_limits` table, one key prefix per route. */
function databaseStore(db: Kysely<DB>): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      hit(db, this.prefix + key, timeWindow).then(
        (r) => callback(null, r),
        (err: Error) => callback(err),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // The plugin passes the route's own options as `routeInfo`, which its types leave out.
      const route = (routeOptions as unknown as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo ?? {};
      return new DatabaseRateLimitStore(undefined, `${String(route.method)} ${String(route.url)} `);
    }
  };
}

export interface RateLimitDeps {
  db: Kysely<DB>;
  /** REDIS_URL: count in Redis instead of the database. */
  redisUrl?: string;
}

/**
 * Per-route limits (sign-in, password reset, comments, uploads), counted where every instance
 * sees the same numbers: Redis when configured, else the database. When the counter cannot be
 * reached the request goes on (fail open) rather than locking every reader out; the database
 * being down fails those routes anyway.
 */
export async function sharedRateLimits(app: FastifyInstance, { db, redisUrl }: RateLimitDeps): Promise<void> {
  if (redisUrl) {
    // Loaded only when configured: a site without Redis does not carry the client in memory.
    const { Redis } = await import('ioredis');
    const redis = new Redis(redisUrl, { connectTimeout: 1000, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on('error', (err: Error) => app.log.warn({ err }, 'Redis for rate limits is not reachable; limits are skipped until it is'));
    app.addHook('onClose', async () => {
      redis.disconnect();
    });
    await app.register(fastifyRateLimit, { global: false, redis, nameSpace: 'khabar-rate-', skipOnError: true });
    return;
  }
  await app.register(fastifyRateLimit, { global: false, store: databaseStore(db), skipOnError: true });
}
