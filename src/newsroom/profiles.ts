import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, Person } from '../db/schema.js';
import type { ChangeFeed } from '../content/changes.js';
import type { MailOutcome, PeopleProblem } from '../i18n/people.js';
import { compose, type Mailer, type MailMessage } from '../mail/index.js';
import { passwordMaxLength, passwordProblem, secretHash } from './passwords.js';

export type { MailOutcome, PeopleProblem };

/** A refused change to a person; the newsroom words it in the person's language (i18n/people.ts). */
export class PersonError extends Error {
  constructor(readonly problem: PeopleProblem) {
    super(`person: ${problem.code}`);
    this.name = 'PersonError';
  }
}

/** What the people commands need: the database and change feed, and mail when it is on. */
export interface PeopleDeps {
  db: Kysely<DB>;
  feed: ChangeFeed;
  /** Undefined when SMTP_URL is not set: links are shown to the admin instead. */
  mailer?: Mailer;
  /** The site's name now (it may be changed in the settings while the process runs). */
  siteName: () => string;
  /** Base of the links in messages, e.g. https://khabar.example (no trailing slash). */
  publicUrl: string;
  /** Where a failed send is reported; the action it belongs to goes on. */
  onMailError?: (err: unknown) => void;
}

export const nameMaxLength = 200;
export const titleMaxLength = 200;
export const bioMaxLength = 4000;
export const maxLinks = 10;
const linkMaxLength = 500;

const emailPattern = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export function checkedEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !emailPattern.test(email)) throw new PersonError({ code: 'badEmail', email: raw.trim().slice(0, 254) });
  return email;
}

/** Profiles elsewhere: absolute http(s) URLs only (no `javascript:`, no bare words), each once. */
export function checkedLinks(links: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of links.map((l) => l.trim()).filter((l) => l !== '')) {
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || raw.length > linkMaxLength || url.username || url.password) {
      throw new PersonError({ code: 'badLink', link: raw.slice(0, 100) });
    }
    if (!out.includes(url.href)) out.push(url.href);
  }
  if (out.length > maxLinks) throw new PersonError({ code: 'tooManyLinks', max: maxLinks });
  return out;
}

export function checkedText(value: string, field: 'name' | 'title' | 'bio', max: number): string {
  const text = value.trim();
  if ([...text].length > max) throw new PersonError({ code: 'tooLong', field, max });
  return text;
}

export function checkedPassword(password: string): void {
  if (passwordProblem(password)) throw new PersonError({ code: 'badPassword', min: 10, max: passwordMaxLength });
}

export type TokenPurpose = 'reset' | 'invite';

/** How long a link works: an invitation waits for someone to read it, a reset is asked for now. */
export const tokenLifetimeMs: Record<TokenPurpose, number> = { invite: 72 * 3600_000, reset: 3600_000 };

/** A one-time link's secret; only its hash is stored. Earlier unused links of the person stop working. */
export async function createToken(trx: Kysely<DB> | Transaction<DB>, personId: number, purpose: TokenPurpose, now: Date): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await trx.updateTable('password_resets').set({ used_at: now.toISOString() }).where('person_id', '=', personId).where('used_at', 'is', null).execute();
  await trx
    .insertInto('password_resets')
    .values({ token_hash: secretHash(token), person_id: personId, purpose, expires_at: new Date(now.getTime() + tokenLifetimeMs[purpose]).toISOString(), used_at: null })
    .execute();
  return token;
}

export const resetLink = (publicUrl: string, token: string) => `${publicUrl}/newsroom/reset?token=${token}`;

/**
 * Sends one message, outside any transaction; a failing server is reported and answered
 * 'failed' (the caller shows the link instead), never thrown.
 */
export async function deliver(deps: PeopleDeps, message: MailMessage): Promise<MailOutcome> {
  if (!deps.mailer) return 'off';
  try {
    await deps.mailer.send(message);
    return 'sent';
  } catch (err) {
    deps.onMailError?.(err);
    return 'failed';
  }
}

export { compose };

export const localeOf = (person: Pick<Person, 'ui_locale'>): 'gu' | 'en' => (person.ui_locale === 'en' ? 'en' : 'gu');
