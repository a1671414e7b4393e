import type {} from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { getSettings } from '../../content/settings.js';
import { urls } from '../../content/urls.js';
import { listMedia, storeUpload } from '../../media/upload.js';
import { closeIfUnread, readUpload, uploadRateLimit, uploadRefusal } from './upload.js';
import { variantPath, variantWidths } from '../../media/variants.js';
import { sendPage as html } from '../html.js';
import { requirePermission } from '../plugins/auth.js';
import { newsroomView, type NewsroomDeps } from './context.js';
import { MediaPage } from './views/MediaPage.js';

/** The media library and uploads (the editor's image button uploads here too, asking for JSON). */
export async function mediaRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const view = newsroomView(deps.site);

  app.get('/media', async (request, reply) => {
    const settings = await getSettings(db);
    return html(reply, <MediaPage v={view(request)} items={await listMedia(db)} maxBytes={settings.maxUploadBytes} />);
  });

  app.post(
    '/media',
    {
      ...requirePermission('media.upload'),
      config: { ...requirePermission('media.upload').config, rateLimit: uploadRateLimit(deps.uploadsPerMinute) },
      onSend: closeIfUnread,
      // Refusals in the person's language: JSON for the editor script, the media page for the plain form.
      errorHandler: async (error, request, reply) => {
        const refusal = uploadRefusal(error, request.user?.uiLocale ?? 'gu');
        if (!refusal) throw error;
        if (!request.user || request.headers.accept?.includes('application/json')) {
          return reply.code(refusal.status).header('cache-control', 'no-store').send({ error: refusal.error, message: refusal.message });
        }
        const settings = await getSettings(db);
        return html(reply, <MediaPage v={view(request)} items={await listMedia(db)} maxBytes={settings.maxUploadBytes} notice={{ kind: 'error', text: refusal.message }} />, refusal.status);
      },
    },
    async (request, reply) => {
      const settings = await getSettings(db);
      const api = request.headers.accept?.includes('application/json') ?? false;
      const media = await storeUpload({ db, media: deps.media, images: deps.images }, await readUpload(request, settings.maxUploadBytes));
      if (api) {
        // The editor puts the image in the body with these: only the server knows how variants are named.
        const srcset = variantWidths.map((w) => `${urls.media(variantPath(media.path, w, 'jpg'))} ${Math.min(w, media.width)}w`).join(', ');
        return { id: media.id, path: media.path, width: media.width, height: media.height, alt: media.alt, src: urls.media(variantPath(media.path, 800, 'jpg')), srcset };
      }
      return reply.redirect('/newsroom/media', 303);
    },
  );
}
