import type { FastifyInstance } from 'fastify';
import { countMedia, mediaById, mediaParents, mediaRows, type MediaFilter } from '../../../content/catalog.js';
import { apiMessages, WpApiError } from '../../plugins/errors.js';
import { idParams } from '../../schemas.js';
import { wpContext, type WordPressApiDeps } from './context.js';
import { checkVisitor, ids, listQuery, one, orderOf, paging, searchTerm, sendList, type Query } from './params.js';
import { idMapFor, localFilter } from './ids.js';
import { localId } from '../../../content/wpIds.js';
import { mediaJson } from './presenters.js';

/** `/wp/v2/media`: the image library, with each image's sizes. */
export async function mediaRoutes(app: FastifyInstance, deps: WordPressApiDeps): Promise<void> {
  const { db, site } = deps;

  app.get('/wp/v2/media', { schema: { querystring: listQuery(['include', 'parent']) } }, async (request, reply) => {
    const q = request.query as Query;
    const { page, perPage, offset } = paging(q);
    checkVisitor(request, site, q, 'inherit');
    const { by, dir } = orderOf(request, site, q, ['date', 'id', 'include'], 'date', 'desc');
    const type = one(q, 'media_type');
    const search = searchTerm(q)?.toLowerCase();
    const include = await localFilter(db, 'media', ids(q, 'include'));
    const parents = await localFilter(db, 'article', ids(q, 'parent'));
    const filter: MediaFilter = { ...(type && { type }), ...(search && { search }), ...(include && { include }), ...(parents && { parents }) };
    const total = await countMedia(db, filter);
    const rows = await mediaRows(db, filter, { by: by === 'date' ? 'created' : 'id', dir }, perPage, offset);
    const parentOf = await mediaParents(db, rows.map((r) => r.id));
    const idMap = await idMapFor(db, { media: rows.map((r) => r.id), article: [...parentOf.values()] });
    return sendList(request, reply, site, mediaJson(wpContext(deps), rows, idMap, parentOf), total, page, perPage);
  });

  app.get<{ Params: { id: number } }>('/wp/v2/media/:id', { schema: { params: idParams } }, async (request) => {
    checkVisitor(request, site, request.query as Query, 'inherit');
    const local = await localId(db, 'media', request.params.id);
    const row = local === undefined ? undefined : await mediaById(db, local);
    if (!row) throw new WpApiError(404, 'rest_post_invalid_id', apiMessages(request, site).wp.invalidId);
    const parentOf = await mediaParents(db, [row.id]);
    return mediaJson(wpContext(deps), [row], await idMapFor(db, { media: [row.id], article: [...parentOf.values()] }), parentOf)[0];
  });
}
