import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorPath, pathByLegacyId, pathByLegacyPath, publicArticlePath, tagPath } from '../../content/oldUrls.js';
import type { SiteState } from '../site.js';
import { reservedSlugs, urls } from '../../content/urls.js';

export interface LegacyUrlDeps {
  db: Kysely<DB>;
  site: SiteState;
}

/** Our own paths that never need a look-up. */
const ownPrefixes = ['/assets/', '/media/', '/api/', '/wp-json/', '/sitemaps/', '/healthz', '/newsroom'];

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment).normalize('NFC');
  } catch {
    return segment;
  }
}

/**
 * The canonical URL for a WordPress-era URL, or undefined when the request is not one (or
 * names nothing we have). Costs no query for the site's own URLs: only shapes WordPress used
 * and we do not (trailing slashes, `?p=`, dates, `/category/…`, unknown first segments) are
 * looked up.
 */
export async function resolveLegacyUrl(deps: LegacyUrlDeps, rawUrl: string): Promise<string | undefined> {
  const { db, site } = deps;
  const q = rawUrl.indexOf('?');
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  if (ownPrefixes.some((p) => rawPath.startsWith(p))) return undefined;
  const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1));

  if (rawPath === '/') {
    const p = query.get('p') ?? query.get('page_id');
    if (p && /^\d+$/.test(p)) return pathByLegacyId(db, ['post', 'page'], p);
    const cat = query.get('cat');
    if (cat && /^\d+$/.test(cat)) return pathByLegacyId(db, ['category'], cat);
    const author = query.get('author');
    if (author && /^\d+$/.test(author)) return pathByLegacyId(db, ['author'], author);
    const tag = query.get('tag');
    if (tag) return tagPath(db, decode(tag));
    if (query.has('feed')) return urls.rss();
    return undefined;
  }

  const trailing = rawPath.length > 1 && rawPath.endsWith('/');
  const segments = rawPath.split('/').filter(Boolean).map(decode);
  const path = `/${segments.join('/')}`;
  const [first = '', second] = segments;

  // Feeds: /feed/, /feed/atom/, /category/x/feed/.
  if (segments[segments.length - 1] === 'feed' || (segments.length === 2 && first === 'feed')) {
    if (path === '/feed' || path === '/feed/rss2' || path === '/feed/rss') return urls.rss();
    if (path === '/feed/atom') return urls.atom();
    if (first === 'category' && segments.length >= 3) {
      const section = site.sectionBySlug(segments[segments.length - 2] ?? '');
      return section ? urls.sectionRss(section.slug) : undefined;
    }
  }

  // The site's own shapes, which the reader routes answer: only a trailing slash is WordPress's.
  const own =
    (segments.length === 1 && site.sectionBySlug(first) !== undefined) ||
    (segments.length === 2 && (first === 'tag' || first === 'author' || site.sectionBySlug(first) !== undefined)) ||
    (segments.length === 1 && reservedSlugs.has(first));
  if (own && !trailing) return undefined;

  // An old permalink recorded at import (any permalink structure the site used).
  const recorded = await pathByLegacyPath(db, path);
  if (recorded) return recorded;

  if (first === 'category' && segments.length >= 2) {
    const section = site.sectionBySlug(segments[segments.length - 1] ?? '');
    return section ? urls.section(section.slug) : undefined;
  }
  if ((first === 'tag' || first === 'author') && second && segments.length === 2) {
    return first === 'tag' ? tagPath(db, second) : authorPath(db, second);
  }
  if (segments.length === 1 && site.sectionBySlug(first)) return urls.section(first);
  if (segments.length === 2 && site.sectionBySlug(first) && second) {
    return publicArticlePath(db, { slug: second });
  }
  // Date permalinks: /YYYY/MM/DD/slug, /YYYY/MM/slug, /YYYY/slug; and /slug.
  const dated = /^\/\d{4}(?:\/\d{2}){0,2}\/([^/]+)$/.exec(path);
  const slug = dated?.[1] ?? (segments.length === 1 ? first : undefined);
  if (slug) return publicArticlePath(db, { slug });
  return undefined;
}

/**
 * Answers WordPress-era URLs with a 301 to where the thing lives now. A hook on every request
 * of the app (not encapsulated: unknown paths reach no surface), ahead of the reader routes,
 * because several old shapes (`/?p=12`, `/slug/`) would otherwise be taken by a reader route
 * (home, section) and answered as something else.
 */
export const legacyUrls = fp(async (app: FastifyInstance, deps: LegacyUrlDeps) => {
  // Not async: the site's own URLs (almost every request) must pass without a promise.
  app.addHook('onRequest', (request, reply, done) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isOwnShape(deps, request.url)) return done();
    resolveLegacyUrl(deps, request.url).then((target) => {
      if (target && target !== request.url) reply.code(301).header('cache-control', 'public, max-age=86400').redirect(target, 301);
      else done();
    }, done);
  });
});

/**
 * A cheap test, before any decoding, for the shapes the reader answers itself: `/`, and one or
 * two segments under a section, `tag`, `author` or a reserved name, with no trailing slash or query.
 */
export function isOwnShape(deps: LegacyUrlDeps, rawUrl: string): boolean {
  if (rawUrl === '/') return true;
  if (rawUrl.includes('?') || rawUrl.endsWith('/')) return false;
  if (ownPrefixes.some((p) => rawUrl.startsWith(p))) return true;
  const second = rawUrl.indexOf('/', 1);
  if (second !== -1 && rawUrl.indexOf('/', second + 1) !== -1) return false;
  const rawFirst = rawUrl.slice(1, second === -1 ? undefined : second);
  const first = rawFirst.includes('%') ? decode(rawFirst) : rawFirst;
  return first === 'tag' || first === 'author' || reservedSlugs.has(first) || deps.site.sectionBySlug(first) !== undefined;
}
