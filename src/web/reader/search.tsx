import type { FastifyInstance } from 'fastify';
import type { SearchService } from '../../search/service.js';
import { MAX_QUERY_LENGTH } from '../../search/query.js';
import { renderDocument } from '../html.js';
import type { SiteState } from '../site.js';
import { pageNumber, type ReaderDeps } from './pages.js';
import { sendNotFound } from './errorPages.js';
import { SearchPage } from './views/search.js';

/**
 * DECISION: search pages are not put in the page cache. Every distinct query string would be a
 * cache entry, so anyone could flush the article pages out of it with random queries; and a
 * query costs a few milliseconds (see `npm run bench:search`). Browsers and CDNs may keep a
 * result page a minute (`max-age=60`), which bounds how stale it can be after a publish.
 */
export const searchCacheControl = 'public, max-age=60, s-maxage=60';

export interface SearchPageDeps extends ReaderDeps {
  site: SiteState;
  search: SearchService;
}

/** Readers' search (`/search?q=…`): the form, the results, paging. */
export async function searchPage(app: FastifyInstance, deps: SearchPageDeps): Promise<void> {
  const { site, search } = deps;
  app.get('/search', async (request, reply) => {
    const raw = (request.query as Record<string, unknown>).q;
    // Cut before trimming: a megabyte of spaces is not walked.
    const q = (typeof raw === 'string' ? raw.slice(0, MAX_QUERY_LENGTH * 2) : '').trim().slice(0, MAX_QUERY_LENGTH);
    const page = pageNumber(request);
    if (page === undefined) return sendNotFound(deps, request, reply);
    const results = q
      ? await search.search({ q, page, perPage: site.siteSettings.pageSize, sort: 'relevance', sections: site.ctx.sections, timeZone: site.siteSettings.timeZone })
      : undefined;
    if (results && page > 1 && page > results.pageCount) return sendNotFound(deps, request, reply);
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', searchCacheControl)
      .send(renderDocument(<SearchPage ctx={site.ctx} q={q} results={results} />));
  });
}
