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

/**
 * What a hit on a page needs, made once per page (the page never changes; a new render is a new
 * page): its answers' headers per encoding, and the URL found to be one the reader answers itself.
 */
interface Prepared {
  headers: Partial<Record<Encoding | '304', OutgoingHttpHeaders>>;
  readerUrl?: string;
}
const preparedOf = new WeakMap<RenderedPage, Prepared>();

function prepared(page: RenderedPage): Prepared {
  let made = preparedOf.get(page);
  if (!made) preparedOf.set(page, (made = { headers: {} }));
  return made;
}

function headers(made: Prepared, page: RenderedPage, which: Encoding | '304', publicUrl: string): OutgoingHttpHeaders {
  let h = made.headers[which];
  if (!h) {
    h = { ...readerHeaders, ...pageHeaders(page) };
    if (which !== '304' && which !== 'identity') h['content-encoding'] = which;
    if (page.contentType.startsWith('text/html')) h.link = discoveryLink(publicUrl);
    if (which !== '304') h['content-length'] = String((which === 'identity' ? plainBody(page) : page[which]!).length);
    made.headers[which] = h;
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
    // A reader holding a protected story's password gets the story, not the cached form: the route decides.
    if (req.headers.cookie?.includes(`${passwordCookie}=`)) return false;
    const started = deps.observe && performance.now();
    const page = cache.peek(url);
    if (!page) return false;
    const made = prepared(page);
    // The shape test once per page: pages showing sections are dropped when sections change (`taxonomy`).
    if (made.readerUrl !== url) {
      if (notReader.some((p) => url.startsWith(p)) || !isOwnShape(deps, url)) return false;
      made.readerUrl = url;
    }
    const publicUrl = site.ctx.publicUrl;
    if (etagMatches(req.headers['if-none-match'], page.etag)) {
      res.writeHead(304, headers(made, page, '304', publicUrl)).end();
    } else {
      const encoding = chooseEncoding(req.headers['accept-encoding']);
      const body = encoding === 'identity' ? plainBody(page) : page[encoding];
      // This variant is not made yet: the route makes it (and keeps it).
      if (!body) return false;
      res.writeHead(page.status, headers(made, page, encoding, publicUrl));
      res.end(body);
    }
    cache.countDirectHit(page);
    if (page.effort === 'fast') recompress(cache, url, page);
    if (started !== undefined) {
      const group = url.endsWith('.xml') || url.startsWith('/sitemaps/') ? 'feeds' : 'reader';
      deps.observe!(group, 'GET', res.statusCode, (performance.now() - started) / 1000);
    }
    return true;
  };
}
