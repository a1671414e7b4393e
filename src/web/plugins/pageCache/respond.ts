import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding, plainBody, preparePage, withVariant, type Encoding, type PageCache, type RenderedPage } from './cache.js';

/** Browsers revalidate after a minute; a CDN keeps pages 5 minutes and may serve stale while refetching. */
export const htmlCacheControl = 'public, max-age=60, s-maxage=300, stale-while-revalidate=86400, stale-if-error=86400';
export const feedCacheControl = 'public, max-age=300, s-maxage=300, stale-while-revalidate=3600';

export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}

/** The headers of every answer of a page, in every encoding and on a 304. */
export function pageHeaders(page: RenderedPage): Record<string, string> {
  return {
    'content-type': page.contentType,
    'cache-control': page.cacheControl,
    etag: page.etag,
    vary: 'Accept-Encoding',
    // `site` is on every page, for a CDN purge of everything (plugins/cdnPurge.ts).
    'surrogate-key': ['site', ...page.keys].join(' '),
  };
}

/**
 * Sends a rendered page in the encoding the client prefers, or 304 when its copy is current.
 * A variant the page lacks is made now, and the completed page replaces it in the cache.
 */
function sendRendered(request: FastifyRequest, reply: FastifyReply, cache: PageCache, url: string, stored: RenderedPage): FastifyReply {
  reply.headers(pageHeaders(stored));
  if (etagMatches(request.headers['if-none-match'], stored.etag)) return reply.code(304).send();
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (encoding === 'identity') return reply.code(stored.status).send(plainBody(stored));
  const page = withVariant(stored, encoding);
  if (page !== stored) cache.replace(url, stored, page);
  reply.header('content-encoding', encoding);
  return reply.code(page.status).send(page[encoding]);
}

/** The variant a miss is compressed to: the one the reader who asked takes. */
function firstVariant(request: FastifyRequest): 'br' | 'gzip' {
  const encoding: Encoding = chooseEncoding(request.headers['accept-encoding']);
  return encoding === 'identity' ? 'gzip' : encoding;
}

export interface PageSpec {
  /** Cache entry name: the path plus the query parameters that change the page. */
  cacheKey: string;
  /** Content keys the page shows; a change to any of them drops the cached copy. */
  keys: string[];
  contentType?: string;
  cacheControl?: string;
}

/** A rendered body and the content keys found while rendering it (e.g. the stories it listed). */
export interface Rendered {
  body: string;
  keys?: string[];
}

/**
 * Serves from the page cache, or renders, compresses, stores and serves. `render` returns
 * undefined when the thing asked for does not exist: then nothing is sent and the result is
 * false, so the caller answers 404. (A boolean, not the reply: a reply is thenable, and
 * awaiting it would wait for the response to finish.)
 */
export async function servePage(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: PageCache,
  spec: PageSpec,
  render: () => Promise<string | Rendered | undefined>,
): Promise<boolean> {
  const hit = cache.get(spec.cacheKey);
  if (hit) {
    sendRendered(request, reply, cache, spec.cacheKey, hit);
    if (hit.effort === 'fast') recompress(cache, spec.cacheKey, cache.peek(spec.cacheKey) ?? hit);
    return true;
  }
  const page = await renderOnce(cache, spec, render, firstVariant(request));
  if (page === undefined) return false;
  sendRendered(request, reply, cache, spec.cacheKey, page);
  return true;
}

/** Pages being compressed again, so a burst of hits starts one recompression, not many. */
const recompressing = new WeakSet<RenderedPage>();

/**
 * A page is rendered and compressed fast (what a crawler walking the archive asks for once is
 * not worth the best compression); the second request proves it is read, and its variants are
 * then made again at the best settings, off the request, and swapped in.
 */
export function recompress(cache: PageCache, url: string, page: RenderedPage): void {
  if (recompressing.has(page)) return;
  recompressing.add(page);
  const { status, contentType, cacheControl, keys } = page;
  preparePage(plainBody(page), { status, contentType, cacheControl, keys }, 'best').then(
    (better) => cache.replace(url, page, better),
    // Compression of a body that compressed once does not fail; if it did, the fast copy stays.
    () => undefined,
  );
}

/** Renders in progress per cache, by cache entry, with the cache generation each began in. */
const rendering = new WeakMap<PageCache, Map<string, { generation: number; page: Promise<RenderedPage | undefined> }>>();

/**
 * Renders, compresses and stores a page; requests that miss the same entry while that runs
 * share its result instead of each rendering it again (a hot story whose page was just
 * invalidated would otherwise be rendered once per waiting connection). Only a render begun
 * since the last invalidation is shared, so nobody gets a page older than their request.
 * With the cache off (PAGE_CACHE=off, for measuring rendering) every request renders.
 */
function renderOnce(
  cache: PageCache,
  spec: PageSpec,
  render: () => Promise<string | Rendered | undefined>,
  only: 'br' | 'gzip',
): Promise<RenderedPage | undefined> {
  if (!cache.enabled) return renderPage(cache, spec, render, only);
  let inFlight = rendering.get(cache);
  if (!inFlight) rendering.set(cache, (inFlight = new Map()));
  const generation = cache.begin();
  const running = inFlight.get(spec.cacheKey);
  if (running && running.generation === generation) return running.page;
  const entry = { generation, page: renderPage(cache, spec, render, only) };
  inFlight.set(spec.cacheKey, entry);
  const done = () => {
    if (inFlight.get(spec.cacheKey) === entry) inFlight.delete(spec.cacheKey);
  };
  entry.page.then(done, done);
  return entry.page;
}

async function renderPage(
  cache: PageCache,
  spec: PageSpec,
  render: () => Promise<string | Rendered | undefined>,
  only: 'br' | 'gzip',
): Promise<RenderedPage | undefined> {
  const generation = cache.begin();
  const out = await render();
  if (out === undefined) return undefined;
  const { body, keys = [] } = typeof out === 'string' ? { body: out } : out;
  const page = await preparePage(body, {
    status: 200,
    contentType: spec.contentType ?? 'text/html; charset=utf-8',
    cacheControl: spec.cacheControl ?? htmlCacheControl,
    keys: [...new Set([...spec.keys, ...keys])],
  }, 'fast', only);
  cache.set(spec.cacheKey, page, generation);
  return page;
}

/** For pages that always exist (home, feeds, lists): serve and hand the reply back to Fastify. */
export async function serveExistingPage(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: PageCache,
  spec: PageSpec,
  render: () => Promise<string | Rendered>,
): Promise<FastifyReply> {
  await servePage(request, reply, cache, spec, render);
  return reply;
}
