import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Database } from '../../db/connect.js';
import type { CommentStatus } from '../../db/schema.js';
import { articleDays, lastDays, topArticles, viewsByReferrer, viewsBySection, viewsPerDay, toCsv } from '../../audience/analytics.js';
import { moderateComments, moderationActions, moderationQueue, type ModerationAction } from '../../audience/comments.js';
import { getCommentSettings, parseBlocklist, updateCommentSettings } from '../../audience/commentSettings.js';
import { dayKey } from '../../audience/visitor.js';
import { audienceNewsroomMessages } from '../../i18n/audience.js';
import { newsroomMessages } from '../../i18n/newsroom.js';
import type { ContentEvents } from '../../content/changes.js';
import { can, type Action } from '../../newsroom/policies.js';
import { renderDocument } from '../html.js';
import type { SiteState } from '../site.js';
import { actorOf, registerAuth } from '../plugins/auth.js';
import type { NewsroomView } from './views/NewsroomLayout.js';
import { ForbiddenPage } from './views/pages.js';
import { AnalyticsPage, ArticleAnalyticsPage, ModerationPage } from './views/audience.js';

export interface AudienceNewsroomDeps {
  database: Database;
  events: ContentEvents;
  site: SiteState;
}

type Form = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const statuses: CommentStatus[] = ['pending', 'approved', 'rejected', 'spam'];

