import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/connect.js';
import type { ContentEvents } from '../content/changes.js';
import { can } from '../newsroom/policies.js';
import { SearchService, MAX_RESULTS, type SearchResults } from '../search/service.js';
import { htmlToText } from '../search/document.js';
import { segmentsToHtml } from '../search/snippet.js';
import { MAX_QUERY_LENGTH } from '../search/query.js';
import { Spellchecker, suggestTags, transliterationCandidates, SPELLCHECK_MAX_TEXT } from '../search/editorAids.js';
import { apiError, articleJson } from './api/contentApi.js';
import { actorOf, registerAuth } from './plugins/auth.js';
import { searchCacheControl } from './reader/search.js';
import type { SiteState } from './site.js';
import type { PageCache } from './plugins/pageCache/cache.js';

export interface SearchDeps {
  database: Database;
  events: ContentEvents;
  site: SiteState;
  cache: PageCache;
  /** Defaults to one made here; tests pass their own to control vocabulary refreshes. */
  service?: SearchService;
  spellchecker?: Spellchecker;
}

const json = 'application/json; charset=utf-8';

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

/** Reader search (`/search`), the JSON search API and the newsroom's editor aids. */
export async function searchRoutes(app: FastifyInstance, deps: SearchDeps): Promise<void> {
  const { site } = deps;
  const db = deps.database.db;
  const service = deps.service ?? new SearchService(db);
  const stopFollowing = service.follow(deps.events);
  app.addHook('onClose', async () => stopFollowing());
  const spell = deps.spellchecker ?? new Spellchecker();
  const run = (q: string, page: number, perPage: number, sort: 'relevance' | 'date' = 'relevance'): Promise<SearchResults> =>
    service.search({ q, page, perPage, sort, sections: site.ctx.sections, timeZone: site.siteSettings.timeZone });

  await app.register(async (scope) => {
    scope.get<{ Querystring: ApiQuery }>('/api/v1/search', { schema: { querystring: apiQuerySchema } }, async (request, reply) => {
      const { q, page, per_page, sort } = request.query;
      const r = await run(q.trim(), page, per_page, sort);
      const problem = r.problems[0];
      if (problem) {
        const message = problem.kind === 'unknown_section' ? `no section has the slug "${problem.value}"` : `${problem.name}: "${problem.value}" is not a date (YYYY-MM-DD)`;
        return apiError(reply, 400, problem.kind, message);
      }
      const base = site.ctx.publicUrl;
      return reply
        .header('content-type', json)
        .header('cache-control', searchCacheControl)
        .send({
          query: r.q,
          items: r.items.map((i) => ({
            ...articleJson(base, i.article),
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
  });

  // ---- newsroom editor aids (signed in; CSRF header on POST, as every newsroom API) -----------
  await app.register(async (scope) => {
    await registerAuth(scope, db);
    /** Signed in and allowed to write stories; otherwise the JSON error has been sent. */
    const writer = (request: FastifyRequest, reply: FastifyReply): boolean => {
      if (!request.user) {
        reply.code(401).header('cache-control', 'no-store').send({ error: 'login', message: 'sign in first' });
        return false;
      }
      if (!can(actorOf(request.user), 'article.create')) {
        reply.code(403).header('cache-control', 'no-store').send({ error: 'forbidden', message: 'article.create is not allowed for your role' });
        return false;
      }
      return true;
    };

    scope.post<{ Body: { headline?: string; dek?: string; bodyHtml?: string; text?: string; exclude?: string[]; limit?: number } }>(
      '/newsroom/api/suggest-tags',
      {
        schema: {
          body: {
            type: 'object',
            additionalProperties: false,
            properties: {
              headline: { type: 'string', maxLength: 500 },
              dek: { type: 'string', maxLength: 2000 },
              bodyHtml: { type: 'string', maxLength: 2_000_000 },
              text: { type: 'string', maxLength: 2_000_000 },
              exclude: { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 50 },
              limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
            },
          },
        },
      },
      async (request, reply) => {
        if (!writer(request, reply)) return reply;
        const b = request.body;
        const tags = await db.selectFrom('tags').select(['id', 'slug', 'name']).execute();
        const body = [b.bodyHtml ? htmlToText(b.bodyHtml) : '', b.text ?? ''].filter(Boolean).join('\n');
        const suggestions = suggestTags({ headline: b.headline ?? '', dek: b.dek ?? '', body }, tags, { limit: b.limit ?? 10, exclude: b.exclude ?? [] });
        return reply.header('cache-control', 'no-store').send({ suggestions });
      },
    );

    scope.get<{ Querystring: { q: string; limit: number } }>(
      '/newsroom/api/transliterate',
      {
        schema: {
          querystring: {
            type: 'object',
            additionalProperties: false,
            required: ['q'],
            properties: { q: { type: 'string', minLength: 1, maxLength: 60 }, limit: { type: 'integer', minimum: 1, maximum: 20, default: 6 } },
          },
        },
      },
      async (request, reply) => {
        if (!writer(request, reply)) return reply;
        const { q, limit } = request.query;
        const candidates = transliterationCandidates(q, await service.queryIndex(), limit);
        return reply.header('cache-control', 'no-store').send({ q, candidates });
      },
    );

    scope.post<{ Body: { text?: string; html?: string } }>(
      '/newsroom/api/spellcheck',
      {
        schema: {
          body: {
            type: 'object',
            additionalProperties: false,
            properties: { text: { type: 'string', maxLength: SPELLCHECK_MAX_TEXT }, html: { type: 'string', maxLength: 2_000_000 } },
          },
        },
      },
      async (request, reply) => {
        if (!writer(request, reply)) return reply;
        const text = request.body.text ?? htmlToText(request.body.html ?? '');
        const idx = await service.queryIndex();
        return reply.header('cache-control', 'no-store').send(spell.check(text, (w) => idx.frequency(w)));
      },
    );
  });
}
