import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/connect.js';
import type { Audience } from '../audience/service.js';
import type { ContentEvents } from '../content/changes.js';
import type { PageCache } from './plugins/pageCache/cache.js';
import type { SiteState } from './site.js';
import { audienceApi } from './api/audienceApi.js';
import { audienceNewsroomRoutes } from './newsroom/audience.js';

export interface AudienceAreaDeps {
  database: Database;
  events: ContentEvents;
  site: SiteState;
  cache: PageCache;
}

/**
 * Beacons, comments, most-read API, moderation and analytics, each in its own scope (the
 * newsroom scope carries the session/CSRF hook, the comment scope its error page). Closing
 * the app writes the views still pending (Fastify runs onClose after in-flight requests end).
 */
export async function audienceRoutes(app: FastifyInstance, deps: AudienceAreaDeps & { audience: Audience }): Promise<void> {
  const { audience } = deps;
  await app.register(async (scope) => audienceApi(scope, { site: deps.site, audience }));
  await app.register(async (scope) => audienceNewsroomRoutes(scope, { database: deps.database, events: deps.events, site: deps.site }));
}
