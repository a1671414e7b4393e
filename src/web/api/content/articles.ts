import type { FastifyInstance } from 'fastify';
import { filteredPage, publishedArticleBySlug, sectionFamily, type ArticleFilter } from '../../../content/stories.js';
import { personBySlug, tagBySlug } from '../../../content/taxonomy.js';
import { publishedCounts } from '../../../audience/counters.js';
import { serveExistingPage, servePage } from '../../plugins/pageCache/respond.js';
import { apiError, apiMessages } from '../../plugins/errors.js';
import { idParams } from '../../schemas.js';
import { apiCacheControl, json, type ContentApiDeps } from './context.js';
import { articleFullJson, articleJson, countersJson, pageJson } from './presenters.js';

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

const slugParams = { type: 'object', required: ['slug'], properties: { slug: { type: 'string', minLength: 1, maxLength: 500 } } } as const;

/** Public stories: filtered and paged lists, one story by slug, its live counters. */
export async function articleRoutes(app: FastifyInstance, deps: ContentApiDeps): Promise<void> {
  const { db, site, cache } = deps;
  const base = () => site.ctx.publicUrl;

  app.get<{ Querystring: ListQuery }>('/articles', { schema: { querystring: listQuerySchema } }, async (request, reply) => {
    const q = request.query;
    const t = apiMessages(request, site);
    const filter: ArticleFilter = {};
    const keys = ['feeds', 'taxonomy'];
    if (q.section) {
      const section = site.sectionBySlug(q.section);
      if (!section) return apiError(reply, 404, 'unknown_section', t.unknownSection(q.section));
      filter.sectionIds = sectionFamily(site.ctx.sections, section);
    }
    if (q.tag) {
      const tag = await tagBySlug(db, q.tag);
      if (!tag) return apiError(reply, 404, 'unknown_tag', t.unknownTag(q.tag));
      filter.tagId = tag.id;
    }
    if (q.author) {
      const person = await personBySlug(db, q.author);
      if (!person) return apiError(reply, 404, 'unknown_author', t.unknownAuthor(q.author));
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

  app.get<{ Params: { slug: string } }>('/articles/:slug', { schema: { params: slugParams } }, async (request, reply) => {
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
    return served ? reply : apiError(reply, 404, 'not_found', apiMessages(request, site).noStory(request.params.slug));
  });

  app.get<{ Params: { id: number } }>('/articles/:id/counters', { schema: { params: idParams } }, async (request, reply) => {
    const counters = await publishedCounts(db, request.params.id);
    if (!counters) return apiError(reply, 404, 'not_found', apiMessages(request, site).noStoryId(request.params.id));
    return reply.header('cache-control', 'public, max-age=15, s-maxage=15').send(countersJson(counters, site.ctx.formatCount));
  });
}
