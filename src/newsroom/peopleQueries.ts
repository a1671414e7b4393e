import type { Kysely, Selectable } from 'kysely';
import type { DB, Role } from '../db/schema.js';
import { can, ensure, type Actor } from '../content/policies.js';
import { parseLinks } from '../content/people.js';
import { PersonError } from './profiles.js';
import { phoneticKey, searchKey } from '../gujarati/index.js';

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

type PersonColumns = Pick<Selectable<DB['people']>, 'id' | 'slug' | 'name' | 'title' | 'email' | 'role' | 'password_hash' | 'disabled' | 'last_sign_in_at'> & { path: string | null };

const personRow = (r: PersonColumns): PersonRow => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  title: r.title,
  email: r.email,
  role: r.role,
  account: accountOf(r),
  lastSignInAt: r.last_sign_in_at ? new Date(r.last_sign_in_at) : null,
  photoPath: r.path,
});

export interface PeopleQuery {
  /** Words of a name, title or e-mail, in any script: "rajesh" finds રાજેશ. */
  q?: string;
  /** 1-based; past the last page gives the last. */
  page?: number;
  perPage?: number;
}

export interface PeoplePage {
  rows: PersonRow[];
  total: number;
  page: number;
  pages: number;
  perPage: number;
}

const wordsOf = (text: string) => text.match(/[\p{L}\p{M}\p{N}@.]+/gu) ?? [];

/**
 * A person's name, title and e-mail as the search reads them. Making the keys costs far more
 * than reading the rows, and people change seldom: kept per text, for as many people as a big
 * archive has (the oldest forgotten first).
 */
const keyCache = new Map<string, { text: string; sounds: string[] }>();
const keyCacheSize = 50_000;
function keysOf(p: { name: string; title: string; email: string | null }): { text: string; sounds: string[] } {
  const id = `${p.name}\u0000${p.title}\u0000${p.email ?? ''}`;
  let keys = keyCache.get(id);
  if (!keys) {
    keys = { text: searchKey(`${p.name} ${p.title} ${p.email ?? ''}`), sounds: wordsOf(`${p.name} ${p.title}`).map(phoneticKey) };
    if (keyCache.size >= keyCacheSize) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(id, keys);
  }
  return keys;
}

/** Whether a person matches every word of the search: as typed (part of a word), or by sound from the start of a word. */
function matches(p: { name: string; title: string; email: string | null }, words: { plain: string; sound: string }[]): boolean {
  const { text, sounds } = keysOf(p);
  return words.every((w) => text.includes(w.plain) || (w.sound.length > 0 && sounds.some((s) => s.startsWith(w.sound))));
}

/**
 * One page of the people list, by name. A search reads every person's name, title and e-mail
 * (a few thousand rows even for a big archive's bylines) and keeps those whose words match
 * as typed or by sound, so a Latin spelling finds a Gujarati name; only the page is read whole.
 */
export async function peoplePage(db: Kysely<DB>, actor: Actor, o: PeopleQuery = {}): Promise<PeoplePage> {
  ensure(can(actor, 'people.manage'), 'people.manage');
  const perPage = o.perPage ?? 50;
  const words = wordsOf(o.q ?? '').map((w) => ({ plain: searchKey(w), sound: phoneticKey(w) }));
  let ids: number[] | undefined;
  let total: number;
  if (words.length > 0) {
    const all = await db.selectFrom('people').select(['id', 'name', 'title', 'email']).orderBy('name').orderBy('id').execute();
    ids = all.filter((p) => matches(p, words)).map((p) => p.id);
    total = ids.length;
  } else {
    total = Number((await db.selectFrom('people').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  }
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, o.page ?? 1), pages);
  const pageIds = ids?.slice((page - 1) * perPage, page * perPage);
  if (pageIds?.length === 0) return { rows: [], total, page, pages, perPage };
  let q = db
    .selectFrom('people')
    .leftJoin('media', 'media.id', 'people.photo_media_id')
    .select(['people.id', 'people.slug', 'people.name', 'people.title', 'people.email', 'people.role', 'people.password_hash', 'people.disabled', 'people.last_sign_in_at', 'media.path'])
    .orderBy('people.name')
    .orderBy('people.id');
  q = pageIds ? q.where('people.id', 'in', pageIds) : q.limit(perPage).offset((page - 1) * perPage);
  const rows = await q.execute();
  return {
    rows: rows.map(personRow),
    total,
    page,
    pages,
    perPage,
  };
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
    ...personRow(r),
    bio: r.bio,
    links: parseLinks(r.social_links),
    emailPublic: r.email_public === 1,
    notifySubmissions: r.notify_submissions === 1,
  };
}
