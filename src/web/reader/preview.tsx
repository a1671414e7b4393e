import type { FastifyInstance, FastifyReply } from 'fastify';
import { relatedArticles } from '../../content/stories.js';
import { workflowMessages } from '../../i18n/workflow.js';
import { checkPreviewToken, previewArticle, previewPage } from '../../newsroom/preview.js';
import { renderDocument } from '../html.js';
import { sendErrorPage } from './errorPages.js';
import type { ReaderDeps } from './pages.js';
import { ArticlePage, StaticPage } from './views/pages.js';

/** Preview pages are nobody's to keep or index, and their address must not leak to other sites. */
function privateHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex, nofollow').header('referrer-policy', 'no-referrer');
}

/**
 * `/preview/<token>`: a story's draft or pending change on its article page (a static page's on
 * its page), for anyone holding
 * the signed link (newsroom/preview.ts), without signing in. Rendered on every request, never
 * through the page cache.
 */
export async function previewRoutes(app: FastifyInstance, deps: ReaderDeps): Promise<void> {
  const { db, site } = deps;
  app.get<{ Params: { token: string } }>(
    '/preview/:token',
    { schema: { params: { type: 'object', required: ['token'], properties: { token: { type: 'string', maxLength: 200 } } } } },
    async (request, reply) => {
      const w = workflowMessages(site.ctx.site.locale);
      privateHeaders(reply);
      const check = await checkPreviewToken(db, request.params.token);
      if (!check.ok) {
        if (check.reason === 'malformed') return sendErrorPage(deps, reply, 404, w.previewInvalid);
        return sendErrorPage(deps, reply, 403, check.reason === 'expired' ? w.previewExpired : w.previewInvalid);
      }
      const page = await previewPage(db, check.articleId);
      if (page) {
        return reply
          .code(200)
          .header('content-type', 'text/html; charset=utf-8')
          .send(renderDocument(<StaticPage ctx={site.ctx} page={page} preview={w.previewNotice} />));
      }
      const article = await previewArticle(db, check.articleId);
      const section = article && site.sectionById(article.sectionId);
      if (!article || !section) return sendErrorPage(deps, reply, 404, w.previewGone);
      const [related, comments] = await Promise.all([relatedArticles(db, article, 4), deps.audience?.comments(article.id) ?? []]);
      return reply
        .code(200)
        .header('content-type', 'text/html; charset=utf-8')
        .send(renderDocument(<ArticlePage ctx={site.ctx} article={article} section={section} related={related} comments={comments} preview={w.previewNotice} />));
    },
  );
}
