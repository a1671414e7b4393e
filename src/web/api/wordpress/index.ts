import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { wordpressErrors, WpApiError } from '../../plugins/errors.js';
import { countPosts, postData, postIds, sectionRows, tagRows } from '../../../content/catalog.js';
import { wpContext, type WordPressApiDeps } from './context.js';
import { commentRoutes } from './comments.js';
import { idMapFor } from './ids.js';
import { mediaRoutes } from './media.js';
import { checkVisitor, one, paging, pagingQuery, searchTerm, sendList, wpMessages, type Query } from './params.js';
import { postRoutes } from './posts.js';
import { termRoutes } from './terms.js';
import { pageRoutes } from './pages.js';
import { userRoutes } from './users.js';
import { shapeAnswer } from './shape.js';
import { urls } from '../../../content/urls.js';

/** Each route this API serves, with the query arguments it reads (the index lists them, and wpapi builds its methods from them). */
const listArgs = ['context', 'page', 'per_page', 'search', 'exclude', 'include', 'offset', 'order', 'orderby', 'slug', '_fields', '_embed', '_envelope', '_jsonp'];
const routeTable: [route: string, args: string[]][] = [
  ['/wp/v2/posts', [...listArgs, 'after', 'before', 'modified_after', 'modified_before', 'author', 'categories', 'categories_exclude', 'tags', 'tags_exclude', 'tax_relation', 'sticky', 'status']],
  ['/wp/v2/posts/(?P<id>[\\d]+)', ['id', 'context', '_fields', '_embed']],
  ['/wp/v2/pages', [...listArgs, 'parent']],
  ['/wp/v2/pages/(?P<id>[\\d]+)', ['id', 'context']],
  ['/wp/v2/categories', [...listArgs, 'hide_empty', 'parent', 'post']],
  ['/wp/v2/categories/(?P<id>[\\d]+)', ['id', 'context']],
  ['/wp/v2/tags', [...listArgs, 'hide_empty', 'post']],
  ['/wp/v2/tags/(?P<id>[\\d]+)', ['id', 'context']],
  ['/wp/v2/users', listArgs],
  ['/wp/v2/users/(?P<id>[\\d]+)', ['id', 'context']],
  ['/wp/v2/media', [...listArgs, 'media_type', 'parent']],
  ['/wp/v2/media/(?P<id>[\\d]+)', ['id', 'context']],
  ['/wp/v2/comments', [...listArgs, 'after', 'before', 'parent', 'post']],
  ['/wp/v2/comments/(?P<id>[\\d]+)', ['id', 'context']],
  ['/wp/v2/types', ['context']],
  ['/wp/v2/types/(?P<type>[\\w-]+)', ['type', 'context']],
  ['/wp/v2/taxonomies', ['context', 'type']],
  ['/wp/v2/taxonomies/(?P<taxonomy>[\\w-]+)', ['taxonomy', 'context']],
  ['/wp/v2/statuses', ['context']],
  ['/wp/v2/statuses/(?P<status>[\\w-]+)', ['status', 'context']],
  ['/wp/v2/search', ['context', 'page', 'per_page', 'search', 'type', 'subtype', '_embed']],
];

function routesJson(base: string) {
  const entry = (route: string, args: string[]) => {
    const href = `${base}/wp-json${route}`;
    return { namespace: 'wp/v2', methods: ['GET'], endpoints: [{ methods: ['GET'], args: Object.fromEntries(args.map((a) => [a, { required: a === 'id' || a === 'type' || a === 'taxonomy' || a === 'status' }])) }], ...(!route.includes('(?P<') && { _links: { self: [{ href }] } }) };
  };
  return {
    '/wp/v2': { namespace: 'wp/v2', methods: ['GET'], endpoints: [{ methods: ['GET'], args: { namespace: { default: 'wp/v2', required: false }, context: { default: 'view', required: false } } }], _links: { self: [{ href: `${base}/wp-json/wp/v2` }] } },
    ...Object.fromEntries(routeTable.map(([route, args]) => [route, entry(route, args)])),
  };
}

/** The site's offset from UTC now, in hours (WordPress's `gmt_offset`, 5.5 for Asia/Kolkata). */
function gmtOffset(timeZone: string, now = new Date()): number {
  const local = new Date(now.toLocaleString('en-US', { timeZone }));
  const utc = new Date(now.toLocaleString('en-US', { timeZone: 'UTC' }));
  return Math.round((local.getTime() - utc.getTime()) / 900_000) / 4;
}

/**
 * WordPress's CORS answer (`rest_send_cors_headers`): the caller's origin echoed, credentials
 * allowed, the paging headers exposed. Safe here because no `/wp-json` answer depends on a
 * cookie: the API serves only what any visitor may read.
 */
function corsHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  if (!origin) return;
  reply
    .header('access-control-allow-origin', origin)
    .header('access-control-allow-methods', 'OPTIONS, GET, POST, PUT, PATCH, DELETE')
    .header('access-control-allow-credentials', 'true')
    .header('access-control-allow-headers', 'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type')
    .header('access-control-expose-headers', 'X-WP-Total, X-WP-TotalPages, Link')
    .header('vary', 'Origin');
}

