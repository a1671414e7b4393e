import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isMediaKey, type MediaObjectInfo, type MediaStore } from '../../media/store.js';

/** A file's name never changes its bytes (variants and originals get fresh names), so caches may keep it. */
const cacheControl = 'public, max-age=31536000, immutable';

function validators(info: MediaObjectInfo): Record<string, string> {
  return { etag: info.etag, 'last-modified': info.lastModified.toUTCString(), 'cache-control': cacheControl };
}

/** RFC 9110 §13.1: If-None-Match by weak comparison; If-Modified-Since only when there is no If-None-Match. */
function notModified(request: FastifyRequest, info: MediaObjectInfo): boolean {
  const inm = request.headers['if-none-match'];
  if (inm !== undefined) {
    if (inm.trim() === '*') return true;
    const tag = info.etag.replace(/^W\//, '');
    return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === tag);
  }
  const ims = request.headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Math.floor(info.lastModified.getTime() / 1000) * 1000 <= since;
}

/** The key a request names, or undefined: no hidden files, nothing a store would refuse. */
function keyOf(request: FastifyRequest<{ Params: { '*': string } }>): string | undefined {
  const key = request.params['*'];
  return isMediaKey(key) && !key.split('/').some((s) => s.startsWith('.')) ? key : undefined;
}

/**
 * `/media/…` from whichever store holds the files, streamed, with the caching headers the
 * site has always sent: a year and `immutable`, an ETag, and 304 for a matching revalidation.
 */
export async function mediaFiles(app: FastifyInstance, deps: { media: MediaStore }): Promise<void> {
  const head = async (request: FastifyRequest<{ Params: { '*': string } }>, reply: FastifyReply) => {
    const key = keyOf(request);
    const info = key && (await deps.media.head(key));
    if (!info) return reply.callNotFound();
    if (notModified(request, info)) return reply.code(304).headers(validators(info)).send();
    return reply.headers({ ...validators(info), 'content-type': info.contentType, 'content-length': String(info.size) }).send();
  };

  app.head<{ Params: { '*': string } }>('/media/*', head);
  app.get<{ Params: { '*': string } }>('/media/*', { exposeHeadRoute: false }, async (request, reply) => {
    const key = keyOf(request);
    if (!key) return reply.callNotFound();
    // A revalidation needs only the facts; the bytes are not fetched for a 304.
    if (request.headers['if-none-match'] !== undefined || request.headers['if-modified-since'] !== undefined) {
      const info = await deps.media.head(key);
      if (!info) return reply.callNotFound();
      if (notModified(request, info)) return reply.code(304).headers(validators(info)).send();
    }
    const object = await deps.media.get(key);
    if (!object) return reply.callNotFound();
    return reply
      .headers({ ...validators(object), 'content-type': object.contentType, 'content-length': String(object.size) })
      .send(object.body);
  });
}
