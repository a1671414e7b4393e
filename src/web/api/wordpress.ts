import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isDatabaseUnavailable } from '../../db/connect.js';
import { variantPath, variantWidths } from '../../media/variants.js';
import type { SiteState } from '../site.js';
import { urls } from '../../content/urls.js';

/**
 * The read-only part of WordPress's REST API (`/wp-json/wp/v2/…`) over our content, so apps
 * and tools written for WordPress news sites keep working: posts, categories (our sections),
 * tags, users (people with bylines) and media, with the filters such apps use, `_embed`, and
 * the `X-WP-Total`/`X-WP-TotalPages` headers. Ids are Khabar's; only public content is shown.
 */

export interface WordPressApiDeps {
  db: Kysely<DB>;
  site: SiteState;
}

/** WordPress's error body. */
interface WpError {
  code: string;
  message: string;
  data: { status: number };
}

class WpApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | string[] | undefined>;

function one(q: Query, key: string): string | undefined {
  const v = q[key] ?? q[`${key}[]`];
  return Array.isArray(v) ? v[0] : v;
}

/** `1,2` or `a[]=1&a[]=2` → [1, 2]. */
function ids(q: Query, key: string): number[] | undefined {
  const raw = q[key] ?? q[`${key}[]`];
  if (raw === undefined || raw === '') return undefined;
  const list = (Array.isArray(raw) ? raw : [raw]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  if (!list.every((s) => /^\d+$/.test(s))) throw new WpApiError(400, 'rest_invalid_param', `Invalid parameter(s): ${key}`);
  return list.map(Number);
}

function strings(q: Query, key: string): string[] | undefined {
  const raw = q[key] ?? q[`${key}[]`];
  if (raw === undefined || raw === '') return undefined;
  return (Array.isArray(raw) ? raw : [raw]).flatMap((s) => s.split(',')).map((s) => decodeSlug(s.trim())).filter(Boolean);
}

function decodeSlug(s: string): string {
  try {
    return decodeURIComponent(s).normalize('NFC');
  } catch {
    return s;
  }
}

function paging(q: Query): { page: number; perPage: number; offset: number } {
  const perPageRaw = one(q, 'per_page') ?? '10';
  const pageRaw = one(q, 'page') ?? '1';
  if (!/^\d+$/.test(perPageRaw) || Number(perPageRaw) < 1 || Number(perPageRaw) > 100) {
    throw new WpApiError(400, 'rest_invalid_param', 'Invalid parameter(s): per_page (per_page must be between 1 (inclusive) and 100 (inclusive))');
  }
  if (!/^\d+$/.test(pageRaw) || Number(pageRaw) < 1) throw new WpApiError(400, 'rest_invalid_param', 'Invalid parameter(s): page');
  const perPage = Number(perPageRaw);
  const page = Number(pageRaw);
  const offsetRaw = one(q, 'offset');
  const offset = offsetRaw && /^\d+$/.test(offsetRaw) ? Number(offsetRaw) : (page - 1) * perPage;
  return { page, perPage, offset };
}

/** WordPress reads `after`/`before` without a zone as site time; we read them as UTC unless zoned. */
function dateParam(q: Query, key: string): string | undefined {
  const raw = one(q, key);
  if (!raw) return undefined;
  const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(raw) ? raw : `${raw}Z`);
  if (Number.isNaN(d.getTime())) throw new WpApiError(400, 'rest_invalid_param', `Invalid parameter(s): ${key}`);
  return d.toISOString();
}

