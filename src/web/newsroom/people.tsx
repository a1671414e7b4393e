import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../db/schema.js';
import { roles } from '../../content/policies.js';
import { getSettings } from '../../content/settings.js';
import { formatDateTime, zoneLabel } from '../../gujarati/dates.js';
import { intlLocale } from '../../i18n/index.js';
import { peopleMessages, type PeopleMessages } from '../../i18n/people.js';
import { ImageRefused } from '../../media/images.js';
import { storeUpload, UploadError } from '../../media/upload.js';
import { changeRole } from '../../newsroom/commands/changeRole.js';
import { invitePerson } from '../../newsroom/commands/invitePerson.js';
import { issueResetLink } from '../../newsroom/commands/issueResetLink.js';
import { savePerson, type ProfileInput } from '../../newsroom/commands/savePerson.js';
import { setPersonActive } from '../../newsroom/commands/setPersonActive.js';
import { setPersonPhoto } from '../../newsroom/commands/setPersonPhoto.js';
import { peoplePage, personProfile } from '../../newsroom/peopleQueries.js';
import { newsroomRestMessages } from '../../i18n/newsroomRest.js';
import type { PeopleDeps } from '../../newsroom/profiles.js';
import { sendPage as html } from '../html.js';
import { requirePermission } from '../plugins/auth.js';
import { idParams } from '../schemas.js';
import { actor, newsroomView, signedIn, str, type Form, type NewsroomDeps } from './context.js';
import { closeIfUnread, readUpload, uploadRateLimit, uploadRefusal } from './upload.js';
import { PeoplePage, type PeopleNotice } from './views/PeoplePage.js';
import { PersonPage } from './views/PersonPage.js';

/** What the people commands need from the app: mail (when on), the site's name and address. */
export function peopleDeps(deps: NewsroomDeps, request: FastifyRequest): PeopleDeps {
  return {
    db: deps.db,
    feed: deps.feed,
    ...(deps.mailer && { mailer: deps.mailer }),
    siteName: () => deps.site.ctx.site.name,
    publicUrl: deps.site.ctx.publicUrl,
    onMailError: (err) => request.log.warn({ err }, 'mail could not be sent'),
  };
}

/** The profile form's fields, as typed. */
export function profileInput(body: Form): ProfileInput {
  return {
    name: str(body, 'name') ?? '',
    title: str(body, 'title') ?? '',
    bio: str(body, 'bio') ?? '',
    socialLinks: (str(body, 'links') ?? '').split(/\r?\n/),
    emailPublic: str(body, 'emailPublic') === '1',
  };
}

const profileBody = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', maxLength: 1000 },
    title: { type: 'string', maxLength: 1000 },
    bio: { type: 'string', maxLength: 20_000 },
    links: { type: 'string', maxLength: 10_000 },
    emailPublic: { type: 'string', maxLength: 1 },
    notifySubmissions: { type: 'string', maxLength: 1 },
    notifyShown: { type: 'string', maxLength: 1 },
  },
} as const;

const role = { type: 'string', enum: roles } as const;

/**
 * The people of the newsroom (admins): everyone who carries a byline, with or without an account.
 * Create byline people, edit profiles and photos, invite to an account, change roles, deactivate.
 */
