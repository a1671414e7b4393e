import type {} from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Database } from '../../db/connect.js';
import type { ArticleStatus } from '../../db/schema.js';
import { newsroomMessages } from '../../i18n/newsroom.js';
import type { ContentEvents } from '../../content/changes.js';
import { can, NotAllowedError, mayPublish, type Actor } from '../../newsroom/policies.js';
import { login, logout, setUiLocale, type SessionUser } from '../../newsroom/sessions.js';
import { addPerson, changePassword, PeopleError, resetPassword, setRole } from '../../newsroom/people.js';
import { createDraft, EditConflictError, EditInputError, ownershipOf, restoreRevision, saveEdit, type ArticleEdit } from '../../newsroom/editArticle.js';
import { publishArticle, PublishBlockedError } from '../../newsroom/publishArticle.js';
import {
  archiveArticle,
  correctArticle,
  embargoArticle,
  returnToDraft,
  scheduleArticle,
  submitArticle,
  unpublishArticle,
  WorkflowError,
} from '../../newsroom/workflow.js';
import { currentSnapshot, diffSnapshots, listRevisions, revisionSnapshot } from '../../newsroom/revisions.js';
import { holdEditLock } from '../../newsroom/editLocks.js';
import { dashboard, newsroomArticles } from '../../newsroom/newsroomQueries.js';
import { orderSections, pinnedArticleIds, setBreakingBanner, setPins } from '../../newsroom/homeCuration.js';
import { getSettings } from '../../content/settings.js';
import { listSections } from '../../content/taxonomy.js';
import { articlePath } from '../../content/paths.js';
import { listMedia, storeUpload, UploadError } from '../../media/upload.js';
import { variantPath, variantWidths } from '../../media/variants.js';
import { urls } from '../../content/urls.js';
import { renderDocument } from '../html.js';
import { actorOf, clearSessionCookie, issueLoginCsrf, registerAuth, sessionCookie, setSessionCookie } from '../plugins/auth.js';
import type { NewsroomView } from './views/NewsroomLayout.js';
import {
  AccountPage,
  ArticleListPage,
  DashboardPage,
  EditorPage,
  ForbiddenPage,
  HomeCurationPage,
  LoginPage,
  MediaPage,
  PeoplePage,
  ResetPage,
  RevisionsPage,
  type EditorData,
} from './views/pages.js';

export interface NewsroomDeps {
  database: Database;
  events: ContentEvents;
  siteName: () => string;
  mediaDir: string;
}

type Form = Record<string, string | string[] | undefined>;

const str = (f: Form, k: string): string | undefined => {
  const v = f[k];
  return Array.isArray(v) ? v[0] : v;
};
const ids = (raw: string | string[] | undefined): number[] =>
  (Array.isArray(raw) ? raw : (raw ?? '').split(','))
    .map((s) => s.trim())
    .filter((s) => /^[0-9]+$/.test(s))
    .map(Number);

