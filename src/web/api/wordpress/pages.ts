import type { FastifyInstance, FastifyRequest } from 'fastify';
import { countPages, pageIds, pageRows, type PageFilter, type PageOrder } from '../../../content/pages.js';
import { urls } from '../../../content/urls.js';
import type { SiteState } from '../../site.js';
import { apiMessages, WpApiError } from '../../plugins/errors.js';
import { idParams } from '../../schemas.js';
import { wpContext, type WordPressApiDeps } from './context.js';
import { idMapFor, localFilter, type IdMap } from './ids.js';
import { localIds } from '../../../content/wpIds.js';
import { dateParam, ids, listQuery, orderOf, paging, searchTerm, sendList, strings, type Query } from './params.js';
import { escapeHtml, wpDates, type WpContext } from './presenters.js';

/**
 * `/wp/v2/pages`: static pages in WordPress's page shape. Khabar's pages are flat (no parent,
 * no menu order), so `parent` is 0 for all of them and `parent=N` matches none but 0.
 */
const pageOrder: Record<string, PageOrder> = {
  date: 'published',
  relevance: 'published',
  id: 'id',
  title: 'headline',
  slug: 'slug',
  modified: 'updated',
  include: 'id',
  menu_order: 'published',
};

const api = (c: WpContext, path: string) => `${c.publicUrl}/wp-json/wp/v2${path}`;

type PageRow = Awaited<ReturnType<typeof pageRows>>[number];

/** Pages under WordPress's ids (imported pages keep theirs; see content/wpIds.ts). */
async function pagesIdMap(db: WordPressApiDeps['db'], rows: PageRow[]): Promise<IdMap> {
  return idMapFor(db, {
    article: rows.map((p) => p.id),
    person: rows.flatMap((p) => p.authors.map((a) => a.id)),
    media: rows.flatMap((p) => (p.featuredMediaId === null ? [] : [p.featuredMediaId])),
  });
}

function pagesJson(c: WpContext, rows: PageRow[], wp: IdMap) {
  return rows.map((local) => {
    const p = { ...local, id: wp('article', local.id), featuredMediaId: local.featuredMediaId === null ? null : wp('media', local.featuredMediaId) };
    const published = wpDates(p.publishedAt.toISOString(), c.timeZone);
    const modified = wpDates(p.updatedAt.toISOString(), c.timeZone);
    const author = p.authors[0] ? wp('person', p.authors[0].id) : 0;
    return {
      id: p.id,
      date: published.local,
      date_gmt: published.gmt,
      guid: { rendered: `${c.publicUrl}/?page_id=${p.id}` },
      modified: modified.local,
      modified_gmt: modified.gmt,
      slug: p.slug,
      status: 'publish',
      type: 'page',
      link: `${c.publicUrl}${urls.page(p.slug)}`,
      title: { rendered: escapeHtml(p.headline) },
      content: { rendered: p.bodyHtml, protected: false },
      excerpt: { rendered: p.dek ? `<p>${escapeHtml(p.dek)}</p>\n` : '', protected: false },
      author,
      featured_media: p.featuredMediaId ?? 0,
      parent: 0,
      menu_order: 0,
      comment_status: 'closed',
      ping_status: 'closed',
      template: '',
      meta: [],
      yoast_head_json: { title: p.seoTitle || p.headline, description: p.seoDescription || p.dek },
      _links: {
        self: [{ href: api(c, `/pages/${p.id}`) }],
        collection: [{ href: api(c, '/pages') }],
        about: [{ href: api(c, '/types/page') }],
        author: author ? [{ embeddable: true, href: api(c, `/users/${author}`) }] : [],
        ...(p.featuredMediaId !== null && { 'wp:featuredmedia': [{ embeddable: true, href: api(c, `/media/${p.featuredMediaId}`) }] }),
      },
    };
  });
}

function pageFilter(request: FastifyRequest, site: SiteState, q: Query): PageFilter | undefined {
  const parents = ids(q, 'parent');
  // Every page is top-level: asking for the children of another page finds none.
  if (parents && !parents.includes(0)) return undefined;
  const f: PageFilter = {};
  const set = <K extends keyof PageFilter>(key: K, value: PageFilter[K] | undefined) => {
    if (value !== undefined) f[key] = value;
  };
  set('search', searchTerm(q));
  set('slugs', strings(q, 'slug'));
  set('include', ids(q, 'include'));
  set('exclude', ids(q, 'exclude'));
  set('authorIds', ids(q, 'author'));
  set('after', dateParam(request, site, q, 'after'));
  set('before', dateParam(request, site, q, 'before'));
  return f;
}

export async function pageRoutes(app: FastifyInstance, deps: WordPressApiDeps): Promise<void> {
  const { db, site } = deps;
  const query = listQuery(['include', 'exclude', 'author', 'parent']);

  app.get('/wp/v2/pages', { schema: { querystring: query } }, async (request, reply) => {
    const q = request.query as Query;
    const { page, perPage, offset } = paging(q);
    const { by, dir } = orderOf(request, site, q, Object.keys(pageOrder), 'date', 'desc');
    const asked = pageFilter(request, site, q);
    if (!asked) return sendList(request, reply, site, [], 0, page, perPage);
    const [include, exclude, authorIds] = await Promise.all([localFilter(db, 'article', asked.include), localFilter(db, 'article', asked.exclude), localFilter(db, 'person', asked.authorIds)]);
    const filter: PageFilter = { ...asked, ...(include && { include }), ...(exclude && { exclude }), ...(authorIds && { authorIds }) };
    const total = await countPages(db, filter);
    let list: number[];
    if (by === 'include' && filter.include) {
      // In the order the client listed them (at most 100 ids: the schema's limit).
      const found = new Set(await pageIds(db, filter, { by: 'id', dir: 'asc' }, filter.include.length, 0));
      list = filter.include.filter((id) => found.has(id)).slice(offset, offset + perPage);
    } else {
      list = await pageIds(db, filter, { by: pageOrder[by] ?? 'published', dir }, perPage, offset);
    }
    const rows = await pageRows(db, list);
    return sendList(request, reply, site, pagesJson(wpContext(deps), rows, await pagesIdMap(db, rows)), total, page, perPage);
  });

  app.get<{ Params: { id: number } }>('/wp/v2/pages/:id', { schema: { params: idParams } }, async (request) => {
    const local = (await localIds(db, 'article', [request.params.id])).get(request.params.id);
    const rows = local === undefined ? [] : await pageRows(db, [local]);
    const [found] = pagesJson(wpContext(deps), rows, await pagesIdMap(db, rows));
    if (!found) throw new WpApiError(404, 'rest_post_invalid_id', apiMessages(request, site).wp.invalidId);
    return found;
  });
}
