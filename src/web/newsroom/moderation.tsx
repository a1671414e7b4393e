import type { FastifyInstance } from 'fastify';
import type { CommentStatus } from '../../db/schema.js';
import { moderateComments, moderationActions, type ModerationAction } from '../../audience/comments.js';
import { parseBlocklist, updateCommentSettings } from '../../audience/commentSettings.js';
import { moderationOverview } from '../../audience/dashboards.js';
import { audienceNewsroomMessages } from '../../i18n/audience.js';
import { sendPage as html } from '../html.js';
import { requirePermission } from '../plugins/auth.js';
import { id } from '../schemas.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { ModerationPage } from './views/ModerationPage.js';

const statuses: CommentStatus[] = ['pending', 'approved', 'rejected', 'spam'];
const status = { type: 'string', enum: statuses } as const;

const queueQuery = {
  type: 'object',
  properties: { status, done: { type: 'integer', minimum: 0 }, saved: { type: 'string', maxLength: 10 }, none: { type: 'string', maxLength: 10 } },
} as const;

const moderateBody = {
  // A script may post with the CSRF header and no body at all.
  type: ['object', 'null'],
  properties: {
    action: { type: 'string', enum: moderationActions },
    // A row's own button: `approve:12`.
    one: { type: 'string', maxLength: 40, pattern: `^(${moderationActions.join('|')}):[0-9]{1,10}$` },
    ids: { type: 'array', items: id, maxItems: 500 },
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

  app.get<{ Querystring: { status?: CommentStatus; done?: number; saved?: string; none?: string } }>(
    '/comments',
    { ...guard, schema: { querystring: queueQuery } },
    async (request, reply) => {
      const q = request.query;
      const current = q.status ?? 'pending';
      const v = view(request);
      const a = audienceNewsroomMessages(v.lang);
      const overview = await moderationOverview(db, current);
      const notice =
        q.done !== undefined
          ? { kind: 'ok' as const, text: a.done(q.done) }
          : q.saved
            ? { kind: 'ok' as const, text: a.settingsSaved }
            : q.none
              ? { kind: 'error' as const, text: a.noneSelected }
              : undefined;
      return html(reply, <ModerationPage v={v} a={a} status={current} {...overview} {...(notice && { notice })} />);
    },
  );

  app.post<{ Body: { action?: ModerationAction; one?: string; ids?: number[] }; Querystring: { status?: CommentStatus } }>(
    '/comments',
    { ...guard, schema: { body: moderateBody, querystring: { type: 'object', properties: { status } } } },
    async (request, reply) => {
      const body = request.body ?? {};
      const back = `/newsroom/comments?status=${request.query.status ?? 'pending'}`;
      // A row's own button (`one=approve:12`) wins over the bulk select.
      const [oneAction, oneId] = body.one ? body.one.split(':') : [];
      const action = (oneAction ?? body.action) as ModerationAction | undefined;
      if (!action) return reply.redirect(`${back}&none=1`, 303);
      const ids = oneId ? [Number(oneId)] : (body.ids ?? []);
      if (ids.length === 0) return reply.redirect(`${back}&none=1`, 303);
      const { changed } = await moderateComments({ db, feed: deps.feed }, { actor: actor(request), ids, action });
      if (request.headers.accept?.includes('application/json')) return { changed };
      return reply.redirect(`${back}&done=${changed}`, 303);
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
