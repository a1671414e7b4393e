import type {} from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotAllowedError, type Actor } from '../../content/policies.js';
import { pickerImage, type PickerImage } from './mediaPresenter.js';
import { getSettings } from '../../content/settings.js';
import type { MediaAspect } from '../../db/schema.js';
import { mediaPickerMessages } from '../../i18n/mediaPicker.js';
import { deleteMedia, MediaInUseError } from '../../media/commands/deleteMedia.js';
import { MediaNotFoundError, updateMedia } from '../../media/commands/updateMedia.js';
import { findMedia, getMedia, mediaAspects, mediaUses, type MediaUse } from '../../media/library.js';
import { storeUpload } from '../../media/upload.js';
import { sendPage as html } from '../html.js';
import { requirePermission } from '../plugins/auth.js';
import { idParams } from '../schemas.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { featuredChoice } from '../../newsroom/newsroomQueries.js';
import { closeIfUnread, readUpload, uploadRateLimit, uploadRefusal } from './upload.js';
import { MediaPage, type LibraryItem } from './views/MediaPage.js';

/** What the editor page needs for its featured-image field: the image (if any) and the upload limit. */
export async function featuredImageProps(db: NewsroomDeps['db'], who: Actor, featuredMediaId: number | null): Promise<{ featured?: PickerImage; maxUploadBytes: number }> {
  const [m, settings] = await Promise.all([featuredMediaId ? getMedia(db, featuredMediaId) : undefined, getSettings(db)]);
  return { ...(m && { featured: pickerImage(m, who) }), maxUploadBytes: settings.maxUploadBytes };
}

const searchQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 200 },
    page: { type: 'integer', minimum: 1, maximum: 100_000 },
    done: { type: 'string', enum: ['saved', 'deleted'] },
    /** Choosing the featured image of this story (the way without the editor's script). */
    for: { type: 'integer', minimum: 1 },
  },
} as const;
interface SearchQuery {
  q?: string;
  page?: number;
  done?: 'saved' | 'deleted';
  for?: number;
}

const detailFields = { alt: { type: 'string', maxLength: 1000 }, caption: { type: 'string', maxLength: 1000 } } as const;
const editSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...detailFields,
    aspect: { type: 'string', enum: [...mediaAspects] },
    focusX: { type: 'number', minimum: 0, maximum: 1 },
    focusY: { type: 'number', minimum: 0, maximum: 1 },
  },
} as const;
interface MediaEdit {
  alt?: string;
  caption?: string;
  aspect?: MediaAspect;
  focusX?: number;
  focusY?: number;
}
/** The library's forms also carry where to come back to. */
const formSchema = { ...editSchema, properties: { ...editSchema.properties, q: { type: 'string', maxLength: 200 }, page: { type: 'integer', minimum: 1 } } } as const;

const backTo = (q?: string, page?: number, done?: string) => {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  if (page && page > 1) p.set('page', String(page));
  if (done) p.set('done', done);
  const s = p.toString();
  return `/newsroom/media${s ? `?${s}` : ''}`;
};

const cropOf = (e: MediaEdit) => (e.aspect !== undefined ? { aspect: e.aspect, focusX: e.focusX ?? 0.5, focusY: e.focusY ?? 0.5 } : undefined);