/** `2026-11-27T10:00:00` in the given zone (WordPress's `date`), and in UTC (`date_gmt`). */
function wpDates(iso: string, timeZone: string): { local: string; gmt: string } {
  const d = new Date(iso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return {
    local: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`,
    gmt: d.toISOString().slice(0, 19),
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Sends a list with WordPress's paging headers (and a Link header wpapi follows). */
function sendList(request: FastifyRequest, reply: FastifyReply, items: unknown[], total: number, page: number, perPage: number, publicUrl: string): FastifyReply {
  const totalPages = Math.ceil(total / perPage);
  if (page > 1 && page > totalPages) {
    throw new WpApiError(400, 'rest_post_invalid_page_number', 'The page number requested is larger than the number of pages available.');
  }
  const base = new URL(request.url, 'http://x');
  const link = (p: number) => {
    base.searchParams.set('page', String(p));
    // Absolute, as WordPress sends them: clients (wpapi among them) request the link as given.
    return `<${publicUrl}${base.pathname}${base.search}>`;
  };
  const links = [page > 1 ? `${link(page - 1)}; rel="prev"` : '', page < totalPages ? `${link(page + 1)}; rel="next"` : ''].filter(Boolean);
  if (links.length > 0) reply.header('link', links.join(', '));
  return reply
    .header('x-wp-total', String(total))
    .header('x-wp-totalpages', String(totalPages))
    .header('access-control-expose-headers', 'X-WP-Total, X-WP-TotalPages, Link')
    .header('cache-control', 'public, max-age=60, s-maxage=120')
    .send(items);
}

type ArticleQuery = SelectQueryBuilder<DB, 'articles', object>;

function publicArticles(db: Kysely<DB>): ArticleQuery {
  return db
    .selectFrom('articles')
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', new Date().toISOString()) as unknown as ArticleQuery;
}

function filterPosts(db: Kysely<DB>, q: Query): ArticleQuery {
  let r = publicArticles(db);
  const search = one(q, 'search')?.trim();
  if (search) {
    const like = `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    r = r.where((eb) =>
      eb.or([
        eb(sql`lower(articles.headline)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(articles.dek)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(articles.body_html)`, 'like', sql`${like} escape '\\'`),
      ]),
    );
  }
  const categories = ids(q, 'categories');
  if (categories) r = r.where('articles.section_id', 'in', categories);
  const excludedCategories = ids(q, 'categories_exclude');
  if (excludedCategories) r = r.where('articles.section_id', 'not in', excludedCategories);
  const tags = ids(q, 'tags');
  if (tags) r = r.where('articles.id', 'in', db.selectFrom('article_tags').select('article_id').where('tag_id', 'in', tags));
  const excludedTags = ids(q, 'tags_exclude');
  if (excludedTags) r = r.where('articles.id', 'not in', db.selectFrom('article_tags').select('article_id').where('tag_id', 'in', excludedTags));
  const authors = ids(q, 'author');
  if (authors) r = r.where('articles.id', 'in', db.selectFrom('article_authors').select('article_id').where('person_id', 'in', authors));
  const slugs = strings(q, 'slug');
  if (slugs) r = r.where('articles.slug', 'in', slugs);
  const include = ids(q, 'include');
  if (include) r = r.where('articles.id', 'in', include);
  const exclude = ids(q, 'exclude');
  if (exclude) r = r.where('articles.id', 'not in', exclude);
  const after = dateParam(q, 'after');
  if (after) r = r.where('articles.published_at', '>', after);
  const before = dateParam(q, 'before');
  if (before) r = r.where('articles.published_at', '<', before);
  const modifiedAfter = dateParam(q, 'modified_after');
  if (modifiedAfter) r = r.where('articles.updated_at', '>', modifiedAfter);
  const modifiedBefore = dateParam(q, 'modified_before');
  if (modifiedBefore) r = r.where('articles.updated_at', '<', modifiedBefore);
  return r;
}

const postOrder: Record<string, 'articles.published_at' | 'articles.id' | 'articles.headline' | 'articles.slug' | 'articles.updated_at'> = {
  date: 'articles.published_at',
  relevance: 'articles.published_at',
  id: 'articles.id',
  title: 'articles.headline',
  slug: 'articles.slug',
  modified: 'articles.updated_at',
  include: 'articles.id',
};

function orderOf(q: Query, allowed: readonly string[], fallback: string): { by: string; dir: 'asc' | 'desc' } {
  const by = one(q, 'orderby') ?? fallback;
  if (!allowed.includes(by)) throw new WpApiError(400, 'rest_invalid_param', `Invalid parameter(s): orderby (orderby is not one of ${allowed.join(', ')}.)`);
  const order = one(q, 'order');
  if (order !== undefined && order !== 'asc' && order !== 'desc') throw new WpApiError(400, 'rest_invalid_param', 'Invalid parameter(s): order');
  return { by, dir: order ?? (by === fallback && fallback === 'date' ? 'desc' : 'asc') };
}

/** Register with `{ prefix: '/wp-json' }`: the routes and the not-found answer are under it. */
export async function wordpressApi(app: FastifyInstance, deps: WordPressApiDeps): Promise<void> {
  const { db, site } = deps;
  const publicUrl = () => site.ctx.publicUrl;
  const api = (path: string) => `${publicUrl()}/wp-json/wp/v2${path}`;
  const tz = () => site.siteSettings.timeZone;

  app.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
    const unavailable = isDatabaseUnavailable(error);
    const status = error instanceof WpApiError ? error.status : unavailable ? 503 : error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'wp-json request failed');
    const body: WpError = {
      code: error instanceof WpApiError ? error.code : unavailable ? 'rest_unavailable' : status === 500 ? 'internal_server_error' : 'rest_invalid_param',
      message: unavailable ? 'Temporarily unavailable; retry shortly' : status === 500 ? 'Internal error' : error.message,
      data: { status },
    };
    return reply.code(status).header('cache-control', 'no-store').send(body);
  });

  // ---- serializers ----

  async function mediaJson(rows: { id: number; path: string; mime: string; width: number; height: number; alt: string; caption: string; created_at: string }[]) {
    return rows.map((m) => {
      const dates = wpDates(m.created_at, tz());
      const source = `${publicUrl()}${urls.media(m.path)}`;
      const sizes = Object.fromEntries(
        variantWidths
          .filter((w) => w < m.width)
          .map((w) => [
            `w${w}`,
            { file: variantPath(m.path, w, 'jpg'), width: w, height: Math.round((m.height * w) / m.width), mime_type: 'image/jpeg', source_url: `${publicUrl()}${urls.media(variantPath(m.path, w, 'jpg'))}` },
          ]),
      );
      return {
        id: m.id,
        date: dates.local,
        date_gmt: dates.gmt,
        guid: { rendered: source },
        modified: dates.local,
        modified_gmt: dates.gmt,
        slug: m.path.replace(/^.*\//, '').replace(/\.[a-z0-9]+$/i, ''),
        status: 'inherit',
        type: 'attachment',
        link: source,
        title: { rendered: escapeHtml(m.caption || m.alt || m.path) },
        author: 0,
        caption: { rendered: m.caption ? `<p>${escapeHtml(m.caption)}</p>\n` : '' },
        alt_text: m.alt,
        media_type: 'image',
        mime_type: m.mime,
        media_details: { width: m.width, height: m.height, file: m.path, sizes: { ...sizes, full: { file: m.path, width: m.width, height: m.height, mime_type: m.mime, source_url: source } } },
        source_url: source,
        _links: { self: [{ href: api(`/media/${m.id}`) }], collection: [{ href: api('/media') }] },
      };
    });
  }

  async function usersJson(rows: { id: number; slug: string; name: string; bio: string }[]) {
    return rows.map((p) => ({
      id: p.id,
      name: p.name,
      url: '',
      description: p.bio,
      link: `${publicUrl()}${urls.author(p.slug)}`,
      slug: p.slug,
      avatar_urls: {},
      meta: [],
      _links: { self: [{ href: api(`/users/${p.id}`) }], collection: [{ href: api('/users') }] },
    }));
  }

  async function termCounts(kind: 'section' | 'tag', termIds: number[]): Promise<Map<number, number>> {
    if (termIds.length === 0) return new Map();
    const now = new Date().toISOString();
    const rows =
      kind === 'section'
        ? await db
            .selectFrom('articles')
            .select(['section_id as id', sql<number>`count(*)`.as('n')])
            .where('status', '=', 'published')
            .where('published_at', '<=', now)
            .where('section_id', 'in', termIds)
            .groupBy('section_id')
            .execute()
        : await db
            .selectFrom('article_tags')
            .innerJoin('articles', 'articles.id', 'article_tags.article_id')
            .select(['article_tags.tag_id as id', sql<number>`count(*)`.as('n')])
            .where('articles.status', '=', 'published')
            .where('articles.published_at', '<=', now)
            .where('article_tags.tag_id', 'in', termIds)
            .groupBy('article_tags.tag_id')
            .execute();
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  }

  async function categoriesJson(rows: { id: number; slug: string; name: string; description: string; parent_id: number | null }[]) {
    const counts = await termCounts('section', rows.map((r) => r.id));
    return rows.map((s) => ({
      id: s.id,
      count: counts.get(s.id) ?? 0,
      description: s.description,
      link: `${publicUrl()}${urls.section(s.slug)}`,
      name: s.name,
      slug: s.slug,
      taxonomy: 'category',
      parent: s.parent_id ?? 0,
      meta: [],
      _links: { self: [{ href: api(`/categories/${s.id}`) }], collection: [{ href: api('/categories') }], 'wp:post_type': [{ href: api(`/posts?categories=${s.id}`) }] },
    }));
  }

  async function tagsJson(rows: { id: number; slug: string; name: string }[]) {
    const counts = await termCounts('tag', rows.map((r) => r.id));
    return rows.map((t) => ({
      id: t.id,
      count: counts.get(t.id) ?? 0,
      description: '',
      link: `${publicUrl()}${urls.tag(t.slug)}`,
      name: t.name,
      slug: t.slug,
      taxonomy: 'post_tag',
      meta: [],
      _links: { self: [{ href: api(`/tags/${t.id}`) }], collection: [{ href: api('/tags') }], 'wp:post_type': [{ href: api(`/posts?tags=${t.id}`) }] },
    }));
  }

  async function postsJson(articleIds: number[], embed: boolean) {
    if (articleIds.length === 0) return [];
    const rows = await db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .leftJoin('article_counters', 'article_counters.article_id', 'articles.id')
      .select([
        'articles.id',
        'articles.slug',
        'articles.headline',
        'articles.dek',
        'articles.body_html',
        'articles.section_id',
        'articles.featured_media_id',
        'articles.published_at',
        'articles.updated_at',
        'article_counters.views as view_count',
        'articles.seo_title',
        'articles.seo_description',
        'sections.slug as section_slug',
      ])
      .where('articles.id', 'in', articleIds)
      .execute();
    const [authors, tagLinks] = await Promise.all([
      db.selectFrom('article_authors').select(['article_id', 'person_id']).where('article_id', 'in', articleIds).orderBy('position').execute(),
      db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('article_id', 'in', articleIds).orderBy('tag_id').execute(),
    ]);
    let embedded: { users: Map<number, unknown>; media: Map<number, unknown>; sections: Map<number, unknown>; tags: Map<number, unknown> } | undefined;
    if (embed) {
      const personIds = [...new Set(authors.map((a) => a.person_id))];
      const mediaIds = [...new Set(rows.map((r) => r.featured_media_id).filter((x): x is number => x !== null))];
      const sectionIds = [...new Set(rows.map((r) => r.section_id))];
      const tagIds = [...new Set(tagLinks.map((t) => t.tag_id))];
      const [people, media, sections, tags] = await Promise.all([
        personIds.length ? db.selectFrom('people').select(['id', 'slug', 'name', 'bio']).where('id', 'in', personIds).execute() : [],
        mediaIds.length ? db.selectFrom('media').selectAll().where('id', 'in', mediaIds).execute() : [],
        db.selectFrom('sections').selectAll().where('id', 'in', sectionIds).execute(),
        tagIds.length ? db.selectFrom('tags').selectAll().where('id', 'in', tagIds).execute() : [],
      ]);
      const byId = <T extends { id: number }>(list: T[]) => new Map(list.map((x) => [x.id, x as unknown]));
      embedded = {
        users: byId(await usersJson(people)),
        media: byId(await mediaJson(media)),
        sections: byId(await categoriesJson(sections)),
        tags: byId(await tagsJson(tags)),
      };
    }
    const order = new Map(articleIds.map((id, i) => [id, i]));
    rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return rows.map((a) => {
      const published = wpDates(a.published_at ?? a.updated_at, tz());
      const modified = wpDates(a.updated_at, tz());
      const author = authors.find((x) => x.article_id === a.id)?.person_id ?? 0;
      const tagIds = tagLinks.filter((t) => t.article_id === a.id).map((t) => t.tag_id);
      const link = `${publicUrl()}${urls.article(a.section_slug, a.slug)}`;
      const post: Record<string, unknown> = {
        id: a.id,
        date: published.local,
        date_gmt: published.gmt,
        guid: { rendered: `${publicUrl()}/?p=${a.id}` },
        modified: modified.local,
        modified_gmt: modified.gmt,
        slug: a.slug,
        status: 'publish',
        type: 'post',
        link,
        title: { rendered: escapeHtml(a.headline) },
        content: { rendered: a.body_html, protected: false },
        excerpt: { rendered: a.dek ? `<p>${escapeHtml(a.dek)}</p>\n` : '', protected: false },
        author,
        featured_media: a.featured_media_id ?? 0,
        comment_status: 'open',
        ping_status: 'closed',
        sticky: false,
        template: '',
        format: 'standard',
        meta: { views: a.view_count ?? 0 },
        categories: [a.section_id],
        tags: tagIds,
        // Yoast's field, which news apps read for share titles and descriptions.
        yoast_head_json: { title: a.seo_title || a.headline, description: a.seo_description || a.dek },
        _links: {
          self: [{ href: api(`/posts/${a.id}`) }],
          collection: [{ href: api('/posts') }],
          author: author ? [{ embeddable: true, href: api(`/users/${author}`) }] : [],
          replies: [{ embeddable: true, href: `${api('/comments')}?post=${a.id}` }],
          ...(a.featured_media_id !== null && { 'wp:featuredmedia': [{ embeddable: true, href: api(`/media/${a.featured_media_id}`) }] }),
          'wp:term': [
            { taxonomy: 'category', embeddable: true, href: api(`/categories?post=${a.id}`) },
            { taxonomy: 'post_tag', embeddable: true, href: api(`/tags?post=${a.id}`) },
          ],
        },
      };
      if (embedded) {
        const e = embedded;
        post._embedded = {
          author: author && e.users.has(author) ? [e.users.get(author)] : [],
          ...(a.featured_media_id !== null && e.media.has(a.featured_media_id) && { 'wp:featuredmedia': [e.media.get(a.featured_media_id)] }),
          'wp:term': [[e.sections.get(a.section_id)].filter(Boolean), tagIds.map((t) => e.tags.get(t)).filter(Boolean)],
        };
      }
      return post;
    });
  }

  const isEmbed = (q: Query) => q._embed !== undefined;
  const notFound = (code: string) => new WpApiError(404, code, 'Invalid ID.');
  const idParam = (raw: string, code: string) => {
    if (!/^\d+$/.test(raw)) throw notFound(code);
    return Number(raw);
  };

  // ---- routes ----

  app.get('/', async () => ({
    name: site.siteSettings.name,
    description: site.siteSettings.tagline,
    url: publicUrl(),
    home: publicUrl(),
    namespaces: ['wp/v2'],
    routes: Object.fromEntries(['posts', 'categories', 'tags', 'users', 'media'].map((r) => [`/wp/v2/${r}`, { namespace: 'wp/v2', methods: ['GET'] }])),
  }));

  app.get('/wp/v2/posts', async (request, reply) => {
    const q = request.query as Query;
    const { page, perPage, offset } = paging(q);
    const { by, dir } = orderOf(q, Object.keys(postOrder), 'date');
    const filtered = filterPosts(db, q);
    const total = Number((await filtered.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    let list = filtered.select('articles.id');
    const include = ids(q, 'include');
    if (by === 'include' && include) {
      const pageIds = include.slice(offset, offset + perPage);
      const found = new Set((await list.execute()).map((r) => r.id));
      return sendList(request, reply, await postsJson(pageIds.filter((id) => found.has(id)), isEmbed(q)), total, page, perPage, publicUrl());
    }
    list = list.orderBy(postOrder[by] ?? 'articles.published_at', dir).orderBy('articles.id', dir);
    const rows = await list.limit(perPage).offset(offset).execute();
    return sendList(request, reply, await postsJson(rows.map((r) => r.id), isEmbed(q)), total, page, perPage, publicUrl());
  });

  app.get<{ Params: { id: string } }>('/wp/v2/posts/:id', async (request) => {
    const id = idParam(request.params.id, 'rest_post_invalid_id');
    const visible = await publicArticles(db).select('articles.id').where('articles.id', '=', id).executeTakeFirst();
    if (!visible) throw notFound('rest_post_invalid_id');
    return (await postsJson([id], isEmbed(request.query as Query)))[0];
  });

  app.get('/wp/v2/categories', async (request, reply) => {
    const q = request.query as Query;
    const { page, perPage, offset } = paging(q);
    const { by, dir } = orderOf(q, ['name', 'id', 'slug', 'count', 'include'], 'name');
    let r = db.selectFrom('sections');
    const search = one(q, 'search')?.trim().toLowerCase();
    if (search) r = r.where(sql`lower(name)`, 'like', `%${search}%`);
    const slugs = strings(q, 'slug');
    if (slugs) r = r.where('slug', 'in', slugs);
    const include = ids(q, 'include');
    if (include) r = r.where('id', 'in', include);
    const parent = one(q, 'parent');
    if (parent !== undefined && /^\d+$/.test(parent)) r = parent === '0' ? r.where('parent_id', 'is', null) : r.where('parent_id', '=', Number(parent));
    const post = one(q, 'post');
    if (post && /^\d+$/.test(post)) r = r.where('id', 'in', db.selectFrom('articles').select('section_id').where('id', '=', Number(post)));
    if (one(q, 'hide_empty') === 'true' || one(q, 'hide_empty') === '1') {
      r = r.where('id', 'in', publicArticles(db).select('articles.section_id'));
    }
    const total = Number((await r.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    // Sections are few: counts for all of them, then the page.
    const rows = await r.selectAll().orderBy(by === 'slug' ? 'slug' : by === 'id' || by === 'include' ? 'id' : 'name', dir).orderBy('id').execute();
    const items = await categoriesJson(rows);
    if (by === 'count') items.sort((a, b) => (dir === 'asc' ? a.count - b.count : b.count - a.count));
    return sendList(request, reply, items.slice(offset, offset + perPage), total, page, perPage, publicUrl());
  });

  app.get<{ Params: { id: string } }>('/wp/v2/categories/:id', async (request) => {
    const id = idParam(request.params.id, 'rest_term_invalid');
    const row = await db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new WpApiError(404, 'rest_term_invalid', 'Term does not exist.');
    return (await categoriesJson([row]))[0];
  });

  app.get('/wp/v2/tags', async (request, reply) => {
    const q = request.query as Query;
    const { page, perPage, offset } = paging(q);
    const { by, dir } = orderOf(q, ['name', 'id', 'slug', 'count', 'include'], 'name');
    let r = db.selectFrom('tags');
    const search = one(q, 'search')?.trim().toLowerCase();
    if (search) r = r.where(sql`lower(name)`, 'like', `%${search}%`);
    const slugs = strings(q, 'slug');
    if (slugs) r = r.where('slug', 'in', slugs);
    const include = ids(q, 'include');
    if (include) r = r.where('id', 'in', include);
    const post = one(q, 'post');
    if (post && /^\d+$/.test(post)) r = r.where('id', 'in', db.selectFrom('article_tags').select('tag_id').where('article_id', '=', Number(post)));
    if (one(q, 'hide_empty') === 'true' || one(q, 'hide_empty') === '1') {
      r = r.where('id', 'in', db.selectFrom('article_tags').select('tag_id').where('article_id', 'in', publicArticles(db).select('articles.id')));
    }
    const total = Number((await r.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    if (by === 'count') {
      const all = await tagsJson(await r.selectAll().orderBy('id').execute());
      all.sort((a, b) => (dir === 'asc' ? a.count - b.count : b.count - a.count) || a.id - b.id);
      return sendList(request, reply, all.slice(offset, offset + perPage), total, page, perPage, publicUrl());
    }
    const rows = await r.selectAll().orderBy(by === 'slug' ? 'slug' : by === 'id' || by === 'include' ? 'id' : 'name', dir).orderBy('id').limit(perPage).offset(offset).execute();
    return sendList(request, reply, await tagsJson(rows), total, page, perPage, publicUrl());
  });

  app.get<{ Params: { id: string } }>('/wp/v2/tags/:id', async (request) => {
    const id = idParam(request.params.id, 'rest_term_invalid');
    const row = await db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new WpApiError(404, 'rest_term_invalid', 'Term does not exist.');
    return (await tagsJson([row]))[0];
  });

  // Like WordPress for visitors, only people with published stories are listed.
  const bylined = () =>
    db
      .selectFrom('people')
      .where('id', 'in', db.selectFrom('article_authors').select('person_id').where('article_id', 'in', publicArticles(db).select('articles.id')));

  app.get('/wp/v2/users', async (request, reply) => {
    const q = request.query as Query;
    const { page, perPage, offset } = paging(q);
    const { by, dir } = orderOf(q, ['name', 'id', 'slug', 'include'], 'name');
    let r = bylined();
    const search = one(q, 'search')?.trim().toLowerCase();
    if (search) r = r.where(sql`lower(name)`, 'like', `%${search}%`);
    const slugs = strings(q, 'slug');
    if (slugs) r = r.where('slug', 'in', slugs);
    const include = ids(q, 'include');
    if (include) r = r.where('id', 'in', include);
    const total = Number((await r.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await r
      .select(['id', 'slug', 'name', 'bio'])
      .orderBy(by === 'slug' ? 'slug' : by === 'name' ? 'name' : 'id', dir)
      .orderBy('id')
      .limit(perPage)
      .offset(offset)
      .execute();
    return sendList(request, reply, await usersJson(rows), total, page, perPage, publicUrl());
  });

  app.get<{ Params: { id: string } }>('/wp/v2/users/:id', async (request) => {
    const id = idParam(request.params.id, 'rest_user_invalid_id');
    const row = await bylined().select(['id', 'slug', 'name', 'bio']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new WpApiError(404, 'rest_user_invalid_id', 'Invalid user ID.');
    return (await usersJson([row]))[0];
  });

  app.get('/wp/v2/media', async (request, reply) => {
    const q = request.query as Query;
    const { page, perPage, offset } = paging(q);
    const { by, dir } = orderOf(q, ['date', 'id', 'include'], 'date');
    let r = db.selectFrom('media');
    const mediaType = one(q, 'media_type');
    if (mediaType && mediaType !== 'image') r = r.where(sql<boolean>`1 = 0`);
    const search = one(q, 'search')?.trim().toLowerCase();
    if (search) r = r.where((eb) => eb.or([eb(sql`lower(caption)`, 'like', `%${search}%`), eb(sql`lower(alt)`, 'like', `%${search}%`)]));
    const include = ids(q, 'include');
    if (include) r = r.where('id', 'in', include);
    const parent = ids(q, 'parent');
    if (parent) r = r.where('id', 'in', db.selectFrom('articles').select('featured_media_id').where('id', 'in', parent).where('featured_media_id', 'is not', null) as never);
    const total = Number((await r.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await r
      .selectAll()
      .orderBy(by === 'date' ? 'created_at' : 'id', dir)
      .orderBy('id', dir)
      .limit(perPage)
      .offset(offset)
      .execute();
    return sendList(request, reply, await mediaJson(rows), total, page, perPage, publicUrl());
  });

  app.get<{ Params: { id: string } }>('/wp/v2/media/:id', async (request) => {
    const id = idParam(request.params.id, 'rest_post_invalid_id');
    const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('rest_post_invalid_id');
    return (await mediaJson([row]))[0];
  });

  app.setNotFoundHandler(async (request, reply) => {
    const body: WpError = { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } };
    return reply.code(404).send(body);
  });
}