/** `2026-11-27T18:30` typed in the newsroom means India time. */
export function parseIstLocal(raw: string | undefined): Date | undefined {
  if (!raw || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(raw)) return undefined;
  const d = new Date(`${raw}:00+05:30`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Editor form fields → an edit; only fields present in the form are changed. */
function editFromForm(f: Form): ArticleEdit {
  const e: ArticleEdit = {};
  const text = (k: keyof ArticleEdit & string) => {
    const v = str(f, k);
    if (v !== undefined) (e as Record<string, unknown>)[k] = v;
  };
  (['headline', 'dek', 'bodyHtml', 'slug', 'featuredCaption', 'featuredAlt', 'seoTitle', 'seoDescription', 'updateNote', 'language'] as const).forEach(text);
  const section = str(f, 'sectionId');
  if (section !== undefined && /^[0-9]+$/.test(section)) e.sectionId = Number(section);
  if (f.tagNames !== undefined) e.tagNames = (str(f, 'tagNames') ?? '').split(/[,،]/).map((s) => s.trim()).filter(Boolean);
  if (f.authorIds !== undefined) e.authorIds = ids(f.authorIds);
  if (f.featuredMediaId !== undefined) {
    const m = (str(f, 'featuredMediaId') ?? '').trim();
    e.featuredMediaId = /^[0-9]+$/.test(m) ? Number(m) : null;
  }
  if (f.headline !== undefined) e.isBreaking = str(f, 'isBreaking') === '1' || str(f, 'isBreaking') === 'true';
  return e;
}

/** The JSON the editor script sends: the same fields, typed. */
const editSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    headline: { type: 'string', maxLength: 500 },
    dek: { type: 'string', maxLength: 2000 },
    bodyHtml: { type: 'string', maxLength: 2_000_000 },
    slug: { type: 'string', maxLength: 200 },
    sectionId: { type: 'integer', minimum: 1 },
    authorIds: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 20 },
    tagNames: { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 50 },
    featuredMediaId: { type: ['integer', 'null'], minimum: 1 },
    featuredCaption: { type: 'string', maxLength: 1000 },
    featuredAlt: { type: 'string', maxLength: 1000 },
    seoTitle: { type: 'string', maxLength: 300 },
    seoDescription: { type: 'string', maxLength: 1000 },
    isBreaking: { type: 'boolean' },
    language: { type: 'string', pattern: '^[a-z]{2,3}$' },
    updateNote: { type: 'string', maxLength: 2000 },
  },
} as const;

