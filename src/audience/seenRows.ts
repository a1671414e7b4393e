import { sql, type Transaction } from 'kysely';
import type { Dialect } from '../db/connect.js';
import type { DB } from '../db/schema.js';

/**
 * Inserts a day's visitor hashes into `view_seen`, skipping those already there, and returns
 * the ones inserted (the views to count). A second's beacons can be tens of thousands of rows:
 * instead of a VALUES list (a bound parameter per cell and a large query to build each second)
 * the hashes travel as one parameter — a JSON array unpacked by SQLite's json_each, a text[]
 * by PostgreSQL's unnest. This is the one place the two engines need different SQL for views.
 */
export async function insertSeen(trx: Transaction<DB>, dialect: Dialect, day: string, hashes: string[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const source =
    dialect === 'postgres'
      ? sql`select ${day}, h from unnest(${hashes}::text[]) as t(h)`
      : // `where true`: SQLite needs it to tell the upsert clause from a join constraint.
        sql`select ${day}, value from json_each(${JSON.stringify(hashes)}) where true`;
  const result = await sql<{ hash: string }>`insert into view_seen (day, hash) ${source} on conflict (day, hash) do nothing returning hash`.execute(trx);
  return result.rows.map((r) => r.hash);
}
