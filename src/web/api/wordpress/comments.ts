import type { FastifyInstance } from 'fastify';
import { commentRows, countComments, type CommentFilter } from '../../../content/catalog.js';
import { localId } from '../../../content/wpIds.js';
import { WpApiError } from '../../plugins/errors.js';
import { idParams } from '../../schemas.js';
import { wpContext, type WordPressApiDeps } from './context.js';
import { idMapFor, localFilter } from './ids.js';
import { checkVisitor, dateParam, ids, listQuery, orderOf, paging, searchTerm, sendList, wpMessages, type Query } from './params.js';
import { commentsJson, embedView } from './presenters.js';

const commentOrder: Record<string, 'date' | 'id' | 'post'> = { date: 'date', date_gmt: 'date', id: 'id', include: 'id', post: 'post' };

/** `/wp/v2/comments`: approved comments on public stories, newest first, with `post=` and `parent=`. */
export async function commentRoutes(app: FastifyInstance, deps: WordPressApiDeps): Promise<void> {
  const { db, site } = deps;

  app.get('/wp/v2/comments', { schema: { querystring: listQuery(['post', 'parent', 'include', 'exclude']) } }, async (request, reply) => {
    const q = request.query as Query;
    const context = checkVisitor(request, site, q, 'approve');
    const { page, perPage, offset } = paging(q);
    const { by, dir } = orderOf(request, site, q, Object.keys(commentOrder), 'date_gmt', 'desc');
    const parentIds = ids(q, 'parent');
    const localParents = parentIds && (await localFilter(db, 'comment', parentIds.filter((p) => p !== 0)));
    const f: CommentFilter = {};
    const posts = await localFilter(db, 'article', ids(q, 'post'));
    if (posts) f.posts = posts;
    const include = await localFilter(db, 'comment', ids(q, 'include'));
    if (include) f.include = include;
    const exclude = await localFilter(db, 'comment', ids(q, 'exclude'));
    if (exclude) f.exclude = exclude;
    if (parentIds) f.parents = [...(parentIds.includes(0) ? [0] : []), ...(localParents ?? [])];
    const search = searchTerm(q);
    if (search) f.search = search;
    const after = dateParam(request, site, q, 'after');
    if (after) f.after = after;
    const before = dateParam(request, site, q, 'before');
    if (before) f.before = before;
    const total = await countComments(db, f);
    const rows = await commentRows(db, f, { by: commentOrder[by] ?? 'date', dir }, perPage, offset);
    const idMap = await idMapFor(db, { comment: rows.flatMap((r) => (r.parent_id === null ? [r.id] : [r.id, r.parent_id])), article: rows.map((r) => r.article_id) });
    const items = commentsJson(wpContext(deps), rows, idMap);
    return sendList(request, reply, site, context === 'embed' ? items.map((j) => embedView('comment', j)) : items, total, page, perPage);
  });

  app.get<{ Params: { id: number } }>('/wp/v2/comments/:id', { schema: { params: idParams } }, async (request) => {
    const context = checkVisitor(request, site, request.query as Query, 'approve');
    const local = await localId(db, 'comment', request.params.id);
    const [row] = local === undefined ? [] : await commentRows(db, { include: [local] }, { by: 'id', dir: 'asc' }, 1, 0);
    if (!row) throw new WpApiError(404, 'rest_comment_invalid_id', wpMessages(request, site).invalidCommentId);
    const idMap = await idMapFor(db, { comment: row.parent_id === null ? [row.id] : [row.id, row.parent_id], article: [row.article_id] });
    const item = commentsJson(wpContext(deps), [row], idMap)[0] ?? {};
    return context === 'embed' ? embedView('comment', item) : item;
  });
}