export async function newsroomRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const db = deps.database.db;
  const domain = { db, events: deps.events };
  await registerAuth(app, db);

  const view = (request: FastifyRequest): NewsroomView => {
    const lang = request.user?.uiLocale ?? 'gu';
    return { t: newsroomMessages(lang), lang, siteName: deps.siteName(), ...(request.user && { user: request.user }) };
  };
  const html = (reply: FastifyReply, node: VNode, status = 200) =>
    reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(node));
  const isApi = (request: FastifyRequest) => request.url.startsWith('/newsroom/api/');

  /** Signed-in person or a redirect to the login page (401 for scripts). */
  const requireUser = (request: FastifyRequest, reply: FastifyReply): SessionUser | undefined => {
    if (request.user) return request.user;
    if (isApi(request)) reply.code(401).send({ error: 'login', message: 'sign in first' });
    else reply.redirect(`/newsroom/login?next=${encodeURIComponent(request.url)}`, 303);
    return undefined;
  };

  app.setErrorHandler(async (error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
    const api = isApi(request) || request.headers.accept === 'application/json';
    let status = 500;
    let body: Record<string, unknown> = { error: 'internal', message: 'internal error' };
    if (error instanceof NotAllowedError) {
      status = 403;
      body = { error: 'forbidden', message: `${error.action} is not allowed for your role` };
    } else if (error instanceof EditConflictError) {
      status = 409;
      body = { error: 'conflict', message: error.message, currentVersion: error.currentVersion, changedBy: error.changedBy, changes: error.changes };
    } else if (error instanceof EditInputError || error instanceof WorkflowError || error instanceof PublishBlockedError || error instanceof PeopleError || error instanceof UploadError) {
      status = 400;
      body = { error: 'invalid', message: error.message };
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      body = { error: status === 413 ? 'too_large' : 'bad_request', message: error.message };
    } else {
      request.log.error({ err: error }, 'newsroom request failed');
    }
    if (api) return reply.code(status).header('cache-control', 'no-store').send(body);
    if (status === 403 && request.user) return html(reply, <ForbiddenPage v={view(request)} />, 403);
    return reply.code(status).header('content-type', 'text/plain; charset=utf-8').send(String(body.message));
  });

  // ---- login, logout, reset -------------------------------------------------------------

  app.get<{ Querystring: { next?: string } }>('/newsroom/login', { config: { public: true } }, async (request, reply) => {
    const csrf = issueLoginCsrf(request, reply);
    return html(reply, <LoginPage v={view(request)} csrf={csrf} {...(request.query.next && { next: request.query.next })} />);
  });

  app.post<{ Body: Form }>(
    '/newsroom/login',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const email = str(request.body, 'email') ?? '';
      const password = str(request.body, 'password') ?? '';
      const result = await login(db, email, password);
      const v = view(request);
      if (!result.ok) {
        const message =
          result.reason === 'locked'
            ? v.t.loginLocked(result.lockedUntil ? result.lockedUntil.toLocaleTimeString('en-IN', { timeZone: 'Asia/Kolkata' }) : '')
            : result.reason === 'disabled'
              ? v.t.loginDisabled
              : v.t.loginFailed;
        return html(reply, <LoginPage v={v} csrf={request.cookies['khabar_login_csrf'] ?? ''} error={message} email={email} />, result.reason === 'locked' ? 429 : 401);
      }
      setSessionCookie(request, reply, result.sessionId);
      const next = str(request.body, 'next');
      return reply.redirect(next && next.startsWith('/newsroom') && !next.startsWith('//') ? next : '/newsroom', 303);
    },
  );

  app.post('/newsroom/logout', async (request, reply) => {
    const sid = request.cookies[sessionCookie];
    if (sid) await logout(db, sid);
    clearSessionCookie(reply);
    return reply.redirect('/newsroom/login', 303);
  });

  app.get<{ Querystring: { token?: string } }>('/newsroom/reset', { config: { public: true } }, async (request, reply) => {
    const csrf = issueLoginCsrf(request, reply);
    return html(reply, <ResetPage v={view(request)} csrf={csrf} token={request.query.token ?? ''} />);
  });

  app.post<{ Body: Form }>('/newsroom/reset', { config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const token = str(request.body, 'token') ?? '';
    try {
      await resetPassword(db, token, str(request.body, 'password') ?? '');
      return html(reply, <ResetPage v={view(request)} csrf="" token="" done />);
    } catch (err) {
      if (!(err instanceof PeopleError)) throw err;
      return html(reply, <ResetPage v={view(request)} csrf={request.cookies['khabar_login_csrf'] ?? ''} token={token} error={err.message} />, 400);
    }
  });

  // ---- dashboard and lists ----------------------------------------------------------------

  app.get('/newsroom', async (request, reply) => {
    if (!requireUser(request, reply)) return reply;
    return html(reply, <DashboardPage v={view(request)} data={await dashboard(db)} />);
  });

  app.get<{ Querystring: { status?: string; section?: string; author?: string; q?: string } }>('/newsroom/articles', async (request, reply) => {
    if (!requireUser(request, reply)) return reply;
    const q = request.query;
    const statuses = Object.keys(newsroomMessages('gu').statuses);
    const filters = {
      ...(q.status && statuses.includes(q.status) && { status: q.status as ArticleStatus }),
      ...(q.section && /^[0-9]+$/.test(q.section) && { sectionId: Number(q.section) }),
      ...(q.author && /^[0-9]+$/.test(q.author) && { personId: Number(q.author) }),
      ...(q.q && { q: q.q.slice(0, 200) }),
    };
    const [rows, sections, people] = await Promise.all([
      newsroomArticles(db, filters),
      listSections(db),
      db.selectFrom('people').select(['id', 'name']).where('role', 'is not', null).orderBy('name').execute(),
    ]);
    return html(reply, <ArticleListPage v={view(request)} rows={rows} sections={sections} people={people} filters={filters} />);
  });

  // ---- the editor -------------------------------------------------------------------------

  async function editorData(id: number): Promise<EditorData> {
    const a = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw new EditInputError(`article ${id} does not exist`);
    const snap = await currentSnapshot(db, id);
    const tagNames = snap.tagIds.length ? (await db.selectFrom('tags').select(['id', 'name']).where('id', 'in', snap.tagIds).execute()).map((t) => t.name) : [];
    const section = await db.selectFrom('sections').select('slug').where('id', '=', a.section_id).executeTakeFirst();
    const { tagIds: _tags, language: _language, ...fields } = snap;
    return {
      ...fields,
      id,
      version: a.version,
      status: a.status,
      tagNames,
      scheduledFor: a.scheduled_for ? new Date(a.scheduled_for) : null,
      embargoUntil: a.embargo_until ? new Date(a.embargo_until) : null,
      publicPath: a.status === 'published' && section ? articlePath(section.slug, a.slug) : null,
    };
  }

  async function renderEditor(request: FastifyRequest, reply: FastifyReply, user: SessionUser, data: EditorData, notice?: { kind: 'error' | 'ok'; text: string }, status = 200) {
    const actor = actorOf(user);
    const [sections, people] = await Promise.all([
      listSections(db),
      db.selectFrom('people').select(['id', 'name']).where('role', 'is not', null).orderBy('name').execute(),
    ]);
    let holder: string | undefined;
    let canPublish = can(actor, 'article.publishOwn');
    if (data.id) {
      const own = await ownershipOf(db, data.id);
      canPublish = mayPublish(actor, own);
      holder = (await holdEditLock(db, data.id, user.id))?.name;
    }
    return html(
      reply,
      <EditorPage
        v={view(request)}
        a={data}
        sections={sections}
        people={people}
        canPublish={canPublish}
        canUnpublish={can(actor, 'article.unpublish')}
        {...(holder && { holder })}
        {...(notice && { notice })}
      />,
      status,
    );
  }

  app.get('/newsroom/articles/new', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const sections = await listSections(db);
    return renderEditor(request, reply, user, {
      version: 0,
      status: 'draft',
      headline: '',
      dek: '',
      bodyHtml: '',
      slug: '',
      sectionId: sections[0]?.id ?? null,
      authorIds: [user.id],
      tagNames: [],
      featuredMediaId: null,
      featuredCaption: '',
      featuredAlt: '',
      seoTitle: '',
      seoDescription: '',
      isBreaking: false,
      updateNote: '',
      scheduledFor: null,
      embargoUntil: null,
      publicPath: null,
    });
  });

  const articleId = (raw: string) => {
    if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw new EditInputError(`"${raw}" is not an article id`);
    return Number(raw);
  };

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/newsroom/articles/:id/edit', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const id = articleId(request.params.id);
    const data = await editorData(id);
    return renderEditor(request, reply, user, data, request.query.saved ? { kind: 'ok', text: view(request).t.saved } : undefined);
  });

  app.post<{ Body: Form }>('/newsroom/articles', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const edit = editFromForm(request.body);
    if (!edit.headline || !edit.sectionId) throw new EditInputError('a new article needs a headline and a section');
    const r = await createDraft(domain, actorOf(user), { ...edit, headline: edit.headline, sectionId: edit.sectionId });
    return reply.redirect(`/newsroom/articles/${r.id}/edit?saved=1`, 303);
  });

  app.post<{ Params: { id: string }; Body: Form }>('/newsroom/articles/:id', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const id = articleId(request.params.id);
    const base = Number(str(request.body, 'version'));
    const edit = editFromForm(request.body);
    try {
      await saveEdit(domain, actorOf(user), id, base, edit);
    } catch (err) {
      if (!(err instanceof EditConflictError)) throw err;
      const data = await editorData(id);
      const v = view(request);
      // Keep what this person typed in the form; show whose save came first.
      return renderEditor(request, reply, user, { ...data, ...withoutUndefined(edit), version: data.version }, { kind: 'error', text: v.t.conflict(err.changedBy ?? '?') }, 409);
    }
    return reply.redirect(`/newsroom/articles/${id}/edit?saved=1`, 303);
  });

  const actions: Record<string, (actor: Actor, id: number, body: Form) => Promise<void>> = {
    submit: (actor, id) => submitArticle(domain, actor, id),
    publish: (actor, id) => publishArticle(domain, actor, id),
    schedule: (actor, id, body) => {
      const at = parseIstLocal(str(body, 'at'));
      if (!at) throw new WorkflowError('give the time as YYYY-MM-DDTHH:MM (India time)');
      return scheduleArticle(domain, actor, id, at);
    },
    embargo: (actor, id, body) => {
      const at = parseIstLocal(str(body, 'at'));
      if (!at) throw new WorkflowError('give the time as YYYY-MM-DDTHH:MM (India time)');
      return embargoArticle(domain, actor, id, at);
    },
    unpublish: (actor, id) => unpublishArticle(domain, actor, id),
    archive: (actor, id) => archiveArticle(domain, actor, id),
    draft: (actor, id) => returnToDraft(domain, actor, id),
    correct: (actor, id, body) => correctArticle(domain, actor, id, str(body, 'note') ?? ''),
  };

  app.post<{ Params: { id: string; action: string }; Body: Form }>('/newsroom/articles/:id/:action', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const id = articleId(request.params.id);
    if (request.params.action === 'restore') {
      await restoreRevision(domain, actorOf(user), id, Number(str(request.body, 'version')), Number(str(request.body, 'baseVersion')));
      return reply.redirect(`/newsroom/articles/${id}/edit?saved=1`, 303);
    }
    const run = actions[request.params.action];
    if (!run) throw new EditInputError(`unknown action "${request.params.action}"`);
    try {
      await run(actorOf(user), id, request.body ?? {});
    } catch (err) {
      if (err instanceof WorkflowError || err instanceof PublishBlockedError) {
        return renderEditor(request, reply, user, await editorData(id), { kind: 'error', text: err.message }, 400);
      }
      throw err;
    }
    return reply.redirect(`/newsroom/articles/${id}/edit?saved=1`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>('/newsroom/articles/:id/revisions', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const id = articleId(request.params.id);
    const data = await editorData(id);
    const revisions = await listRevisions(db, id);
    const from = Number(request.query.from);
    const to = Number(request.query.to);
    let diff;
    if (Number.isInteger(from) && Number.isInteger(to) && from > 0 && to > 0) {
      const [a, b] = await Promise.all([revisionSnapshot(db, id, from), revisionSnapshot(db, id, to)]);
      if (a && b) diff = { from, to, changes: diffSnapshots(a, b) };
    }
    return html(reply, <RevisionsPage v={view(request)} articleId={id} headline={data.headline} revisions={revisions} currentVersion={data.version} {...(diff && { diff })} />);
  });

  // ---- JSON for the editor script (autosave, locks) --------------------------------------

  app.post<{ Body: ArticleEdit & { headline: string; sectionId: number } }>(
    '/newsroom/api/articles',
    { schema: { body: { ...editSchema, required: ['headline', 'sectionId'] } } },
    async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      return createDraft(domain, actorOf(user), request.body);
    },
  );

  app.put<{ Params: { id: string }; Body: { version: number; edit: ArticleEdit } }>(
    '/newsroom/api/articles/:id',
    {
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['version', 'edit'], properties: { version: { type: 'integer', minimum: 1 }, edit: editSchema } },
      },
    },
    async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const id = articleId(request.params.id);
      await holdEditLock(db, id, user.id);
      return saveEdit(domain, actorOf(user), id, request.body.version, request.body.edit);
    },
  );

  app.post<{ Params: { id: string } }>('/newsroom/api/articles/:id/lock', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const holder = await holdEditLock(db, articleId(request.params.id), user.id);
    return { holder: holder ? { name: holder.name, since: holder.since.toISOString() } : null };
  });

  // ---- media --------------------------------------------------------------------------------

  app.get('/newsroom/media', async (request, reply) => {
    if (!requireUser(request, reply)) return reply;
    const settings = await getSettings(db);
    return html(reply, <MediaPage v={view(request)} items={await listMedia(db)} maxBytes={settings.maxUploadBytes} />);
  });

  app.post('/newsroom/media', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    if (!can(actorOf(user), 'media.upload')) throw new NotAllowedError('media.upload');
    const settings = await getSettings(db);
    const fields: Record<string, string> = {};
    let file: { bytes: Buffer; filename: string } | undefined;
    for await (const part of request.parts({ limits: { fileSize: settings.maxUploadBytes, files: 1 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer().catch((err: Error & { code?: string }) => {
          if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new UploadError(`${part.filename}: larger than the ${Math.round(settings.maxUploadBytes / 1_000_000)} MB limit`);
          }
          throw err;
        });
        file = { bytes, filename: part.filename };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
    if (!file) throw new UploadError('no file was sent');
    const media = await storeUpload(db, deps.mediaDir, { ...file, ...(fields.alt && { alt: fields.alt }), ...(fields.caption && { caption: fields.caption }) });
    if (request.headers.accept?.includes('application/json')) {
      // The editor puts the image in the body with these: only the server knows how variants are named.
      const srcset = variantWidths.map((w) => `${urls.media(variantPath(media.path, w, 'jpg'))} ${Math.min(w, media.width)}w`).join(', ');
      return { id: media.id, path: media.path, width: media.width, height: media.height, alt: media.alt, src: urls.media(variantPath(media.path, 800, 'jpg')), srcset };
    }
    return reply.redirect('/newsroom/media', 303);
  });

  // ---- people, account, home curation ------------------------------------------------------

  app.get('/newsroom/people', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    if (!can(actorOf(user), 'people.manage')) throw new NotAllowedError('people.manage');
    const people = await db.selectFrom('people').selectAll().orderBy('name').execute();
    return html(reply, <PeoplePage v={view(request)} people={people} />);
  });

  app.post<{ Body: Form }>('/newsroom/people', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    if (!can(actorOf(user), 'people.manage')) throw new NotAllowedError('people.manage');
    const role = str(request.body, 'role') as 'contributor';
    const { password } = await addPerson(db, { email: str(request.body, 'email') ?? '', name: str(request.body, 'name') ?? '', role });
    const people = await db.selectFrom('people').selectAll().orderBy('name').execute();
    const v = view(request);
    return html(reply, <PeoplePage v={v} people={people} notice={{ kind: 'ok', text: v.t.oneTimePassword(password ?? '') }} />);
  });

  app.post<{ Params: { id: string }; Body: Form }>('/newsroom/people/:id/role', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    if (!can(actorOf(user), 'people.manage')) throw new NotAllowedError('people.manage');
    await setRole(db, articleId(request.params.id), str(request.body, 'role') as 'contributor');
    return reply.redirect('/newsroom/people', 303);
  });

  app.get('/newsroom/account', async (request, reply) => {
    if (!requireUser(request, reply)) return reply;
    return html(reply, <AccountPage v={view(request)} />);
  });

  app.post<{ Body: Form }>('/newsroom/account/locale', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    await setUiLocale(db, user.id, str(request.body, 'locale') === 'en' ? 'en' : 'gu');
    return reply.redirect('/newsroom/account', 303);
  });

  app.post<{ Body: Form }>('/newsroom/account/password', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const v = view(request);
    try {
      await changePassword(db, user.id, str(request.body, 'current') ?? '', str(request.body, 'next') ?? '');
    } catch (err) {
      if (!(err instanceof PeopleError)) throw err;
      return html(reply, <AccountPage v={v} notice={{ kind: 'error', text: err.message }} />, 400);
    }
    return html(reply, <AccountPage v={v} notice={{ kind: 'ok', text: v.t.saved }} />);
  });

  app.get('/newsroom/home', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    if (!can(actorOf(user), 'home.curate')) throw new NotAllowedError('home.curate');
    const [pins, sections, settings] = await Promise.all([pinnedArticleIds(db), listSections(db), getSettings(db)]);
    return html(reply, <HomeCurationPage v={view(request)} pins={pins} sections={sections} banner={settings.breakingBanner} />);
  });

  app.post<{ Body: Form }>('/newsroom/home', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const actor = actorOf(user);
    await setPins(domain, actor, ids(str(request.body, 'pins')));
    const order = ids(str(request.body, 'sectionOrder'));
    if (order.length > 0) await orderSections(domain, actor, order);
    const text = (str(request.body, 'bannerText') ?? '').trim();
    const url = (str(request.body, 'bannerUrl') ?? '').trim();
    await setBreakingBanner(domain, actor, text ? { text, ...(url && { url }) } : null);
    return reply.redirect('/newsroom/home', 303);
  });
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
