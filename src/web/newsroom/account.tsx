import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changePassword, PeopleError } from '../../newsroom/people.js';
import { setUiLocale } from '../../newsroom/sessions.js';
import { savePerson } from '../../newsroom/commands/savePerson.js';
import { setPersonPhoto } from '../../newsroom/commands/setPersonPhoto.js';
import { personProfile } from '../../newsroom/peopleQueries.js';
import { peopleMessages } from '../../i18n/people.js';
import { sendPage as html } from '../html.js';
import { sessionCookie } from '../plugins/auth.js';
import { actor, newsroomView, signedIn, str, type Form, type NewsroomDeps } from './context.js';
import { profileInput, uploadPhoto } from './people.js';
import { closeIfUnread, uploadRateLimit, uploadRefusal } from './upload.js';
import { AccountPage } from './views/AccountPage.js';

/** The signed-in person's own settings: the newsroom's language, their profile and photo, notifications, their password. */
export async function accountRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const view = newsroomView(deps.site);

  async function page(request: FastifyRequest, reply: FastifyReply, notice?: { kind: 'error' | 'ok'; text: string }, status = 200) {
    const user = signedIn(request);
    const profile = await personProfile(db, actor(request), user.id);
    return html(reply, <AccountPage v={view(request)} pt={peopleMessages(user.uiLocale)} profile={profile} {...(notice && { notice })} />, status);
  }

  app.get('/account', async (request, reply) => page(request, reply));

  app.post<{ Body: Form }>('/account/locale', async (request, reply) => {
    const user = signedIn(request);
    await setUiLocale(db, user.id, str(request.body, 'locale') === 'en' ? 'en' : 'gu');
    return reply.redirect('/newsroom/account', 303);
  });

  app.post<{ Body: Form }>('/account/profile', async (request, reply) => {
    const user = signedIn(request);
    await savePerson(deps, {
      actor: actor(request),
      personId: user.id,
      profile: profileInput(request.body),
      ...(str(request.body, 'notifyShown') === '1' && { notifySubmissions: str(request.body, 'notifySubmissions') === '1' }),
    });
    return page(request, reply, { kind: 'ok', text: peopleMessages(user.uiLocale).profileSaved });
  });

  app.post(
    '/account/photo',
    {
      config: { rateLimit: uploadRateLimit(deps.uploadsPerMinute) },
      onSend: closeIfUnread,
      errorHandler: async (error, request, reply) => {
        const refusal = uploadRefusal(error, request.user?.uiLocale ?? 'gu');
        if (!refusal || !request.user) throw error;
        return page(request, reply, { kind: 'error', text: refusal.message }, refusal.status);
      },
    },
    async (request, reply) => {
      const user = signedIn(request);
      await uploadPhoto(deps, request, user.id);
      return page(request, reply, { kind: 'ok', text: peopleMessages(user.uiLocale).photoSaved });
    },
  );

  app.post('/account/photo/remove', async (request, reply) => {
    const user = signedIn(request);
    await setPersonPhoto(deps, { actor: actor(request), personId: user.id, mediaId: null });
    return page(request, reply, { kind: 'ok', text: peopleMessages(user.uiLocale).photoRemoved });
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
      return page(request, reply, { kind: 'error', text: peopleMessages(user.uiLocale).problem(err.problem) }, 400);
    }
    return page(request, reply, { kind: 'ok', text: v.t.saved });
  });
}
