import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ContentEvents } from '../content/changes.js';
import { can, ensure, type Actor } from './policies.js';
import { getSettings, updateSettings, type BreakingBanner } from '../content/settings.js';

export interface CurationDeps {
  db: Kysely<DB>;
  events: ContentEvents;
}

/** Pinned top stories in order; the home page leads with them. */
export async function pinnedArticleIds(db: Kysely<DB>): Promise<number[]> {
  const rows = await db.selectFrom('home_pins').select('article_id').orderBy('position').execute();
  return rows.map((r) => r.article_id);
}

/** Replaces the pinned list (order as given). */
export async function setPins(deps: CurationDeps, actor: Actor, articleIds: number[]): Promise<void> {
  ensure(can(actor, 'home.curate'), 'home.curate');
  const unique = [...new Set(articleIds)];
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('home_pins').execute();
    if (unique.length > 0) await trx.insertInto('home_pins').values(unique.map((article_id, position) => ({ article_id, position }))).execute();
  });
  deps.events.announce(['home']);
}

/** Orders the top-level sections (menu and home blocks) as given. */
export async function orderSections(deps: CurationDeps, actor: Actor, sectionIds: number[]): Promise<void> {
  ensure(can(actor, 'home.curate'), 'home.curate');
  await deps.db.transaction().execute(async (trx) => {
    for (const [position, id] of sectionIds.entries()) {
      await trx.updateTable('sections').set({ position }).where('id', '=', id).execute();
    }
  });
  deps.events.announce(['taxonomy', 'home']);
}

/** Sets or clears (null) the breaking-news banner shown above every page. */
export async function setBreakingBanner(deps: CurationDeps, actor: Actor, banner: BreakingBanner | null): Promise<void> {
  ensure(can(actor, 'home.curate'), 'home.curate');
  await updateSettings(deps.db, { breakingBanner: banner });
  deps.events.announce(['settings']);
}

export async function breakingBanner(db: Kysely<DB>): Promise<BreakingBanner | null> {
  return (await getSettings(db)).breakingBanner;
}
