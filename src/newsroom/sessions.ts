import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.js';
import { clearFailures, countAttempt, maxFailedLogins } from './loginAttempts.js';
import { hashPassword, passwordMaxLength, secretHash, verifyPassword } from './passwords.js';
import { emailMaxLength, personByEmail } from './people.js';
import { createToken } from './profiles.js';

export { maxFailedLogins, lockoutMs } from './loginAttempts.js';

/** A signed-in person, as routes and policies see them. */
export interface SessionUser {
  id: number;
  name: string;
  email: string;
  role: Role;
  uiLocale: 'gu' | 'en';
  csrfToken: string;
}

export const sessionLifetimeMs = 14 * 24 * 3600_000;

export type LoginResult =
  | { ok: true; sessionId: string; user: SessionUser }
  | { ok: false; reason: 'bad-credentials' | 'locked' | 'disabled'; lockedUntil?: Date }
  /** The right one-time password: it is spent now, and the person must choose their own with this reset token. */
  | { ok: false; reason: 'must-change'; resetToken: string };

// Verifying against a real hash when the account does not exist keeps the timing the same.
let dummyHash: Promise<string> | undefined;
async function burnTime(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password');
  await verifyPassword(password, await dummyHash);
  return false;
}

/**
 * Checks a password and opens a session. Every login name, an account's or no one's, is
 * counted and locked the same way, and an unknown or disabled account costs the same scrypt
 * as a real one: the answers and their timing say nothing about which accounts exist. Only the
 * right password of a disabled account hears that it is disabled.
 */
export async function login(db: Kysely<DB>, email: string, password: string, now = new Date()): Promise<LoginResult> {
  // Longer than any account's e-mail or password: refused before any lookup or hashing.
  if (email.length > emailMaxLength || password.length > passwordMaxLength) return { ok: false, reason: 'bad-credentials' };
  const attempt = await countAttempt(db, email, now);
  const locked = { ok: false, reason: 'locked', ...(attempt.lockedUntil && { lockedUntil: attempt.lockedUntil }) } as const;
  // Attempts past the limit (also those in flight when it was reached) get no password check.
  if (attempt.number > maxFailedLogins) return locked;
  const person = await personByEmail(db, email);
  const stored = person?.role && person.email ? person.password_hash : null;
  const right = stored ? await verifyPassword(password, stored) : await burnTime(password);
  if (!person || !right || !person.role || !person.email) return attempt.number >= maxFailedLogins ? locked : { ok: false, reason: 'bad-credentials' };
  if (person.disabled) return { ok: false, reason: 'disabled' };
  await clearFailures(db, email);
  if (person.must_change_password) {
    // The one-time password stops working here, whether or not a new one is chosen.
    const resetToken = await db.transaction().execute(async (trx) => {
      await trx.updateTable('people').set({ password_hash: null }).where('id', '=', person.id).execute();
      return createToken(trx, person.id, 'reset', now);
    });
    return { ok: false, reason: 'must-change', resetToken };
  }
  await db.updateTable('people').set({ last_sign_in_at: now.toISOString() }).where('id', '=', person.id).execute();
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id_hash: secretHash(sessionId),
      person_id: person.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + sessionLifetimeMs).toISOString(),
    })
    .execute();
  return {
    ok: true,
    sessionId,
    user: { id: person.id, name: person.name, email: person.email, role: person.role, uiLocale: person.ui_locale === 'en' ? 'en' : 'gu', csrfToken },
  };
}

/** The person behind a session cookie, or undefined when it is unknown, expired or disabled. */
export async function userForSession(db: Kysely<DB>, sessionId: string, now = new Date()): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('people', 'people.id', 'sessions.person_id')
    .select(['people.id', 'people.name', 'people.email', 'people.role', 'people.ui_locale', 'people.disabled', 'sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', secretHash(sessionId))
    .executeTakeFirst();
  if (!row || row.disabled || !row.role || !row.email || new Date(row.expires_at) <= now) return undefined;
  return { id: row.id, name: row.name, email: row.email, role: row.role, uiLocale: row.ui_locale === 'en' ? 'en' : 'gu', csrfToken: row.csrf_token };
}

export async function logout(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', secretHash(sessionId)).execute();
}

export async function setUiLocale(db: Kysely<DB>, personId: number, locale: 'gu' | 'en'): Promise<void> {
  await db.updateTable('people').set({ ui_locale: locale }).where('id', '=', personId).execute();
}