const postType = (base: string, name: string) => ({
  description: '',
  hierarchical: false,
  has_archive: false,
  name,
  slug: 'post',
  icon: 'dashicons-admin-post',
  taxonomies: ['category', 'post_tag'],
  rest_base: 'posts',
  rest_namespace: 'wp/v2',
  _links: { collection: [{ href: `${base}/wp-json/wp/v2/types` }], 'wp:items': [{ href: `${base}/wp-json/wp/v2/posts` }] },
});

const attachmentType = (base: string, name: string) => ({
  description: '',
  hierarchical: false,
  has_archive: false,
  name,
  slug: 'attachment',
  icon: 'dashicons-admin-media',
  taxonomies: [],
  rest_base: 'media',
  rest_namespace: 'wp/v2',
  _links: { collection: [{ href: `${base}/wp-json/wp/v2/types` }], 'wp:items': [{ href: `${base}/wp-json/wp/v2/media` }] },
});

const taxonomy = (base: string, slug: 'category' | 'post_tag', name: string) => ({
  name,
  slug,
  description: '',
  types: ['post'],
  hierarchical: slug === 'category',
  rest_base: slug === 'category' ? 'categories' : 'tags',
  rest_namespace: 'wp/v2',
  _links: { collection: [{ href: `${base}/wp-json/wp/v2/taxonomies` }], 'wp:items': [{ href: `${base}/wp-json/wp/v2/${slug === 'category' ? 'categories' : 'tags'}` }] },
});

/**
 * The read-only part of WordPress's REST API (`/wp-json/wp/v2/…`) over our content, so apps
 * and tools written for WordPress news sites keep working: posts, categories (our sections),
 * tags, users (people with bylines), media and comments, the discovery index, types,
 * taxonomies, statuses and search, with the filters such apps use, `_embed`, `_fields`,
 * `_envelope`, CORS, and the `X-WP-Total`/`X-WP-TotalPages` headers. Ids are WordPress's
 * (content/wpIds.ts); only public content is shown.
 * Register with `{ prefix: '/wp-json' }`: the routes and the not-found answer are under it.
 */
function jsonpCallback(request: FastifyRequest): string | undefined {
  const v = (request.query as Record<string, unknown> | undefined)?._jsonp;
  return v === undefined ? undefined : String(Array.isArray(v) ? v[0] : v);
}

