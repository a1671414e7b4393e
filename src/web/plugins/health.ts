import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/connect.js';
import { databaseReachable, pendingMigrations } from '../../db/status.js';
import type { ChangeFeed } from '../../content/changes.js';
import { feedStatus } from '../../content/pgChangeFeed.js';

export interface HealthDeps {
  database: Database;
  feed: ChangeFeed;
}

/** What /readyz answers: each check by name, for a load balancer and the person reading its log. */
export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unreachable';
  /** 'ok', the names of migrations not run yet, or 'unknown' when the database could not say. */
  migrations: 'ok' | 'unknown' | string[];
  changeFeed: 'ok' | 'disconnected';
  /** Present while the process is shutting down (it takes no new work). */
  shuttingDown?: true;
}

/**
 * `/readyz`: may this instance be sent traffic? Only when its database answers, its schema is
 * current and its change feed is connected (else it would serve pages other instances changed).
 * `/healthz` (alive) stays as it is: a restarting database must not get live instances killed.
 */
export function health(app: FastifyInstance, deps: HealthDeps): void {
  let shuttingDown = false;
  app.addHook('preClose', async () => {
    shuttingDown = true;
  });
  app.get('/readyz', async (_request, reply) => {
    const [reachable, pending] = await Promise.all([databaseReachable(deps.database), pendingMigrations(deps.database)]);
    const body: Readiness = {
      ready: false,
      database: reachable ? 'ok' : 'unreachable',
      migrations: pending === undefined ? 'unknown' : pending.length === 0 ? 'ok' : pending,
      changeFeed: feedStatus(deps.feed).connected ? 'ok' : 'disconnected',
      ...(shuttingDown && { shuttingDown: true as const }),
    };
    body.ready = !shuttingDown && body.database === 'ok' && body.migrations === 'ok' && body.changeFeed === 'ok';
    return reply.code(body.ready ? 200 : 503).header('cache-control', 'no-store').send(body);
  });
}
