import { changeTransaction } from '../../content/changes.js';
import { getSettings, writeSettings, type SiteSettings } from '../../content/settings.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';

export interface UpdateSettingsProps {
  /** An admin (the command line acts as one). */
  actor: Actor;
  /** The settings to change; the others stay. */
  patch: Partial<SiteSettings>;
}

/** Changes site settings; every page follows at once through the change feed. */
export async function updateSettings(deps: WriterDeps, { actor, patch }: UpdateSettingsProps): Promise<SiteSettings> {
  ensure(can(actor, 'settings.manage'), 'settings.manage');
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const keys = await writeSettings(trx, patch);
    if (keys.length > 0) record({ type: 'settings.changed', keys, pages: [] });
  });
  return getSettings(deps.db);
}