/** The media library, uploads (the editor's picker uploads here too, asking for JSON) and the picker's JSON. */
export async function mediaRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const view = newsroomView(deps.site);
  const commandDeps = { db, feed: deps.feed, media: deps.media, images: deps.images };
  const lang = (request: FastifyRequest) => request.user?.uiLocale ?? 'gu';

  const libraryPage = async (request: FastifyRequest, reply: FastifyReply, o: { q?: string; page?: number; for?: number; notice?: { kind: 'error' | 'ok'; text: string }; status?: number }) => {
    const who = actor(request);
    const [settings, result, choice] = await Promise.all([getSettings(db), findMedia(db, { q: o.q ?? '', page: o.page ?? 1 }), o.for !== undefined ? featuredChoice(db, who, o.for) : undefined]);
    const [uses, current] = await Promise.all([mediaUses(db, result.items), choice?.featuredMediaId ? getMedia(db, choice.featuredMediaId) : undefined]);
    const items: LibraryItem[] = result.items.map((m) => ({ image: pickerImage(m, who), uses: uses.filter((u) => u.mediaId === m.id) }));
    const choosing = choice && { ...choice, ...(current && { current: pickerImage(current, who) }) };
    return html(
      reply,
      <MediaPage v={view(request)} items={items} q={o.q ?? ''} page={result.page} pages={result.pages} total={result.total} maxBytes={settings.maxUploadBytes} {...(choosing && { choosing })} {...(o.notice && { notice: o.notice })} />,
      o.status ?? 200,
    );
  };

  /** The library's refusals: the page again with the reason, or JSON for the picker. */
  const refusal = (error: unknown, request: FastifyRequest): { status: number; error: string; message: string; uses?: MediaUse[] } | undefined => {
    const m = mediaPickerMessages(lang(request));
    if (error instanceof MediaInUseError) return { status: 409, error: 'inUse', message: m.inUseRefused(new Set(error.uses.map((u) => u.articleId)).size), uses: error.uses };
    if (error instanceof MediaNotFoundError) return { status: 404, error: 'notFound', message: m.notFound };
    if (error instanceof NotAllowedError && error.action === 'media.manage') return { status: 403, error: 'forbidden', message: m.notAllowed };
    return undefined;
  };
  const pageErrors = async (error: Error, request: FastifyRequest<{ Body?: { q?: string; page?: number } }>, reply: FastifyReply) => {
    const r = refusal(error, request);
    if (!r) throw error;
    return libraryPage(request, reply, { q: request.body?.q ?? '', page: request.body?.page ?? 1, notice: { kind: 'error', text: r.message }, status: r.status });
  };
  const jsonErrors = async (error: Error, request: FastifyRequest, reply: FastifyReply) => {
    const r = refusal(error, request);
    if (!r) throw error;
    return reply.code(r.status).header('cache-control', 'no-store').send(r);
  };

  app.get<{ Querystring: SearchQuery }>('/media', { schema: { querystring: searchQuery } }, async (request, reply) => {
    const m = mediaPickerMessages(lang(request));
    const { q, page, done } = request.query;
    return libraryPage(request, reply, { q: q ?? '', page: page ?? 1, ...(request.query.for !== undefined && { for: request.query.for }), ...(done && { notice: { kind: 'ok', text: done === 'saved' ? m.saved : m.deleted } }) });
  });

  app.post<{ Params: { id: number }; Body: MediaEdit & { q?: string; page?: number } }>(
    '/media/:id',
    { schema: { params: idParams, body: formSchema }, errorHandler: pageErrors },
    async (request, reply) => {
      const b = request.body;
      const crop = cropOf(b);
      await updateMedia(commandDeps, { actor: actor(request), mediaId: request.params.id, ...(b.alt !== undefined && { alt: b.alt }), ...(b.caption !== undefined && { caption: b.caption }), ...(crop && { crop }) });
      return reply.redirect(backTo(b.q, b.page, 'saved'), 303);
    },
  );

  app.post<{ Params: { id: number }; Body: { q?: string; page?: number } }>(
    '/media/:id/delete',
    { schema: { params: idParams, body: { type: 'object', properties: formSchema.properties } }, errorHandler: pageErrors },
    async (request, reply) => {
      await deleteMedia(commandDeps, { actor: actor(request), mediaId: request.params.id });
      return reply.redirect(backTo(request.body?.q, request.body?.page, 'deleted'), 303);
    },
  );

  // ---- JSON for the editor's picker ------------------------------------------------------

  app.get<{ Querystring: SearchQuery }>('/api/media', { schema: { querystring: searchQuery } }, async (request) => {
    const r = await findMedia(db, { q: request.query.q ?? '', page: request.query.page ?? 1, perPage: 12 });
    const who = actor(request);
    return { items: r.items.map((m) => pickerImage(m, who)), total: r.total, page: r.page, pages: r.pages };
  });

  app.put<{ Params: { id: number }; Body: MediaEdit }>('/api/media/:id', { schema: { params: idParams, body: editSchema }, errorHandler: jsonErrors }, async (request) => {
    const b = request.body;
    const crop = cropOf(b);
    const who = actor(request);
    const m = await updateMedia(commandDeps, { actor: who, mediaId: request.params.id, ...(b.alt !== undefined && { alt: b.alt }), ...(b.caption !== undefined && { caption: b.caption }), ...(crop && { crop }) });
    return pickerImage(m, who);
  });

  app.post(
    '/media',
    {
      ...requirePermission('media.upload'),
      config: { ...requirePermission('media.upload').config, rateLimit: uploadRateLimit(deps.uploadsPerMinute) },
      onSend: closeIfUnread,
      // Refusals in the person's language: JSON for the editor script, the media page for the plain form.
      errorHandler: async (error, request, reply) => {
        const refused = uploadRefusal(error, lang(request));
        if (!refused) throw error;
        if (!request.user || request.headers.accept?.includes('application/json')) {
          return reply.code(refused.status).header('cache-control', 'no-store').send({ error: refused.error, message: refused.message });
        }
        return libraryPage(request, reply, { notice: { kind: 'error', text: refused.message }, status: refused.status });
      },
    },
    async (request, reply) => {
      const settings = await getSettings(db);
      const api = request.headers.accept?.includes('application/json') ?? false;
      const who = actor(request);
      const media = await storeUpload({ db, media: deps.media, images: deps.images }, { ...(await readUpload(request, settings.maxUploadBytes)), uploadedBy: who.id });
      // The editor puts the image in the body with these: only the server knows how variants are named.
      if (api) return { ...pickerImage(media, who), path: media.path };
      return reply.redirect('/newsroom/media', 303);
    },
  );
}
