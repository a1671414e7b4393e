import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { SiteState } from '../../site.js';
import { passwordCookie } from '../../../content/protection.js';
import { isOwnShape } from '../../reader/legacyUrls.js';
import { readerHeaders } from '../securityHeaders.js';
import { discoveryLink } from '../../api/wordpress/discovery.js';
import { chooseEncoding, plainBody, type Encoding, type PageCache, type RenderedPage } from './cache.js';
import { etagMatches, pageHeaders, recompress } from './respond.js';

export interface DirectDeps {
  db: Kysely<DB>;
  cache: PageCache;
  site: SiteState;
  /** Told of every answer given here (metrics), as Fastify's onResponse hook would be. */
  observe?: (group: 'reader' | 'feeds', method: string, status: number, seconds: number) => void;
}

/** Paths the reader does not answer, or not only from the page cache. */
const notReader = ['/api/', '/newsroom', '/wp-json', '/assets/', '/media/', '/healthz', '/readyz', '/metrics'];

/** Headers of a page's answers, made once per page and encoding (the page never changes; a new render is a new page). */
const headersOf = new WeakMap<RenderedPage, Partial<Record<Encoding | '304', OutgoingHttpHeaders>>>();

function headers(page: RenderedPage, which: Encoding | '304', publicUrl: string): OutgoingHttpHeaders {
  let made = headersOf.get(page);
  if (!made) headersOf.set(page, (made = {}));
  let h = made[which];
  if (!h) {
    h = { ...readerHeaders, ...pageHeaders(page) };
    if (which !== '304' && which !== 'identity') h['content-encoding'] = which;
    if (page.contentType.startsWith('text/html')) h.link = discoveryLink(publicUrl);
    if (which !== '304') h['content-length'] = String((which === 'identity' ? plainBody(page) : page[which]!).length);
    made[which] = h;
  }
  return h;
}

/**
 * Answers a GET for a page held in the page cache straight from the HTTP server, before
 * Fastify routes it: a cache hit needs none of the routing, hooks and reply decoration, and
 * they were most of what serving one cost (bench:pages). Only the reader's own URL shapes
 * (what the old-URL hook lets through untouched) are answered here, with the same headers,
 * ETag/304 and encoding as the routes send; anything else, a miss, or a site reloading its
 * settings returns false and goes to Fastify.
 */
export function directPages(deps: DirectDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { cache, site } = deps;
  return (req, res) => {
    const url = req.url;
    if (req.method !== 'GET' || url === undefined || !cache.enabled || site.pending) return false;
    if (notReader.some((p) => url.startsWith(p)) || !isOwnShape(deps, url)) return false;
    // A reader holding a protected story's password gets the story, not the cached form: the route decides.
    if (req.headers.cookie?.includes(`${passwordCookie}=`)) return false;
    const started = deps.observe && process.hrtime.bigint();
    const page = cache.enabled ? cache.peek(url) : undefined;
    if (!page) return false;
    const publicUrl = site.ctx.publicUrl;
    if (etagMatches(req.headers['if-none-match'], page.etag)) {
      res.writeHead(304, headers(page, '304', publicUrl)).end();
    } else {
      const encoding = chooseEncoding(req.headers['accept-encoding']);
      const body = encoding === 'identity' ? plainBody(page) : page[encoding];
      // This variant is not made yet: the route makes it (and keeps it).
      if (!body) return false;
      res.writeHead(page.status, headers(page, encoding, publicUrl));
      res.end(body);
    }
    cache.countDirectHit(page);
    if (page.effort === 'fast') recompress(cache, url, page);
    if (started !== undefined) {
      const group = url.endsWith('.xml') || url.startsWith('/sitemaps/') ? 'feeds' : 'reader';
      deps.observe!(group, 'GET', res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    }
    return true;
  };
}
