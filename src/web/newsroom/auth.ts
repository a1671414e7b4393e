import fastifyCookie from '@fastify/cookie';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { userForSession, sessionLifetimeMs, type SessionUser } from '../../newsroom/sessions.js';
import type { Actor } from '../../content/policies.js';

export const sessionCookie = 'khabar_session';
/** Before login there is no session to hold a CSRF token, so the login form uses a cookie pair. */
export const loginCsrfCookie = 'khabar_login_csrf';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A state-changing route usable before login (login, reset): checked with the login CSRF cookie. */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in person on newsroom routes; undefined when not signed in. */
    user?: SessionUser;
  }
}

export function actorOf(user: SessionUser): Actor {
  return { id: user.id, role: user.role };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, sessionId: string): void {
  reply.setCookie(sessionCookie, sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: Math.floor(sessionLifetimeMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: '/' });
}

function same(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The CSRF token a request carries: header for scripts, form field for plain forms. */
function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  if (body && typeof body._csrf === 'string') return body._csrf;
  // Multipart uploads without JavaScript carry it in the query string (the body is a stream).
  const query = request.query as Record<string, unknown> | undefined;
  return query && typeof query._csrf === 'string' ? query._csrf : undefined;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Loads the session on every newsroom request and refuses any state-changing request whose
 * CSRF token does not match the session's (403). Routes marked `config: { public: true }`
 * (login, reset) check the login cookie pair instead.
 */
export async function registerAuth(app: FastifyInstance, db: Kysely<DB>): Promise<void> {
  // Cookies are parsed only in the scopes that sign people in, not on every reader page.
  await app.register(fastifyCookie);
  // preValidation: after the body is parsed (the form field), before schemas could answer 400.
  app.addHook('preValidation', async (request, reply) => {
    const sid = request.cookies[sessionCookie];
    if (sid) request.user = await userForSession(db, sid);
    if (safeMethods.has(request.method)) return;
    const isPublic = request.routeOptions.config.public === true;
    const expected = isPublic ? request.cookies[loginCsrfCookie] : request.user?.csrfToken;
    if (!expected || !same(presentedToken(request), expected)) {
      return reply.code(403).header('cache-control', 'no-store').send({ error: 'csrf', message: 'missing or wrong CSRF token: reload the page and try again' });
    }
  });
}

/** A fresh token for the login and reset forms, set as a cookie and put in the form. */
export function issueLoginCsrf(request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[loginCsrfCookie];
  if (existing) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(loginCsrfCookie, token, { path: '/newsroom', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
  return token;
}
