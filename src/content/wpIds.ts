import type { Kysely, Transaction } from 'kysely';
import type { DB, WpIdKind } from '../db/schema.js';

/**
 * The ids WordPress clients see (`/wp-json`, `?p=`, feed GUIDs). An imported thing answers to
 * the id WordPress gave it (a `wp_ids` row). A thing made here has no row: its id is its local
 * id plus the kind's floor, the highest WordPress id imported in its space, so it can never take
 * an imported id. Posts and media share one floor because WordPress numbers posts, pages and
 * attachments in one table (`?p=` of an attachment id must not name a story made here).
 * The floor moves only when an import brings a higher id; a site that imports once, then
 * publishes, keeps every id it ever showed.
 */

export type { WpIdKind };

const space = (kind: WpIdKind): WpIdKind[] => (kind === 'article' || kind === 'media' ? ['article', 'media'] : [kind]);

async function floor(db: Kysely<DB>, kind: WpIdKind): Promise<number> {
  const row = await db.selectFrom('wp_ids').select((eb) => eb.fn.max('wp_id').as('top')).where('kind', 'in', space(kind)).executeTakeFirst();
  return Number(row?.top ?? 0);
}

/** Local id → public id for each of `localIds`. */
export async function publicIds(db: Kysely<DB>, kind: WpIdKind, localIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const unique = [...new Set(localIds)];
  if (unique.length === 0) return out;
  const [rows, top] = await Promise.all([
    db.selectFrom('wp_ids').select(['local_id', 'wp_id']).where('kind', '=', kind).where('local_id', 'in', unique).execute(),
    floor(db, kind),
  ]);
  for (const r of rows) out.set(r.local_id, r.wp_id);
  for (const id of unique) if (!out.has(id)) out.set(id, id + top);
  return out;
}

export async function publicId(db: Kysely<DB>, kind: WpIdKind, localId: number): Promise<number> {
  return (await publicIds(db, kind, [localId])).get(localId) ?? localId;
}

/** Public id → local id, for those that name something (an unknown id is left out). */
export async function localIds(db: Kysely<DB>, kind: WpIdKind, ids: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  const [rows, top] = await Promise.all([
    db.selectFrom('wp_ids').select(['local_id', 'wp_id']).where('kind', '=', kind).where('wp_id', 'in', unique).execute(),
    floor(db, kind),
  ]);
  for (const r of rows) out.set(r.wp_id, r.local_id);
  // Above the floor: made here, unless that local row was imported (then it answers to its WordPress id only).
  const candidates = unique.filter((id) => !out.has(id) && id > top).map((id) => id - top);
  if (candidates.length > 0) {
    const imported = new Set(
      (await db.selectFrom('wp_ids').select('local_id').where('kind', '=', kind).where('local_id', 'in', candidates).execute()).map((r) => r.local_id),
    );
    for (const local of candidates) if (!imported.has(local)) out.set(local + top, local);
  }
  return out;
}

export async function localId(db: Kysely<DB>, kind: WpIdKind, id: number): Promise<number | undefined> {
  return (await localIds(db, kind, [id])).get(id);
}

/** WordPress's GUIDs of imported stories, by local id. */
export async function wpGuids(db: Kysely<DB>, articleIds: readonly number[]): Promise<Map<number, string>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db.selectFrom('wp_ids').select(['local_id', 'guid']).where('kind', '=', 'article').where('local_id', 'in', [...new Set(articleIds)]).where('guid', 'is not', null).execute();
  return new Map(rows.map((r) => [r.local_id, r.guid ?? '']));
}

/**
 * Records that WordPress's `wpId` is this local row (import). The first mapping of either side
 * wins: a re-run finds the same pair, and two WordPress terms merged into one section keep the
 * first one's id.
 */
export async function rememberWpId(trx: Transaction<DB> | Kysely<DB>, kind: WpIdKind, wpId: number, local: number, guid?: string): Promise<void> {
  await trx
    .insertInto('wp_ids')
    .values({ kind, wp_id: wpId, local_id: local, guid: guid || null })
    .onConflict((oc) => oc.doNothing())
    .execute();
  if (guid) await trx.updateTable('wp_ids').set({ guid }).where('kind', '=', kind).where('wp_id', '=', wpId).where('local_id', '=', local).execute();
}
