// Readers of channels that send to one person at a time: web push subscriptions and WhatsApp
// opt-ins. Readers add and remove themselves (no newsroom policy); a reader the service says is
// gone (push 404/410) is removed by the delivery worker.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { channelTypes, isChannelType } from './channels/index.js';
import { ChannelError } from './channelStore.js';

export interface AddRecipientProps {
  channelId: number;
  /** The adapter's target as the reader's browser or form gave it (a PushSubscription, `{to}`). */
  target: unknown;
  /** `breaking` and/or `section:<id>`; empty or absent for everything the channel sends. */
  topics?: string[];
  at?: Date;
}

/** Adds a reader, or updates the one with the same address (a browser subscribing again). */
export async function addRecipient(deps: { db: Kysely<DB> }, p: AddRecipientProps): Promise<{ id: number }> {
  const channel = await deps.db.selectFrom('channels').select(['type']).where('id', '=', p.channelId).executeTakeFirst();
  if (!channel || !isChannelType(channel.type)) throw new ChannelError({ code: 'channelNotFound' });
  const kind = channelTypes[channel.type].recipient;
  if (kind === null) throw new ChannelError({ code: 'unknownType', type: channel.type });
  const reader = kind.parse(p.target);
  if (!reader.ok) throw new ChannelError({ code: 'invalidConfig', field: `target.${reader.field}`, message: reader.message });
  const topics = p.topics && p.topics.length > 0 ? JSON.stringify([...new Set(p.topics)]) : null;
  const row = await deps.db
    .insertInto('recipients')
    .values({ channel_id: p.channelId, address: reader.address, target: JSON.stringify(reader.target), topics, created_at: (p.at ?? new Date()).toISOString() })
    .onConflict((oc) => oc.columns(['channel_id', 'address']).doUpdateSet({ target: JSON.stringify(reader.target), topics }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

/** Removes a reader by address (an unsubscribe, a STOP reply). True when there was one. */
export async function removeRecipient(deps: { db: Kysely<DB> }, p: { channelId: number; address: string }): Promise<boolean> {
  const r = await deps.db.deleteFrom('recipients').where('channel_id', '=', p.channelId).where('address', '=', p.address).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
