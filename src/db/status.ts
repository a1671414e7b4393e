import { sql } from 'kysely';
import type { Database } from './connect.js';
import { migrationProvider } from './migrations/index.js';

/** Gives up on a check after this long: a probe must answer even when the database does not. */
const checkTimeoutMs = 2000;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** True when a trivial query comes back in time. */
export async function databaseReachable(database: Database, ms = checkTimeoutMs): Promise<boolean> {
  try {
    await within(sql`select 1`.execute(database.db), ms);
    return true;
  } catch {
    return false;
  }
}

/**
 * Migrations this build knows that the database has not run (empty when current); undefined
 * when it cannot tell. Reads Kysely's bookkeeping table directly: the Migrator would introspect
 * every table of every schema first, too much for a probe that runs every few seconds.
 */
export async function pendingMigrations(database: Database, ms = checkTimeoutMs): Promise<string[] | undefined> {
  const known = Object.keys(await migrationProvider(database.dialect).getMigrations());
  const table = sql.table(database.schema ? `${database.schema}.kysely_migration` : 'kysely_migration');
  try {
    const r = await within(sql<{ name: string }>`select name from ${table}`.execute(database.db), ms);
    const ran = new Set(r.rows.map((row) => row.name));
    return known.filter((name) => !ran.has(name));
  } catch {
    return undefined;
  }
}
