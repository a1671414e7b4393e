import type { Kysely } from 'kysely';
import type { DB, Person, Role } from '../db/schema.js';
import { nowIso } from '../db/connect.js';
import { slugify } from '../gujarati/slugify.js';
import { clearFailures } from './loginAttempts.js';
import { hashPassword, oneTimePassword, passwordMaxLength, passwordProblem, secretHash, verifyPassword } from './passwords.js';
import { checkedPassword, createToken, PersonError, type PeopleProblem } from './profiles.js';
import { roles } from '../content/policies.js';

/**
 * A refused account change (the CLI's and the account page's): a problem the newsroom words in
 * the person's language, and an English message for the CLI and the logs.
 */
export class PeopleError extends PersonError {
  constructor(problem: PeopleProblem, english: string) {
    super(problem);
    this.message = english;
    this.name = 'PeopleError';
  }
}

const badPassword = (english: string) => new PeopleError({ code: 'badPassword', min: 10, max: passwordMaxLength }, english);

export interface AddPersonProps {
  /** Login name; stored lower-cased. */
  email: string;
  /** Display name for bylines, Gujarati or Latin. */
  name: string;
  role: Role;
  /** When absent a one-time password is made and returned. */
  password?: string;
  title?: string;
  bio?: string;
}

const emailPattern = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
/** Longest e-mail address (RFC 5321's path limit); login refuses longer names unread. */
export const emailMaxLength = 254;

function checkEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (e.length > emailMaxLength || !emailPattern.test(e)) throw new PeopleError({ code: 'badEmail', email: email.slice(0, emailMaxLength) }, `"${email.slice(0, emailMaxLength)}" is not an e-mail address`);
  return e;
}

async function uniqueSlug(db: Kysely<DB>, name: string, email: string): Promise<string> {
  const base = slugify(name) || slugify(email.split('@')[0] ?? 'person');
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const taken = await db.selectFrom('people').select('id').where('slug', '=', slug).executeTakeFirst();
    if (!taken) return slug;
  }
}

/** Creates a newsroom account. Returns the person and, when no password was given, the one made. */
export async function addPerson(db: Kysely<DB>, props: AddPersonProps): Promise<{ person: Person; password?: string }> {
  const email = checkEmail(props.email);
  const name = props.name.trim();
  if (name === '') throw new PeopleError({ code: 'nameEmpty' }, 'name must not be empty');
  if (!roles.includes(props.role)) throw new PeopleError({ code: 'badRole', role: props.role }, `role "${props.role}" is not one of ${roles.join(', ')}`);
  const made = props.password === undefined ? oneTimePassword() : undefined;
  const password = props.password ?? made!;
  const problem = passwordProblem(password);
  if (problem) throw badPassword(problem);
  const existing = await db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw new PeopleError({ code: 'emailTaken', email }, `someone already has the e-mail ${email}`);
  const person = await db
    .insertInto('people')
    .values({
      slug: await uniqueSlug(db, name, email),
      name,
      email,
      role: props.role,
      title: props.title ?? '',
      bio: props.bio ?? '',
      password_hash: await hashPassword(password),
      // A password made for the person works once: the first sign-in asks for their own.
      must_change_password: made ? 1 : 0,
      created_at: nowIso(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return made ? { person, password: made } : { person };
}

export async function personByEmail(db: Kysely<DB>, email: string): Promise<Person | undefined> {
  return db.selectFrom('people').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function setRole(db: Kysely<DB>, personId: number, role: Role): Promise<void> {
  if (!roles.includes(role)) throw new PeopleError({ code: 'badRole', role }, `role "${role}" is not one of ${roles.join(', ')}`);
  await db.updateTable('people').set({ role }).where('id', '=', personId).execute();
}

export async function setDisabled(db: Kysely<DB>, personId: number, disabled: boolean): Promise<void> {
  await db.updateTable('people').set({ disabled: disabled ? 1 : 0 }).where('id', '=', personId).execute();
  if (disabled) await db.deleteFrom('sessions').where('person_id', '=', personId).execute();
}

export interface ChangePasswordProps {
  /** Whose password: the signed-in person's. */
  personId: number;
  /** The password now, checked first. */
  current: string;
  /** The new password; passwordProblem's rules apply. */
  next: string;
  /** The session the change is made from: it stays signed in, every other one is ended. */
  keepSessionId: string;
}

/** Changes a password after checking the current one; ends the person's other sessions. */
export async function changePassword(db: Kysely<DB>, props: ChangePasswordProps): Promise<void> {
  const problem = passwordProblem(props.next);
  const person = await db.selectFrom('people').select('password_hash').where('id', '=', props.personId).executeTakeFirstOrThrow();
  if (props.current.length > passwordMaxLength || !person.password_hash || !(await verifyPassword(props.current, person.password_hash))) {
    throw new PeopleError({ code: 'wrongPassword' }, 'the current password is not right');
  }
  if (problem) throw badPassword(problem);
  const hash = await hashPassword(props.next);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('people').set({ password_hash: hash, must_change_password: 0 }).where('id', '=', props.personId).execute();
    // Whoever else holds a session (a stolen cookie, a forgotten café computer) is signed out.
    await trx.deleteFrom('sessions').where('person_id', '=', props.personId).where('id_hash', '!=', secretHash(props.keepSessionId)).execute();
  });
}

/** A one-time reset token (valid one hour); only its hash is stored. */
export async function createResetToken(db: Kysely<DB>, email: string, now = new Date()): Promise<string> {
  const person = await personByEmail(db, email);
  if (!person) throw new PeopleError({ code: 'noSuchEmail', email: email.trim().toLowerCase() }, `no one has the e-mail ${email.trim().toLowerCase()}`);
  return createToken(db, person.id, 'reset', now);
}

/**
 * Sets a new password with a reset or invitation token; the token works once. Ends every
 * session of the person. Refusals are PersonErrors (badPassword, badToken).
 */
export async function resetPassword(db: Kysely<DB>, token: string, next: string, now = new Date()): Promise<number> {
  checkedPassword(next);
  const hash = await hashPassword(next);
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: now.toISOString() })
      .where('token_hash', '=', secretHash(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .returning('person_id')
      .executeTakeFirst();
    if (!used) throw new PersonError({ code: 'badToken' });
    const person = await trx
      .updateTable('people')
      .set({ password_hash: hash, must_change_password: 0 })
      .where('id', '=', used.person_id)
      .where('disabled', '=', 0)
      .returning('email')
      .executeTakeFirst();
    if (!person) throw new PersonError({ code: 'badToken' });
    await trx.deleteFrom('sessions').where('person_id', '=', used.person_id).execute();
    // Someone who proved they read the account's mail is not kept out by a lock.
    if (person.email) await clearFailures(trx, person.email);
    return used.person_id;
  });
}

/**
 * Everyone who can carry a byline, with or without a newsroom login (imported WordPress
 * authors and the demo's writers have none), in name order.
 */
export async function bylinePeople(db: Kysely<DB>): Promise<Pick<Person, 'id' | 'name'>[]> {
  return db.selectFrom('people').select(['id', 'name']).orderBy('name').execute();
}
