import { changeTransaction } from '../../content/changes.js';
import { writeSettings, type BreakingBanner } from '../../content/settings.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';

export interface SetBreakingBannerProps {
  /** An editor. */
  actor: Actor;
  /** The line above every page, or null to clear it. */
  banner: BreakingBanner | null;
}

/** Sets or clears the breaking-news banner shown above every page. */
export async function setBreakingBanner(deps: WriterDeps, { actor, banner }: SetBreakingBannerProps): Promise<void> {
  ensure(can(actor, 'home.curate'), 'home.curate');
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const keys = await writeSettings(trx, { breakingBanner: banner });
    if (keys.length > 0) record({ type: 'settings.changed', keys, pages: [] });
  });
}
