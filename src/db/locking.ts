import { sql, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Dialect } from './connect.js';
import type { DB } from './schema.js';

/**
 * Row claiming for work queues (scheduled publishing, outbox delivery). PostgreSQL takes the
 * rows with FOR UPDATE SKIP LOCKED so instances never wait on each other; SQLite has one
 * writer at a time, so a plain select inside the write transaction is already exclusive.
 */
export function claimRows<D, TB extends keyof D, O>(
  query: SelectQueryBuilder<D, TB, O>,
  dialect: Dialect,
): SelectQueryBuilder<D, TB, O> {
  return dialect === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/**
 * SQLite starts transactions deferred: two instances that both read and then write deadlock
 * ("database is locked") instead of waiting. A write as the first statement takes the write
 * lock up front, where busy_timeout makes the other instance wait its turn. A no-op on PostgreSQL.
 */
export async function takeWriteLock(trx: Transaction<DB>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') await trx.updateTable('settings').set({ value: sql`value` }).where('key', '=', '').execute();
}
