import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** Failed logins in a row that lock a login name, and for how long. */
export const maxFailedLogins = 5;
export const lockoutMs = 15 * 60_000;

/** The key a login name is counted under: the e-mail as people.ts stores it, hashed. */
export function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase().normalize('NFC')).digest('base64url');
}

export interface Attempt {
  /** This attempt's number in the current run of failures (it counts as one until it succeeds). */
  number: number;
  /** When the name is locked until, if it is. */
  lockedUntil?: Date;
}

/**
 * Counts a sign-in attempt before its password is checked, in one statement, so parallel
 * attempts each get their own number: only the first `maxFailedLogins` of a run get a password
 * check, and the one that reaches the limit locks the name. An expired lock starts a new run.
 */
export async function countAttempt(db: Kysely<DB>, email: string, now: Date): Promise<Attempt> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + lockoutMs).toISOString();
  const row = await db
    .insertInto('login_failures')
    .values({ account: accountKey(email), failures: 1, locked_until: maxFailedLogins <= 1 ? until : null, updated_at: at })
    .onConflict((oc) =>
      oc.column('account').doUpdateSet({
        failures: sql<number>`case when login_failures.locked_until is not null and login_failures.locked_until <= ${at} then 1 else login_failures.failures + 1 end`,
        locked_until: sql<string | null>`case
          when login_failures.locked_until > ${at} then login_failures.locked_until
          when login_failures.locked_until is null and login_failures.failures + 1 >= ${maxFailedLogins} then ${until}
          else null end`,
        updated_at: at,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  return { number: Number(row.failures), ...(row.locked_until && { lockedUntil: new Date(row.locked_until) }) };
}

/** A successful sign-in (or a password reset) ends the run of failures and any lock. */
export async function clearFailures(db: Kysely<DB>, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('account', '=', accountKey(email)).execute();
}
