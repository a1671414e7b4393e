import type { FastifyInstance } from 'fastify';
import { login, logout } from '../../newsroom/sessions.js';
import { PeopleError, resetPassword } from '../../newsroom/people.js';
import { sendPage as html } from '../html.js';
import { clearSessionCookie, issueLoginCsrf, sessionCookie, setSessionCookie } from '../plugins/auth.js';
import { newsroomView, str, type Form, type NewsroomDeps } from './context.js';
import { LoginPage } from './views/LoginPage.js';
import { ResetPage } from './views/ResetPage.js';

/** Signing in and out, and setting a new password from a reset link: open to people not signed in. */
/** Where to go after signing in: a newsroom path only, with nothing that could end a header line. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/newsroom') && !next.startsWith('//') && !/[\u0000-\u001f\u007f\\]/.test(next) ? next : '/newsroom';
}

export async function loginRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const view = newsroomView(deps.site);

  app.get<{ Querystring: { next?: string } }>('/login', { config: { public: true } }, async (request, reply) => {
    const csrf = issueLoginCsrf(request, reply);
    return html(reply, <LoginPage v={view(request)} csrf={csrf} {...(request.query.next && { next: request.query.next })} />);
  });

  app.post<{ Body: Form }>(
    '/login',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const email = str(request.body, 'email') ?? '';
      const password = str(request.body, 'password') ?? '';
      const result = await login(db, email, password);
      const v = view(request);
      if (!result.ok) {
        const message =
          result.reason === 'locked'
            ? v.t.loginLocked(result.lockedUntil ? result.lockedUntil.toLocaleTimeString('en-IN', { timeZone: 'Asia/Kolkata' }) : '')
            : result.reason === 'disabled'
              ? v.t.loginDisabled
              : v.t.loginFailed;
        return html(reply, <LoginPage v={v} csrf={request.cookies['khabar_login_csrf'] ?? ''} error={message} email={email.slice(0, 254)} />, result.reason === 'locked' ? 429 : 401);
      }
      setSessionCookie(request, reply, result.sessionId);
      const next = str(request.body, 'next');
      return reply.redirect(safeNext(next), 303);
    },
  );

  app.post('/logout', async (request, reply) => {
    const sid = request.cookies[sessionCookie];
    if (sid) await logout(db, sid);
    clearSessionCookie(reply);
    return reply.redirect('/newsroom/login', 303);
  });

  app.get<{ Querystring: { token?: string } }>('/reset', { config: { public: true } }, async (request, reply) => {
    const csrf = issueLoginCsrf(request, reply);
    return html(reply, <ResetPage v={view(request)} csrf={csrf} token={request.query.token ?? ''} />);
  });

  app.post<{ Body: Form }>('/reset', { config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const token = str(request.body, 'token') ?? '';
    try {
      await resetPassword(db, token, str(request.body, 'password') ?? '');
      return html(reply, <ResetPage v={view(request)} csrf="" token="" done />);
    } catch (err) {
      if (!(err instanceof PeopleError)) throw err;
      return html(reply, <ResetPage v={view(request)} csrf={request.cookies['khabar_login_csrf'] ?? ''} token={token} error={err.message} />, 400);
    }
  });
}
