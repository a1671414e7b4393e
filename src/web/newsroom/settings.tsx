import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getSettings, SettingsError, socialNetworks, type SiteSettings } from '../../content/settings.js';
import { listAdminLog } from '../../content/adminLog.js';
import { urls } from '../../content/urls.js';
import { toAsciiDigits } from '../../gujarati/numerals.js';
import { siteAdminMessages } from '../../i18n/siteAdmin.js';
import { storeUpload } from '../../media/upload.js';
import { storeSiteIcon } from '../../media/siteIcon.js';
import { updateSettings } from '../../newsroom/commands/updateSettings.js';
import { sendPage as html } from '../html.js';
import { requirePermission } from '../plugins/auth.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { closeIfUnread, readUpload, uploadRateLimit, uploadRefusal } from './upload.js';
import { SettingsHistoryPage, SettingsPage, type SettingsForm } from './views/SettingsPage.js';

const text = { type: 'string', maxLength: 2000 } as const;
const settingsBody = {
  type: 'object',
  properties: {
    name: text,
    tagline: text,
    locale: text,
    timeZone: text,
    digits: text,
    commentPolicy: text,
    maxUploadMb: text,
    slugStyle: text,
    publicUrl: text,
    ...Object.fromEntries(socialNetworks.map((n) => [`social_${n}`, text])),
  },
} as const;

/** What the form shows for stored settings. */
function formOf(s: SiteSettings): SettingsForm {
  return {
    name: s.name,
    tagline: s.tagline,
    locale: s.locale,
    timeZone: s.timeZone,
    digits: s.digits,
    commentPolicy: s.commentPolicy,
    maxUploadMb: String(s.maxUploadBytes / 1_000_000),
    slugStyle: s.slugStyle,
    publicUrl: s.publicUrl,
    social: Object.fromEntries(socialNetworks.map((n) => [n, s.social[n] ?? ''])),
  };
}

/** The typed form as a settings patch; the command's validation judges every value. */
function patchOf(f: SettingsForm): Partial<SiteSettings> {
  const social: SiteSettings['social'] = {};
  for (const n of socialNetworks) {
    const url = (f.social[n] ?? '').trim();
    if (url) social[n] = url;
  }
  const mb = Number(toAsciiDigits(f.maxUploadMb.trim()).replace(',', '.'));
  return {
    name: f.name.trim(),
    tagline: f.tagline.trim(),
    locale: f.locale as SiteSettings['locale'],
    timeZone: f.timeZone.trim(),
    digits: f.digits as SiteSettings['digits'],
    commentPolicy: f.commentPolicy as SiteSettings['commentPolicy'],
    // NaN and fractions of a byte are refused by the schema as the upload limit.
    maxUploadBytes: f.maxUploadMb.trim() === '' ? Number.NaN : Math.round(mb * 1_000_000),
    slugStyle: f.slugStyle as SiteSettings['slugStyle'],
    publicUrl: f.publicUrl.trim().replace(/(?<!\/)\/+$/, ''),
    social,
  };
}

function typedForm(body: Record<string, string | undefined>): SettingsForm {
  const s = (k: string) => body[k] ?? '';
  return {
    name: s('name'),
    tagline: s('tagline'),
    locale: s('locale'),
    timeZone: s('timeZone'),
    digits: s('digits'),
    commentPolicy: s('commentPolicy'),
    maxUploadMb: s('maxUploadMb'),
    slugStyle: s('slugStyle'),
    publicUrl: s('publicUrl'),
    social: Object.fromEntries(socialNetworks.map((n) => [n, s(`social_${n}`)])),
  };
}

/** Site settings (admins): the form, the logo and icon uploads, and the history of changes. */
export async function settingsRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const domain = { db: deps.db, feed: deps.feed };
  const view = newsroomView(deps.site);
  const page = async (request: FastifyRequest, o: { form?: SettingsForm; errors?: Record<string, string>; notice?: { kind: 'ok' | 'error'; text: string } } = {}) => {
    const stored = await getSettings(deps.db);
    return <SettingsPage v={view(request)} stored={stored} form={o.form ?? formOf(stored)} errors={o.errors ?? {}} {...(o.notice && { notice: o.notice })} />;
  };

  app.get<{ Querystring: { saved?: string } }>('/settings', requirePermission('settings.manage'), async (request, reply) => {
    const m = siteAdminMessages(request.user?.uiLocale ?? 'gu');
    const notice = request.query.saved === '1' ? { kind: 'ok' as const, text: m.saved } : request.query.saved === '0' ? { kind: 'ok' as const, text: m.nothingChanged } : undefined;
    return html(reply, await page(request, notice ? { notice } : {}));
  });

  app.post<{ Body: Record<string, string | undefined> }>('/settings', { ...requirePermission('settings.manage'), schema: { body: settingsBody } }, async (request, reply) => {
    const m = siteAdminMessages(request.user?.uiLocale ?? 'gu');
    const form = typedForm(request.body);
    const before = JSON.stringify(await getSettings(deps.db));
    try {
      const after = await updateSettings(domain, { actor: actor(request), patch: patchOf(form) });
      return reply.redirect(`/newsroom/settings?saved=${JSON.stringify(after) === before ? 0 : 1}`, 303);
    } catch (err) {
      if (!(err instanceof SettingsError)) throw err;
      // Each refused value beside its own field, in the person's language; what was typed stays.
      const errors = Object.fromEntries(err.problems.map((p) => [p.key, m.invalid(p.key)]));
      return html(reply, await page(request, { form, errors, notice: { kind: 'error', text: m.fixErrors(Object.keys(errors).length) } }), 400);
    }
  });

  for (const kind of ['logo', 'favicon'] as const) {
    app.post(
      `/settings/${kind}`,
      {
        ...requirePermission('settings.manage'),
        config: { ...requirePermission('settings.manage').config, rateLimit: uploadRateLimit(deps.uploadsPerMinute) },
        onSend: closeIfUnread,
        errorHandler: async (error, request, reply) => {
          const refusal = uploadRefusal(error, request.user?.uiLocale ?? 'gu');
          if (!refusal) throw error;
          return html(reply, await page(request, { errors: { [kind === 'logo' ? 'logoPath' : 'faviconPath']: refusal.message }, notice: { kind: 'error', text: refusal.message } }), refusal.status);
        },
      },
      async (request, reply) => {
        const settings = await getSettings(deps.db);
        const upload = await readUpload(request, settings.maxUploadBytes);
        const stores = { db: deps.db, media: deps.media, images: deps.images };
        const patch: Partial<SiteSettings> =
          kind === 'logo' ? { logoPath: urls.media((await storeUpload(stores, { ...upload, alt: settings.name })).path) } : { faviconPath: await storeSiteIcon(stores, upload) };
        await updateSettings(domain, { actor: actor(request), patch });
        return reply.redirect('/newsroom/settings?saved=1', 303);
      },
    );
  }

  app.get('/settings/history', requirePermission('settings.manage'), async (request, reply) => {
    const items = await listAdminLog(deps.db, { limit: 200 });
    return html(reply, <SettingsHistoryPage v={view(request)} items={items} />);
  });
}
