import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorPath, mediaPathByPublicId, mediaPathByUpload, pathByLegacyId, pathByLegacyPath, pathByPublicPostId, publicArticlePath, tagPath } from '../../content/oldUrls.js';
import { variantPath, variantWidths } from '../../media/variants.js';
import { clampSlug } from '../../gujarati/slugify.js';
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

/** What an old URL comes to: a place to send the reader, or a WordPress id that names nothing public (404). */
export type LegacyAnswer = string | typeof gone | undefined;
export const gone = Symbol('gone');

/** WordPress's query parameters that the redirect itself answers; the rest (utm_*, …) travel on. */
const consumed = new Set(['p', 'page_id', 'cat', 'author', 'tag', 'feed', 'paged', 's', 'attachment_id']);

/** WordPress's size copies (`-300x200`, `-scaled`) of an upload. */
const sizeCopy = /-(?:(\d+)x\d+|scaled|rotated)(?=\.[a-z0-9]+$)/i;

/** The copy we keep of a WordPress size: the smallest of ours at least as wide (or the original). */
function variantFor(path: string, width: number | undefined): string {
  if (width === undefined) return urls.media(path);
  const w = variantWidths.find((v) => v >= width);
  return urls.media(w === undefined ? path : variantPath(path, w, 'jpg'));
}

/**
 * The canonical URL for a WordPress-era URL (without the query that travels on), `gone` for an
 * id or shape that names nothing public, or undefined when the request is not a WordPress one.
 * Costs no query for the site's own URLs: only shapes WordPress used and we do not (trailing
 * slashes, `?p=`, dates, `/category/…`, `/page/N/`, feeds, uploads) are looked up.
 */
