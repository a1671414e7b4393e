import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/connect.js';
import { Audience } from '../audience/service.js';
import type { ChangeFeed } from '../content/changes.js';
import type { PageCache } from './cache.js';
import type { SiteState } from './site.js';
import { audienceApi } from './api/audienceApi.js';
import { commentRoutes } from './reader/comments.js';
import { audienceNewsroomRoutes } from './newsroom/audience.js';

export interface AudienceAreaDeps {
  database: Database;
  feed: ChangeFeed;
  site: SiteState;
  cache: PageCache;
}

/** The audience area's state for this instance; reader routes use it for most-read and comments. */
export function createAudience(deps: AudienceAreaDeps, log: (message: string, err: unknown) => void): Audience {
  return new Audience({
    db: deps.database.db,
    dialect: deps.database.dialect,
    timeZone: () => deps.site.siteSettings.timeZone,
    // Local to this instance: every instance refreshes its own cache from the shared database.
    invalidate: (keys) => deps.cache.invalidate(keys),
    onError: log,
  });
}

/**
 * Beacons, comments, most-read API, moderation and analytics, each in its own scope (the
 * newsroom scope carries the session/CSRF hook, the comment scope its error page). Closing
 * the app writes the views still pending (Fastify runs onClose after in-flight requests end).
 */
export async function audienceRoutes(app: FastifyInstance, deps: AudienceAreaDeps & { audience: Audience }): Promise<void> {
  const { audience } = deps;
  audience.start();
  app.addHook('onClose', async () => {
    await audience.stop();
  });
  await app.register(async (scope) => audienceApi(scope, { site: deps.site, audience }));
  await app.register(async (scope) => commentRoutes(scope, { db: deps.database.db, site: deps.site, feed: deps.feed }));
  await app.register(async (scope) => audienceNewsroomRoutes(scope, { database: deps.database, feed: deps.feed, site: deps.site }));
}
