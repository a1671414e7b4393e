// The adapter registry: every channel type, its adapter, and what the outbox needs to know about
// it beyond the adapter contract — which config fields are secrets (encrypted at rest), whether
// it sends to readers one at a time, and whether its edits change an earlier post.
import type { z } from 'zod';
import { telegramAdapter } from './telegram.js';
import { whatsappAdapter, whatsappTargetSchema } from './whatsapp.js';
import { xAdapter } from './x.js';
import { webpushAdapter, webpushTargetSchema } from './webpush.js';
import { webhookAdapter } from './webhook.js';
import { websubAdapter } from './websub.js';
import type { ChangeKind, ChannelAdapter, ChannelType } from './types.js';

export interface ChannelTypeInfo {
  // Configs, memories and targets are validated by the adapter's own schemas at run time.
  readonly adapter: ChannelAdapter<unknown, unknown, unknown>;
  /** Dotted paths of config fields that are secrets; a path may name an array of strings. */
  readonly secretFields: readonly string[];
  /** Sends to one reader at a time (recipients), not to one place: how a reader is read. */
  readonly recipient: ReaderKind | null;
  /**
   * Updates, corrections and removals act on what an earlier delivery posted (they need its
   * memory): such a channel gets them only for stories it has posted. False where every
   * delivery stands alone (a webhook call, a hub ping).
   */
  readonly editsPosts: boolean;
}

/** How a per-reader channel's target is validated, and what identifies the reader at the service. */
export interface ReaderKind {
  parse(raw: unknown): { ok: true; target: unknown; address: string } | { ok: false; field: string; message: string };
}

function readerKind<T>(schema: z.ZodType<T>, address: (target: T) => string): ReaderKind {
  return {
    parse(raw) {
      const r = schema.safeParse(raw);
      if (r.success) return { ok: true, target: r.data, address: address(r.data) };
      const issue = r.error.issues[0];
      return { ok: false, field: issue?.path.join('.') ?? '', message: issue?.message ?? '' };
    },
  };
}

const pushReader = readerKind(webpushTargetSchema, (t) => t.endpoint);
const whatsappReader = readerKind(whatsappTargetSchema, (t) => t.to.replace(/^\+/, ''));

export const channelTypes: Readonly<Record<ChannelType, ChannelTypeInfo>> = {
  telegram: { adapter: telegramAdapter as ChannelAdapter<unknown, unknown, unknown>, secretFields: ['botToken'], recipient: null, editsPosts: true },
  whatsapp: { adapter: whatsappAdapter as ChannelAdapter<unknown, unknown, unknown>, secretFields: ['accessToken', 'webhook.appSecret', 'webhook.verifyToken'], recipient: whatsappReader, editsPosts: true },
  x: {
    adapter: xAdapter as ChannelAdapter<unknown, unknown, unknown>,
    secretFields: ['consumerKey', 'consumerSecret', 'accessToken', 'accessTokenSecret'],
    recipient: null,
    editsPosts: true,
  },
  webpush: { adapter: webpushAdapter as ChannelAdapter<unknown, unknown, unknown>, secretFields: ['vapid.privateKey'], recipient: pushReader, editsPosts: true },
  webhook: { adapter: webhookAdapter as ChannelAdapter<unknown, unknown, unknown>, secretFields: ['secrets'], recipient: null, editsPosts: false },
  websub: { adapter: websubAdapter as ChannelAdapter<unknown, unknown, unknown>, secretFields: [], recipient: null, editsPosts: false },
};

export function isChannelType(value: string): value is ChannelType {
  return Object.hasOwn(channelTypes, value);
}

/** Kinds that put a story on a channel; the others change or remove what is there. */
export const postKinds: readonly ChangeKind[] = ['published', 'breaking'];
