import type { FastifyInstance } from 'fastify';
import type { CommentStatus } from '../../db/schema.js';
import { moderateComments, moderationActions, moderationQueue, replyAsSite, type ModerationAction } from '../../audience/comments.js';
import { parseBlocklist, updateCommentSettings } from '../../audience/commentSettings.js';
import { moderationOverview } from '../../audience/dashboards.js';
import { audienceNewsroomMessages } from '../../i18n/audience.js';
import { deskMessages } from '../../i18n/desk.js';
import { limits } from '../../audience/comments.js';
import { sendPage as html } from '../html.js';
import { requirePermission } from '../plugins/auth.js';
import { id, idParams } from '../schemas.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { MODERATION_PER_PAGE, ModerationConfirmPage, ModerationPage } from './views/ModerationPage.js';

const statuses: CommentStatus[] = ['pending', 'approved', 'rejected', 'spam'];
const status = { type: 'string', enum: statuses } as const;

const queueQuery = {
  type: 'object',
  properties: {
    status,
    page: { type: 'integer', minimum: 1, maximum: 100_000 },
    done: { type: 'integer', minimum: 0 },
    saved: { type: 'string', maxLength: 10 },
    none: { type: 'string', maxLength: 10 },
    replied: { type: 'string', maxLength: 10 },
  },
} as const;

const replyBody = { type: ['object', 'null'], properties: { text: { type: 'string', maxLength: limits.text * 4 } } } as const;

const moderateBody = {
  // A script may post with the CSRF header and no body at all.
  type: ['object', 'null'],
  properties: {
    action: { type: 'string', enum: moderationActions },
    // A row's own button: `approve:12`.
    one: { type: 'string', maxLength: 40, pattern: `^(${moderationActions.join('|')}):[0-9]{1,10}$` },
    ids: { type: 'array', items: id, maxItems: 500 },
    confirm: { type: 'string', maxLength: 1 },
  },
} as const;

const settingsBody = {
  // A script may post with the CSRF header and no body at all.
  type: ['object', 'null'],
  properties: {
    autoApprove: { type: 'string', maxLength: 10 },
    blocklist: { type: 'string', maxLength: 100_000 },
    maxLinks: { type: 'integer', minimum: 0, maximum: 20 },
  },
} as const;

/** The comment moderation queue and the comment rules (`comments.moderate`). */
export async function moderationRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const view = newsroomView(deps.site);
  const guard = requirePermission('comments.moderate');

  app.get<{ Querystring: { status?: CommentStatus; page?: number; done?: number; saved?: string; none?: string; replied?: string } }>(
    '/comments',
    { ...guard, schema: { querystring: queueQuery } },
    async (request, reply) => {
      const q = request.query;
      const current = q.status ?? 'pending';
      const v = view(request);
      const a = audienceNewsroomMessages(v.lang);
      const d = deskMessages(v.lang);
      const page = q.page ?? 1;
      const overview = await moderationOverview(db, current, { limit: MODERATION_PER_PAGE, offset: (page - 1) * MODERATION_PER_PAGE });
      const notice =
        q.done !== undefined
          ? { kind: 'ok' as const, text: d.commentsChanged(q.done) }
          : q.replied
            ? { kind: 'ok' as const, text: d.replied }
            : q.saved
            ? { kind: 'ok' as const, text: a.settingsSaved }
            : q.none
              ? { kind: 'error' as const, text: a.noneSelected }
              : undefined;
      return html(reply, <ModerationPage v={v} a={a} status={current} page={page} {...overview} {...(notice && { notice })} />);
    },
  );

  app.post<{ Body: { action?: ModerationAction; one?: string; ids?: number[]; confirm?: string }; Querystring: { status?: CommentStatus; page?: number } }>(
    '/comments',
    { ...guard, schema: { body: moderateBody, querystring: { type: 'object', properties: { status, page: { type: 'integer', minimum: 1, maximum: 100_000 } } } } },
    async (request, reply) => {
      const body = request.body ?? {};
      const back = `/newsroom/comments?status=${request.query.status ?? 'pending'}${request.query.page ? `&page=${request.query.page}` : ''}`;
      // A row's own button (`one=approve:12`) wins over the bulk select.
      const [oneAction, oneId] = body.one ? body.one.split(':') : [];
      const action = (oneAction ?? body.action) as ModerationAction | undefined;
      if (!action) return reply.redirect(`${back}&none=1`, 303);
      const ids = oneId ? [Number(oneId)] : (body.ids ?? []);
      if (ids.length === 0) return reply.redirect(`${back}&none=1`, 303);
      // Spam and delete are hard to undo: they ask first (a page, so it works without JavaScript).
      if ((action === 'spam' || action === 'delete') && body.confirm !== '1' && !request.headers.accept?.includes('application/json')) {
        const v = view(request);
        const { rows } = await moderationQueue(db, { ids });
        return html(reply, <ModerationConfirmPage v={v} a={audienceNewsroomMessages(v.lang)} action={action} rows={rows} back={back} />);
      }
      const { changed } = await moderateComments({ db, feed: deps.feed }, { actor: actor(request), ids, action });
      if (request.headers.accept?.includes('application/json')) return { changed };
      return reply.redirect(`${back}&done=${changed}`, 303);
    },
  );

  app.post<{ Params: { id: number }; Body: { text?: string } | null; Querystring: { status?: CommentStatus } }>(
    '/comments/:id/reply',
    { ...guard, schema: { params: idParams, body: replyBody, querystring: { type: 'object', properties: { status } } } },
    async (request, reply) => {
      const v = view(request);
      const d = deskMessages(v.lang);
      const back = `/newsroom/comments?status=${request.query.status ?? 'pending'}`;
      const r = await replyAsSite({ db, feed: deps.feed }, { actor: actor(request), commentId: request.params.id, text: request.body?.text ?? '', siteName: v.siteName });
      if (r.ok) return reply.redirect(`${back}&replied=1#c-${request.params.id}`, 303);
      if (r.problem === 'missing') return reply.callNotFound();
      const overview = await moderationOverview(db, request.query.status ?? 'pending', { limit: MODERATION_PER_PAGE, offset: 0 });
      const text = r.problem === 'empty' ? d.replyEmpty : d.replyTooLong(limits.text);
      return html(
        reply,
        <ModerationPage v={v} a={audienceNewsroomMessages(v.lang)} status={request.query.status ?? 'pending'} page={1} {...overview} notice={{ kind: 'error', text }} />,
        422,
      );
    },
  );

  app.post<{ Body: { autoApprove?: string; blocklist?: string; maxLinks?: number } }>(
    '/comments/settings',
    { ...guard, schema: { body: settingsBody } },
    async (request, reply) => {
      const body = request.body ?? {};
      await updateCommentSettings(db, {
        autoApprove: body.autoApprove === '1',
        blocklist: parseBlocklist(body.blocklist ?? ''),
        maxLinks: body.maxLinks ?? 2,
      });
      return reply.redirect('/newsroom/comments?saved=1', 303);
    },
  );
}
