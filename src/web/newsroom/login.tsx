import type { FastifyInstance } from 'fastify';
import { login, logout } from '../../newsroom/sessions.js';
import { resetPassword } from '../../newsroom/people.js';
import { PersonError } from '../../newsroom/profiles.js';
import { requestPasswordReset } from '../../newsroom/commands/requestPasswordReset.js';
import { peopleMessages } from '../../i18n/people.js';
import { peopleDeps } from './people.js';
import { ForgotPage } from './views/ForgotPage.js';
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
    const v = view(request);
    return html(reply, <LoginPage v={v} pt={peopleMessages(v.lang)} csrf={csrf} {...(request.query.next && { next: request.query.next })} />);
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
        if (result.reason === 'must-change') return reply.redirect(`/newsroom/reset?token=${encodeURIComponent(result.resetToken)}&first=1`, 303);
        const message =
          result.reason === 'locked'
            ? result.lockedUntil
              ? peopleMessages(v.lang).lockedUntil(v.time(result.lockedUntil))
              : v.t.tooManyAttempts
            : result.reason === 'disabled'
              ? v.t.loginDisabled
              : v.t.loginFailed;
        return html(reply, <LoginPage v={v} pt={peopleMessages(v.lang)} csrf={request.cookies['khabar_login_csrf'] ?? ''} error={message} email={email.slice(0, 254)} />, result.reason === 'locked' ? 429 : 401);
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

  app.get<{ Querystring: { token?: string; first?: string } }>('/reset', { config: { public: true } }, async (request, reply) => {
    const csrf = issueLoginCsrf(request, reply);
    const v = view(request);
    return html(reply, <ResetPage v={v} pt={peopleMessages(v.lang)} csrf={csrf} token={request.query.token ?? ''} first={request.query.first === '1'} />);
  });

  app.post<{ Body: Form }>('/reset', { config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const token = str(request.body, 'token') ?? '';
    const v = view(request);
    const pt = peopleMessages(v.lang);
    try {
      await resetPassword(db, token, str(request.body, 'password') ?? '');
      return html(reply, <ResetPage v={v} pt={pt} csrf="" token="" done />);
    } catch (err) {
      if (!(err instanceof PersonError)) throw err;
      return html(reply, <ResetPage v={v} pt={pt} csrf={request.cookies['khabar_login_csrf'] ?? ''} token={token} error={pt.problem(err.problem)} />, 400);
    }
  });

  app.get('/forgot', { config: { public: true } }, async (request, reply) => {
    const csrf = issueLoginCsrf(request, reply);
    const v = view(request);
    return html(reply, <ForgotPage v={v} pt={peopleMessages(v.lang)} csrf={csrf} mailOn={deps.mailer !== undefined} />);
  });

  app.post<{ Body: { email: string } }>(
    '/forgot',
    {
      config: { public: true, rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: { body: { type: 'object', required: ['email'], properties: { email: { type: 'string', maxLength: 1000 } } } },
    },
    async (request, reply) => {
      // The answer is the same for every address, and it does not wait for the mail.
      const { sending } = await requestPasswordReset(peopleDeps(deps, request), { email: request.body.email });
      void sending;
      const v = view(request);
      return html(reply, <ForgotPage v={v} pt={peopleMessages(v.lang)} csrf={request.cookies['khabar_login_csrf'] ?? ''} mailOn={deps.mailer !== undefined} sent />);
    },
  );
}
