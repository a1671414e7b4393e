import fastifyCookie from '@fastify/cookie';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { errorMessages } from '../../i18n/errors.js';
import { userForSession, sessionLifetimeMs, type SessionUser } from '../../newsroom/sessions.js';
import { can, NotAllowedError, type Action, type Actor } from '../../content/policies.js';
import { HttpError, requestLocale, wantsJson } from './errors.js';

export const sessionCookie = 'khabar_session';
/** Before login there is no session to hold a CSRF token, so the login form uses a cookie pair. */
export const loginCsrfCookie = 'khabar_login_csrf';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Usable signed out (login, reset); when it changes state, its CSRF token is the login cookie's. */
    public?: boolean;
    /** The role-level action the route needs (set by `requirePermission`). */
    permission?: Action;
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
  // Only a multipart upload without JavaScript may carry it in the query string (its body is a
  // stream read later); anywhere else a token in a URL is refused, as URLs end up in logs.
  if (!(request.headers['content-type'] ?? '').startsWith('multipart/form-data')) return undefined;
  const query = request.query as Record<string, unknown> | undefined;
  return query && typeof query._csrf === 'string' ? query._csrf : undefined;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The newsroom's one session hook: loads the signed-in person, refuses any state-changing
 * request whose CSRF token does not match the session's (403), and sends people who are not
 * signed in to the login page (303; 401 for scripts). Routes marked `config: { public: true }`
 * (login, reset) are open and check the login cookie pair instead.
 */
export async function registerAuth(app: FastifyInstance, db: Kysely<DB>): Promise<void> {
  // Cookies are parsed only in the scopes that sign people in, not on every reader page.
  await app.register(fastifyCookie);
  // preValidation: after the body is parsed (the form field), before schemas could answer 400.
  app.addHook('preValidation', async (request, reply) => {
    const sid = request.cookies[sessionCookie];
    if (sid) request.user = await userForSession(db, sid);
    const isPublic = request.routeOptions.config.public === true;
    if (!safeMethods.has(request.method)) {
      const expected = isPublic ? request.cookies[loginCsrfCookie] : request.user?.csrfToken;
      if (!expected || !same(presentedToken(request), expected)) throw new HttpError(403, 'csrf', errorMessages(requestLocale(request, 'gu')).csrf);
    }
    if (isPublic || request.user) return;
    if (wantsJson(request)) throw new HttpError(401, 'login', errorMessages(requestLocale(request, 'gu')).signInFirst);
    return reply.header('cache-control', 'no-store').redirect(`/newsroom/login?next=${encodeURIComponent(request.url)}`, 303);
  });
}

/**
 * Route options for a route that needs a role-level permission: the policy decides (`can`),
 * this only turns its refusal into the newsroom's 403 answer. It runs before the input is
 * validated, so someone who may not use a route learns nothing about what it accepts.
 * Decisions about one story are the domain's (its queries and commands check them).
 */
export function requirePermission(action: Action): { config: { permission: Action }; preValidation: preValidationAsyncHookHandler } {
  return {
    config: { permission: action },
    preValidation: async (request) => {
      if (request.user && !can(actorOf(request.user), action)) throw new NotAllowedError(action);
    },
  };
}

/** A fresh token for the login and reset forms, set as a cookie and put in the form. */
export function issueLoginCsrf(request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[loginCsrfCookie];
  if (existing) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(loginCsrfCookie, token, { path: '/newsroom', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
  return token;
}
