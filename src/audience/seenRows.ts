import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../db/connect.js';
import type { DB } from '../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** One flush's counted readers of one day, as stored in `view_seen_blocks`. */
export interface SeenBlock {
  id: number;
  day: string;
  hashes: Uint8Array;
}

/**
 * Makes flushes of all instances take turns, so that a flush sees every block committed before
 * it and two instances never both count the same reader. PostgreSQL: a table lock that conflicts
 * with itself, held to the end of the transaction (readers of the table are not blocked);
 * SQLite has one writer at a time anyway.
 */
export async function lockSeen(trx: Transaction<DB>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`lock table view_seen_blocks in share row exclusive mode`.execute(trx);
}

/** Appends one block and returns its id. */
export async function appendSeen(trx: Transaction<DB>, day: string, hashes: Buffer): Promise<number> {
  const row = await trx.insertInto('view_seen_blocks').values({ day, hashes }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Blocks written after `afterId` (by any instance), optionally of one day only, oldest first. */
export async function seenSince(db: Db, afterId: number, day?: string): Promise<SeenBlock[]> {
  let q = db.selectFrom('view_seen_blocks').select(['id', 'day', 'hashes']).where('id', '>', afterId);
  if (day !== undefined) q = q.where('day', '=', day);
  return q.orderBy('id').execute();
}

export async function forgetSeenBefore(db: Db, day: string): Promise<void> {
  await db.deleteFrom('view_seen_blocks').where('day', '<', day).execute();
}
