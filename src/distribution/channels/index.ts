// The adapter registry: every channel type, its adapter, and what the outbox needs to know about
// it beyond the adapter contract — which config fields are secrets (encrypted at rest), whether
// it sends to readers one at a time, and whether its edits change an earlier post.
import { telegramAdapter } from './telegram.js';
import { whatsappAdapter } from './whatsapp.js';
import { xAdapter } from './x.js';
import { webpushAdapter } from './webpush.js';
import { webhookAdapter } from './webhook.js';
import { websubAdapter } from './websub.js';
import type { ChangeKind, ChannelAdapter, ChannelType } from './types.js';

export interface ChannelTypeInfo {
  // Configs, memories and targets are validated by the adapter's own schemas at run time.
  readonly adapter: ChannelAdapter<unknown, unknown, unknown>;
  /** Dotted paths of config fields that are secrets; a path may name an array of strings. */
  readonly secretFields: readonly string[];
  /** Sends to one reader at a time (channel_recipients), not to one place. */
  readonly perRecipient: boolean;
  /**
   * Updates, corrections and removals act on what an earlier delivery posted (they need its
   * memory): such a channel gets them only for stories it has posted. False where every
   * delivery stands alone (a webhook call, a hub ping).
   */
  readonly editsPosts: boolean;
}

export const channelTypes: Readonly<Record<ChannelType, ChannelTypeInfo>> = {
  telegram: { adapter: telegramAdapter as ChannelAdapter<unknown, unknown, unknown>, secretFields: ['botToken'], perRecipient: false, editsPosts: true },
  whatsapp: { adapter: whatsappAdapter as ChannelAdapter<unknown, unknown, unknown>, secretFields: ['accessToken'], perRecipient: true, editsPosts: true },
  x: {
    adapter: xAdapter as ChannelAdapter<unknown, unknown, unknown>,
    secretFields: ['consumerKey', 'consumerSecret', 'accessToken', 'accessTokenSecret'],
    perRecipient: false,
    editsPosts: true,
  },
  webpush: { adapter: webpushAdapter as ChannelAdapter<unknown, unknown, unknown>, secretFields: ['vapid.privateKey'], perRecipient: true, editsPosts: true },
  webhook: { adapter: webhookAdapter as ChannelAdapter<unknown, unknown, unknown>, secretFields: ['secrets'], perRecipient: false, editsPosts: false },
  websub: { adapter: websubAdapter as ChannelAdapter<unknown, unknown, unknown>, secretFields: [], perRecipient: false, editsPosts: false },
};

export const channelTypeNames = Object.keys(channelTypes) as ChannelType[];

export function isChannelType(value: string): value is ChannelType {
  return Object.hasOwn(channelTypes, value);
}

/** Kinds that put a story on a channel; the others change or remove what is there. */
export const postKinds: readonly ChangeKind[] = ['published', 'breaking'];
