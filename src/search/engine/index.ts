import { PostgresAdapter, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Dialect } from '../../db/connect.js';
import { postgresEngine } from './postgres.js';
import { sqliteEngine } from './sqlite.js';
import type { SearchEngine } from './types.js';

export type { SearchEngine, EngineQuery, EngineResult, EngineHit } from './types.js';

/**
 * Which engine a Kysely instance (or transaction) talks to. Read from the adapter, so the write
 * path (`writeArticleChange`, which only holds a transaction) needs no extra parameter.
 */
export function dialectOf(db: Kysely<DB>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export function engineFor(db: Kysely<DB>): SearchEngine {
  return dialectOf(db) === 'postgres' ? postgresEngine : sqliteEngine;
}
