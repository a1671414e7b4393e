import type { FastifyInstance } from 'fastify';
import { revisionHistory } from '../../newsroom/newsroomQueries.js';
import { sendPage as html } from '../html.js';
import { id, idParams } from '../schemas.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { RevisionsPage } from './views/RevisionsPage.js';

const compareQuery = { type: 'object', properties: { from: id, to: id } } as const;

/** A story's history: every saved version, two compared word by word. */
export async function revisionRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const view = newsroomView(deps.site);
  app.get<{ Params: { id: number }; Querystring: { from?: number; to?: number } }>(
    '/articles/:id/revisions',
    { schema: { params: idParams, querystring: compareQuery } },
    async (request, reply) => {
      const { from, to } = request.query;
      const h = await revisionHistory(db, actor(request), request.params.id, from !== undefined && to !== undefined ? { from, to } : undefined);
      return html(reply, <RevisionsPage v={view(request)} h={h} />);
    },
  );
}
