import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EditConflictError, EditInputError, PageSlugError, type ArticleEdit } from '../../newsroom/articleInput.js';
import { createDraft } from '../../newsroom/commands/createDraft.js';
import { createPage } from '../../newsroom/commands/createPage.js';
import { pagesMessages } from '../../i18n/pages.js';
import { saveArticle } from '../../newsroom/commands/saveArticle.js';
import { holdEditLock } from '../../newsroom/editLocks.js';
import { previewPath } from '../../newsroom/preview.js';
import { newEditor, openEditor, shareCardSource, type EditorArticle } from '../../newsroom/newsroomQueries.js';
import { ensureShareCard, shareCardFonts, storyCardSpec } from '../../media/shareCard.js';
import { sendPage as html } from '../html.js';
import { requirePermission } from '../plugins/auth.js';
import { newsroomRestMessages } from '../../i18n/newsroomRest.js';
import { id, idParams } from '../schemas.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { EditorPage, type EditorNotice } from './views/EditorPage.js';
import { sendEditor } from './editorView.js';
import { workflowMessages, type WorkflowStep } from '../../i18n/workflow.js';
import type { NewsroomView } from './views/NewsroomLayout.js';

const steps: WorkflowStep[] = ['submit', 'publish', 'schedule', 'embargo', 'unpublish', 'archive', 'draft', 'correct', 'update', 'discard', 'restore', 'sendBack'];

/** What a workflow step did, said in words after its redirect (`?done=publish`), with a link to the public page where there is one. */
function doneNotice(v: NewsroomView, a: EditorArticle, done: WorkflowStep, version: number | undefined): EditorNotice {
  const d = workflowMessages(v.lang).done;
  const view = workflowMessages(v.lang).view;
  const live = a.publicPath ? { link: { href: a.publicPath, label: view } } : {};
  switch (done) {
    case 'schedule':
      return { kind: 'ok', text: d.schedule(a.scheduledFor ? v.time(a.scheduledFor) : '') };
    case 'embargo':
      return { kind: 'ok', text: d.embargo(a.embargoUntil ? v.time(a.embargoUntil) : '') };
    case 'restore':
      return { kind: 'ok', text: a.pending ? d.restorePending(version ?? 0) : d.restore(version ?? 0) };
    case 'publish':
    case 'update':
    case 'correct':
      return { kind: 'ok', text: d[done], ...live };
    default:
      return { kind: 'ok', text: d[done] };
  }
}
import { featuredImageProps } from './media.js';
import { postFormats } from '../../db/schema.js';

/** The fields of a story as the editor sends them; absent fields are not changed. */
const fields = {
  headline: { type: 'string', maxLength: 500 },
  dek: { type: 'string', maxLength: 2000 },
  bodyHtml: { type: 'string', maxLength: 2_000_000 },
  slug: { type: 'string', maxLength: 200 },
  sectionId: id,
  authorIds: { type: 'array', items: id, maxItems: 20 },
  featuredCaption: { type: 'string', maxLength: 1000 },
  featuredAlt: { type: 'string', maxLength: 1000 },
  seoTitle: { type: 'string', maxLength: 300 },
  seoDescription: { type: 'string', maxLength: 1000 },
  language: { type: 'string', pattern: '^[a-z]{2,3}$' },
  updateNote: { type: 'string', maxLength: 2000 },
  secondarySectionIds: { type: 'array', items: id, maxItems: 50 },
  format: { type: 'string', enum: postFormats },
  // Counted in characters by the command (passwordMaxLength); this only bounds the bytes.
  password: { type: 'string', maxLength: 1020 },
} as const;

/**
 * Room for the longest body the schema allows: 2,000,000 Gujarati characters are 3 bytes each
 * in UTF-8, and JSON escapes the markup's quotes. Fastify's default (1 MiB) refused long stories
 * with 413 although their text was within the limit.
 */
const editorBodyLimit = 8 * 1024 * 1024;

/** The JSON the editor script sends: the same fields, typed. */
const editSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...fields,
    tagNames: { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 50 },
    featuredMediaId: { type: ['integer', 'null'], minimum: 1 },
    isBreaking: { type: 'boolean' },
    commentsOpen: { type: 'boolean' },
  },
} as const;

/** A page's first save from the editor script: a story's fields less section, tags and the breaking flag. */
const { sectionId: _section, secondarySectionIds: _others, ...pageFields } = fields;
const pageEditSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { ...pageFields, featuredMediaId: editSchema.properties.featuredMediaId, commentsOpen: editSchema.properties.commentsOpen },
} as const;

