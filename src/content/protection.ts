import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { visibleNow } from './visibility.js';
import { serverKey } from './serverKeys.js';

/*
 * Password-protected stories, as WordPress's `post_password`: the body is shown once a reader
 * has typed the story's password. As WordPress's `wp-postpass_…` cookie does, the cookie holds
 * a keyed hash of the last password typed, so it opens every story with that password and
 * stops opening one whose password changes. The key is the site's own (`server_keys`), the
 * same on every instance.
 */

export const passwordCookie = 'khabar-postpass';
/** Ten days, as WordPress. */
export const passwordCookieSeconds = 10 * 24 * 60 * 60;

const cookieKey = (db: Kysely<DB>) => serverKey(db, 'postpass');

const tokenOf = (key: Buffer, password: string) => createHmac('sha256', key).update(`postpass:${password}`).digest('base64url');

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The password of a public story; undefined when it is not public or has none. */
async function passwordOf(db: Kysely<DB>, articleId: number): Promise<string | undefined> {
  const row = await db.selectFrom('articles').select('password').where('id', '=', articleId).where(visibleNow()).executeTakeFirst();
  return row && row.password !== '' ? row.password : undefined;
}

export type UnlockResult = { ok: true; cookie: string } | { ok: false; reason: 'notProtected' | 'wrong' };

/** A reader typed `password` for a story: the cookie value to keep when it is right. */
export async function unlockStory(db: Kysely<DB>, articleId: number, password: string): Promise<UnlockResult> {
  const wanted = await passwordOf(db, articleId);
  if (wanted === undefined) return { ok: false, reason: 'notProtected' };
  const key = await cookieKey(db);
  // Both sides hashed first: the comparison takes the same time whatever was typed.
  if (!same(tokenOf(key, password.trim()), tokenOf(key, wanted))) return { ok: false, reason: 'wrong' };
  return { ok: true, cookie: tokenOf(key, wanted) };
}

/** Whether this cookie value opens the story. */
export async function cookieOpens(db: Kysely<DB>, articleId: number, cookie: string): Promise<boolean> {
  const wanted = await passwordOf(db, articleId);
  return wanted !== undefined && same(cookie, tokenOf(await cookieKey(db), wanted));
}

/** Whether a story's password is this one (the REST API's `?password=`). */
export async function passwordMatches(db: Kysely<DB>, articleId: number, password: string): Promise<boolean> {
  return (await unlockStory(db, articleId, password)).ok;
}