export async function resolveLegacyUrl(deps: LegacyUrlDeps, rawUrl: string): Promise<LegacyAnswer> {
  const { db, site } = deps;
  const q = rawUrl.indexOf('?');
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  if (ownPrefixes.some((p) => rawPath.startsWith(p))) return undefined;
  const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1));

  if (rawPath === '/' || rawPath === '/index.php') {
    const p = query.get('p');
    if (p !== null) return /^\d{1,10}$/.test(p) ? ((await pathByPublicPostId(db, Number(p))) ?? gone) : gone;
    const pageId = query.get('page_id');
    // An imported page's WordPress id, or the public id of a page made here (its GUID); else 404, as in WordPress.
    if (pageId && /^\d{1,10}$/.test(pageId)) return (await pathByLegacyId(db, ['post', 'page'], pageId)) ?? (await pathByPublicPostId(db, Number(pageId))) ?? gone;
    const attachment = query.get('attachment_id');
    if (attachment !== null) return /^\d{1,10}$/.test(attachment) ? ((await mediaPathByPublicId(db, Number(attachment))) ?? gone) : gone;
    const cat = query.get('cat');
    if (cat && /^\d+$/.test(cat)) return pathByLegacyId(db, ['category'], cat);
    const author = query.get('author');
    if (author && /^\d+$/.test(author)) return pathByLegacyId(db, ['author'], author);
    const tag = query.get('tag');
    if (tag) return tagPath(db, decode(tag));
    const feed = query.get('feed');
    if (feed !== null) return feed === 'atom' ? urls.atom() : urls.rss();
    const s = query.get('s');
    if (s !== null) return searchUrl(s);
    if (query.has('paged')) return urls.home();
    return rawPath === '/index.php' ? urls.home() : undefined;
  }

  const trailing = rawPath.length > 1 && rawPath.endsWith('/');
  let segments = rawPath.split('/').filter(Boolean).map(decode);
  const [first = '', second] = segments;

  if (first === 'wp-content' && second === 'uploads' && segments.length > 2) {
    const relative = segments.slice(2).join('/');
    const size = sizeCopy.exec(relative);
    const stored = await mediaPathByUpload(db, relative.replace(sizeCopy, ''));
    return stored ? variantFor(stored, size?.[1] ? Number(size[1]) : undefined) : gone;
  }
  if (/^wp-sitemap(?:-[a-z0-9-]+)?\.xml$/.test(first) && segments.length === 1) return urls.sitemapIndex();
  if (first === 'search' && second && segments.length === 2) return searchUrl(second);

  // Feeds: /feed, /feed/atom/, /feed/rdf/, /comments/feed/, /category/x/feed/, /tag/x/feed/, /author/x/feed/, /story/feed/.
  const feedAt = segments.lastIndexOf('feed');
  if (feedAt !== -1 && feedAt >= segments.length - 2) {
    const kind = segments[feedAt + 1] ?? 'rss2';
    if (!['rss2', 'rss', 'rdf', 'atom'].includes(kind)) return undefined;
    const atom = kind === 'atom';
    const owner = segments.slice(0, feedAt);
    if (owner.length === 0 || (owner.length === 1 && owner[0] === 'comments')) return atom ? urls.atom() : urls.rss();
    const [o1 = '', o2 = ''] = owner;
    if (o1 === 'category' && owner.length >= 2) {
      const section = site.sectionBySlug(owner[owner.length - 1] ?? '');
      return section ? (atom ? urls.sectionAtom(section.slug) : urls.sectionRss(section.slug)) : gone;
    }
    if (o1 === 'tag' && owner.length === 2) {
      const to = await tagPath(db, o2);
      return to ? (atom ? urls.tagAtom(o2) : urls.tagRss(o2)) : gone;
    }
    if (o1 === 'author' && owner.length === 2) {
      const to = await authorPath(db, o2);
      return to ? (atom ? urls.authorAtom(o2) : urls.authorRss(o2)) : gone;
    }
    // A story's comment feed: we keep no comment feeds, so it leads to the story and its comments.
    return (await storyAt(deps, owner)) ?? gone;
  }

  // Archive pages: /page/2/, /category/x/page/2/, /tag/x/page/2/, /author/x/page/2/.
  const pageAt = segments.length >= 2 && segments[segments.length - 2] === 'page' && /^\d{1,6}$/.test(segments[segments.length - 1] ?? '') ? segments.length - 2 : -1;
  const pagedQuery = query.get('paged');
  const pageNo = pageAt !== -1 ? Number(segments[pageAt + 1]) : pagedQuery && /^\d{1,6}$/.test(pagedQuery) ? Number(pagedQuery) : undefined;
  if (pageAt !== -1) segments = segments.slice(0, pageAt);
  const date = dateArchive(segments);
  if (pageNo !== undefined) {
    const [a = '', b = ''] = segments;
    if (segments.length === 0) return urls.home();
    if (date) return urls.archive(date[0], date[1], date[2], pageNo);
    if (a === 'category' && segments.length >= 2) {
      const section = site.sectionBySlug(segments[segments.length - 1] ?? '');
      return section ? urls.section(section.slug, pageNo) : gone;
    }
    if (a === 'tag' && segments.length === 2) return (await tagPath(db, b)) ? urls.tag(b, pageNo) : gone;
    if (a === 'author' && segments.length === 2) return (await authorPath(db, b)) ? urls.author(b, pageNo) : gone;
    if (segments.length === 1 && site.sectionBySlug(a)) return urls.section(a, pageNo);
    return gone;
  }

  // The site's own shapes, which the reader routes answer: only a trailing slash is WordPress's.
  const own =
    (segments.length === 1 && site.sectionBySlug(first) !== undefined) ||
    (segments.length === 2 && (first === 'tag' || first === 'author' || site.sectionBySlug(first) !== undefined)) ||
    (segments.length === 1 && reservedSlugs.has(first));
  if (own && !trailing) return undefined;

  if (date) return urls.archive(...date);
  const story = await storyAt(deps, segments);
  if (story) return story;
  // /story/embed/ (WordPress's embed view) and /story/2/ (a page of a multi-page story): the story.
  const last = segments[segments.length - 1] ?? '';
  if (segments.length >= 2 && (last === 'embed' || /^\d{1,4}$/.test(last))) {
    const whole = await storyAt(deps, segments.slice(0, -1));
    if (whole) return whole;
  }
  if (first === 'category' && segments.length >= 2) {
    const section = site.sectionBySlug(segments[segments.length - 1] ?? '');
    return section ? urls.section(section.slug) : undefined;
  }
  if ((first === 'tag' || first === 'author') && second && segments.length === 2) {
    return first === 'tag' ? tagPath(db, second) : authorPath(db, second);
  }
  if (segments.length === 1 && site.sectionBySlug(first)) return urls.section(first);
  return undefined;
}

