import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** One imported thing: where it came from (site + kind + id there) and what it is here. */
export interface LegacyIdTable {
  /** The source site, e.g. WordPress's `base_site_url`; `wordpress` when the file names none. */
  source: string;
  kind: LegacyKind;
  legacy_id: string;
  local_id: number;
  /** The decoded path of the old permalink (no trailing slash), for old-URL redirects. */
  legacy_path: string | null;
}

export type LegacyKind = 'post' | 'page' | 'attachment' | 'category' | 'tag' | 'author' | 'comment';

/**
 * The schema with the importer's table. The table is added by migration 0005 and typed here,
 * not in db/schema.ts, so the foundation's types stay as they are: `withLegacy(db)` gives a
 * query builder that knows both.
 */
export type LegacyDB = DB & { legacy_ids: LegacyIdTable };

export function withLegacy(db: Kysely<DB>): Kysely<LegacyDB> {
  return db.withTables<{ legacy_ids: LegacyIdTable }>();
}

export type LegacyTrx = Transaction<LegacyDB> | Kysely<LegacyDB>;

/** Every id already imported from `source`, by kind, so a re-run updates without a query per item. */
export async function loadLegacyIds(db: Kysely<LegacyDB>, source: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('legacy_ids').select(['kind', 'legacy_id', 'local_id']).where('source', '=', source).execute();
  return new Map(rows.map((r) => [`${r.kind}:${r.legacy_id}`, r.local_id]));
}
