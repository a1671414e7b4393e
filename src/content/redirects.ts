import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { nowIso } from '../db/connect.js';

export interface Redirect {
  to: string;
  status: 301 | 302 | 308;
}

/** Normal form of a stored path: decoded, no trailing slash (except the root), no query. */
export function redirectKey(rawPath: string): string {
  const path = rawPath.split('?')[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  return decoded.replace(/(?<!\/)\/+$/, '') || '/';
}

export async function findRedirect(db: Kysely<DB>, rawPath: string): Promise<Redirect | undefined> {
  const row = await db
    .selectFrom('redirects')
    .select(['to_path', 'status_code'])
    .where('from_path', '=', redirectKey(rawPath))
    .executeTakeFirst();
  if (!row) return undefined;
  const status = row.status_code === 302 || row.status_code === 308 ? row.status_code : 301;
  return { to: row.to_path, status };
}

/** Records that `from` now lives at `to` (e.g. after a slug change); the newest target wins. */
export async function addRedirect(db: Kysely<DB> | Transaction<DB>, from: string, to: string, status: 301 | 302 | 308 = 301): Promise<void> {
  const from_path = redirectKey(from);
  if (from_path === redirectKey(to)) return;
  await db
    .insertInto('redirects')
    .values({ from_path, to_path: to, status_code: status, created_at: nowIso() })
    .onConflict((oc) => oc.column('from_path').doUpdateSet({ to_path: to, status_code: status }))
    .execute();
}
