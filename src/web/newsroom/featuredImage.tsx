import type { FastifyInstance } from 'fastify';
import { saveArticle } from '../../newsroom/commands/saveArticle.js';
import { requirePermission } from '../plugins/auth.js';
import { idParams } from '../schemas.js';
import { actor, type NewsroomDeps } from './context.js';

const choiceBody = {
  type: 'object',
  required: ['version'],
  properties: {
    /** Empty: no featured image. */
    mediaId: { type: 'string', pattern: '^[0-9]{0,10}$' },
    version: { type: 'integer', minimum: 0 },
    /** The image's own alt and caption, which the story's start as (as the editor's picker does). */
    featuredAlt: { type: 'string', maxLength: 1000 },
    featuredCaption: { type: 'string', maxLength: 1000 },
  },
} as const;

/**
 * The featured image chosen without the editor's script: the media library's "choose for
 * story N" mode posts here, and the editor opens again saying what was done. The choice is a
 * save like any other (a live story's becomes its pending change).
 */
export async function featuredImageRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const domain = { db: deps.db, feed: deps.feed };
  app.post<{ Params: { id: number }; Body: { mediaId?: string; version: number; featuredAlt?: string; featuredCaption?: string } }>(
    '/articles/:id/featured',
    { ...requirePermission('article.create'), schema: { params: idParams, body: choiceBody } },
    async (request, reply) => {
      const b = request.body;
      const mediaId = b.mediaId ? Number(b.mediaId) : null;
      const edit = { featuredMediaId: mediaId, ...(mediaId !== null && b.featuredAlt !== undefined && { featuredAlt: b.featuredAlt }), ...(mediaId !== null && b.featuredCaption !== undefined && { featuredCaption: b.featuredCaption }) };
      await saveArticle(domain, { actor: actor(request), articleId: request.params.id, baseVersion: b.version, edit });
      return reply.redirect(`/newsroom/articles/${request.params.id}/edit?featured=${mediaId === null ? 'cleared' : 'chosen'}`, 303);
    },
  );
}
