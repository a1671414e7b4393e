import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listSections } from '../../content/taxonomy.js';
import { siteAdminMessages } from '../../i18n/siteAdmin.js';

import { taxonomyAdminState, TaxonomyError } from '../../newsroom/taxonomy.js';
import { createSection } from '../../newsroom/commands/createSection.js';
import { updateSection } from '../../newsroom/commands/updateSection.js';
import { orderSections } from '../../newsroom/commands/orderSections.js';
import { moveSection } from '../../newsroom/commands/moveSection.js';
import { mergeSections } from '../../newsroom/commands/mergeSections.js';
import { deleteSection } from '../../newsroom/commands/deleteSection.js';
import { createTag } from '../../newsroom/commands/createTag.js';
import { updateTag } from '../../newsroom/commands/updateTag.js';
import { mergeTags } from '../../newsroom/commands/mergeTags.js';
import { deleteTag } from '../../newsroom/commands/deleteTag.js';
import { sendPage as html } from '../html.js';
import { requirePermission } from '../plugins/auth.js';
import { actor, idList, idListField, newsroomView, type NewsroomDeps } from './context.js';
import { SectionsPage, TagsPage, type TaxonomyFormState } from './views/TaxonomyPages.js';

const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const itemBody = {
  type: 'object',
  properties: {
    name: text(500),
    slug: text(500),
    parentId: { type: 'string', pattern: '^[0-9]*$', maxLength: 12 },
    description: text(4000),
    seoTitle: text(1000),
    seoDescription: text(2000),
  },
} as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;

interface ItemForm {
  name?: string;
  slug?: string;
  parentId?: string;
  description?: string;
  seoTitle?: string;
  seoDescription?: string;
}

const fields = (b: ItemForm) => ({
  name: b.name ?? '',
  slug: b.slug ?? '',
  description: b.description ?? '',
  seoTitle: b.seoTitle ?? '',
  seoDescription: b.seoDescription ?? '',
});
const parentOf = (b: ItemForm) => (b.parentId ? Number(b.parentId) : null);

/**
 * The "done" line after a change travels in the redirect's URL, signed with the person's own
 * session token: a link made elsewhere cannot put words of its own on the newsroom's page.
 */
function sign(request: FastifyRequest, notice: string): string {
  return createHmac('sha256', request.user?.csrfToken ?? '').update(notice).digest('base64url');
}

function doneNotice(request: FastifyRequest<{ Querystring: { done?: string; sig?: string } }>): TaxonomyFormState {
  const { done, sig } = request.query;
  if (!done || !sig) return {};
  const expected = Buffer.from(sign(request, done));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { notice: { kind: 'ok', text: done } } : {};
}

