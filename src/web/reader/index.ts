import type { FastifyInstance } from 'fastify';
import type { WebServices } from '../plugins/services.js';
import { commentRoutes } from './comments.js';
import { readerDistributionRoutes } from './distribution.js';
import { pageRoutes } from './pages.js';
import { protectionRoutes } from './protection.js';
import { previewRoutes } from './preview.js';
import { searchPage } from './search.js';
import { shareCardRoutes } from './shareCards.js';
import { syndicationRoutes } from './syndication.js';

export type ReaderPluginDeps = Pick<WebServices, 'db' | 'feed' | 'site' | 'cache' | 'audience' | 'search' | 'secretKey' | 'media'>;

/**
 * What readers see, at the root of the site: pages, the comment form, /search, feeds and
 * sitemaps, preview links. Old WordPress URLs are answered by `legacyUrls` (./legacyUrls.ts), a hook of the
 * whole app because old paths match no route. Errors are the app's own reader pages.
 */
export async function readerPlugin(app: FastifyInstance, deps: ReaderPluginDeps): Promise<void> {
  // Right after a settings or section change the site state is reloading: wait for it, so no
  // page is answered from the old name, menu or slugs (on PostgreSQL the reload takes a moment).
  app.addHook('onRequest', async () => {
    if (deps.site.pending) await deps.site.pending;
  });
  await app.register(syndicationRoutes, deps);
  await app.register(searchPage, deps);
  // Its own scope: the comment form answers its errors with the form's own page.
  await app.register(commentRoutes, deps);
  await app.register(readerDistributionRoutes, deps);
  await app.register(shareCardRoutes, deps);
  await app.register(previewRoutes, deps);
  await app.register(protectionRoutes, deps);
  await app.register(pageRoutes, deps);
}
