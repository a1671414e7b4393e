import type {} from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { getSettings } from '../../content/settings.js';
import { urls } from '../../content/urls.js';
import { listMedia, storeUpload, UploadError } from '../../media/upload.js';
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

  app.post('/media', requirePermission('media.upload'), async (request, reply) => {
    const settings = await getSettings(db);
    const fields: Record<string, string> = {};
    let file: { bytes: Buffer; filename: string } | undefined;
    for await (const part of request.parts({ limits: { fileSize: settings.maxUploadBytes, files: 1 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer().catch((err: Error & { code?: string }) => {
          if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new UploadError(`${part.filename}: larger than the ${Math.round(settings.maxUploadBytes / 1_000_000)} MB limit`);
          }
          throw err;
        });
        file = { bytes, filename: part.filename };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
    if (!file) throw new UploadError('no file was sent');
    const media = await storeUpload(db, deps.mediaDir, { ...file, ...(fields.alt && { alt: fields.alt }), ...(fields.caption && { caption: fields.caption }) });
    if (request.headers.accept?.includes('application/json')) {
      // The editor puts the image in the body with these: only the server knows how variants are named.
      const srcset = variantWidths.map((w) => `${urls.media(variantPath(media.path, w, 'jpg'))} ${Math.min(w, media.width)}w`).join(', ');
      return { id: media.id, path: media.path, width: media.width, height: media.height, alt: media.alt, src: urls.media(variantPath(media.path, 800, 'jpg')), srcset };
    }
    return reply.redirect('/newsroom/media', 303);
  });
}
