import type { FastifyInstance } from 'fastify';
import { dashboard } from '../../newsroom/newsroomQueries.js';
import { sendPage as html } from '../html.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { DashboardPage } from './views/DashboardPage.js';

/** The newsroom's front page: what awaits review, what is scheduled or overdue, what just went out. */
export async function dashboardRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const view = newsroomView(deps.site);
  app.get('/', async (request, reply) => html(reply, <DashboardPage v={view(request)} data={await dashboard(deps.db, actor(request))} />));
}
