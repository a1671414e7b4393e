import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ViewBeacon } from '../../../audience/views.js';
import { sectionFamily } from '../../../content/stories.js';
import { urls } from '../../../content/urls.js';
import { apiError, apiMessages } from '../../plugins/errors.js';
import { idParams } from '../../schemas.js';
import type { ContentApiDeps } from './context.js';

/** The smallest transparent GIF: the no-JavaScript beacon. */
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The beacon body: `r=<document.referrer>` form-encoded (sendBeacon with URLSearchParams) or as text. */
function referrerOf(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'r' in body) {
    const r = (body as Record<string, unknown>).r;
    return typeof r === 'string' ? r.slice(0, 2000) : undefined;
  }
  if (typeof body === 'string' && body.startsWith('r=')) return new URLSearchParams(body).get('r')?.slice(0, 2000) ?? undefined;
  return undefined;
}

function beaconOf(request: FastifyRequest, id: number, referrer: string | undefined): ViewBeacon {
  // request.ip believes X-Forwarded-For only from TRUST_PROXY's proxies; hashed in memory, never stored.
  return {
    articleId: id,
    ip: request.ip,
    userAgent: header(request, 'user-agent'),
    referrer,
    purpose: header(request, 'sec-purpose') ?? header(request, 'purpose'),
  };
}

/** Beacons and the most-read list. Beacons never wait for the database (it is written once a second). */
export async function audienceRoutes(app: FastifyInstance, deps: ContentApiDeps): Promise<void> {
  const { site, audience } = deps;

  const count = (request: FastifyRequest, reply: FastifyReply, id: number, referrer: string | undefined) => {
    const outcome = audience.views.record(beaconOf(request, id, referrer));
    // Errors loading the day's salt are logged; the reader's page is not affected either way.
    if (outcome instanceof Promise) outcome.catch((err: unknown) => request.log.error({ err }, 'counting a view failed'));
  };

  app.post<{ Params: { id: number } }>('/articles/:id/views', { bodyLimit: 4096, schema: { params: idParams } }, (request, reply) => {
    count(request, reply, request.params.id, referrerOf(request.body));
    return reply.code(204).header('cache-control', 'no-store').send();
  });

  app.get<{ Params: { id: number } }>('/articles/:id/views.gif', { schema: { params: idParams } }, (request, reply) => {
    count(request, reply, request.params.id, undefined);
    return reply.header('content-type', 'image/gif').header('cache-control', 'no-store, max-age=0').send(pixel);
  });

  app.get<{ Querystring: { section?: string; limit?: number } }>(
    '/most-read',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { section: { type: 'string', minLength: 1, maxLength: 200 }, limit: { type: 'integer', minimum: 1, maximum: 5, default: 5 } },
        },
      },
    },
    async (request, reply) => {
      let sectionId: number | undefined;
      let family: number[] | undefined;
      if (request.query.section) {
        const section = site.sectionBySlug(request.query.section);
        if (!section) return apiError(reply, 404, 'unknown_section', apiMessages(request, site).unknownSection(request.query.section));
        sectionId = section.id;
        family = sectionFamily(site.ctx.sections, section);
      }
      const base = site.ctx.publicUrl;
      const items = (await audience.board.get(sectionId, family)).slice(0, request.query.limit ?? 5);
      return reply.header('cache-control', 'public, max-age=60, s-maxage=60').send({
        section: request.query.section ?? null,
        items: items.map(({ article: a, score }) => ({
          id: a.id,
          headline: a.headline,
          url: `${base}${urls.article(a.sectionSlug, a.slug)}`,
          section: { id: a.sectionId, slug: a.sectionSlug, name: a.sectionName },
          views: a.viewCount,
          score: Math.round(score * 100) / 100,
        })),
      });
    },
  );
}