export async function peopleRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const view = newsroomView(deps.site);
  const pt = (request: FastifyRequest): PeopleMessages => peopleMessages(request.user?.uiLocale ?? 'gu');
  const manage = requirePermission('people.manage');

  async function personPage(request: FastifyRequest, reply: FastifyReply, personId: number, notice?: PeopleNotice, status = 200) {
    const v = view(request);
    const p = await personProfile(db, actor(request), personId);
    return html(reply, <PersonPage v={v} pt={pt(request)} p={p} when={v.time} mailOn={deps.mailer !== undefined} {...(notice && { notice })} />, status);
  }

  const listQuery = { type: 'object', properties: { q: { type: 'string', maxLength: 200 }, page: { type: 'integer', minimum: 1, maximum: 100_000 } } } as const;

  app.get<{ Querystring: { q?: string; page?: number } }>('/people', { ...manage, schema: { querystring: listQuery } }, async (request, reply) => {
    const v = view(request);
    const q = (request.query.q ?? '').trim();
    const list = await peoplePage(db, actor(request), { q, page: request.query.page ?? 1 });
    return html(reply, <PeoplePage v={v} pt={pt(request)} r={newsroomRestMessages(v.lang)} list={list} q={q} when={v.time} mailOn={deps.mailer !== undefined} />);
  });

  app.post<{ Body: Form }>('/people', { ...manage, schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 1000 }, title: { type: 'string', maxLength: 1000 } } } } }, async (request, reply) => {
    const id = await savePerson(deps, {
      actor: actor(request),
      profile: { name: str(request.body, 'name') ?? '', title: str(request.body, 'title') ?? '', bio: '', socialLinks: [], emailPublic: false },
    });
    return personPage(request, reply, id, { kind: 'ok', text: pt(request).created(str(request.body, 'name')?.trim() ?? '') }, 201);
  });

  app.get<{ Params: { id: number } }>('/people/:id', { ...manage, schema: { params: idParams } }, async (request, reply) => personPage(request, reply, request.params.id));

  app.post<{ Params: { id: number }; Body: Form }>('/people/:id/profile', { ...manage, schema: { params: idParams, body: profileBody } }, async (request, reply) => {
    await savePerson(deps, { actor: actor(request), personId: request.params.id, profile: profileInput(request.body) });
    return personPage(request, reply, request.params.id, { kind: 'ok', text: pt(request).profileSaved });
  });

  app.post<{ Params: { id: number } }>(
    '/people/:id/photo',
    {
      ...manage,
      config: { ...manage.config, rateLimit: uploadRateLimit(deps.uploadsPerMinute) },
      onSend: closeIfUnread,
      schema: { params: idParams },
      errorHandler: async (error, request, reply) => {
        const refusal = uploadRefusal(error, request.user?.uiLocale ?? 'gu');
        if (!refusal || !request.user) throw error;
        return personPage(request, reply, (request.params as { id: number }).id, { kind: 'error', text: refusal.message }, refusal.status);
      },
    },
    async (request, reply) => {
      await uploadPhoto(deps, request, request.params.id);
      return personPage(request, reply, request.params.id, { kind: 'ok', text: pt(request).photoSaved });
    },
  );

  app.post<{ Params: { id: number } }>('/people/:id/photo/remove', { ...manage, schema: { params: idParams } }, async (request, reply) => {
    await setPersonPhoto(deps, { actor: actor(request), personId: request.params.id, mediaId: null });
    return personPage(request, reply, request.params.id, { kind: 'ok', text: pt(request).photoRemoved });
  });

  app.post<{ Params: { id: number }; Body: { email: string; role: Role } }>(
    '/people/:id/invite',
    { ...manage, schema: { params: idParams, body: { type: 'object', required: ['email', 'role'], properties: { email: { type: 'string', maxLength: 254 }, role } } } },
    async (request, reply) => {
      const who = actor(request);
      const invitation = await invitePerson(peopleDeps(deps, request), { actor: who, personId: request.params.id, email: request.body.email, role: request.body.role });
      const p = await personProfile(db, who, request.params.id);
      const text = pt(request).inviteResult(p.name, invitation.mail);
      return personPage(request, reply, p.id, { kind: invitation.mail === 'failed' ? 'error' : 'ok', text, ...(invitation.mail !== 'sent' && { link: invitation.link }) });
    },
  );

  app.post<{ Params: { id: number } }>('/people/:id/reset-link', { ...manage, schema: { params: idParams } }, async (request, reply) => {
    const who = actor(request);
    const issued = await issueResetLink(peopleDeps(deps, request), { actor: who, personId: request.params.id });
    const p = await personProfile(db, who, request.params.id);
    return personPage(request, reply, p.id, { kind: issued.mail === 'failed' ? 'error' : 'ok', text: pt(request).resetLinkFor(p.name, issued.mail), ...(issued.mail !== 'sent' && { link: issued.link }) });
  });

  app.post<{ Params: { id: number }; Body: { role: Role } }>(
    '/people/:id/role',
    { ...manage, schema: { params: idParams, body: { type: 'object', required: ['role'], properties: { role } } } },
    async (request, reply) => {
      await changeRole(deps, { actor: actor(request), personId: request.params.id, role: request.body.role });
      const p = await personProfile(db, actor(request), request.params.id);
      return personPage(request, reply, p.id, { kind: 'ok', text: pt(request).roleChanged(p.name, view(request).t.roles[request.body.role]) });
    },
  );

  for (const [path, active] of [['deactivate', false], ['reactivate', true]] as const) {
    app.post<{ Params: { id: number } }>(`/people/:id/${path}`, { ...manage, schema: { params: idParams } }, async (request, reply) => {
      await setPersonActive(deps, { actor: actor(request), personId: request.params.id, active });
      const p = await personProfile(db, actor(request), request.params.id);
      return personPage(request, reply, p.id, { kind: 'ok', text: active ? pt(request).reactivatedNotice(p.name) : pt(request).deactivatedNotice(p.name) });
    });
  }
}

/** Reads a photo upload, crops it square, stores it with its sizes, and sets it as the person's photo. */
export async function uploadPhoto(deps: NewsroomDeps, request: FastifyRequest, personId: number): Promise<void> {
  const who = actor(request);
  // The policy is checked before the file is read and stored: a refused person stores nothing.
  await personProfile(deps.db, who, personId);
  const settings = await getSettings(deps.db);
  const upload = await readUpload(request, settings.maxUploadBytes);
  let square: Buffer;
  try {
    square = await deps.images.square(upload.bytes, upload.filename);
  } catch (err) {
    if (err instanceof ImageRefused) throw new UploadError(err.file, err.problem);
    throw err;
  }
  const person = await personProfile(deps.db, who, personId);
  const media = await storeUpload({ db: deps.db, media: deps.media, images: deps.images }, { bytes: square, filename: upload.filename, alt: peopleMessages(signedIn(request).uiLocale).reader.photoOf(person.name) });
  await setPersonPhoto(deps, { actor: who, personId, mediaId: media.id });
}
