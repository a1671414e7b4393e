import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.js';

export const socialNetworks = ['telegram', 'whatsapp', 'instagram', 'x', 'facebook', 'youtube'] as const;
export type SocialNetwork = (typeof socialNetworks)[number];

/** A link on every page: a path on this site (not `//elsewhere`) or an http(s) address. */
const siteLink = z.string().regex(/^\/(?!\/)/).or(z.url({ protocol: /^https?$/ }));

const settingsSchema = z.object({
  /** Site name as shown in the header, titles and feeds. */
  name: z.string().min(1),
  tagline: z.string(),
  /** UI language: `gu` (default) or `en`. */
  locale: z.enum(['gu', 'en']),
  timeZone: z.string().min(1).refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'not a time zone'),
  /** Digits for counts and dates on pages. */
  digits: z.enum(['gujarati', 'ascii']),
  /**
   * The site's own channels, shown as "follow us" links; absent ones are not shown. Web
   * addresses only (and the apps' own `tg:` and `whatsapp:` links): never `javascript:` or `data:`.
   */
  social: z
    .partialRecord(z.enum(socialNetworks), z.url({ protocol: /^(https?|tg|whatsapp)$/ }))
    .superRefine((links, ctx) => {
      for (const [network, url] of Object.entries(links)) {
        const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
        const own = (network === 'telegram' && scheme === 'tg') || (network === 'whatsapp' && scheme === 'whatsapp');
        if (scheme !== 'http' && scheme !== 'https' && !own) ctx.addIssue({ code: 'custom', path: [network], message: `a ${network} link must start with https://` });
      }
    }),
  /** Publisher logo for the header, JSON-LD and feeds, a path under the site. */
  logoPath: z.string().regex(/^\/(?!\/)/),
  /**
   * The site icon's media key without size (`site/icon-3fa9…`); its PNGs are that key plus
   * `-32.png`, `-180.png`, `-192.png`, `-512.png`. Empty: the built-in icon.
   */
  faviconPath: z.string().regex(/^(site\/icon-[0-9a-f]{8,32})?$/),
  /**
   * The site's public origin (`https://khabar.example`) for canonical links, feeds and sitemaps;
   * empty: `PUBLIC_URL` from the environment. No path, query or fragment.
   */
  publicUrl: z.literal('').or(z.url({ protocol: /^https?$/ }).refine((u) => /^https?:\/\/[^/?#]+\/?$/i.test(u), 'an origin only: no path, query or fragment')),
  /** Whether readers may send new comments (`open`) or not (`closed`); approved ones stay shown. */
  commentPolicy: z.enum(['open', 'closed']),
  /** Articles per page on section, tag and author pages. */
  pageSize: z.number().int().min(1).max(100),
  /** A line of breaking news above every page, set and cleared by editors. */
  breakingBanner: z
    .object({ text: z.string().min(1).max(300), url: siteLink.optional() })
    .nullable(),
  /** Largest upload the media library accepts, in bytes. */
  maxUploadBytes: z.number().int().min(100_000).max(200_000_000),
  /** New articles get readable ASCII slugs (`ascii`) or keep Gujarati script (`native`). */
  slugStyle: z.enum(['ascii', 'native']),
});

export type BreakingBanner = NonNullable<z.infer<typeof settingsSchema>['breakingBanner']>;

export type SiteSettings = z.infer<typeof settingsSchema>;

export const defaultSettings: SiteSettings = {
  name: 'ખબર',
  tagline: 'ગુજરાતી સમાચાર, ઝડપથી અને સાચા',
  locale: 'gu',
  timeZone: 'Asia/Kolkata',
  digits: 'ascii',
  social: {},
  logoPath: '/assets/logo.png',
  faviconPath: '',
  publicUrl: '',
  commentPolicy: 'open',
  pageSize: 12,
  breakingBanner: null,
  maxUploadBytes: 10_000_000,
  slugStyle: 'ascii',
};

/** Reads all settings, falling back to defaults for keys never set. */
export async function getSettings(db: Kysely<DB> | Transaction<DB>): Promise<SiteSettings> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value);
  return settingsSchema.parse({ ...defaultSettings, ...stored });
}

export type SettingKey = keyof SiteSettings;
export const settingKeys = Object.keys(defaultSettings) as SettingKey[];

/** One refused value: `key` is the setting's path (`social.x`), `reason` the validator's words (for logs). */
export interface SettingProblem {
  key: string;
  reason: string;
}

/** Settings that failed validation; `key` names the first bad one, `problems` all of them. */
export class SettingsError extends Error {
  readonly key: string;
  readonly reason: string;
  constructor(readonly problems: SettingProblem[]) {
    const first = problems[0] ?? { key: '(unknown)', reason: '' };
    super(`setting ${first.key} is invalid: ${first.reason}`);
    this.key = first.key;
    this.reason = first.reason;
  }
}

/**
 * Validates and stores some settings inside the caller's transaction; unknown keys or bad
 * values throw SettingsError with the key named. Returns the keys whose value changed.
 */
export async function writeSettings(trx: Transaction<DB>, patch: Partial<SiteSettings>): Promise<string[]> {
  const checked = settingsSchema.partial().strict().safeParse(patch);
  if (!checked.success) {
    // An unknown key's issue names the keys, not a path.
    throw new SettingsError(
      checked.error.issues.map((issue) => ({
        key: issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '(unknown)'),
        reason: issue.message,
      })),
    );
  }
  const before = await getSettings(trx);
  const changed: string[] = [];
  for (const [key, value] of Object.entries(checked.data)) {
    const json = JSON.stringify(value);
    if (JSON.stringify(before[key as keyof SiteSettings]) !== json) changed.push(key);
    await trx
      .insertInto('settings')
      .values({ key, value: json })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
      .execute();
  }
  return changed;
}
