import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { submitComment, replyTarget } from '../../audience/comments.js';
import type { CommentProblem } from '../../i18n/audience.js';
import type { DB } from '../../db/schema.js';
import { audienceMessages } from '../../i18n/audience.js';
import type { ChangeFeed } from '../../content/changes.js';
import { articlesByIds } from '../../content/stories.js';
import { passwordCookie } from '../../content/protection.js';
import { cookieValue } from './protection.js';
import { urls } from '../../content/urls.js';
import type { SiteState } from '../site.js';
import { renderDocument } from '../html.js';
import { id, idParams } from '../schemas.js';
import { CommentResultPage, ReplyPage, type CommentFormValues } from './views/audience.js';

export interface CommentRoutesDeps {
  db: Kysely<DB>;
  site: SiteState;
  feed: ChangeFeed;
  /** Comments one address may post per minute. */
  perMinute?: number;
}

type Form = Record<string, unknown>;
const field = (f: Form, k: string): string => {
  const v = f[k];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
};

/** The story and the comment replied to are ids; the text fields are the comment code's to check. */
const commentBody = {
  type: ['object', 'null'],
  properties: { article: id, parent: { anyOf: [id, { type: 'string', maxLength: 0 }] } },
} as const;

/** Readers' comments: the form post (no account, no cookie) and the no-JavaScript reply page. */
export async function commentRoutes(app: FastifyInstance, deps: CommentRoutesDeps): Promise<void> {
  const { db, site, feed } = deps;
  const m = () => audienceMessages(site.siteSettings.locale);
  const wantsJson = (request: FastifyRequest) => (request.headers.accept ?? '').includes('application/json');

  async function articleRef(id: number | undefined) {
    if (id === undefined) return undefined;
    const [a] = await articlesByIds(db, [id]);
    return a && { id: a.id, headline: a.headline, path: urls.article(a.sectionSlug, a.slug) };
  }

  const page = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

  function refuse(request: FastifyRequest, reply: FastifyReply, status: number, messages: string[], codes: string[], article?: { id: number; headline: string; path: string }, values: CommentFormValues = {}, parentId?: number) {
    if (wantsJson(request)) return reply.code(status).header('cache-control', 'no-store').send({ error: 'refused', problems: codes.map((code, i) => ({ code, message: messages[i] })) });
    return page(
      reply,
      status,
      renderDocument(<CommentResultPage ctx={site.ctx} m={m()} {...(article && { article })} outcome={{ kind: 'refused', messages, values, ...(parentId !== undefined && { parentId }) }} />),
    );
  }

  // Refusals by the rate limiter or the body parser get the same clear page as our own checks.
  app.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
    // The reply page is a page like any other: the app's error pages answer for it.
    if (request.method !== 'POST') throw error;
    const status = error.statusCode ?? 500;
    if (status === 429) return refuse(request, reply, 429, [error.message], ['rateLimited']);
    if (status >= 400 && status < 500) return refuse(request, reply, status, [m().badRequest], ['badRequest']);
    throw error;
  });

  app.post<{ Body: Form & { article?: number; parent?: number | '' } }>(
    '/comments',
    {
      bodyLimit: 64 * 1024,
      schema: { body: commentBody },
      config: {
        rateLimit: {
          max: deps.perMinute ?? 5,
          timeWindow: '1 minute',
          // Thrown, then answered by the error handler above in the reader's language.
          errorResponseBuilder: (_request, context) => ({ statusCode: 429, error: 'rate_limited', message: m().rateLimited(String(Math.ceil(context.ttl / 1000))) }),
        },
      },
    },
    async (request, reply) => {
      const body = request.body ?? {};
      const articleId = body.article;
      const parentId = typeof body.parent === 'number' ? body.parent : undefined;
      const values = { name: field(body, 'name'), email: field(body, 'email'), text: field(body, 'text') };
      const article = await articleRef(articleId);
      const result = await submitComment(
        { db, feed },
        { articleId: articleId ?? 0, ...(parentId !== undefined && { parentId }), ...values, honeypot: field(body, 'website'), storyPass: cookieValue(request, passwordCookie) },
      );
      if (!result.ok) {
        const messages = result.problems.map((p: CommentProblem) => m().problem(p));
        return refuse(request, reply, 422, messages, result.problems.map((p) => p.code), article, values, parentId !== undefined && parentId > 0 ? parentId : undefined);
      }
      const kind = result.status === 'approved' ? 'published' : 'pending';
      if (wantsJson(request)) return reply.code(201).header('cache-control', 'no-store').send({ id: result.id, status: result.status });
      return page(reply, 201, renderDocument(<CommentResultPage ctx={site.ctx} m={m()} {...(article && { article })} outcome={{ kind, commentId: result.id }} />));
    },
  );

  app.get<{ Params: { id: number } }>('/comments/:id/reply', { schema: { params: idParams } }, async (request, reply) => {
    const target = await replyTarget(db, request.params.id);
    const article = await articleRef(target?.articleId);
    if (!target || !article) return reply.callNotFound();
    return page(reply, 200, renderDocument(<ReplyPage ctx={site.ctx} m={m()} article={article} comment={target.comment} />));
  });
}
