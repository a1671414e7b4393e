import type { FastifyInstance } from 'fastify';
import { listAuthors, listTags } from '../../../content/taxonomy.js';
import { serveExistingPage } from '../../plugins/pageCache/respond.js';
import { apiCacheControl, json, type ContentApiDeps } from './context.js';
import { authorJson, sectionJson, tagJson } from './presenters.js';

const tagsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
    per_page: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
  },
} as const;

/** Sections (with their feeds), tags (with counts, paged) and authors. */
export async function taxonomyRoutes(app: FastifyInstance, deps: ContentApiDeps): Promise<void> {
  const { db, site, cache } = deps;
  const base = () => site.ctx.publicUrl;

  app.get('/sections', (request, reply) =>
    serveExistingPage(request, reply, cache, { cacheKey: '/api/v1/sections', keys: ['taxonomy'], contentType: json, cacheControl: apiCacheControl }, async () =>
      JSON.stringify({ items: site.ctx.sections.map((s) => sectionJson(base(), s)) }),
    ),
  );

  app.get<{ Querystring: { page: number; per_page: number } }>('/tags', { schema: { querystring: tagsQuery } }, (request, reply) => {
    const { page, per_page } = request.query;
    return serveExistingPage(
      request,
      reply,
      cache,
      { cacheKey: `/api/v1/tags?page=${page}&per_page=${per_page}`, keys: ['feeds', 'taxonomy'], contentType: json, cacheControl: apiCacheControl },
      async () => {
        const { items, total } = await listTags(db, per_page, (page - 1) * per_page);
        return JSON.stringify({
          items: items.map((t) => tagJson(base(), t)),
          page,
          perPage: per_page,
          total,
          pageCount: Math.max(1, Math.ceil(total / per_page)),
        });
      },
    );
  });

  app.get('/authors', (request, reply) =>
    serveExistingPage(request, reply, cache, { cacheKey: '/api/v1/authors', keys: ['feeds', 'taxonomy'], contentType: json, cacheControl: apiCacheControl }, async () => {
      const people = await listAuthors(db);
      return JSON.stringify({ items: people.map((p) => authorJson(base(), p)) });
    }),
  );
}
