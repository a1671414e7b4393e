import type { FastifyInstance } from 'fastify';
import { wordpressErrors } from '../../plugins/errors.js';
import { wpContext, type WordPressApiDeps } from './context.js';
import { mediaRoutes } from './media.js';
import { postRoutes } from './posts.js';
import { termRoutes } from './terms.js';
import { pageRoutes } from './pages.js';
import { userRoutes } from './users.js';

/**
 * The read-only part of WordPress's REST API (`/wp-json/wp/v2/…`) over our content, so apps
 * and tools written for WordPress news sites keep working: posts, categories (our sections),
 * tags, users (people with bylines) and media, with the filters such apps use, `_embed`, and
 * the `X-WP-Total`/`X-WP-TotalPages` headers. Ids are Khabar's; only public content is shown.
 * Register with `{ prefix: '/wp-json' }`: the routes and the not-found answer are under it.
 */
export async function wordpressApi(app: FastifyInstance, options: WordPressApiDeps & { prefix?: string }): Promise<void> {
  // The prefix is this plugin's; the route files below are registered under it, not under it twice.
  const { prefix: _prefix, ...deps } = options;
  wordpressErrors(app, deps.site);

  app.get('/', async () => {
    const c = wpContext(deps);
    return {
      name: deps.site.siteSettings.name,
      description: deps.site.siteSettings.tagline,
      url: c.publicUrl,
      home: c.publicUrl,
      namespaces: ['wp/v2'],
      routes: Object.fromEntries(['posts', 'pages', 'categories', 'tags', 'users', 'media'].map((r) => [`/wp/v2/${r}`, { namespace: 'wp/v2', methods: ['GET'] }])),
    };
  });

  await app.register(postRoutes, deps);
  await app.register(pageRoutes, deps);
  await app.register(termRoutes, deps);
  await app.register(userRoutes, deps);
  await app.register(mediaRoutes, deps);
}
