import type { FastifyInstance } from 'fastify';
import { bylinedPeople, bylinedPerson, countBylined, type PeopleFilter } from '../../../content/catalog.js';
import { apiMessages, WpApiError } from '../../plugins/errors.js';
import { idParams } from '../../schemas.js';
import { wpContext, type WordPressApiDeps } from './context.js';
import { checkVisitor, ids, listQuery, orderOf, paging, searchTerm, sendList, strings, type Query } from './params.js';
import { idMapFor, localFilter } from './ids.js';
import { localId } from '../../../content/wpIds.js';
import { usersJson } from './presenters.js';

/** `/wp/v2/users`: people with a byline on a public story (public fields only). */
export async function userRoutes(app: FastifyInstance, deps: WordPressApiDeps): Promise<void> {
  const { db, site } = deps;

  app.get('/wp/v2/users', { schema: { querystring: listQuery(['include']) } }, async (request, reply) => {
    const q = request.query as Query;
    const { page, perPage, offset } = paging(q);
    checkVisitor(request, site, q);
    const { by, dir } = orderOf(request, site, q, ['name', 'id', 'slug', 'include'], 'name', 'asc');
    const search = searchTerm(q);
    const slugs = strings(q, 'slug');
    const include = await localFilter(db, 'person', ids(q, 'include'));
    const filter: PeopleFilter = { ...(search && { search }), ...(slugs && { slugs }), ...(include && { include }) };
    const total = await countBylined(db, filter);
    const rows = await bylinedPeople(db, filter, { by: by === 'slug' ? 'slug' : by === 'name' ? 'name' : 'id', dir }, perPage, offset);
    const idMap = await idMapFor(db, { person: rows.map((r) => r.id) });
    return sendList(request, reply, site, usersJson(wpContext(deps), rows, idMap), total, page, perPage);
  });

  app.get<{ Params: { id: number } }>('/wp/v2/users/:id', { schema: { params: idParams } }, async (request) => {
    checkVisitor(request, site, request.query as Query);
    const local = await localId(db, 'person', request.params.id);
    const row = local === undefined ? undefined : await bylinedPerson(db, local);
    if (!row) throw new WpApiError(404, 'rest_user_invalid_id', apiMessages(request, site).wp.invalidUserId);
    return usersJson(wpContext(deps), [row], await idMapFor(db, { person: [row.id] }))[0];
  });
}