/** `/2026/`, `/2026/11/`, `/2026/11/10/`: WordPress's date archives, as year, month, day. */
function dateArchive(segments: string[]): [number, number?, number?] | undefined {
  if (segments.length === 0 || segments.length > 3) return undefined;
  const [y = '', m, d] = segments;
  if (!/^\d{4}$/.test(y) || (m !== undefined && !/^\d{2}$/.test(m)) || (d !== undefined && !/^\d{2}$/.test(d))) return undefined;
  return [Number(y), ...(m !== undefined ? [Number(m)] : []), ...(d !== undefined ? [Number(d)] : [])] as [number, number?, number?];
}

function searchUrl(words: string): string {
  return `/search?q=${encodeURIComponent(words.replace(/\+/g, ' ').trim())}`;
}

/** A story by an old permalink (recorded at import, or any of WordPress's shapes ending in its slug). */
async function storyAt(deps: LegacyUrlDeps, segments: string[]): Promise<string | undefined> {
  const { db, site } = deps;
  if (segments.length === 0) return undefined;
  const path = `/${segments.join('/')}`;
  const recorded = await pathByLegacyPath(db, path);
  if (recorded) return recorded;
  const [first = '', second] = segments;
  if (segments.length === 2 && site.sectionBySlug(first) && second) return publicArticlePath(db, { slug: second });
  // Date permalinks: /YYYY/MM/DD/slug, /YYYY/MM/slug, /YYYY/slug; and /slug.
  const dated = /^\/\d{4}(?:\/\d{2}){0,2}\/([^/]+)$/.exec(path);
  const slug = dated?.[1] ?? (segments.length === 1 ? first : undefined);
  return slug ? publicArticlePath(db, { slug: clampSlug(slug) }) : undefined;
}

/** The target with the request's own query (utm_* and the like), less what the redirect answered. */
export function withQuery(target: string, rawUrl: string): string {
  const q = rawUrl.indexOf('?');
  if (q === -1) return target;
  const kept = [...new URLSearchParams(rawUrl.slice(q + 1))].filter(([k]) => !consumed.has(k));
  if (kept.length === 0) return target;
  const extra = new URLSearchParams(kept).toString();
  return `${target}${target.includes('?') ? '&' : '?'}${extra}`;
}

/** The same place, however it is spelled (percent-encoding case, NFC): a redirect there would loop. */
function samePlace(a: string, b: string): boolean {
  const norm = (u: string) => {
    const q = u.indexOf('?');
    const path = q === -1 ? u : u.slice(0, q);
    return `${decode(path)}${q === -1 ? '' : u.slice(q)}`;
  };
  return norm(a) === norm(b);
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
    resolveLegacyUrl(deps, request.url).then((answer) => {
      if (answer === gone) return reply.callNotFound();
      const target = answer && withQuery(answer, request.url);
      if (target && !samePlace(target, request.url)) reply.code(301).header('cache-control', 'public, max-age=86400').redirect(target, 301);
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
  // Our tag and author feeds (`/tag/x/feed.xml`): three segments, but never WordPress's.
  if ((rawUrl.startsWith('/tag/') || rawUrl.startsWith('/author/')) && (rawUrl.endsWith('/feed.xml') || rawUrl.endsWith('/atom.xml'))) return true;
  const second = rawUrl.indexOf('/', 1);
  if (second !== -1 && rawUrl.indexOf('/', second + 1) !== -1) return false;
  const rawFirst = rawUrl.slice(1, second === -1 ? undefined : second);
  const first = rawFirst.includes('%') ? decode(rawFirst) : rawFirst;
  // `/feed` and `/search/words` are WordPress's; `/search` alone is ours.
  if (first === 'feed' || (first === 'search' && second !== -1)) return false;
  return first === 'tag' || first === 'author' || reservedSlugs.has(first) || deps.site.sectionBySlug(first) !== undefined;
}
