// The channels page's form: which config fields each channel type shows, how a posted form
// becomes the config saveChannel validates, and how the stored (masked) config fills the form.
import { channelTypes } from '../../distribution/channels/index.js';
import type { ChangeKind, ChannelType } from '../../distribution/channels/types.js';
import type { ChannelRules } from '../../distribution/channelStore.js';
import type { DistributionUiMessages } from '../../i18n/distribution.js';
import type { Form } from './context.js';
import { toAsciiDigits } from '../../gujarati/numerals.js';

export type FieldKind = 'text' | 'secret' | 'secretList' | 'template' | 'checkbox' | 'lines' | 'onUnpublish';

export interface FieldSpec {
  /** Dotted path in the adapter's config. */
  path: string;
  kind: FieldKind;
  label: (f: DistributionUiMessages['fields']) => string;
}

const apiBase: FieldSpec = { path: 'apiBase', kind: 'text', label: (f) => f.apiBase };

export const channelFields: Record<ChannelType, FieldSpec[]> = {
  telegram: [
    { path: 'botToken', kind: 'secret', label: (f) => f.botToken },
    { path: 'chatId', kind: 'text', label: (f) => f.chatId },
    { path: 'template', kind: 'template', label: (f) => f.template },
    { path: 'readButton', kind: 'checkbox', label: (f) => f.readButton },
    { path: 'silentUnlessBreaking', kind: 'checkbox', label: (f) => f.silentUnlessBreaking },
    { path: 'onUnpublish', kind: 'onUnpublish', label: (f) => f.onUnpublish },
    apiBase,
  ],
  whatsapp: [
    { path: 'phoneNumberId', kind: 'text', label: (f) => f.phoneNumberId },
    { path: 'accessToken', kind: 'secret', label: (f) => f.accessToken },
    { path: 'template.name', kind: 'text', label: (f) => f.templateName },
    { path: 'template.language', kind: 'text', label: (f) => f.templateLanguage },
    { path: 'webhook.appSecret', kind: 'secret', label: (f) => f.appSecret },
    { path: 'webhook.verifyToken', kind: 'secret', label: (f) => f.verifyToken },
    apiBase,
  ],
  x: [
    { path: 'consumerKey', kind: 'secret', label: (f) => f.consumerKey },
    { path: 'consumerSecret', kind: 'secret', label: (f) => f.consumerSecret },
    { path: 'accessToken', kind: 'secret', label: (f) => f.xAccessToken },
    { path: 'accessTokenSecret', kind: 'secret', label: (f) => f.accessTokenSecret },
    { path: 'username', kind: 'text', label: (f) => f.username },
    { path: 'template', kind: 'template', label: (f) => f.template },
    apiBase,
  ],
  webpush: [{ path: 'vapid.subject', kind: 'text', label: (f) => f.subject }],
  webhook: [
    { path: 'url', kind: 'text', label: (f) => f.url },
    { path: 'secrets', kind: 'secretList', label: (f) => f.webhookSecret },
  ],
  websub: [
    { path: 'hubUrl', kind: 'text', label: (f) => f.hubUrl },
    { path: 'feedUrls', kind: 'lines', label: (f) => f.feedUrls },
  ],
};

/** Types an admin adds by hand; web push is made on first start with its keys. */
export const addableTypes: ChannelType[] = ['telegram', 'whatsapp', 'x', 'webhook', 'websub'];

type Json = Record<string, unknown>;

export function getPath(obj: Json, path: string): unknown {
  let at: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Json)[part];
  }
  return at;
}

function setPath(obj: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = obj;
  for (const part of parts.slice(0, -1)) {
    if (typeof at[part] !== 'object' || at[part] === null) at[part] = {};
    at = at[part] as Json;
  }
  const last = parts.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
}

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/**
 * The config to save: the stored one (fields the form does not show, such as VAPID keys, are
 * kept; its masked secrets become empty, which saveChannel reads as "keep"), with the form's
 * fields on top. An empty optional field is left out, so its default applies.
 */
export function configFromForm(type: ChannelType, form: Form, stored: Json | null): Json {
  const config = structuredClone(stored ?? {});
  for (const path of channelTypes[type].secretFields) {
    const v = getPath(config, path);
    if (typeof v === 'string') setPath(config, path, '');
    else if (Array.isArray(v)) setPath(config, path, v.map(() => ''));
  }
  for (const field of channelFields[type]) {
    const raw = form[`c.${field.path}`];
    switch (field.kind) {
      case 'checkbox':
        setPath(config, field.path, raw !== undefined);
        break;
      case 'secretList':
        setPath(config, field.path, [one(raw)]);
        break;
      case 'lines': {
        const lines = one(raw).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
        setPath(config, field.path, lines.length > 0 ? lines : undefined);
        break;
      }
      case 'template': {
        // Templates keep their line breaks; only the ends are trimmed.
        const text = (Array.isArray(raw) ? raw[0] : raw)?.replace(/\r\n/g, '\n').trim() ?? '';
        setPath(config, field.path, text === '' ? undefined : text);
        break;
      }
      default: {
        const text = one(raw);
        setPath(config, field.path, text === '' && field.kind !== 'secret' ? undefined : text);
      }
    }
  }
  return config;
}

export function rulesFromForm(form: Form, handles: readonly ChangeKind[]): Partial<ChannelRules> {
  const list = (k: string) => [form[k] ?? []].flat();
  // Gujarati digits are digits too.
  const delay = Number(toAsciiDigits(one(form.delaySeconds)) || '0');
  const kinds = list('kinds').filter((k): k is ChangeKind => handles.includes(k as ChangeKind));
  return {
    sections: list('sections').map(Number).filter((n) => Number.isInteger(n) && n > 0),
    breakingOnly: form.breakingOnly !== undefined,
    firstPublicationOnly: form.firstPublicationOnly !== undefined,
    delaySeconds: delay,
    // None ticked keeps what the channel had (a channel that sends nothing is turned off instead).
    ...(kinds.length > 0 && { kinds }),
  };
}

/** A field's value as the form shows it: text as stored, secrets never (their mask is shown beside). */
export function fieldValue(field: FieldSpec, config: Json): string {
  const v = getPath(config, field.path);
  if (field.kind === 'secret' || field.kind === 'secretList') return '';
  if (field.kind === 'lines') return Array.isArray(v) ? v.join('\n') : '';
  return typeof v === 'string' ? v : '';
}

/** What is stored of a secret field, masked (`••••••••x9Qz`), or null when nothing is. */
export function maskOf(field: FieldSpec, config: Json): string | null {
  const v = getPath(config, field.path);
  if (typeof v === 'string' && v !== '') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return null;
}
