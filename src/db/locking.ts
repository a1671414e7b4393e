import type { SelectQueryBuilder } from 'kysely';
import type { Dialect } from './connect.js';

/**
 * Row claiming for work queues (scheduled publishing, outbox delivery). PostgreSQL takes the
 * rows with FOR UPDATE SKIP LOCKED so instances never wait on each other; SQLite has one
 * writer at a time, so a plain select inside the write transaction is already exclusive.
 */
export function claimRows<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  dialect: Dialect,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? query.forUpdate().skipLocked() : query;
}
