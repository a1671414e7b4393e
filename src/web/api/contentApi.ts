import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  filteredPage,
  publishedArticleBySlug,
  sectionFamily,
  type ArticleCard,
  type ArticleFilter,
  type ArticleFull,
  type Page,
} from '../../content/stories.js';
import { listAuthors, listTags, personBySlug, tagBySlug } from '../../content/taxonomy.js';
import { variantPath } from '../../media/variants.js';
import type { PageCache } from '../plugins/pageCache/cache.js';
import { serveExistingPage, servePage } from '../plugins/pageCache/respond.js';
import type { SiteState } from '../site.js';
import { urls } from '../../content/urls.js';

export interface ApiDeps {
  db: Kysely<DB>;
  site: SiteState;
  cache: PageCache;
}

const json = 'application/json; charset=utf-8';
const apiCacheControl = 'public, max-age=60, s-maxage=120, stale-while-revalidate=600';

/** The API's error body: a machine-readable code and a sentence naming what was wrong. */
export function apiError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).header('content-type', json).header('cache-control', 'no-store').send({ error: code, message });
}

const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    section: { type: 'string', minLength: 1, maxLength: 200 },
    tag: { type: 'string', minLength: 1, maxLength: 200 },
    author: { type: 'string', minLength: 1, maxLength: 200 },
    after: { type: 'string', format: 'date-time' },
    before: { type: 'string', format: 'date-time' },
    page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
    per_page: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  },
} as const;

interface ListQuery {
  section?: string;
  tag?: string;
  author?: string;
  after?: string;
  before?: string;
  page: number;
  per_page: number;
}

export interface ArticleJson {
  id: number;
  slug: string;
  url: string;
  headline: string;
  dek: string;
  language: string;
  section: { id: number; slug: string; name: string };
  image: { url: string; width: number; height: number; alt: string } | null;
  breaking: boolean;
  views: number;
  comments: number;
  publishedAt: string;
  updatedAt: string;
}

export interface ArticleFullJson extends ArticleJson {
  bodyHtml: string;
  caption: string;
  seoTitle: string;
  seoDescription: string;
  updateNote: string;
  authors: { id: number; slug: string; name: string; title: string; url: string }[];
  tags: { id: number; slug: string; name: string; url: string }[];
}

