import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { findRedirect } from '../../content/redirects.js';
import type { ReaderErrorPages } from '../plugins/errors.js';
import { renderDocument } from '../html.js';
import type { SiteState } from '../site.js';
import { ErrorPage } from './views/pages.js';

export interface ErrorPageDeps {
  db: Kysely<DB>;
  site: SiteState;
}

/** The 404 page in the site's language, unless a stored redirect says where the thing lives now. */
export async function sendNotFound(deps: ErrorPageDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const redirect = await findRedirect(deps.db, request.url);
  if (redirect) return reply.redirect(redirect.to, redirect.status);
  return reply
    .code(404)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'public, max-age=60')
    .send(renderDocument(<ErrorPage ctx={deps.site.ctx} status={404} />));
}

/** The error page in the site's language: 500 for our faults; other 4xx keep their status and say what was wrong. */
export function sendErrorPage(deps: ErrorPageDeps, reply: FastifyReply, status: number, message?: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderDocument(<ErrorPage ctx={deps.site.ctx} status={status} {...(message && { message })} />));
}

/** What the app's error handlers show readers (see plugins/errors.ts). */
export function readerErrorPages(deps: ErrorPageDeps): ReaderErrorPages {
  return {
    notFound: (request, reply) => sendNotFound(deps, request, reply),
    error: (_request, reply, status, message) => sendErrorPage(deps, reply, status, message),
  };
}
