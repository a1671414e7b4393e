import type { FastifyInstance } from 'fastify';
import { countMedia, mediaById, mediaRows, type MediaFilter } from '../../../content/catalog.js';
import { apiMessages, WpApiError } from '../../plugins/errors.js';
import { idParams } from '../../schemas.js';
import { wpContext, type WordPressApiDeps } from './context.js';
import { ids, listQuery, one, orderOf, paging, searchTerm, sendList, type Query } from './params.js';
import { mediaJson } from './presenters.js';

/** `/wp/v2/media`: the image library, with each image's sizes. */
export async function mediaRoutes(app: FastifyInstance, deps: WordPressApiDeps): Promise<void> {
  const { db, site } = deps;

  app.get('/wp/v2/media', { schema: { querystring: listQuery(['include', 'parent']) } }, async (request, reply) => {
    const q = request.query as Query;
    const { page, perPage, offset } = paging(q);
    const { by, dir } = orderOf(request, site, q, ['date', 'id', 'include'], 'date');
    const type = one(q, 'media_type');
    const search = searchTerm(q)?.toLowerCase();
    const include = ids(q, 'include');
    const parents = ids(q, 'parent');
    const filter: MediaFilter = { ...(type && { type }), ...(search && { search }), ...(include && { include }), ...(parents && { parents }) };
    const total = await countMedia(db, filter);
    const rows = await mediaRows(db, filter, { by: by === 'date' ? 'created' : 'id', dir }, perPage, offset);
    return sendList(request, reply, site, mediaJson(wpContext(deps), rows), total, page, perPage);
  });

  app.get<{ Params: { id: number } }>('/wp/v2/media/:id', { schema: { params: idParams } }, async (request) => {
    const row = await mediaById(db, request.params.id);
    if (!row) throw new WpApiError(404, 'rest_post_invalid_id', apiMessages(request, site).wp.invalidId);
    return mediaJson(wpContext(deps), [row])[0];
  });
}
