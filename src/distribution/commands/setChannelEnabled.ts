import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import type { OutcomeReason } from '../channels/types.js';
import { ChannelError } from '../channelStore.js';

export interface SetChannelEnabledProps {
  /** An admin (distribution.manage). */
  actor: Actor;
  channelId: number;
  enabled: boolean;
  at?: Date;
}

/**
 * Turns a channel on or off. Turning it off also drops what was still waiting to go out
 * (marked skipped), so switching it back on later does not post yesterday's news.
 */
export async function setChannelEnabled(deps: { db: Kysely<DB> }, p: SetChannelEnabledProps): Promise<{ skipped: number }> {
  ensure(can(p.actor, 'distribution.manage'), 'distribution.manage');
  const at = (p.at ?? new Date()).toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('channels').set({ enabled: p.enabled ? 1 : 0, updated_at: at }).where('id', '=', p.channelId).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new ChannelError({ code: 'channelNotFound' });
    if (p.enabled) return { skipped: 0 };
    const s = await trx
      .updateTable('deliveries')
      .set({ status: 'skipped', reason: 'channelDisabled' satisfies OutcomeReason, detail: null, completed_at: at })
      .where('channel_id', '=', p.channelId)
      .where('status', 'in', ['pending', 'retry'])
      .executeTakeFirst();
    return { skipped: Number(s.numUpdatedRows) };
  });
}