/** The editor's plain form (without JavaScript): text fields as typed, ids coerced to integers. */
const formSchema = {
  type: 'object',
  // Unknown fields (the CSRF token among them, checked before validation) are dropped, not saved.
  additionalProperties: false,
  properties: {
    ...fields,
    version: { type: 'integer', minimum: 0 },
    tagNames: { type: 'string', maxLength: 5000 },
    // An empty field takes the featured image off.
    featuredMediaId: { anyOf: [id, { type: 'string', maxLength: 0 }] },
    isBreaking: { type: 'string', maxLength: 10 },
    commentsOpen: { type: 'string', maxLength: 10 },
  },
} as const;

type EditorForm = Omit<ArticleEdit, 'tagNames' | 'featuredMediaId' | 'isBreaking' | 'commentsOpen'> & {
  version?: number;
  tagNames?: string;
  featuredMediaId?: number | '';
  isBreaking?: string;
  commentsOpen?: string;
};

/** Editor form fields → an edit; only fields present in the form are changed. */
function editFromForm(f: EditorForm): ArticleEdit {
  const { version: _version, tagNames, featuredMediaId, isBreaking, commentsOpen, ...text } = f;
  const e: ArticleEdit = { ...text };
  if (tagNames !== undefined) e.tagNames = tagNames.split(/[,،]/).map((s) => s.trim()).filter(Boolean);
  if (featuredMediaId !== undefined) e.featuredMediaId = featuredMediaId === '' ? null : featuredMediaId;
  // An unticked checkbox sends nothing: a form that carries the headline carries the whole story.
  if (f.headline !== undefined) {
    e.isBreaking = isBreaking === '1' || isBreaking === 'true';
    e.commentsOpen = commentsOpen === '1' || commentsOpen === 'true';
    // No section ticked sends nothing: the story then has its own section only.
    e.secondarySectionIds = f.secondarySectionIds ?? [];
  }
  return e;
}

