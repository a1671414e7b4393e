import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { allPostIds, commentsOfPosts, countPosts, embeddedFor, isPublicPost, pinnedAmong, postData, postIds, type PostFilter, type PostOrder } from '../../../content/catalog.js';
import { localId, wpGuids } from '../../../content/wpIds.js';
import type { SiteState } from '../../site.js';
import { apiMessages, WpApiError } from '../../plugins/errors.js';
import { idParams } from '../../schemas.js';
import { wpContext, type WordPressApiDeps } from './context.js';
import { idMapFor, localFilter } from './ids.js';
import { checkVisitor, dateParam, flag, ids, listQuery, one, orderOf, paging, searchTerm, sendList, strings, wpMessages as apiWp, type Query } from './params.js';
import { commentsJson, embedView, mediaJson, postsJson, usersJson, type WpContext } from './presenters.js';
import { categoriesWithCounts, tagsWithCounts } from './terms.js';
import { passwordMatches } from '../../../content/protection.js';
import { wpModelMessages } from '../../../i18n/wpModel.js';

const postOrder: Record<string, PostOrder> = {
  date: 'published',
  relevance: 'published',
  id: 'id',
  title: 'headline',
  slug: 'slug',
  modified: 'updated',
  include: 'id',
};

async function postFilter(request: FastifyRequest, db: Kysely<DB>, site: SiteState, q: Query): Promise<PostFilter> {
  const f: PostFilter = {};
  const search = searchTerm(q);
  if (search) f.search = search;
  const set = <K extends keyof PostFilter>(key: K, value: PostFilter[K] | undefined) => {
    if (value !== undefined) f[key] = value;
  };
  set('sectionIds', await localFilter(db, 'section', ids(q, 'categories')));
  set('excludeSectionIds', await localFilter(db, 'section', ids(q, 'categories_exclude')));
  set('tagIds', await localFilter(db, 'tag', ids(q, 'tags')));
  set('excludeTagIds', await localFilter(db, 'tag', ids(q, 'tags_exclude')));
  set('authorIds', await localFilter(db, 'person', ids(q, 'author')));
  set('slugs', strings(q, 'slug'));
  set('include', await localFilter(db, 'article', ids(q, 'include')));
  set('exclude', await localFilter(db, 'article', ids(q, 'exclude')));
  set('after', dateParam(request, site, q, 'after'));
  set('before', dateParam(request, site, q, 'before'));
  set('modifiedAfter', dateParam(request, site, q, 'modified_after'));
  set('modifiedBefore', dateParam(request, site, q, 'modified_before'));
  if (one(q, 'sticky') !== undefined) set('sticky', flag(q, 'sticky'));
  const relation = one(q, 'tax_relation');
  if (relation !== undefined && relation !== 'AND' && relation !== 'OR') throw new WpApiError(400, 'rest_invalid_param', apiWp(request, site).taxRelation(relation));
  if (relation === 'OR') f.taxRelation = 'OR';
  return f;
}

