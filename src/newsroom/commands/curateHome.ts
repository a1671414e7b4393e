import { changeTransaction } from '../../content/changes.js';
import { writeSettings, type BreakingBanner } from '../../content/settings.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';
import { replacePins } from '../homePins.js';

export interface CurateHomeProps {
  /** An editor curating the home page. */
  actor: Actor;
  /** The top stories, in order; every one must exist and be public. */
  articleIds: number[];
  /** The line above every page, or null to clear it. */
  banner: BreakingBanner | null;
}

/**
 * Saves the home page's form as one change: the pinned stories and the breaking banner
 * together, so a refused pin or banner leaves both as they were. Each part that changed is
 * announced (`home.changed`, `settings.changed`).
 */
export async function curateHome(deps: WriterDeps, { actor, articleIds, banner }: CurateHomeProps): Promise<void> {
  ensure(can(actor, 'home.curate'), 'home.curate');
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const pins = await replacePins(trx, articleIds);
    if (pins.kind !== 'unchanged') record({ type: 'home.changed', pages: ['home'] });
    const keys = await writeSettings(trx, { breakingBanner: banner });
    if (keys.length > 0) record({ type: 'settings.changed', keys, pages: [] });
  });
}
