import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ReaderAudience } from '../../audience/service.js';
import { articlesByIds, publishedArticleBySlug, relatedArticles, type ArticleFull } from '../../content/stories.js';
import { cookieOpens, passwordCookie, passwordCookieSeconds, unlockStory } from '../../content/protection.js';
import { urls } from '../../content/urls.js';
import { wpModelMessages } from '../../i18n/wpModel.js';
import { renderDocument } from '../html.js';
import { id } from '../schemas.js';
import type { SiteState } from '../site.js';
import { sendErrorPage } from './errorPages.js';
import { ArticlePage } from './views/pages.js';
import { passwordAction } from './views/protection.js';

export interface ProtectionDeps {
  db: Kysely<DB>;
  site: SiteState;
  audience?: ReaderAudience;
}

/** The value of one cookie of the request; reader pages parse no cookies otherwise. */
export function cookieValue(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header || !header.includes(`${name}=`)) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** A protected story's page with its body, for the one reader who typed its password: never cached or shared. */
export async function sendUnlocked(deps: ProtectionDeps, reply: FastifyReply, article: ArticleFull, o: { wrongPassword?: boolean; unlocked: boolean; status?: number }): Promise<FastifyReply | undefined> {
  const section = deps.site.sectionById(article.sectionId);
  if (!section) return undefined;
  const [related, comments] = await Promise.all([relatedArticles(deps.db, article, 4), o.unlocked ? (deps.audience?.comments(article.id) ?? []) : []]);
  return reply
    .code(o.status ?? 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .send(renderDocument(<ArticlePage ctx={deps.site.ctx} article={article} section={section} related={related} comments={comments} unlocked={o.unlocked} wrongPassword={o.wrongPassword === true} />));
}

/** The article page of a protected story whose password this request's cookie holds; undefined otherwise. */
export async function unlockedPage(deps: ProtectionDeps, request: FastifyRequest, reply: FastifyReply, sectionSlug: string, slug: string): Promise<FastifyReply | undefined> {
  const cookie = cookieValue(request, passwordCookie);
  if (cookie === undefined) return undefined;
  const article = await publishedArticleBySlug(deps.db, slug);
  if (!article?.isProtected || article.sectionSlug !== sectionSlug || !(await cookieOpens(deps.db, article.id, cookie))) return undefined;
  return sendUnlocked(deps, reply, article, { unlocked: true });
}

/**
 * The password form's post (as WordPress's `wp-login.php?action=postpass`): a right password
 * sets the cookie and goes back to the story; a wrong one shows the story's form again, saying so.
 */
export async function protectionRoutes(app: FastifyInstance, deps: ProtectionDeps): Promise<void> {
  const m = () => wpModelMessages(deps.site.siteSettings.locale);
  app.post<{ Body: { article?: number; password?: string } }>(
    passwordAction,
    {
      bodyLimit: 16 * 1024,
      schema: { body: { type: ['object', 'null'], properties: { article: id, password: { type: 'string', maxLength: 1020 } } } },
      // Guessing passwords is slow: ten tries a minute from one address.
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      attachValidation: true,
    },
    async (request, reply) => {
      if (request.validationError || request.body?.article === undefined) return sendErrorPage(deps, reply, 400, m().notProtected);
      const [card] = await articlesByIds(deps.db, [request.body.article]);
      const article = card && (await publishedArticleBySlug(deps.db, card.slug));
      if (!article) return sendErrorPage(deps, reply, 404, m().notProtected);
      const path = urls.article(article.sectionSlug, article.slug);
      const result = await unlockStory(deps.db, article.id, request.body.password ?? '');
      if (result.ok) {
        const secure = request.protocol === 'https' ? '; Secure' : '';
        reply.header('set-cookie', `${passwordCookie}=${result.cookie}; Path=/; Max-Age=${passwordCookieSeconds}; HttpOnly; SameSite=Lax${secure}`);
        return reply.header('cache-control', 'no-store').redirect(path, 303);
      }
      if (result.reason === 'notProtected') return reply.header('cache-control', 'no-store').redirect(path, 303);
      return (await sendUnlocked(deps, reply, article, { unlocked: false, wrongPassword: true, status: 403 })) ?? sendErrorPage(deps, reply, 404, m().notProtected);
    },
  );
}
