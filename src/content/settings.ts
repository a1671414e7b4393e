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
  timeZone: z.string().min(1),
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
  /** Publisher logo for JSON-LD and feeds, a path under the site. */
  logoPath: z.string(),
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

/** Settings that failed validation; `key` names the first bad one. */
export class SettingsError extends Error {
  constructor(readonly key: string, readonly reason: string) {
    super(`setting ${key} is invalid: ${reason}`);
  }
}

/**
 * Validates and stores some settings inside the caller's transaction; unknown keys or bad
 * values throw SettingsError with the key named. Returns the keys whose value changed.
 */
export async function writeSettings(trx: Transaction<DB>, patch: Partial<SiteSettings>): Promise<string[]> {
  const checked = settingsSchema.partial().strict().safeParse(patch);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new SettingsError(issue?.path.join('.') || '(unknown)', issue?.message ?? '');
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