/** Writing and saving: the editor page (read-only for those who may only read), its form posts, and the editor script's JSON. */
export async function editorRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const domain = { db, feed: deps.feed };
  const view = newsroomView(deps.site);

  const renderEditor = async (
    request: FastifyRequest,
    reply: FastifyReply,
    articleId: number,
    notice?: EditorNotice | ((a: EditorArticle) => EditorNotice),
    status = 200,
    typed?: Partial<EditorArticle>,
  ) => {
    const e = await openEditor(db, actor(request), articleId);
    const article = typed ? { ...e.article, ...typed, version: e.article.version } : e.article;
    const shown = typeof notice === 'function' ? notice(article) : notice;
    return sendEditor(deps, request, reply, e, { article, ...(shown && { notice: shown }) }, status);
  };

  app.get('/articles/new', async (request, reply) => {
    const e = await newEditor(db, actor(request));
    const image = await featuredImageProps(db, actor(request), null);
    return html(reply, <EditorPage v={view(request)} a={e.article} sections={e.sections} people={e.people} rights={e.rights} {...image} />);
  });

  app.get('/pages/new', requirePermission('pages.manage'), async (request, reply) => {
    const e = await newEditor(db, actor(request), 'page');
    const image = await featuredImageProps(db, actor(request), null);
    return html(reply, <EditorPage v={view(request)} a={e.article} sections={e.sections} people={e.people} rights={e.rights} {...image} />);
  });

  app.post<{ Body: EditorForm }>('/pages', { ...requirePermission('pages.manage'), schema: { body: formSchema } }, async (request, reply) => {
    const { sectionId: _s, tagNames: _t, isBreaking: _b, secondarySectionIds: _o, ...edit } = editFromForm(request.body);
    if (!edit.headline) throw new EditInputError({ code: 'pageNeedsTitle' });
    try {
      const r = await createPage(domain, { actor: actor(request), edit: { ...edit, headline: edit.headline } });
      return await reply.redirect(`/newsroom/articles/${r.id}/edit?saved=1`, 303);
    } catch (err) {
      if (!(err instanceof PageSlugError)) throw err;
      // Said in the editor, with what was typed kept.
      const e = await newEditor(db, actor(request), 'page');
      const v = view(request);
      const notice = { kind: 'error' as const, text: pagesMessages(v.lang).slugReserved(err.slug) };
      const image = await featuredImageProps(db, actor(request), edit.featuredMediaId ?? null);
      return html(reply, <EditorPage v={v} a={{ ...e.article, ...withoutUndefined(edit) }} sections={e.sections} people={e.people} rights={e.rights} {...image} notice={notice} />, 400);
    }
  });

  app.get<{ Params: { id: number }; Querystring: { saved?: string; done?: WorkflowStep; v?: number; featured?: 'chosen' | 'cleared' } }>(
    '/articles/:id/edit',
    {
      schema: {
        params: idParams,
        querystring: { type: 'object', properties: { saved: { type: 'string', maxLength: 10 }, done: { type: 'string', enum: steps }, v: id, featured: { type: 'string', enum: ['chosen', 'cleared'] } } },
      },
    },
    async (request, reply) => {
      const { saved, done, v, featured } = request.query;
      const r = newsroomRestMessages(view(request).lang);
      const notice = done
        ? (a: EditorArticle) => doneNotice(view(request), a, done, v)
        : featured
          ? (a: EditorArticle) => ({ kind: 'ok' as const, text: [featured === 'chosen' ? r.featuredChosen : r.featuredCleared, ...(a.pending ? [r.featuredPending] : [])].join(' ') })
          : saved
            ? { kind: 'ok' as const, text: view(request).t.saved }
            : undefined;
      return renderEditor(request, reply, request.params.id, notice);
    },
  );

  // The share card of the story as saved, whatever its state (the public /cards/ route shows only public stories').
  app.get<{ Params: { id: number } }>('/articles/:id/share-card.jpg', { schema: { params: idParams } }, async (request, reply) => {
    const fonts = shareCardFonts();
    const source = fonts && (await shareCardSource(db, actor(request), request.params.id));
    if (!fonts || !source) return reply.callNotFound();
    const key = await ensureShareCard(deps.media, storyCardSpec(source, deps.site.siteSettings), fonts);
    const object = await deps.media.get(key);
    if (!object) return reply.callNotFound();
    return reply.headers({ 'content-type': 'image/jpeg', 'content-length': String(object.size), etag: object.etag, 'cache-control': 'private, no-cache' }).send(object.body);
  });

  app.post<{ Body: EditorForm }>('/articles', { schema: { body: formSchema } }, async (request, reply) => {
    const edit = editFromForm(request.body);
    if (!edit.headline || !edit.sectionId) throw new EditInputError({ code: 'storyNeedsHeadlineAndSection' });
    const r = await createDraft(domain, { actor: actor(request), edit: { ...edit, headline: edit.headline, sectionId: edit.sectionId } });
    return reply.redirect(`/newsroom/articles/${r.id}/edit?saved=1`, 303);
  });

  app.post<{ Params: { id: number }; Body: EditorForm }>(
    '/articles/:id',
    { schema: { params: idParams, body: { ...formSchema, required: ['version'] } } },
    async (request, reply) => {
      const articleId = request.params.id;
      const edit = editFromForm(request.body);
      try {
        await saveArticle(domain, { actor: actor(request), articleId, baseVersion: request.body.version ?? 0, edit });
      } catch (err) {
        if (err instanceof PageSlugError) {
          return renderEditor(request, reply, articleId, { kind: 'error', text: pagesMessages(view(request).lang).slugReserved(err.slug) }, 400, withoutUndefined(edit));
        }
        if (!(err instanceof EditConflictError)) throw err;
        // Keep what this person typed in the form; show whose save came first.
        return renderEditor(request, reply, articleId, { kind: 'error', text: view(request).t.conflict(err.changedBy ?? '?') }, 409, withoutUndefined(edit));
      }
      return reply.redirect(`/newsroom/articles/${articleId}/edit?saved=1`, 303);
    },
  );

  // ---- JSON for the editor script (autosave, locks) --------------------------------------

  app.post<{ Body: ArticleEdit & { headline: string; sectionId: number } }>(
    '/api/articles',
    { bodyLimit: editorBodyLimit, schema: { body: { ...editSchema, required: ['headline', 'sectionId'] } } },
    async (request) => createDraft(domain, { actor: actor(request), edit: request.body }),
  );

  app.post<{ Body: Omit<ArticleEdit, 'sectionId' | 'tagNames' | 'isBreaking' | 'secondarySectionIds'> & { headline: string } }>(
    '/api/pages',
    { ...requirePermission('pages.manage'), schema: { body: { ...pageEditSchema, required: ['headline'] } } },
    async (request) => createPage(domain, { actor: actor(request), edit: request.body }),
  );

  app.put<{ Params: { id: number }; Body: { version: number; edit: ArticleEdit } }>(
    '/api/articles/:id',
    {
      bodyLimit: editorBodyLimit,
      schema: {
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['version', 'edit'], properties: { version: { type: 'integer', minimum: 1 }, edit: editSchema } },
      },
    },
    async (request) => {
      const who = actor(request);
      // Refused (NotAllowedError) before anything is written when this person may not edit the story.
      await holdEditLock(db, who, request.params.id);
      return saveArticle(domain, { actor: who, articleId: request.params.id, baseVersion: request.body.version, edit: request.body.edit });
    },
  );

  app.post<{ Params: { id: number } }>('/api/articles/:id/preview-link', { schema: { params: idParams } }, async (request) => ({
    path: await previewPath(db, actor(request), request.params.id),
  }));

  app.post<{ Params: { id: number } }>('/api/articles/:id/lock', { schema: { params: idParams } }, async (request) => {
    const holder = await holdEditLock(db, actor(request), request.params.id);
    return { holder: holder ? { name: holder.name, since: holder.since.toISOString() } : null };
  });
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