/** Sections and tags (editors and admins): create, edit, reorder, nest, merge, delete. */
export async function taxonomyRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const domain = { db: deps.db, feed: deps.feed };
  const view = newsroomView(deps.site);
  const perm = requirePermission('taxonomy.manage');
  const m = (request: FastifyRequest) => siteAdminMessages(request.user?.uiLocale ?? 'gu');

  const sectionsPage = async (request: FastifyRequest, reply: FastifyReply, state: TaxonomyFormState = {}, status = 200) => {
    const s = await taxonomyAdminState(deps.db);
    return html(reply, <SectionsPage v={view(request)} sections={s.sections} counts={s.sectionCounts} state={state} />, status);
  };
  const tagsPage = async (request: FastifyRequest, reply: FastifyReply, state: TaxonomyFormState = {}, status = 200) => {
    const s = await taxonomyAdminState(deps.db);
    return html(reply, <TagsPage v={view(request)} tags={s.tags} counts={s.tagCounts} state={state} />, status);
  };
  /** Runs one command; a refusal is said on the page (400) with what was typed kept in the form it came from. */
  const attempt = async (request: FastifyRequest, reply: FastifyReply, render: typeof sectionsPage, form: TaxonomyFormState['form'], work: () => Promise<string>, back: string) => {
    try {
      const notice = await work();
      return reply.redirect(`${back}?done=${encodeURIComponent(notice)}&sig=${sign(request, notice)}`, 303);
    } catch (err) {
      if (!(err instanceof TaxonomyError)) throw err;
      return render(request, reply, { ...(form && { form }), notice: { kind: 'error', text: m(request).problem(err.problem) } }, 400);
    }
  };

  const doneQuery = { querystring: { type: 'object', properties: { done: text(600), sig: text(100) } } } as const;
  app.get<{ Querystring: { done?: string; sig?: string } }>('/sections', { ...perm, schema: doneQuery }, async (request, reply) => sectionsPage(request, reply, doneNotice(request)));
  app.get<{ Querystring: { done?: string; sig?: string } }>('/tags', { ...perm, schema: doneQuery }, async (request, reply) => tagsPage(request, reply, doneNotice(request)));

  app.post<{ Body: ItemForm }>('/sections', { ...perm, schema: { body: itemBody } }, async (request, reply) =>
    attempt(request, reply, sectionsPage, { target: 'new', ...fields(request.body), parentId: request.body.parentId ?? '' }, async () => {
      const f = fields(request.body);
      await createSection(domain, { actor: actor(request), ...f, parentId: parentOf(request.body) });
      return m(request).created(f.name.trim());
    }, '/newsroom/sections'),
  );

  app.post<{ Params: { id: number }; Body: ItemForm }>('/sections/:id', { ...perm, schema: { params: idParams, body: itemBody } }, async (request, reply) =>
    attempt(request, reply, sectionsPage, { target: request.params.id, ...fields(request.body), parentId: request.body.parentId ?? '' }, async () => {
      await updateSection(domain, { actor: actor(request), id: request.params.id, ...fields(request.body), parentId: parentOf(request.body) });
      return m(request).updated((request.body.name ?? '').trim());
    }, '/newsroom/sections'),
  );

  app.post<{ Params: { id: number; direction: 'up' | 'down' } }>(
    '/sections/:id/:direction',
    { ...perm, schema: { params: { type: 'object', required: ['id', 'direction'], properties: { id: { type: 'integer', minimum: 1 }, direction: { type: 'string', enum: ['up', 'down'] } } } } },
    async (request, reply) =>
      attempt(request, reply, sectionsPage, undefined, async () => {
        await moveSection(domain, { actor: actor(request), id: request.params.id, direction: request.params.direction });
        return m(request).ordered;
      }, '/newsroom/sections'),
  );

  app.post<{ Body: { order?: string } }>('/sections/order', { ...perm, schema: { body: { type: 'object', properties: { order: idListField } } } }, async (request, reply) =>
    attempt(request, reply, sectionsPage, undefined, async () => {
      await orderSections(domain, { actor: actor(request), sectionIds: idList(request.body.order) });
      return m(request).ordered;
    }, '/newsroom/sections'),
  );

  const mergeBody = { type: 'object', required: ['targetId'], properties: { targetId: { type: 'string', pattern: '^[0-9]*$', maxLength: 12 } } } as const;
  app.post<{ Params: { id: number }; Body: { targetId: string } }>('/sections/:id/merge', { ...perm, schema: { params: idParams, body: mergeBody } }, async (request, reply) =>
    attempt(request, reply, sectionsPage, undefined, async () => {
      const all = await listSections(deps.db);
      const name = (id: number) => all.find((s) => s.id === id)?.name ?? '';
      const targetId = Number(request.body.targetId);
      const { moved } = await mergeSections(domain, { actor: actor(request), sourceId: request.params.id, targetId });
      return m(request).merged(name(request.params.id), name(targetId), moved);
    }, '/newsroom/sections'),
  );

  app.post<{ Params: { id: number } }>('/sections/:id/delete', { ...perm, schema: { params: idParams } }, async (request, reply) =>
    attempt(request, reply, sectionsPage, undefined, async () => {
      const name = (await listSections(deps.db)).find((s) => s.id === request.params.id)?.name ?? '';
      await deleteSection(domain, { actor: actor(request), id: request.params.id });
      return m(request).deleted(name);
    }, '/newsroom/sections'),
  );

  app.post<{ Body: ItemForm }>('/tags', { ...perm, schema: { body: itemBody } }, async (request, reply) =>
    attempt(request, reply, tagsPage, { target: 'new', ...fields(request.body), parentId: '' }, async () => {
      const f = fields(request.body);
      await createTag(domain, { actor: actor(request), ...f });
      return m(request).created(f.name.trim());
    }, '/newsroom/tags'),
  );

  app.post<{ Params: { id: number }; Body: ItemForm }>('/tags/:id', { ...perm, schema: { params: idParams, body: itemBody } }, async (request, reply) =>
    attempt(request, reply, tagsPage, { target: request.params.id, ...fields(request.body), parentId: '' }, async () => {
      await updateTag(domain, { actor: actor(request), id: request.params.id, ...fields(request.body) });
      return m(request).updated((request.body.name ?? '').trim());
    }, '/newsroom/tags'),
  );

  app.post<{ Params: { id: number }; Body: { targetId: string } }>('/tags/:id/merge', { ...perm, schema: { params: idParams, body: mergeBody } }, async (request, reply) =>
    attempt(request, reply, tagsPage, undefined, async () => {
      const { tags } = await taxonomyAdminState(deps.db);
      const name = (id: number) => tags.find((t) => t.id === id)?.name ?? '';
      const targetId = Number(request.body.targetId);
      const from = name(request.params.id);
      const { moved } = await mergeTags(domain, { actor: actor(request), sourceId: request.params.id, targetId });
      return m(request).merged(from, name(targetId), moved);
    }, '/newsroom/tags'),
  );

  app.post<{ Params: { id: number } }>('/tags/:id/delete', { ...perm, schema: { params: idParams } }, async (request, reply) =>
    attempt(request, reply, tagsPage, undefined, async () => {
      const { tags } = await taxonomyAdminState(deps.db);
      const name = tags.find((t) => t.id === request.params.id)?.name ?? '';
      await deleteTag(domain, { actor: actor(request), id: request.params.id });
      return m(request).deleted(name);
    }, '/newsroom/tags'),
  );
}
