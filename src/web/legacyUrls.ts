import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withLegacy } from '../content/legacyIds.js';
import type { SiteState } from './site.js';
import { reservedSlugs, urls } from '../content/urls.js';

export interface LegacyUrlDeps {
  db: Kysely<DB>;
  site: SiteState;
}

/** Our own paths that never need a look-up. */
const ownPrefixes = ['/assets/', '/media/', '/api/', '/wp-json/', '/sitemaps/', '/healthz', '/newsroom'];

async function articleUrl(db: Kysely<DB>, where: { id?: number; slug?: string }): Promise<string | undefined> {
  let q = db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.slug', 'sections.slug as section_slug'])
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', new Date().toISOString());
  if (where.id !== undefined) q = q.where('articles.id', '=', where.id);
  if (where.slug !== undefined) q = q.where('articles.slug', '=', where.slug);
  const row = await q.executeTakeFirst();
  return row ? urls.article(row.section_slug, row.slug) : undefined;
}

async function sectionUrl(db: Kysely<DB>, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('sections').select('slug').where('id', '=', id).executeTakeFirst();
  return row ? urls.section(row.slug) : undefined;
}

/** Where an imported thing lives now, from its kind and our id. */
async function urlOf(db: Kysely<DB>, kind: string, id: number): Promise<string | undefined> {
  switch (kind) {
    case 'post':
    case 'page':
      return articleUrl(db, { id });
    case 'category':
      return sectionUrl(db, id);
    case 'tag': {
      const row = await db.selectFrom('tags').select('slug').where('id', '=', id).executeTakeFirst();
      return row ? urls.tag(row.slug) : undefined;
    }
    case 'author': {
      const row = await db.selectFrom('people').select('slug').where('id', '=', id).executeTakeFirst();
      return row ? urls.author(row.slug) : undefined;
    }
    default:
      return undefined;
  }
}

async function byLegacyId(db: Kysely<DB>, kinds: string[], legacyId: string): Promise<string | undefined> {
  const row = await withLegacy(db)
    .selectFrom('legacy_ids')
    .select(['kind', 'local_id'])
    .where('kind', 'in', kinds as never)
    .where('legacy_id', '=', legacyId)
    .executeTakeFirst();
  return row ? urlOf(db, row.kind, row.local_id) : undefined;
}

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
    if (p && /^\d+$/.test(p)) return byLegacyId(db, ['post', 'page'], p);
    const cat = query.get('cat');
    if (cat && /^\d+$/.test(cat)) return byLegacyId(db, ['category'], cat);
    const author = query.get('author');
    if (author && /^\d+$/.test(author)) return byLegacyId(db, ['author'], author);
    const tag = query.get('tag');
    if (tag) return (await db.selectFrom('tags').select('slug').where('slug', '=', decode(tag)).executeTakeFirst()) ? urls.tag(decode(tag)) : undefined;
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
  const recorded = await withLegacy(db)
    .selectFrom('legacy_ids')
    .select(['kind', 'local_id'])
    .where('legacy_path', '=', path)
    .executeTakeFirst();
  if (recorded) {
    const target = await urlOf(db, recorded.kind, recorded.local_id);
    if (target) return target;
  }

  if (first === 'category' && segments.length >= 2) {
    const section = site.sectionBySlug(segments[segments.length - 1] ?? '');
    return section ? urls.section(section.slug) : undefined;
  }
  if ((first === 'tag' || first === 'author') && second && segments.length === 2) {
    const table = first === 'tag' ? 'tags' : 'people';
    const row = await db.selectFrom(table).select('slug').where('slug', '=', second).executeTakeFirst();
    return row ? (first === 'tag' ? urls.tag(row.slug) : urls.author(row.slug)) : undefined;
  }
  if (segments.length === 1 && site.sectionBySlug(first)) return urls.section(first);
  if (segments.length === 2 && site.sectionBySlug(first) && second) {
    return (await articleUrl(db, { slug: second })) ?? undefined;
  }
  // Date permalinks: /YYYY/MM/DD/slug, /YYYY/MM/slug, /YYYY/slug; and /slug.
  const dated = /^\/\d{4}(?:\/\d{2}){0,2}\/([^/]+)$/.exec(path);
  const slug = dated?.[1] ?? (segments.length === 1 ? first : undefined);
  if (slug) return articleUrl(db, { slug });
  return undefined;
}

/**
 * Answers WordPress-era URLs with a 301 to where the thing lives now. A hook on every
 * request, ahead of the reader routes, because several old shapes (`/?p=12`, `/slug/`)
 * would otherwise be taken by a reader route (home, section) and answered as something else.
 */
export function legacyUrls(app: FastifyInstance, deps: LegacyUrlDeps): void {
  // Not async: the site's own URLs (almost every request) must pass without a promise.
  app.addHook('onRequest', (request, reply, done) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isOwnShape(deps, request.url)) return done();
    resolveLegacyUrl(deps, request.url).then((target) => {
      if (target && target !== request.url) reply.code(301).header('cache-control', 'public, max-age=86400').redirect(target, 301);
      else done();
    }, done);
  });
}

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
