import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { allPostIds, countPosts, embeddedFor, isPublicPost, postData, postIds, type PostFilter, type PostOrder } from '../../../content/catalog.js';
import type { SiteState } from '../../site.js';
import { apiMessages, WpApiError } from '../../plugins/errors.js';
import { idParams } from '../../schemas.js';
import { wpContext, type WordPressApiDeps } from './context.js';
import { dateParam, ids, listQuery, orderOf, paging, searchTerm, sendList, strings, type Query } from './params.js';
import { mediaJson, postsJson, usersJson, type WpContext } from './presenters.js';
import { categoriesWithCounts, tagsWithCounts } from './terms.js';

const postOrder: Record<string, PostOrder> = {
  date: 'published',
  relevance: 'published',
  id: 'id',
  title: 'headline',
  slug: 'slug',
  modified: 'updated',
  include: 'id',
};

function postFilter(request: FastifyRequest, site: SiteState, q: Query): PostFilter {
  const f: PostFilter = {};
  const search = searchTerm(q);
  if (search) f.search = search;
  const set = <K extends keyof PostFilter>(key: K, value: PostFilter[K] | undefined) => {
    if (value !== undefined) f[key] = value;
  };
  set('sectionIds', ids(q, 'categories'));
  set('excludeSectionIds', ids(q, 'categories_exclude'));
  set('tagIds', ids(q, 'tags'));
  set('excludeTagIds', ids(q, 'tags_exclude'));
  set('authorIds', ids(q, 'author'));
  set('slugs', strings(q, 'slug'));
  set('include', ids(q, 'include'));
  set('exclude', ids(q, 'exclude'));
  set('after', dateParam(request, site, q, 'after'));
  set('before', dateParam(request, site, q, 'before'));
  set('modifiedAfter', dateParam(request, site, q, 'modified_after'));
  set('modifiedBefore', dateParam(request, site, q, 'modified_before'));
  return f;
}

/** Posts in WordPress's shape; with `_embed`, their authors, images and terms inside. */
async function postsWith(db: Kysely<DB>, c: WpContext, articleIds: number[], embed: boolean) {
  const data = await postData(db, articleIds);
  if (!embed || data.rows.length === 0) return postsJson(c, data);
  const e = await embeddedFor(db, {
    personIds: [...new Set(data.authors.map((a) => a.person_id))],
    mediaIds: [...new Set(data.rows.map((r) => r.featured_media_id).filter((x): x is number => x !== null))],
    sectionIds: [...new Set(data.rows.map((r) => r.section_id))],
    tagIds: [...new Set(data.tagLinks.map((t) => t.tag_id))],
  });
  const byId = <T extends { id: number }>(list: T[]) => new Map(list.map((x) => [x.id, x as unknown]));
  return postsJson(c, data, {
    users: byId(usersJson(c, e.people)),
    media: byId(mediaJson(c, e.media)),
    sections: byId(await categoriesWithCounts(db, c, e.sections)),
    tags: byId(await tagsWithCounts(db, c, e.tags)),
  });
}

const isEmbed = (q: Query) => q._embed !== undefined;

/** `/wp/v2/posts`: public stories with WordPress's filters, orders and paging. */
export async function postRoutes(app: FastifyInstance, deps: WordPressApiDeps): Promise<void> {
  const { db, site } = deps;
  const postsQuery = listQuery(['categories', 'categories_exclude', 'tags', 'tags_exclude', 'author', 'include', 'exclude']);

  app.get('/wp/v2/posts', { schema: { querystring: postsQuery } }, async (request, reply) => {
    const q = request.query as Query;
    const { page, perPage, offset } = paging(q);
    const { by, dir } = orderOf(request, site, q, Object.keys(postOrder), 'date');
    const filter = postFilter(request, site, q);
    const total = await countPosts(db, filter);
    if (by === 'include' && filter.include) {
      const found = await allPostIds(db, filter);
      const pageIds = filter.include.slice(offset, offset + perPage).filter((id) => found.has(id));
      return sendList(request, reply, site, await postsWith(db, wpContext(deps), pageIds, isEmbed(q)), total, page, perPage);
    }
    const pageIds = await postIds(db, filter, { by: postOrder[by] ?? 'published', dir }, perPage, offset);
    return sendList(request, reply, site, await postsWith(db, wpContext(deps), pageIds, isEmbed(q)), total, page, perPage);
  });

  app.get<{ Params: { id: number } }>('/wp/v2/posts/:id', { schema: { params: idParams } }, async (request) => {
    const { id } = request.params;
    if (!(await isPublicPost(db, id))) throw new WpApiError(404, 'rest_post_invalid_id', apiMessages(request, site).wp.invalidId);
    return (await postsWith(db, wpContext(deps), [id], isEmbed(request.query as Query)))[0];
  });
}