/** The comment moderation queue (`comments.moderate`) and the analytics dashboard (`analytics.view`). */
export async function audienceNewsroomRoutes(app: FastifyInstance, deps: AudienceNewsroomDeps): Promise<void> {
  const { db } = deps.database;
  await registerAuth(app, db);

  const view = (request: FastifyRequest): NewsroomView => {
    const lang = request.user?.uiLocale ?? 'gu';
    return { t: newsroomMessages(lang), lang, siteName: deps.site.ctx.site.name, ...(request.user && { user: request.user }) };
  };
  const html = (reply: FastifyReply, node: VNode, status = 200) =>
    reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(node));

  /** Signed in and allowed, or the reply has been sent (login redirect or 403 page). Authorization is the policy's alone. */
  const allowed = (request: FastifyRequest, reply: FastifyReply, action: Action): boolean => {
    if (!request.user) {
      reply.redirect(`/newsroom/login?next=${encodeURIComponent(request.url)}`, 303);
      return false;
    }
    if (!can(actorOf(request.user), action)) {
      html(reply, <ForbiddenPage v={view(request)} />, 403);
      return false;
    }
    return true;
  };

  const format = () => deps.site.ctx.formatCount;
  const today = () => dayKey(new Date(), deps.site.siteSettings.timeZone);
  const dayLabel = (day: string) => `${format()(Number(day.slice(8, 10)))}/${format()(Number(day.slice(5, 7)))}`;

  // ---- moderation ---------------------------------------------------------------------------

  app.get<{ Querystring: { status?: string; done?: string; saved?: string; none?: string } }>('/newsroom/comments', async (request, reply) => {
    if (!allowed(request, reply, 'comments.moderate')) return reply;
    const status = statuses.find((s) => s === request.query.status) ?? 'pending';
    const v = view(request);
    const a = audienceNewsroomMessages(v.lang);
    const [{ rows, counts }, settings] = await Promise.all([moderationQueue(db, { status, limit: 200 }), getCommentSettings(db)]);
    const q = request.query;
    const notice =
      q.done !== undefined && /^[0-9]+$/.test(q.done)
        ? { kind: 'ok' as const, text: a.done(Number(q.done)) }
        : q.saved
          ? { kind: 'ok' as const, text: a.settingsSaved }
          : q.none
            ? { kind: 'error' as const, text: a.noneSelected }
            : undefined;
    return html(reply, <ModerationPage v={v} a={a} status={status} rows={rows} counts={counts} settings={settings} {...(notice && { notice })} />);
  });

  app.post<{ Body: Form; Querystring: { status?: string } }>('/newsroom/comments', async (request, reply) => {
    if (!allowed(request, reply, 'comments.moderate')) return reply;
    const body = request.body ?? {};
    const back = `/newsroom/comments?status=${statuses.find((s) => s === request.query.status) ?? 'pending'}`;
    // A row's own button (`one=approve:12`) wins over the bulk select.
    const one = /^([a-z]+):([0-9]+)$/.exec(first(body.one) ?? '');
    const action = (one?.[1] ?? first(body.action) ?? '') as ModerationAction;
    if (!moderationActions.includes(action)) return reply.code(400).send({ error: 'bad_action', message: `unknown action "${action}"` });
    const raw = one ? [one[2]!] : Array.isArray(body.ids) ? body.ids : body.ids ? [body.ids] : [];
    const ids = raw.filter((s) => /^[0-9]{1,10}$/.test(s)).map(Number);
    if (ids.length === 0) return reply.redirect(`${back}&none=1`, 303);
    const { changed } = await moderateComments({ db, events: deps.events }, ids, action);
    if (request.headers.accept?.includes('application/json')) return { changed };
    return reply.redirect(`${back}&done=${changed}`, 303);
  });

  app.post<{ Body: Form }>('/newsroom/comments/settings', async (request, reply) => {
    if (!allowed(request, reply, 'comments.moderate')) return reply;
    const body = request.body ?? {};
    const maxLinks = Number(first(body.maxLinks) ?? '2');
    await updateCommentSettings(db, {
      autoApprove: first(body.autoApprove) === '1',
      blocklist: parseBlocklist(first(body.blocklist) ?? ''),
      maxLinks: Number.isInteger(maxLinks) && maxLinks >= 0 && maxLinks <= 20 ? maxLinks : 2,
    });
    return reply.redirect('/newsroom/comments?saved=1', 303);
  });

  // ---- analytics ----------------------------------------------------------------------------

  app.get('/newsroom/analytics', async (request, reply) => {
    if (!allowed(request, reply, 'analytics.view')) return reply;
    const day = today();
    const month = lastDays(day, 30);
    const [daily, topDay, topWeek, topMonth, sections, referrers] = await Promise.all([
      viewsPerDay(db, month),
      topArticles(db, lastDays(day, 1)),
      topArticles(db, lastDays(day, 7)),
      topArticles(db, month),
      viewsBySection(db, month),
      viewsByReferrer(db, month),
    ]);
    const v = view(request);
    return html(
      reply,
      <AnalyticsPage
        v={v}
        a={audienceNewsroomMessages(v.lang)}
        f={{ daily, top: { day: topDay, week: topWeek, month: topMonth }, sections, referrers }}
        format={format()}
        dayLabel={dayLabel}
      />,
    );
  });

  app.get<{ Params: { id: string } }>('/newsroom/analytics/articles/:id', async (request, reply) => {
    if (!allowed(request, reply, 'analytics.view')) return reply;
    const id = /^[1-9][0-9]{0,9}$/.test(request.params.id) ? Number(request.params.id) : undefined;
    const article = id === undefined ? undefined : await db.selectFrom('articles').select(['id', 'headline', 'view_count']).where('id', '=', id).executeTakeFirst();
    if (!article) return reply.callNotFound();
    const month = lastDays(today(), 30);
    const [daily, referrers] = await Promise.all([viewsPerDay(db, month, article.id), viewsByReferrer(db, month, 20, article.id)]);
    const v = view(request);
    return html(
      reply,
      <ArticleAnalyticsPage
        v={v}
        a={audienceNewsroomMessages(v.lang)}
        article={{ id: article.id, headline: article.headline, total: article.view_count }}
        daily={daily}
        referrers={referrers}
        format={format()}
        dayLabel={dayLabel}
      />,
    );
  });

  app.get('/newsroom/analytics.csv', async (request, reply) => {
    if (!allowed(request, reply, 'analytics.view')) return reply;
    const range = lastDays(today(), 30);
    const rows = await articleDays(db, range);
    const csv = toCsv(['day', 'article_id', 'headline', 'section', 'views'], rows.map((r) => [r.day, r.articleId, r.headline, r.section, r.views]));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="khabar-views-${range.from}-${range.to}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
