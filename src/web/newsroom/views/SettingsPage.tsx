import type { ComponentChildren } from 'preact';
import type { AdminLogItem } from '../../../content/adminLog.js';
import { socialNetworks, type SiteSettings, type SocialNetwork } from '../../../content/settings.js';
import { urls } from '../../../content/urls.js';
import { siteIconKey } from '../../../media/siteIcon.js';
import { siteAdminMessages, type SiteAdminMessages } from '../../../i18n/siteAdmin.js';
import { can } from '../../../content/policies.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

/** The settings form as typed (strings, so a refused value comes back exactly as it was). */
export interface SettingsForm {
  name: string;
  tagline: string;
  locale: string;
  timeZone: string;
  digits: string;
  commentPolicy: string;
  maxUploadMb: string;
  slugStyle: string;
  publicUrl: string;
  social: Partial<Record<SocialNetwork, string>>;
}

/** The tabs of site administration, each shown only to those who may use it. */
export function AdminTabs(props: { v: NewsroomView; current: 'settings' | 'history' | 'sections' | 'tags' }) {
  const m = siteAdminMessages(props.v.lang);
  const user = props.v.user;
  if (!user) return null;
  const tabs = [
    ...(can(user, 'settings.manage')
      ? [
          { id: 'settings', href: '/newsroom/settings', label: m.settings },
          { id: 'history', href: '/newsroom/settings/history', label: m.history },
        ]
      : []),
    ...(can(user, 'taxonomy.manage')
      ? [
          { id: 'sections', href: '/newsroom/sections', label: m.sections },
          { id: 'tags', href: '/newsroom/tags', label: m.tags },
        ]
      : []),
  ];
  return (
    <nav class="admin-tabs" aria-label={m.settings}>
      {tabs.map((t) => (
        <a href={t.href} {...(t.id === props.current && { 'aria-current': 'page' })}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}

function Group(props: { title: string; help: string; id: string; children: ComponentChildren }) {
  return (
    <section class="admin-group" aria-labelledby={props.id}>
      <div class="admin-group-head">
        <h2 id={props.id}>{props.title}</h2>
        <p>{props.help}</p>
      </div>
      <div class="admin-card">{props.children}</div>
    </section>
  );
}

/** A labelled field with its help and, when refused, its error (tied to it for screen readers). */
function Field(props: { id: string; label: string; help?: string; error?: string | undefined; children: (describedBy: string | undefined) => ComponentChildren }) {
  const ids = [props.help && `${props.id}-help`, props.error && `${props.id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'admin-field has-error' : 'admin-field'}>
      <label for={props.id}>{props.label}</label>
      {props.children(ids)}
      {props.help && (
        <p class="field-help" id={`${props.id}-help`}>
          {props.help}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

function TextInput(props: { id: string; name: string; value: string; error?: string | undefined; describedBy: string | undefined; inputMode?: string; placeholder?: string }) {
  return (
    <input
      id={props.id}
      name={props.name}
      type="text"
      value={props.value}
      {...(props.inputMode && { inputMode: props.inputMode })}
      {...(props.placeholder && { placeholder: props.placeholder })}
      {...(props.describedBy && { 'aria-describedby': props.describedBy })}
      {...(props.error && { 'aria-invalid': 'true' })}
    />
  );
}

function Radios(props: { name: string; legend: string; value: string; options: { value: string; label: string }[]; error?: string | undefined }) {
  return (
    <fieldset class="admin-radios">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label class="radio">
          <input type="radio" name={props.name} value={o.value} checked={props.value === o.value} /> {o.label}
        </label>
      ))}
      {props.error && <p class="field-error">{props.error}</p>}
    </fieldset>
  );
}

const socialPlaceholder: Record<SocialNetwork, string> = {
  telegram: 'https://t.me/…',
  whatsapp: 'https://whatsapp.com/channel/…',
  instagram: 'https://instagram.com/…',
  x: 'https://x.com/…',
  facebook: 'https://facebook.com/…',
  youtube: 'https://youtube.com/@…',
};

function ImageUpload(props: { m: SiteAdminMessages; kind: 'logo' | 'favicon'; src: string; csrf: string; error?: string | undefined }) {
  const { m } = props;
  const id = `upload-${props.kind}`;
  return (
    <form method="post" action={`/newsroom/settings/${props.kind}?_csrf=${encodeURIComponent(props.csrf)}`} enctype="multipart/form-data" class={props.error ? 'admin-field has-error admin-image' : 'admin-field admin-image'}>
      <Csrf token={props.csrf} />
      <div class={`admin-image-preview admin-image-${props.kind}`}>
        <img src={props.src} alt={`${props.kind === 'logo' ? m.fields.logo : m.fields.favicon} (${m.fields.current})`} width={props.kind === 'logo' ? 160 : 64} height={64} />
      </div>
      <div>
        <label for={id}>{props.kind === 'logo' ? m.fields.logo : m.fields.favicon}</label>
        <input id={id} type="file" name="file" accept="image/png,image/jpeg,image/webp,image/gif" aria-describedby={`${id}-help`} />
        <p class="field-help" id={`${id}-help`}>
          {props.kind === 'logo' ? m.fields.logoHelp : m.fields.faviconHelp}
        </p>
        {props.error && <p class="field-error">{props.error}</p>}
        <button type="submit" class="secondary">
          {m.fields.upload}
        </button>
      </div>
    </form>
  );
}

export function SettingsPage(props: { v: NewsroomView; stored: SiteSettings; form: SettingsForm; errors: Record<string, string>; notice?: { kind: 'ok' | 'error'; text: string } }) {
  const { v, form, errors, stored } = props;
  const m = siteAdminMessages(v.lang);
  const f = m.fields;
  const csrf = v.user?.csrfToken ?? '';
  const icon = stored.faviconPath ? urls.media(siteIconKey(stored.faviconPath, 180)) : '/assets/favicon.svg';
  return (
    <NewsroomLayout v={v} title={m.settings}>
      <AdminTabs v={v} current="settings" />
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <div class="admin-group">
        <div class="admin-group-head">
          <h2>{m.groups.images}</h2>
          <p>{m.groups.imagesHelp}</p>
        </div>
        <div class="admin-card admin-images">
          <ImageUpload m={m} kind="logo" src={stored.logoPath} csrf={csrf} error={errors.logoPath} />
          <ImageUpload m={m} kind="favicon" src={icon} csrf={csrf} error={errors.faviconPath} />
        </div>
      </div>
      <form method="post" action="/newsroom/settings" class="admin-form" noValidate>
        <Csrf token={csrf} />
        <Group id="g-identity" title={m.groups.identity} help={m.groups.identityHelp}>
          <Field id="s-name" label={f.name} error={errors.name}>
            {(d) => <TextInput id="s-name" name="name" value={form.name} error={errors.name} describedBy={d} />}
          </Field>
          <Field id="s-tagline" label={f.tagline} error={errors.tagline}>
            {(d) => <TextInput id="s-tagline" name="tagline" value={form.tagline} error={errors.tagline} describedBy={d} />}
          </Field>
        </Group>
        <Group id="g-language" title={m.groups.language} help={m.groups.languageHelp}>
          <Radios name="locale" legend={f.locale} value={form.locale} error={errors.locale} options={[{ value: 'gu', label: f.localeGu }, { value: 'en', label: f.localeEn }]} />
          <Field id="s-tz" label={f.timeZone} help={f.timeZoneHelp} error={errors.timeZone}>
            {(d) => <TextInput id="s-tz" name="timeZone" value={form.timeZone} error={errors.timeZone} describedBy={d} />}
          </Field>
          <Radios name="digits" legend={f.digits} value={form.digits} error={errors.digits} options={[{ value: 'gujarati', label: f.digitsGujarati }, { value: 'ascii', label: f.digitsAscii }]} />
        </Group>
        <Group id="g-social" title={m.groups.social} help={m.groups.socialHelp}>
          {socialNetworks.map((n) => (
            <Field id={`s-social-${n}`} label={f[n]} error={errors[`social.${n}`]}>
              {(d) => <TextInput id={`s-social-${n}`} name={`social_${n}`} inputMode="url" placeholder={socialPlaceholder[n]} value={form.social[n] ?? ''} error={errors[`social.${n}`]} describedBy={d} />}
            </Field>
          ))}
        </Group>
        <Group id="g-publishing" title={m.groups.publishing} help={m.groups.publishingHelp}>
          <Radios name="commentPolicy" legend={f.commentPolicy} value={form.commentPolicy} error={errors.commentPolicy} options={[{ value: 'open', label: f.commentOpen }, { value: 'closed', label: f.commentClosed }]} />
          <Field id="s-upload" label={f.maxUpload} error={errors.maxUploadBytes}>
            {(d) => <TextInput id="s-upload" name="maxUploadMb" inputMode="decimal" value={form.maxUploadMb} error={errors.maxUploadBytes} describedBy={d} />}
          </Field>
          <Radios name="slugStyle" legend={f.slugStyle} value={form.slugStyle} error={errors.slugStyle} options={[{ value: 'ascii', label: f.slugAscii }, { value: 'native', label: f.slugNative }]} />
          <Field id="s-url" label={f.publicUrl} help={f.publicUrlHelp} error={errors.publicUrl}>
            {(d) => <TextInput id="s-url" name="publicUrl" inputMode="url" placeholder="https://" value={form.publicUrl} error={errors.publicUrl} describedBy={d} />}
          </Field>
        </Group>
        <div class="admin-savebar">
          <button type="submit">{m.save}</button>
        </div>
      </form>
    </NewsroomLayout>
  );
}

/** A logged value in words: text as it is, lists joined, objects as `key: value` pairs. */
function shown(m: SiteAdminMessages, value: unknown): string {
  if (value === null || value === undefined || value === '') return m.empty;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((x) => shown(m, x)).join(' · ');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? m.empty : entries.map(([k, x]) => `${k}: ${shown(m, x)}`).join(', ');
  }
  return String(value);
}

export function SettingsHistoryPage(props: { v: NewsroomView; items: AdminLogItem[] }) {
  const { v } = props;
  const m = siteAdminMessages(v.lang);

  return (
    <NewsroomLayout v={v} title={m.history}>
      <AdminTabs v={v} current="history" />
      <p class="admin-intro">{m.historyIntro}</p>
      {props.items.length === 0 ? (
        <p>{m.historyEmpty}</p>
      ) : (
        <ol class="admin-log">
          {props.items.map((item) => (
            <li>
              <p class="admin-log-head">
                <strong>{m.actions[item.action] ?? item.action}</strong>
                {item.subjectName && <span> · {item.subjectName}</span>}
                <span class="admin-log-meta">
                  {item.origin === 'cli' ? m.cli : (item.personName ?? m.removedPerson)} · <time dateTime={item.at}>{v.time(new Date(item.at))}</time>
                </span>
              </p>
              {item.changes.length > 0 && (
                <dl class="admin-log-changes">
                  {item.changes.map((c) => (
                    <div>
                      <dt>{c.key === 'name' && item.subjectType !== 'settings' ? m.name : m.settingName(c.key)}</dt>
                      <dd>
                        <del>{shown(m, c.before)}</del> <span aria-hidden="true">→</span> <ins>{shown(m, c.after)}</ins>
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
            </li>
          ))}
        </ol>
      )}
    </NewsroomLayout>
  );
}
