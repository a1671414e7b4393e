import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../../src/db/connect.js';
import { writeSettings, type SiteSettings } from '../../src/content/settings.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';

/** Stores settings straight away, for tests whose code reads them from the database. */
export async function storeSettings(db: Kysely<DB>, patch: Partial<SiteSettings>): Promise<void> {
  await db.transaction().execute((trx) => writeSettings(trx, patch));
}

/**
 * Which database the suite runs on: SQLite unless KHABAR_TEST_DATABASE_URL names a PostgreSQL
 * server (scripts/run-tests.mjs runs the suite once for each).
 */
export const testPostgresUrl = process.env.KHABAR_TEST_DATABASE_URL;
export const testDialect = testPostgresUrl ? 'postgres' : 'sqlite';

export interface TestDatabase extends Database {
  /** The folder for this test's files (SQLite file, media). */
  dir: string;
  /** `DATABASE_URL`-style target for spawning a server process on the same data. */
  target: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };
  drop(): Promise<void>;
}

/** A fresh, migrated database: a temporary SQLite file, or a new schema on the test PostgreSQL. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-test-'));
  if (!testPostgresUrl) {
    const file = join(dir, 'khabar.db');
    const database = await openDatabase({ kind: 'sqlite', file });
    await migrate(database);
    return {
      ...database,
      dir,
      target: { kind: 'sqlite', file },
      async drop() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: testPostgresUrl }, { schema, poolSize: 5 });
  await migrate(database);
  return {
    ...database,
    dir,
    target: { kind: 'postgres', url: testPostgresUrl, schema },
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: testPostgresUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
