import type { FastifyInstance } from 'fastify';
import { urls } from '../../../content/urls.js';
import { MAX_RESULTS } from '../../../search/service.js';
import { segmentsToHtml } from '../../../search/snippet.js';
import { MAX_QUERY_LENGTH } from '../../../search/query.js';
import { apiError, apiMessages } from '../../plugins/errors.js';
import { searchCacheControl } from '../../reader/search.js';
import { json, type ContentApiDeps } from './context.js';
import { articleJson } from './presenters.js';

const apiQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['q'],
  properties: {
    q: { type: 'string', minLength: 1, maxLength: MAX_QUERY_LENGTH },
    page: { type: 'integer', minimum: 1, maximum: MAX_RESULTS, default: 1 },
    per_page: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
    sort: { type: 'string', enum: ['relevance', 'date'], default: 'relevance' },
  },
} as const;

interface ApiQuery {
  q: string;
  page: number;
  per_page: number;
  sort: 'relevance' | 'date';
}

/** `/api/v1/search`: the readers' search as JSON, with marked headlines and snippets. */
export async function searchRoutes(app: FastifyInstance, deps: ContentApiDeps): Promise<void> {
  const { site, search } = deps;
  app.get<{ Querystring: ApiQuery }>('/search', { schema: { querystring: apiQuerySchema } }, async (request, reply) => {
    const { q, page, per_page, sort } = request.query;
    const r = await search.search({ q: q.trim(), page, perPage: per_page, sort, sections: site.ctx.sections, timeZone: site.siteSettings.timeZone });
    const problem = r.problems[0];
    if (problem) {
      const t = apiMessages(request, site);
      const message = problem.kind === 'unknown_section' ? t.unknownSection(problem.value) : t.badSearchDate(problem.name, problem.value);
      return apiError(reply, 400, problem.kind, message);
    }
    const base = site.ctx.publicUrl;
    return reply
      .header('content-type', json)
      .header('cache-control', searchCacheControl)
      .send({
        query: r.q,
        items: r.items.map((i) => ({
          ...(i.kind === 'story'
            ? articleJson(base, i.article)
            : { type: 'page', id: i.page.id, slug: i.page.slug, url: `${base}${urls.page(i.page.slug)}`, headline: i.page.headline, dek: i.page.dek, language: i.page.language }),
          headlineHtml: segmentsToHtml(i.headline),
          snippet: i.snippet,
          snippetHtml: segmentsToHtml(i.snippet),
        })),
        page: r.page,
        perPage: r.perPage,
        total: r.total,
        more: r.more,
        pageCount: r.pageCount,
        match: r.match,
        suggestion: r.suggestion,
        filters: r.filters,
      });
  });
}
