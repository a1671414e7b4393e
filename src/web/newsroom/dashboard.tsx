import type { FastifyInstance } from 'fastify';
import { dashboard } from '../../newsroom/newsroomQueries.js';
import { sendPage as html } from '../html.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { DashboardPage } from './views/DashboardPage.js';
import { DeliveryProblemsPanel } from './views/DistributionPages.js';
import { deliveryProblems } from '../../distribution/queries.js';
import { can } from '../../content/policies.js';

/** The newsroom's front page: what awaits review, what is scheduled or overdue, what just went out. */
export async function dashboardRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const view = newsroomView(deps.site);
  app.get('/', async (request, reply) => {
    const who = actor(request);
    const v = view(request);
    const [data, problems] = await Promise.all([dashboard(deps.db, who), deliveryProblems(deps.db, 10)]);
    return html(
      reply,
      <DashboardPage v={v} data={data}>
        <DeliveryProblemsPanel v={v} problems={problems} canResend={can(who, 'distribution.manage')} num={(n) => deps.site.ctx.formatCount(n)} />
      </DashboardPage>,
    );
  });
}
