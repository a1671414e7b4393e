import type { FastifyRequest } from 'fastify';
import { newsroomMessages } from '../../i18n/newsroom.js';
import { intlLocale } from '../../i18n/index.js';
import { formatDateTime, zoneLabel } from '../../gujarati/dates.js';
import type { SessionUser } from '../../newsroom/sessions.js';
import type { Actor } from '../../content/policies.js';
import { actorOf } from '../plugins/auth.js';
import { errorMessages } from '../../i18n/errors.js';
import { HttpError, requestLocale } from '../plugins/errors.js';
import type { WebServices } from '../plugins/services.js';
import type { SiteState } from '../site.js';
import type { NewsroomView } from './views/NewsroomLayout.js';

/** What the newsroom's routes use of the app's shared state. */
export type NewsroomDeps = Pick<WebServices, 'db' | 'feed' | 'site' | 'search' | 'spellchecker' | 'media' | 'images' | 'uploadsPerMinute' | 'secretKey' | 'publicUrl' | 'cache' | 'mailer'>;

/** A form post as @fastify/formbody parses it; fields a route relies on are typed by its schema. */
export type Form = Record<string, string | string[] | undefined>;

export const str = (f: Form, k: string): string | undefined => {
  const v = f[k];
  return Array.isArray(v) ? v[0] : v;
};

/** `12, 7,3` typed in a text field (the schema allows only digits, commas and spaces) → [12, 7, 3]. */
export const idList = (raw: string | undefined): number[] =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);

/** A text field of ids, as `idList` reads it. */
export const idListField = { type: 'string', maxLength: 2000, pattern: '^[0-9,\\s]*$' } as const;

/** What every newsroom page needs: the person's language and strings, the site's name, who is signed in. */
export function newsroomView(site: SiteState): (request: FastifyRequest) => NewsroomView {
  return (request) => {
    const lang = request.user?.uiLocale ?? 'gu';
    const s = site.siteSettings;
    const time = (d: Date) => `${formatDateTime(d, { locale: intlLocale(lang), timeZone: s.timeZone, digits: s.digits })} ${zoneLabel(s.timeZone)}`;
    return { t: newsroomMessages(lang), lang, siteName: site.ctx.site.name, time, ...(request.user && { user: request.user }) };
  };
}

/** The signed-in person; the newsroom's session hook has already answered for anyone else. */
export function signedIn(request: FastifyRequest): SessionUser {
  if (!request.user) throw new HttpError(401, 'login', errorMessages(requestLocale(request, 'gu')).signInFirst);
  return request.user;
}

export function actor(request: FastifyRequest): Actor {
  return actorOf(signedIn(request));
}
