import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiMessages, requestLocale, WpApiError } from '../../plugins/errors.js';
import type { Direction } from '../../../content/catalog.js';
import type { SiteState } from '../../site.js';
import { wordpressMessages, type WordPressMessages } from '../../../i18n/wordpress.js';

/**
 * Reading WordPress's query parameters: lists as `1,2` or `a[]=1&a[]=2`, its orderby values,
 * dates without a zone. Paging numbers are checked by the routes' schemas (`pagingQuery`).
 */

export type Query = Record<string, string | string[] | number | undefined>;

function raw(q: Query, key: string): string[] | undefined {
  const v = q[key] ?? q[`${key}[]`];
  if (v === undefined || v === '') return undefined;
  return (Array.isArray(v) ? v : [String(v)]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

export function one(q: Query, key: string): string | undefined {
  const v = q[key] ?? q[`${key}[]`];
  return v === undefined ? undefined : Array.isArray(v) ? v[0] : String(v);
}

/** A trimmed search term, or undefined when empty. */
export function searchTerm(q: Query): string | undefined {
  return one(q, 'search')?.trim() || undefined;
}

/** `1,2` or `a[]=1&a[]=2` → [1, 2] (the shapes `idListParams` lets through). */
export function ids(q: Query, key: string): number[] | undefined {
  return raw(q, key)?.map(Number);
}

/** A single id filter (`parent`, `post`), as `idListParams` checked it. */
export function oneId(q: Query, key: string): number | undefined {
  return ids(q, key)?.[0];
}

const idList = '^\\s*[0-9]{1,10}(\\s*,\\s*[0-9]{1,10})*\\s*$';
const idListParam = {
  anyOf: [
    { type: 'string', maxLength: 0 },
    { type: 'string', maxLength: 2000, pattern: idList },
    { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 2000, pattern: idList } },
  ],
} as const;

/**
 * Query-string schema for id-list filters, under both spellings WordPress clients use
 * (`tags=1,2` and `tags[]=1&tags[]=2`), with paging: anything else is `rest_invalid_param`.
 */
export function listQuery(idKeys: readonly string[]) {
  return {
    type: 'object',
    properties: {
      ...pagingQuery.properties,
      ...Object.fromEntries(idKeys.flatMap((k) => [[k, idListParam], [`${k}[]`, idListParam]])),
    },
  } as const;
}

function decodeSlug(s: string): string {
  try {
    return decodeURIComponent(s).normalize('NFC');
  } catch {
    return s;
  }
}

export function strings(q: Query, key: string): string[] | undefined {
  return raw(q, key)?.map(decodeSlug).filter(Boolean);
}

export function flag(q: Query, key: string): boolean {
  const v = one(q, key);
  return v === 'true' || v === '1';
}

/** The API's own sentences (refusals, dates), in the request's language. */
export function wpMessages(request: FastifyRequest, site: SiteState): WordPressMessages {
  return wordpressMessages(requestLocale(request, site.siteSettings.locale));
}

/** WordPress's `rest_parse_date`: a date and a time, an optional fraction and zone; a bare date is refused. */
const dateTime = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** UTC instant of a wall-clock time in `timeZone` (two passes cover a zone's change of offset). */
export function zonedToUtc(parts: number[], timeZone: string): Date {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, se = 0] = parts;
  const wall = Date.UTC(y, mo - 1, d, h, mi, se);
  const offsetAt = (t: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
        .formatToParts(new Date(t))
        .map((x) => [x.type, Number(x.value)]),
    );
    return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) - t;
  };
  let t = wall - offsetAt(wall);
  t = wall - offsetAt(t);
  return new Date(t);
}

/**
 * `after`, `before` and the like as WordPress reads them: a zone given is kept; without one the
 * time is the site's (its time zone setting), not UTC. Anything else is `rest_invalid_param` 400.
 */
export function dateParam(request: FastifyRequest, site: SiteState, q: Query, key: string): string | undefined {
  const v = one(q, key);
  if (v === undefined || v === '') return undefined;
  const m = dateTime.exec(v.trim());
  const bad = () => new WpApiError(400, 'rest_invalid_param', wpMessages(request, site).invalidDate(key));
  if (!m) throw bad();
  const parts = m.slice(1, 7).map(Number);
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0] = parts;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) throw bad();
  const zone = m[7];
  const date = zone ? new Date(Date.UTC(y, mo - 1, d, h, mi, se) - zoneMinutes(zone) * 60_000) : zonedToUtc(parts, site.siteSettings.timeZone);
  if (Number.isNaN(date.getTime())) throw bad();
  return date.toISOString();
}

