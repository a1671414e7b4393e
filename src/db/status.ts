import { Migrator, sql } from 'kysely';
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

/** Migrations this build knows that the database has not run (empty when current); undefined when it cannot tell. */
export async function pendingMigrations(database: Database, ms = checkTimeoutMs): Promise<string[] | undefined> {
  const migrator = new Migrator({
    db: database.db,
    provider: migrationProvider(database.dialect),
    allowUnorderedMigrations: true,
    ...(database.schema && { migrationTableSchema: database.schema }),
  });
  try {
    const all = await within(migrator.getMigrations(), ms);
    return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
  } catch {
    return undefined;
  }
}