/** Posts in WordPress's shape; with `_embed`, their authors, images, terms and comments inside (embed context). */
export async function postsWith(db: Kysely<DB>, c: WpContext, articleIds: number[], embed: boolean, unlocked?: Set<number>) {
  const data = await postData(db, articleIds);
  const people = [...new Set(data.authors.map((a) => a.person_id))];
  const mediaIds = [...new Set(data.rows.map((r) => r.featured_media_id).filter((x): x is number => x !== null))];
  const sectionIds = [...new Set([...data.rows.map((r) => r.section_id), ...data.sectionLinks.map((l) => l.section_id)])];
  const tagIds = [...new Set(data.tagLinks.map((t) => t.tag_id))];
  const [sticky, guids, replies] = await Promise.all([pinnedAmong(db, articleIds), wpGuids(db, articleIds), embed ? commentsOfPosts(db, articleIds, 10) : new Map()]);
  const comments = [...replies.values()].flat();
  const idMap = await idMapFor(db, {
    article: articleIds,
    person: people,
    media: mediaIds,
    section: sectionIds,
    tag: tagIds,
    comment: comments.flatMap((m) => [m.id, ...(m.parent_id === null ? [] : [m.parent_id])]),
  });
  const extras = { sticky, guids, ...(unlocked && { unlocked }) };
  if (!embed || data.rows.length === 0) return postsJson(c, data, idMap, extras);
  const e = await embeddedFor(db, { personIds: people, mediaIds, sectionIds, tagIds });
  const byId = <T extends { id: number }>(list: T[], json: Record<string, unknown>[], shape: Parameters<typeof embedView>[0]) =>
    new Map(list.map((x, i) => [x.id, embedView(shape, json[i] ?? {}) as unknown]));
  const sectionsJson = await categoriesWithCounts(db, c, e.sections);
  const tagJson = await tagsWithCounts(db, c, e.tags);
  return postsJson(c, data, idMap, extras, {
    users: byId(e.people, usersJson(c, e.people, idMap), 'user'),
    media: byId(e.media, mediaJson(c, e.media, idMap), 'media'),
    sections: byId(e.sections, sectionsJson, 'term'),
    tags: byId(e.tags, tagJson, 'term'),
    replies: new Map([...replies].map(([article, list]) => [article, commentsJson(c, list, idMap).map((j) => embedView('comment', j))])),
  });
}

const isEmbed = (q: Query) => q._embed !== undefined;

/** `/wp/v2/posts`: public stories with WordPress's filters, orders and paging, under WordPress's ids. */
export async function postRoutes(app: FastifyInstance, deps: WordPressApiDeps): Promise<void> {
  const { db, site } = deps;
  const postsQuery = listQuery(['categories', 'categories_exclude', 'tags', 'tags_exclude', 'author', 'include', 'exclude']);

  app.get('/wp/v2/posts', { schema: { querystring: postsQuery } }, async (request, reply) => {
    const q = request.query as Query;
    const context = checkVisitor(request, site, q);
    const { page, perPage, offset } = paging(q);
    const { by, dir } = orderOf(request, site, q, Object.keys(postOrder), 'date', 'desc');
    const filter = await postFilter(request, db, site, q);
    const total = await countPosts(db, filter);
    const c = wpContext(deps);
    let pageIds: number[];
    if (by === 'include' && filter.include) {
      const found = await allPostIds(db, filter);
      pageIds = filter.include.slice(offset, offset + perPage).filter((id) => found.has(id));
    } else {
      pageIds = await postIds(db, filter, { by: postOrder[by] ?? 'published', dir }, perPage, offset);
    }
    const items = await postsWith(db, c, pageIds, isEmbed(q));
    return sendList(request, reply, site, context === 'embed' ? items.map((p) => embedView('post', p)) : items, total, page, perPage);
  });

  app.get<{ Params: { id: number } }>('/wp/v2/posts/:id', { schema: { params: idParams } }, async (request) => {
    const q = request.query as Query;
    const context = checkVisitor(request, site, q);
    const id = await localId(db, 'article', request.params.id);
    if (id === undefined || !(await isPublicPost(db, id))) throw new WpApiError(404, 'rest_post_invalid_id', apiMessages(request, site).wp.invalidId);
    // `?password=` opens a protected story, as WordPress; a wrong one is refused as WordPress refuses it.
    const password = typeof q.password === 'string' ? q.password : undefined;
    let unlocked: Set<number> | undefined;
    if (password !== undefined && (await postData(db, [id])).rows[0]?.is_protected) {
      if (!(await passwordMatches(db, id, password))) throw new WpApiError(403, 'rest_post_incorrect_password', wpModelMessages(site.siteSettings.locale).passwordWrong);
      unlocked = new Set([id]);
    }
    const post = (await postsWith(db, wpContext(deps), [id], isEmbed(q), unlocked))[0] ?? {};
    return context === 'embed' ? embedView('post', post) : post;
  });
}
