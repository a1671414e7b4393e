import type { FastifyInstance } from 'fastify';
import { toCsv } from '../../audience/analytics.js';
import { analyticsFigures, articleFigures, viewsExport } from '../../audience/dashboards.js';
import { dayKey } from '../../audience/visitor.js';
import { audienceNewsroomMessages } from '../../i18n/audience.js';
import { sendPage as html } from '../html.js';
import { requirePermission } from '../plugins/auth.js';
import { idParams } from '../schemas.js';
import { newsroomView, type NewsroomDeps } from './context.js';
import { AnalyticsPage } from './views/AnalyticsPage.js';
import { ArticleAnalyticsPage } from './views/ArticleAnalyticsPage.js';

/** Views per day, top stories, sections and referrers; one story's figures; the CSV (`analytics.view`). */
export async function analyticsRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db, site } = deps;
  const view = newsroomView(site);
  const guard = requirePermission('analytics.view');
  const format = () => site.ctx.formatCount;
  const today = () => dayKey(new Date(), site.siteSettings.timeZone);
  const dayLabel = (day: string) => `${format()(Number(day.slice(8, 10)))}/${format()(Number(day.slice(5, 7)))}`;

  app.get('/analytics', guard, async (request, reply) => {
    const v = view(request);
    return html(reply, <AnalyticsPage v={v} a={audienceNewsroomMessages(v.lang)} f={await analyticsFigures(db, today())} format={format()} dayLabel={dayLabel} />);
  });

  app.get<{ Params: { id: number } }>('/analytics/articles/:id', { ...guard, schema: { params: idParams } }, async (request, reply) => {
    const figures = await articleFigures(db, request.params.id, today());
    if (!figures) return reply.callNotFound();
    const v = view(request);
    return html(reply, <ArticleAnalyticsPage v={v} a={audienceNewsroomMessages(v.lang)} f={figures} format={format()} dayLabel={dayLabel} />);
  });

  app.get('/analytics.csv', guard, async (_request, reply) => {
    const { range, rows } = await viewsExport(db, today());
    const csv = toCsv(['day', 'article_id', 'headline', 'section', 'views'], rows.map((r) => [r.day, r.articleId, r.headline, r.section, r.views]));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="khabar-views-${range.from}-${range.to}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