export async function wordpressApi(app: FastifyInstance, options: WordPressApiDeps & { prefix?: string }): Promise<void> {
  // The prefix is this plugin's; the route files below are registered under it, not under it twice.
  const { prefix: _prefix, ...deps } = options;
  const { db, site } = deps;
  wordpressErrors(app, site);
  app.addHook('onRequest', async (request, reply) => corsHeaders(request, reply));
  app.addHook('preSerialization', async (request, reply, payload: unknown) => shapeAnswer(request, reply, payload));
  // `_jsonp=callback`: WordPress wraps the answer in a call for pages that load it by <script>.
  app.addHook('preHandler', async (request) => {
    const callback = jsonpCallback(request);
    if (callback !== undefined && !/^[\w.]{1,100}$/.test(callback)) throw new WpApiError(400, 'rest_callback_invalid', wpMessages(request, site).invalidCallback);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const callback = jsonpCallback(request);
    if (callback === undefined || !/^[\w.]{1,100}$/.test(callback) || typeof payload !== 'string') return payload;
    reply.header('content-type', 'application/javascript; charset=UTF-8').header('x-content-type-options', 'nosniff');
    return `/**/${callback}(${payload})`;
  });
  // A preflight gets WordPress's answer: 200, what the route allows, and the CORS headers.
  app.options('/*', async (_request, reply) => reply.header('allow', 'GET').send({ namespace: 'wp/v2', methods: ['GET'], endpoints: [{ methods: ['GET'], args: {} }] }));

  app.get('/', async (request) => {
    const c = wpContext(deps);
    checkVisitor(request, site, request.query as Query);
    return {
      name: site.siteSettings.name,
      description: site.siteSettings.tagline,
      url: c.publicUrl,
      home: c.publicUrl,
      gmt_offset: gmtOffset(c.timeZone),
      timezone_string: c.timeZone,
      page_for_posts: 0,
      page_on_front: 0,
      show_on_front: 'posts',
      namespaces: ['wp/v2'],
      authentication: {},
      routes: routesJson(c.publicUrl),
      site_logo: 0,
      site_icon: 0,
      site_icon_url: '',
      _links: { help: [{ href: 'https://developer.wordpress.org/rest-api/' }] },
    };
  });

  app.get('/wp/v2', async () => ({ namespace: 'wp/v2', routes: routesJson(wpContext(deps).publicUrl), _links: { up: [{ href: `${wpContext(deps).publicUrl}/wp-json/` }] } }));

  app.get('/wp/v2/types', async (request) => {
    checkVisitor(request, site, request.query as Query);
    const base = wpContext(deps).publicUrl;
    const names = wpMessages(request, site).typeNames;
    return { post: postType(base, names.post), attachment: attachmentType(base, names.attachment) };
  });
  app.get<{ Params: { type: string } }>('/wp/v2/types/:type', async (request) => {
    checkVisitor(request, site, request.query as Query);
    const base = wpContext(deps).publicUrl;
    const names = wpMessages(request, site).typeNames;
    if (request.params.type === 'post') return postType(base, names.post);
    if (request.params.type === 'attachment') return attachmentType(base, names.attachment);
    throw new WpApiError(404, 'rest_type_invalid', wpMessages(request, site).noType);
  });

  app.get('/wp/v2/taxonomies', async (request) => {
    const q = request.query as Query;
    checkVisitor(request, site, q);
    const base = wpContext(deps).publicUrl;
    const names = wpMessages(request, site).typeNames;
    const type = one(q, 'type');
    if (type !== undefined && type !== 'post') return [];
    return { category: taxonomy(base, 'category', names.category), post_tag: taxonomy(base, 'post_tag', names.post_tag) };
  });
  app.get<{ Params: { taxonomy: string } }>('/wp/v2/taxonomies/:taxonomy', async (request) => {
    checkVisitor(request, site, request.query as Query);
    const base = wpContext(deps).publicUrl;
    const names = wpMessages(request, site).typeNames;
    const t = request.params.taxonomy;
    if (t === 'category' || t === 'post_tag') return taxonomy(base, t, names[t]);
    throw new WpApiError(404, 'rest_taxonomy_invalid', wpMessages(request, site).noTaxonomy);
  });

  // Signed out, WordPress lists only the public status.
  const publish = (request: FastifyRequest) => ({
    name: wpMessages(request, site).typeNames.publish,
    private: false,
    protected: false,
    public: true,
    queryable: true,
    show_in_list: true,
    slug: 'publish',
    date_floating: false,
    _links: { archives: [{ href: `${wpContext(deps).publicUrl}/wp-json/wp/v2/posts` }] },
  });
  app.get('/wp/v2/statuses', async (request) => {
    checkVisitor(request, site, request.query as Query);
    return { publish: publish(request) };
  });
  app.get<{ Params: { status: string } }>('/wp/v2/statuses/:status', async (request) => {
    checkVisitor(request, site, request.query as Query);
    if (request.params.status === 'publish') return publish(request);
    throw new WpApiError(404, 'rest_status_invalid', wpMessages(request, site).noStatus);
  });

  app.get('/wp/v2/search', { schema: { querystring: pagingQuery } }, async (request, reply) => {
    const q = request.query as Query;
    checkVisitor(request, site, q);
    const { page, perPage, offset } = paging(q);
    const type = one(q, 'type') ?? 'post';
    const search = searchTerm(q);
    const c = wpContext(deps);
    if (type === 'post') {
      const filter = search ? { search } : {};
      const total = await countPosts(db, filter);
      const pageIds = await postIds(db, filter, { by: 'published', dir: 'desc' }, perPage, offset);
      const [data, idMap] = await Promise.all([postData(db, pageIds), idMapFor(db, { article: pageIds })]);
      const items = data.rows.map((a) => {
        const id = idMap('article', a.id);
        return { id, title: a.headline, url: `${c.publicUrl}${urls.article(a.section_slug, a.slug)}`, type: 'post', subtype: 'post', _links: { self: [{ embeddable: true, href: `${c.publicUrl}/wp-json/wp/v2/posts/${id}` }], about: [{ href: `${c.publicUrl}/wp-json/wp/v2/types/post` }] } };
      });
      return sendList(request, reply, site, items, total, page, perPage);
    }
    if (type === 'term') {
      // Sections and tags are few next to stories: matched in memory, then paged.
      const filter = { ...(search && { search }), hideEmpty: false };
      const [sections, tags] = await Promise.all([sectionRows(db, filter, { by: 'name', dir: 'asc' }), tagRows(db, filter, { by: 'name', dir: 'asc' })]);
      const idMap = await idMapFor(db, { section: sections.map((s) => s.id), tag: tags.map((t) => t.id) });
      const all = [
        ...sections.map((s) => ({ id: idMap('section', s.id), title: s.name, url: `${c.publicUrl}${urls.section(s.slug)}`, type: 'term', subtype: 'category', rest: 'categories' })),
        ...tags.map((t) => ({ id: idMap('tag', t.id), title: t.name, url: `${c.publicUrl}${urls.tag(t.slug)}`, type: 'term', subtype: 'post_tag', rest: 'tags' })),
      ];
      const items = all.slice(offset, offset + perPage).map(({ rest, ...item }) => ({ ...item, _links: { self: [{ embeddable: true, href: `${c.publicUrl}/wp-json/wp/v2/${rest}/${item.id}` }] } }));
      return sendList(request, reply, site, items, all.length, page, perPage);
    }
    throw new WpApiError(400, 'rest_invalid_param', wpMessages(request, site).searchType(type));
  });

  await app.register(postRoutes, deps);
  await app.register(pageRoutes, deps);
  await app.register(termRoutes, deps);
  await app.register(userRoutes, deps);
  await app.register(mediaRoutes, deps);
  await app.register(commentRoutes, deps);
}
