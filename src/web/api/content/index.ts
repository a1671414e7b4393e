import type { FastifyInstance } from 'fastify';
import { jsonErrors } from '../../plugins/errors.js';
import { articleRoutes } from './articles.js';
import { audienceRoutes } from './audience.js';
import type { ContentApiDeps } from './context.js';
import { searchRoutes } from './search.js';
import { taxonomyRoutes } from './taxonomy.js';

/**
 * The read-only content API for apps, under `/api/v1`: stories, sections, tags, authors,
 * search, live counters, view beacons and most-read. JSON errors for everything under the
 * prefix. Register with `{ prefix: '/api/v1' }`.
 */
export async function contentApiPlugin(app: FastifyInstance, options: ContentApiDeps & { prefix?: string }): Promise<void> {
  // The prefix is this plugin's; the route files below are registered under it, not under it twice.
  const { prefix: _prefix, ...deps } = options;
  jsonErrors(app, deps.site);
  await app.register(articleRoutes, deps);
  await app.register(taxonomyRoutes, deps);
  await app.register(searchRoutes, deps);
  await app.register(audienceRoutes, deps);
}