export function articleJson(base: string, a: ArticleCard): ArticleJson {
  return {
    id: a.id,
    slug: a.slug,
    url: `${base}${urls.article(a.sectionSlug, a.slug)}`,
    headline: a.headline,
    dek: a.dek,
    language: a.language,
    section: { id: a.sectionId, slug: a.sectionSlug, name: a.sectionName },
    image: a.image
      ? { url: `${base}${urls.media(variantPath(a.image.path, 1200, 'jpg'))}`, width: a.image.width, height: a.image.height, alt: a.image.alt }
      : null,
    breaking: a.isBreaking,
    views: a.viewCount,
    comments: a.commentCount,
    publishedAt: a.publishedAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

function articleFullJson(base: string, a: ArticleFull): ArticleFullJson {
  return {
    ...articleJson(base, a),
    bodyHtml: a.bodyHtml,
    caption: a.caption,
    seoTitle: a.seoTitle,
    seoDescription: a.seoDescription,
    updateNote: a.updateNote,
    authors: a.authors.map((p) => ({ ...p, url: `${base}${urls.author(p.slug)}` })),
    tags: a.tags.map((t) => ({ ...t, url: `${base}${urls.tag(t.slug)}` })),
  };
}

function pageJson<T>(p: Page<unknown>, items: T[]) {
  return { items, page: p.page, perPage: p.pageSize, total: p.total, pageCount: p.pageCount };
}

/** Read-only JSON for apps: articles, sections, tags, authors. Paginated and ETag-cacheable. */
export async function contentApi(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { db, site, cache } = deps;
  const base = () => site.ctx.publicUrl;

  app.get<{ Querystring: ListQuery }>('/api/v1/articles', { schema: { querystring: listQuerySchema } }, async (request, reply) => {
    const q = request.query;
    const filter: ArticleFilter = {};
    const keys = ['feeds', 'taxonomy'];
    if (q.section) {
      const section = site.sectionBySlug(q.section);
      if (!section) return apiError(reply, 404, 'unknown_section', `no section has the slug "${q.section}"`);
      filter.sectionIds = sectionFamily(site.ctx.sections, section);
    }
    if (q.tag) {
      const tag = await tagBySlug(db, q.tag);
      if (!tag) return apiError(reply, 404, 'unknown_tag', `no tag has the slug "${q.tag}"`);
      filter.tagId = tag.id;
    }
    if (q.author) {
      const person = await personBySlug(db, q.author);
      if (!person) return apiError(reply, 404, 'unknown_author', `no author has the slug "${q.author}"`);
      filter.personId = person.id;
    }
    if (q.after) filter.after = new Date(q.after);
    if (q.before) filter.before = new Date(q.before);
    const cacheKey = `/api/v1/articles?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`;
    return serveExistingPage(request, reply, cache, { cacheKey, keys, contentType: json, cacheControl: apiCacheControl }, async () => {
      const page = await filteredPage(db, filter, q.page, q.per_page);
      return JSON.stringify(pageJson(page, page.items.map((a) => articleJson(base(), a))));
    });
  });

  app.get<{ Params: { slug: string } }>('/api/v1/articles/:slug', async (request, reply) => {
    const served = await servePage(
      request,
      reply,
      cache,
      { cacheKey: `/api/v1/articles/${request.params.slug}`, keys: ['taxonomy'], contentType: json, cacheControl: apiCacheControl },
      async () => {
        const article = await publishedArticleBySlug(db, request.params.slug);
        if (!article) return undefined;
        return { body: JSON.stringify(articleFullJson(base(), article)), keys: [`article:${article.id}`] };
      },
    );
    return served ? reply : apiError(reply, 404, 'not_found', `no published article has the slug "${request.params.slug}"`);
  });

  app.get<{ Params: { id: string } }>('/api/v1/articles/:id/counters', async (request, reply) => {
    const id = /^[1-9][0-9]{0,9}$/.test(request.params.id) ? Number(request.params.id) : undefined;
    if (id === undefined) return apiError(reply, 400, 'bad_id', `article id must be a positive whole number, not "${request.params.id}"`);
    const row = await db
      .selectFrom('articles')
      .select(['view_count', 'comment_count'])
      .where('id', '=', id)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (!row) return apiError(reply, 404, 'not_found', `no published article has the id ${id}`);
    const f = site.ctx.formatCount;
    return reply
      .header('cache-control', 'public, max-age=15, s-maxage=15')
      .send({ views: row.view_count, comments: row.comment_count, viewsText: f(row.view_count), commentsText: f(row.comment_count) });
  });

  app.get('/api/v1/sections', (request, reply) =>
    serveExistingPage(request, reply, cache, { cacheKey: '/api/v1/sections', keys: ['taxonomy'], contentType: json, cacheControl: apiCacheControl }, async () =>
      JSON.stringify({
        items: site.ctx.sections.map((s) => ({
          id: s.id,
          slug: s.slug,
          name: s.name,
          description: s.description,
          parentId: s.parent_id,
          url: `${base()}${urls.section(s.slug)}`,
          feeds: { rss: `${base()}${urls.sectionRss(s.slug)}`, atom: `${base()}${urls.sectionAtom(s.slug)}` },
        })),
      }),
    ),
  );

  app.get<{ Querystring: { page: number; per_page: number } }>(
    '/api/v1/tags',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
            per_page: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
          },
        },
      },
    },
    (request, reply) => {
      const { page, per_page } = request.query;
      return serveExistingPage(
        request,
        reply,
        cache,
        { cacheKey: `/api/v1/tags?page=${page}&per_page=${per_page}`, keys: ['feeds', 'taxonomy'], contentType: json, cacheControl: apiCacheControl },
        async () => {
          const { items, total } = await listTags(db, per_page, (page - 1) * per_page);
          return JSON.stringify({
            items: items.map((t) => ({ ...t, url: `${base()}${urls.tag(t.slug)}` })),
            page,
            perPage: per_page,
            total,
            pageCount: Math.max(1, Math.ceil(total / per_page)),
          });
        },
      );
    },
  );

  app.get('/api/v1/authors', (request, reply) =>
    serveExistingPage(request, reply, cache, { cacheKey: '/api/v1/authors', keys: ['feeds', 'taxonomy'], contentType: json, cacheControl: apiCacheControl }, async () => {
      const people = await listAuthors(db);
      return JSON.stringify({
        items: people.map((p) => ({ id: p.id, slug: p.slug, name: p.name, title: p.title, bio: p.bio, url: `${base()}${urls.author(p.slug)}` })),
      });
    }),
  );
}