/** `Z`, `+05`, `+0530`, `+05:30` → minutes east of UTC. */
function zoneMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone.startsWith('-') ? -minutes : minutes;
}

const statuses = new Set(['publish', 'future', 'draft', 'pending', 'private', 'trash', 'any', 'inherit']);

/**
 * What a visitor may ask for: published things in the view or embed context. Other statuses and
 * `context=edit` need an account WordPress would check; this API has none, so they are refused
 * as WordPress refuses a signed-out client (401 `rest_forbidden_status` / `rest_forbidden_context`).
 */
export function checkVisitor(request: FastifyRequest, site: SiteState, q: Query, publicStatus = 'publish'): 'view' | 'embed' {
  const t = wpMessages(request, site);
  for (const s of strings(q, 'status') ?? []) {
    if (!statuses.has(s)) throw new WpApiError(400, 'rest_invalid_param', t.invalidStatus(s));
    if (s !== publicStatus) throw new WpApiError(401, 'rest_forbidden_status', t.forbiddenStatus);
  }
  const context = one(q, 'context') ?? 'view';
  if (context === 'edit') throw new WpApiError(401, 'rest_forbidden_context', t.forbiddenContext);
  if (context !== 'view' && context !== 'embed') throw new WpApiError(400, 'rest_invalid_param', t.invalidContext(context));
  return context;
}

/** `page`, `per_page` and `offset` as WordPress bounds them (100 a page at most). */
export const pagingQuery = {
  type: 'object',
  properties: {
    page: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    per_page: { type: 'integer', minimum: 1, maximum: 100 },
    offset: { type: 'integer', minimum: 0, maximum: 100_000_000 },
  },
} as const;

export function paging(q: Query): { page: number; perPage: number; offset: number } {
  const perPage = typeof q.per_page === 'number' ? q.per_page : 10;
  const page = typeof q.page === 'number' ? q.page : 1;
  const offset = typeof q.offset === 'number' ? q.offset : (page - 1) * perPage;
  return { page, perPage, offset };
}

/** `orderby` among `allowed`, and `order`, whose default is WordPress's for the route (desc for posts, media, comments; asc for terms, users). */
export function orderOf(request: FastifyRequest, site: SiteState, q: Query, allowed: readonly string[], fallback: string, defaultDir: Direction): { by: string; dir: Direction } {
  const by = one(q, 'orderby') ?? fallback;
  const t = apiMessages(request, site).wp;
  if (!allowed.includes(by)) throw new WpApiError(400, 'rest_invalid_param', t.invalidParam(`orderby (${allowed.join(', ')})`));
  const order = one(q, 'order');
  if (order !== undefined && order !== 'asc' && order !== 'desc') throw new WpApiError(400, 'rest_invalid_param', t.invalidParam('order'));
  return { by, dir: order ?? defaultDir };
}

/** Sends a list with WordPress's paging headers (and a Link header wpapi follows). */
export function sendList(request: FastifyRequest, reply: FastifyReply, site: SiteState, items: unknown[], total: number, page: number, perPage: number): FastifyReply {
  const totalPages = Math.ceil(total / perPage);
  if (page > 1 && page > totalPages) {
    throw new WpApiError(400, 'rest_post_invalid_page_number', apiMessages(request, site).wp.pageBeyond);
  }
  const publicUrl = site.ctx.publicUrl;
  const base = new URL(request.url, 'http://x');
  const link = (p: number) => {
    base.searchParams.set('page', String(p));
    // Absolute, as WordPress sends them: clients (wpapi among them) request the link as given.
    return `<${publicUrl}${base.pathname}${base.search}>`;
  };
  const links = [page > 1 ? `${link(page - 1)}; rel="prev"` : '', page < totalPages ? `${link(page + 1)}; rel="next"` : ''].filter(Boolean);
  if (links.length > 0) reply.header('link', links.join(', '));
  return reply
    .header('x-wp-total', String(total))
    .header('x-wp-totalpages', String(totalPages))
    .header('access-control-expose-headers', 'X-WP-Total, X-WP-TotalPages, Link')
    .header('cache-control', 'public, max-age=60, s-maxage=120')
    .send(items);
}
