import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import { postKinds } from '../channels/index.js';
import type { ChangeKind } from '../channels/types.js';
import { ChannelError } from '../channelStore.js';

export interface ResendDeliveryProps {
  /** An admin (distribution.manage), after checking the channel. */
  actor: Actor;
  /** A delivery that failed, or whose arrival is unknown. */
  deliveryId: number;
  at?: Date;
}

/**
 * Queues a failed or in-doubt delivery again, as the same row (so the same Khabar-Delivery id
 * goes to webhooks, which can drop it if they had it). A post is made anew, not edited; an edit
 * or removal is applied again to the post it was for — unless the service said that post is
 * gone, then the story is posted anew.
 */
export async function resendDelivery(deps: { db: Kysely<DB> }, p: ResendDeliveryProps): Promise<void> {
  ensure(can(p.actor, 'distribution.manage'), 'distribution.manage');
  const at = (p.at ?? new Date()).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('deliveries').select(['status', 'kind', 'reason']).where('id', '=', p.deliveryId).executeTakeFirst();
    if (!d) throw new ChannelError({ code: 'deliveryNotFound' });
    if (d.status !== 'failed' && d.status !== 'unknown') throw new ChannelError({ code: 'notResendable', status: d.status });
    const fresh = postKinds.includes(d.kind as ChangeKind) || d.reason === 'remoteMissing';
    // Conditional on the status read above: two admins resending at once queue it once.
    await trx
      .updateTable('deliveries')
      .set({
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        claimed_by: null,
        claimed_at: null,
        reason: null,
        detail: null,
        http_status: null,
        completed_at: null,
        fresh_post: fresh ? 1 : 0,
        resent_by: p.actor.id,
        resent_at: at,
      })
      .where('id', '=', p.deliveryId)
      .where('status', '=', d.status)
      .execute();
  });
}
