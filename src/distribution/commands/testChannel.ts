import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import { visibleNow } from '../../content/visibility.js';
import type { DeliveryOutcome, NetworkPolicy } from '../channels/types.js';
import { ChannelError, openChannel } from '../channelStore.js';
import { storyForDelivery } from '../story.js';
import { SecretError, type SecretKey } from '../secrets.js';

export interface TestChannelProps {
  /** An admin (distribution.manage). */
  actor: Actor;
  channelId: number;
  /** For channels that send to one reader at a time: who receives the test (a number, a subscription). */
  target?: unknown;
  secretKey: SecretKey | null;
  /** The site's public origin. */
  publicUrl: string;
  /** Timeouts and name resolution; private addresses follow the channel's own setting. */
  network?: Omit<NetworkPolicy, 'allowPrivate'>;
}

/**
 * "Send test message": posts the newest public story through the channel, as a first post, and
 * answers with what the service said. Nothing is recorded: a test is not a delivery, and later
 * edits of that story do not touch the test post.
 */
export async function testChannel(deps: { db: Kysely<DB> }, p: TestChannelProps): Promise<DeliveryOutcome<unknown>> {
  ensure(can(p.actor, 'distribution.manage'), 'distribution.manage');
  const row = await deps.db.selectFrom('channels').selectAll().where('id', '=', p.channelId).executeTakeFirst();
  if (!row) throw new ChannelError({ code: 'channelNotFound' });
  let channel;
  try {
    channel = openChannel(row, p.secretKey);
  } catch (e) {
    if (e instanceof SecretError) throw new ChannelError({ code: 'secret', problem: e.problem });
    throw e;
  }
  let target: unknown = undefined;
  if (channel.info.recipient !== null) {
    if (p.target === undefined) throw new ChannelError({ code: 'needsTarget' });
    const reader = channel.info.recipient.parse(p.target);
    if (!reader.ok) throw new ChannelError({ code: 'invalidConfig', field: `target.${reader.field}`, message: reader.message });
    target = reader.target;
  }
  const newest = await deps.db.selectFrom('articles').select('id').where(visibleNow()).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const story = newest ? await storyForDelivery(deps.db, newest.id, 'published', p.publicUrl) : undefined;
  if (!story || 'invalid' in story.message) throw new ChannelError({ code: 'noStory' });
  return channel.info.adapter.deliver({
    message: story.message,
    config: channel.config,
    previous: null,
    target,
    deliveryId: `test_${channel.id}_${Date.now()}`,
    network: { timeoutMs: 15_000, ...p.network, allowPrivate: channel.allowPrivate },
  });
}
