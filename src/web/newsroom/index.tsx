import type { FastifyInstance } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { sendPage } from '../html.js';
import { registerAuth } from '../plugins/auth.js';
import { newsroomErrors } from '../plugins/errors.js';
import { newsroomView, type NewsroomDeps } from './context.js';
import { ErrorPage } from './views/ErrorPage.js';
import { accountRoutes } from './account.js';
import { analyticsRoutes } from './analytics.js';
import { articleListRoutes } from './articleList.js';
import { dashboardRoutes } from './dashboard.js';
import { editorAidRoutes } from './editorAids.js';
import { distributionRoutes } from './distribution.js';
import { editorRoutes } from './editor.js';
import { featuredImageRoutes } from './featuredImage.js';
import { homeCurationRoutes } from './homeCuration.js';
import { loginRoutes } from './login.js';
import { menuRoutes } from './menus.js';
import { mediaRoutes } from './media.js';
import { moderationRoutes } from './moderation.js';
import { peopleRoutes } from './people.js';
import { revisionRoutes } from './revisions.js';
import { workflowRoutes } from './workflow.js';
import { settingsRoutes } from './settings.js';
import { taxonomyRoutes } from './taxonomy.js';

/**
 * The newsroom, under `/newsroom`: one session hook (sign-in, CSRF) for every route below,
 * its own error answers (pages, JSON for the editor script), one file per page or feature.
 * Register with `{ prefix: '/newsroom' }`.
 */
export async function newsroomPlugin(app: FastifyInstance, options: NewsroomDeps & { prefix?: string }): Promise<void> {
  // The prefix is this plugin's; the route files below are registered under it, not under it twice.
  const { prefix: _prefix, ...deps } = options;
  const view = newsroomView(deps.site);
  await app.register(fastifyMultipart);
  // A settings change being loaded (digits, time zone, name): newsroom pages wait for it too.
  app.addHook('onRequest', async () => {
    if (deps.site.pending) await deps.site.pending;
  });
  await registerAuth(app, deps.db);
  newsroomErrors(app, (request, reply, status, message) => sendPage(reply, <ErrorPage v={view(request)} status={status} message={message} />, status));

  for (const routes of [
    loginRoutes,
    dashboardRoutes,
    articleListRoutes,
    editorRoutes,
    featuredImageRoutes,
    workflowRoutes,
    revisionRoutes,
    mediaRoutes,
    peopleRoutes,
    homeCurationRoutes,
    menuRoutes,
    accountRoutes,
    moderationRoutes,
    analyticsRoutes,
    editorAidRoutes,
    distributionRoutes,
    settingsRoutes,
    taxonomyRoutes,
  ]) {
    await app.register(routes, deps);
  }
  // Without it, `/newsroom/x` would be taken by the reader's `/:section/:slug` and answered as a public page.
  app.get('/*', async (_request, reply) => reply.callNotFound());
}
