import { changeTransaction } from '../../content/changes.js';
import { getSettings, socialNetworks, writeSettings, type SiteSettings } from '../../content/settings.js';
import { logAdminAction } from '../../content/adminLog.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import type { AdminOrigin } from '../../db/schema.js';
import type { WriterDeps } from '../articleWriter.js';

export interface UpdateSettingsProps {
  /** An admin; from the command line, the CLI's stand-in admin (id 0: no person). */
  actor: Actor;
  /** The settings to change; the others stay. */
  patch: Partial<SiteSettings>;
  /** Where the change came from, for the audit log (`newsroom` unless told). */
  origin?: AdminOrigin;
}

/**
 * Changes site settings; every page follows at once through the change feed (`settings.changed`
 * reloads the site state and empties the page cache). What changed, before and after, goes to
 * the audit log in the same transaction.
 */
export async function updateSettings(deps: WriterDeps, { actor, patch, origin = 'newsroom' }: UpdateSettingsProps): Promise<SiteSettings> {
  ensure(can(actor, 'settings.manage'), 'settings.manage');
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const before = await getSettings(trx);
    const keys = await writeSettings(trx, patch);
    if (keys.length === 0) return;
    const after = await getSettings(trx);
    record({ type: 'settings.changed', keys, pages: [] });
    // The channels are one setting but are read one by one: each changed link is its own line.
    const changes = keys.flatMap((key) =>
      key === 'social'
        ? socialNetworks.filter((n) => before.social[n] !== after.social[n]).map((n) => ({ key: `social.${n}`, before: before.social[n] ?? null, after: after.social[n] ?? null }))
        : [{ key, before: before[key as keyof SiteSettings], after: after[key as keyof SiteSettings] }],
    );
    await logAdminAction(trx, { personId: origin === 'cli' ? null : actor.id, origin, action: 'settings.update', subjectType: 'settings', subjectId: null, subjectName: '', changes });
  });
  return getSettings(deps.db);
}
