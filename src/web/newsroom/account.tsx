import type { FastifyInstance } from 'fastify';
import { changePassword, PeopleError } from '../../newsroom/people.js';
import { setUiLocale } from '../../newsroom/sessions.js';
import { sendPage as html } from '../html.js';
import { sessionCookie } from '../plugins/auth.js';
import { newsroomView, signedIn, str, type Form, type NewsroomDeps } from './context.js';
import { AccountPage } from './views/AccountPage.js';

/** The signed-in person's own settings: the newsroom's language, their password. */
export async function accountRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const view = newsroomView(deps.site);

  app.get('/account', async (request, reply) => {
    return html(reply, <AccountPage v={view(request)} />);
  });

  app.post<{ Body: Form }>('/account/locale', async (request, reply) => {
    const user = signedIn(request);
    await setUiLocale(db, user.id, str(request.body, 'locale') === 'en' ? 'en' : 'gu');
    return reply.redirect('/newsroom/account', 303);
  });

  app.post<{ Body: Form }>('/account/password', async (request, reply) => {
    const user = signedIn(request);
    const v = view(request);
    try {
      await changePassword(db, {
        personId: user.id,
        current: str(request.body, 'current') ?? '',
        next: str(request.body, 'next') ?? '',
        keepSessionId: request.cookies[sessionCookie] ?? '',
      });
    } catch (err) {
      if (!(err instanceof PeopleError)) throw err;
      return html(reply, <AccountPage v={v} notice={{ kind: 'error', text: err.message }} />, 400);
    }
    return html(reply, <AccountPage v={v} notice={{ kind: 'ok', text: v.t.saved }} />);
  });
}
