import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, Section, Tag } from '../../../db/schema.js';
import { countSections, countTags, sectionById, sectionRows, tagById, tagRows, termCounts, type TermFilter, type TermOrder } from '../../../content/catalog.js';
import { apiMessages, WpApiError } from '../../plugins/errors.js';
import { idParams } from '../../schemas.js';
import { wpContext, type WordPressApiDeps } from './context.js';
import { checkVisitor, flag, ids, listQuery, oneId, orderOf, paging, searchTerm, sendList, strings, type Query } from './params.js';
import { idMapFor, localFilter } from './ids.js';
import { localId } from '../../../content/wpIds.js';
import { categoriesJson, tagsJson, type WpContext } from './presenters.js';

export async function categoriesWithCounts(db: Kysely<DB>, c: WpContext, rows: Section[]) {
  const idMap = await idMapFor(db, { section: rows.flatMap((r) => (r.parent_id === null ? [r.id] : [r.id, r.parent_id])) });
  return categoriesJson(c, rows, await termCounts(db, 'section', rows.map((r) => r.id)), idMap);
}

export async function tagsWithCounts(db: Kysely<DB>, c: WpContext, rows: Tag[]) {
  const idMap = await idMapFor(db, { tag: rows.map((r) => r.id) });
  return tagsJson(c, rows, await termCounts(db, 'tag', rows.map((r) => r.id)), idMap);
}

const termOrders = ['name', 'id', 'slug', 'count', 'include'] as const;
const column = (by: string): TermOrder => (by === 'slug' ? 'slug' : by === 'id' || by === 'include' ? 'id' : 'name');

async function termFilter(db: Kysely<DB>, kind: 'section' | 'tag', q: Query): Promise<TermFilter> {
  const search = searchTerm(q);
  const slugs = strings(q, 'slug');
  const include = await localFilter(db, kind, ids(q, 'include'));
  const post = (await localFilter(db, 'article', ids(q, 'post')))?.[0];
  return { ...(search && { search }), ...(slugs && { slugs }), ...(include && { include }), ...(post !== undefined && { post }), hideEmpty: flag(q, 'hide_empty') };
}

/** `/wp/v2/categories` (our sections) and `/wp/v2/tags`, with counts of public stories. */
export async function termRoutes(app: FastifyInstance, deps: WordPressApiDeps): Promise<void> {
  const { db, site } = deps;
  const termQuery = { schema: { querystring: listQuery(['include', 'post', 'parent']) } };

  app.get('/wp/v2/categories', termQuery, async (request, reply) => {
    const q = request.query as Query;
    const { page, perPage, offset } = paging(q);
    checkVisitor(request, site, q);
    const { by, dir } = orderOf(request, site, q, termOrders, 'name', 'asc');
    const wantedParent = oneId(q, 'parent');
    // `parent=0` is the top level; another id is looked up like any other.
    const parent = wantedParent === 0 ? 0 : (await localFilter(db, 'section', wantedParent === undefined ? undefined : [wantedParent]))?.[0];
    const filter = { ...(await termFilter(db, 'section', q)), ...(parent !== undefined && { parent }) };
    const total = await countSections(db, filter);
    // Sections are few: counts for all of them, then the page.
    const items = await categoriesWithCounts(db, wpContext(deps), await sectionRows(db, filter, { by: column(by), dir }));
    if (by === 'count') items.sort((a, b) => (dir === 'asc' ? a.count - b.count : b.count - a.count));
    return sendList(request, reply, site, items.slice(offset, offset + perPage), total, page, perPage);
  });

  app.get<{ Params: { id: number } }>('/wp/v2/categories/:id', { schema: { params: idParams } }, async (request) => {
    checkVisitor(request, site, request.query as Query);
    const local = await localId(db, 'section', request.params.id);
    const row = local === undefined ? undefined : await sectionById(db, local);
    if (!row) throw new WpApiError(404, 'rest_term_invalid', apiMessages(request, site).wp.noTerm);
    return (await categoriesWithCounts(db, wpContext(deps), [row]))[0];
  });

  app.get('/wp/v2/tags', termQuery, async (request, reply) => {
    const q = request.query as Query;
    const { page, perPage, offset } = paging(q);
    checkVisitor(request, site, q);
    const { by, dir } = orderOf(request, site, q, termOrders, 'name', 'asc');
    const filter = await termFilter(db, 'tag', q);
    const total = await countTags(db, filter);
    if (by === 'count') {
      const all = await tagsWithCounts(db, wpContext(deps), await tagRows(db, filter, { by: 'id', dir: 'asc' }));
      all.sort((a, b) => (dir === 'asc' ? a.count - b.count : b.count - a.count) || a.id - b.id);
      return sendList(request, reply, site, all.slice(offset, offset + perPage), total, page, perPage);
    }
    const rows = await tagRows(db, filter, { by: column(by), dir }, { limit: perPage, offset });
    return sendList(request, reply, site, await tagsWithCounts(db, wpContext(deps), rows), total, page, perPage);
  });

  app.get<{ Params: { id: number } }>('/wp/v2/tags/:id', { schema: { params: idParams } }, async (request) => {
    checkVisitor(request, site, request.query as Query);
    const local = await localId(db, 'tag', request.params.id);
    const row = local === undefined ? undefined : await tagById(db, local);
    if (!row) throw new WpApiError(404, 'rest_term_invalid', apiMessages(request, site).wp.noTerm);
    return (await tagsWithCounts(db, wpContext(deps), [row]))[0];
  });
}
