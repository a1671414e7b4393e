import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiMessages, WpApiError } from '../../plugins/errors.js';
import type { Direction } from '../../../content/catalog.js';
import type { SiteState } from '../../site.js';

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

/** WordPress reads `after`/`before` without a zone as site time; we read them as UTC unless zoned. */
export function dateParam(request: FastifyRequest, site: SiteState, q: Query, key: string): string | undefined {
  const v = one(q, key);
  if (!v) return undefined;
  const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`);
  if (Number.isNaN(d.getTime())) throw new WpApiError(400, 'rest_invalid_param', apiMessages(request, site).wp.invalidParam(key));
  return d.toISOString();
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

export function orderOf(request: FastifyRequest, site: SiteState, q: Query, allowed: readonly string[], fallback: string): { by: string; dir: Direction } {
  const by = one(q, 'orderby') ?? fallback;
  const t = apiMessages(request, site).wp;
  if (!allowed.includes(by)) throw new WpApiError(400, 'rest_invalid_param', t.invalidParam(`orderby (${allowed.join(', ')})`));
  const order = one(q, 'order');
  if (order !== undefined && order !== 'asc' && order !== 'desc') throw new WpApiError(400, 'rest_invalid_param', t.invalidParam('order'));
  return { by, dir: order ?? (by === fallback && fallback === 'date' ? 'desc' : 'asc') };
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
