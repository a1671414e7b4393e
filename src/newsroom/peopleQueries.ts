import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.js';
import { can, ensure, type Actor } from '../content/policies.js';
import { parseLinks } from '../content/people.js';
import { PersonError } from './profiles.js';

/** A row of the people list: everyone who can carry a byline, with or without an account. */
export interface PersonRow {
  id: number;
  slug: string;
  name: string;
  title: string;
  email: string | null;
  role: Role | null;
  /** What the account is: none (byline only), invited (no password yet), active, deactivated. */
  account: 'none' | 'invited' | 'active' | 'deactivated';
  lastSignInAt: Date | null;
  photoPath: string | null;
}

const accountOf = (r: { role: Role | null; email: string | null; password_hash: string | null; disabled: number }): PersonRow['account'] =>
  r.disabled ? 'deactivated' : !r.role || !r.email ? 'none' : r.password_hash === null ? 'invited' : 'active';

export async function listPeopleRows(db: Kysely<DB>, actor: Actor): Promise<PersonRow[]> {
  ensure(can(actor, 'people.manage'), 'people.manage');
  const rows = await db
    .selectFrom('people')
    .leftJoin('media', 'media.id', 'people.photo_media_id')
    .select(['people.id', 'people.slug', 'people.name', 'people.title', 'people.email', 'people.role', 'people.password_hash', 'people.disabled', 'people.last_sign_in_at', 'media.path'])
    .orderBy('people.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    title: r.title,
    email: r.email,
    role: r.role,
    account: accountOf(r),
    lastSignInAt: r.last_sign_in_at ? new Date(r.last_sign_in_at) : null,
    photoPath: r.path,
  }));
}

/** Everything the profile form shows. */
export interface PersonProfile extends PersonRow {
  bio: string;
  links: string[];
  emailPublic: boolean;
  notifySubmissions: boolean;
}

/** One person's profile, for an admin or for the person themself. */
export async function personProfile(db: Kysely<DB>, actor: Actor, personId: number): Promise<PersonProfile> {
  if (personId !== actor.id) ensure(can(actor, 'people.manage'), 'people.manage');
  const r = await db
    .selectFrom('people')
    .leftJoin('media', 'media.id', 'people.photo_media_id')
    .selectAll('people')
    .select('media.path')
    .where('people.id', '=', personId)
    .executeTakeFirst();
  if (!r) throw new PersonError({ code: 'notFound' });
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    title: r.title,
    email: r.email,
    role: r.role,
    account: accountOf(r),
    lastSignInAt: r.last_sign_in_at ? new Date(r.last_sign_in_at) : null,
    photoPath: r.path,
    bio: r.bio,
    links: parseLinks(r.social_links),
    emailPublic: r.email_public === 1,
    notifySubmissions: r.notify_submissions === 1,
  };
}
