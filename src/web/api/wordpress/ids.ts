import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { localIds, publicIds, type WpIdKind } from '../../../content/wpIds.js';

/** Local id → the id WordPress clients see, for the ids a presenter was prepared for. */
export type IdMap = (kind: WpIdKind, local: number) => number;

/** Looks up every id an answer will show, a query per kind, and gives the map presenters use. */
export async function idMapFor(db: Kysely<DB>, wanted: Partial<Record<WpIdKind, readonly number[]>>): Promise<IdMap> {
  const maps = new Map<WpIdKind, Map<number, number>>();
  await Promise.all(
    (Object.entries(wanted) as [WpIdKind, readonly number[]][]).map(async ([kind, list]) => {
      maps.set(kind, await publicIds(db, kind, list));
    }),
  );
  return (kind, local) => maps.get(kind)?.get(local) ?? local;
}

/**
 * A filter's public ids as local ids. Ids that name nothing become -1 (no row has it), so
 * `categories=999` matches nothing, as in WordPress, instead of dropping the filter.
 */
export async function localFilter(db: Kysely<DB>, kind: WpIdKind, ids: number[] | undefined): Promise<number[] | undefined> {
  if (!ids) return undefined;
  const map = await localIds(db, kind, ids);
  return ids.map((id) => map.get(id) ?? -1);
}
