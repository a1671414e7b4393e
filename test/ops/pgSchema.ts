// A fresh, migrated PostgreSQL schema whose pool outlives a PostgreSQL restart: every client
// has an error listener, so a connection the server cuts is dropped instead of ending the test.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { migrate, type Database } from '../../src/db/connect.js';
import type { DB } from '../../src/db/schema.js';
import type { TestDatabase } from '../helpers/database.js';

export async function openRestartProofSchema(url: string): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000, options: `-c search_path=${schema}` });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const database: Database = { db, dialect: 'postgres', schema, close: () => db.destroy() };
  await migrate(database);
  const dir = mkdtempSync(join(tmpdir(), 'khabar-ops-'));
  return {
    ...database,
    dir,
    target: { kind: 'postgres', url, schema },
    async drop() {
      await db.destroy();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
