import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { personByEmail } from './people.js';

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
/** Failed logins in a row that lock an account, and for how long. */
export const maxFailedLogins = 5;
export const lockoutMs = 15 * 60_000;

const hash = (value: string) => createHash('sha256').update(value).digest('base64url');

export type LoginResult =
  | { ok: true; sessionId: string; user: SessionUser }
  | { ok: false; reason: 'bad-credentials' | 'locked' | 'disabled'; lockedUntil?: Date };

// Verifying against a real hash when the account does not exist keeps the timing the same.
let dummyHash: Promise<string> | undefined;
async function burnTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password');
  await verifyPassword(password, await dummyHash);
}

/** Checks a password and opens a session; counts failures and locks the account after too many. */
export async function login(db: Kysely<DB>, email: string, password: string, now = new Date()): Promise<LoginResult> {
  const person = await personByEmail(db, email);
  if (!person || !person.password_hash || !person.role || !person.email) {
    await burnTime(password);
    return { ok: false, reason: 'bad-credentials' };
  }
  if (person.disabled) return { ok: false, reason: 'disabled' };
  if (person.locked_until && new Date(person.locked_until) > now) {
    return { ok: false, reason: 'locked', lockedUntil: new Date(person.locked_until) };
  }
  if (!(await verifyPassword(password, person.password_hash))) {
    const failed = person.failed_logins + 1;
    const locked = failed >= maxFailedLogins ? new Date(now.getTime() + lockoutMs) : undefined;
    await db
      .updateTable('people')
      .set({ failed_logins: locked ? 0 : failed, locked_until: locked?.toISOString() ?? null })
      .where('id', '=', person.id)
      .execute();
    return locked ? { ok: false, reason: 'locked', lockedUntil: locked } : { ok: false, reason: 'bad-credentials' };
  }
  await db.updateTable('people').set({ failed_logins: 0, locked_until: null }).where('id', '=', person.id).execute();
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id_hash: hash(sessionId),
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
    .where('sessions.id_hash', '=', hash(sessionId))
    .executeTakeFirst();
  if (!row || row.disabled || !row.role || !row.email || new Date(row.expires_at) <= now) return undefined;
  return { id: row.id, name: row.name, email: row.email, role: row.role, uiLocale: row.ui_locale === 'en' ? 'en' : 'gu', csrfToken: row.csrf_token };
}

export async function logout(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hash(sessionId)).execute();
}

export async function setUiLocale(db: Kysely<DB>, personId: number, locale: 'gu' | 'en'): Promise<void> {
  await db.updateTable('people').set({ ui_locale: locale }).where('id', '=', personId).execute();
}
