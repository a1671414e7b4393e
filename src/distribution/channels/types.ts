/**
 * The contract between the outbox worker and the channel adapters.
 *
 * An adapter is a pure client of one outside service (Telegram, WhatsApp Cloud API, X, web push,
 * webhooks, WebSub): it holds no state, touches no database and knows nothing of the outbox. It
 * takes what one delivery row says and answers what happened, classified so the worker can act
 * without reading service-specific errors:
 *
 * 1. The worker claims an outbox row and reads from it the `StoryMessage` (validate the stored
 *    JSON with `storyMessageSchema`), the channel's config (decrypt its secrets with
 *    `../secrets.ts`, then `adapter.configSchema.parse`), the per-recipient `target` where the
 *    channel has one (a WhatsApp reader's number, a push subscription) and, for an edit or a
 *    removal, the `memory` recorded by this story's last `sent` outcome on this channel
 *    (`adapter.memorySchema.parse`; `null` when nothing was sent, or to force a new post when the
 *    newsroom asks for "resend").
 * 2. It calls `adapter.deliver(input)` once, with a stable `deliveryId` (the row's id: webhooks
 *    send it as `Khabar-Delivery`, so receivers can deduplicate) and the admin's network setting.
 * 3. It records the outcome in the same transaction that releases the row:
 *    - `sent`: done. Store `memory` (null means nothing is left at the service, e.g. after a
 *      delete) and show `remoteUrl` to the newsroom.
 *    - `retry`: nothing reached the service, or the service said "later". Schedule the row again
 *      after `retryAfterMs` when given (HTTP Retry-After, Telegram's `parameters.retry_after`),
 *      else after the worker's own backoff with jitter.
 *    - `failed`: permanent; do not retry. Show `detail` (the service's own words) with the reason.
 *      `gone` says the target no longer exists (push subscription 404/410): remove it.
 *    - `unknown`: the request may have reached the service but no answer was read (a timeout or a
 *      reset after the request was fully written, or an unreadable success answer). Never resend
 *      on your own: show it to the newsroom as "check and resend".
 *    Adapters never throw for anything a service or the network does; a throw is a bug.
 * 4. `adapter.handles` lists the kinds of change a channel acts on (X cannot edit a post, a
 *    WhatsApp template cannot be taken back): write outbox rows only for those.
 */
import { z } from 'zod';
import type { OutcomeReason } from '../../i18n/distribution.js';

export type { OutcomeReason };

export const changeKinds = ['published', 'updated', 'corrected', 'unpublished', 'breaking'] as const;
/** What happened to the story: the event that made this delivery. */
export type ChangeKind = (typeof changeKinds)[number];

export const storyLanguages = ['gu', 'en'] as const;
export type StoryLanguage = (typeof storyLanguages)[number];

const absoluteUrl = z.url({ protocol: /^https?$/ });

/** One story as a channel sees it, already public and complete; the same for every channel. */
export const storyMessageSchema = z.object({
  /** The story's id in Khabar (stable across edits). */
  storyId: z.string().min(1).max(100),
  /** The change this delivery is for. */
  kind: z.enum(changeKinds),
  /** Headline as written (plain text, Gujarati as typed). */
  headline: z.string().min(1).max(2000),
  /** Summary paragraph; empty when the story has none. */
  dek: z.string().max(10_000),
  /** The story's absolute, canonical URL. */
  url: absoluteUrl,
  /** Absolute URL of the story's (or its share card's) image, or null. */
  imageUrl: absoluteUrl.nullable(),
  /** Section slug, for rules and feed URLs. */
  sectionSlug: z.string().min(1).max(200),
  /** Section name as readers see it, for templates. */
  sectionName: z.string().min(1).max(200),
  /** Whether the story is flagged as breaking news. */
  breaking: z.boolean(),
  /** The story's language; posts use it for their own words ("read", "breaking"). */
  language: z.enum(storyLanguages),
});
export type StoryMessage = z.infer<typeof storyMessageSchema>;


export type DeliveryOutcome<M> =
  | {
      status: 'sent';
      /** The service's id of the post or message; null when nothing remains (deleted) or none is given. */
      remoteId: string | null;
      /** A link to the post for the newsroom, when the service has one. */
      remoteUrl: string | null;
      /** What to keep for later edits or removal; null when nothing remains at the service. */
      memory: M | null;
      /** True when the service already showed this content (an edit with no change): nothing new was posted. */
      unchanged?: boolean;
    }
  | {
      status: 'retry';
      reason: OutcomeReason;
      /** The service's own message, or the network error. */
      detail: string;
      /** How long the service asked to wait, when it said; otherwise the worker's backoff applies. */
      retryAfterMs: number | null;
    }
  | {
      status: 'failed';
      reason: OutcomeReason;
      /** The service's own message (e.g. "Forbidden: bot is not a member of the channel chat"). */
      detail: string;
      /** The target is gone for good: remove it (push subscription 404/410). */
      gone?: boolean;
      /** HTTP status of the answer, when there was one. */
      httpStatus?: number;
    }
  | {
      status: 'unknown';
      reason: OutcomeReason;
      /** What was seen (e.g. "no answer within 10000 ms after the request was sent"). */
      detail: string;
    };

/** The admin's network setting and the timeouts a delivery runs under. */
export interface NetworkPolicy {
  /** Allow addresses in private, loopback and link-local ranges (off unless an admin turns it on). */
  allowPrivate: boolean;
  /** Time allowed for the whole exchange, from connect to the end of the answer. */
  timeoutMs: number;
  /** Name resolution; tests replace it. Returns every address of the host. */
  resolve?: (hostname: string) => Promise<Array<{ address: string; family: 4 | 6 }>>;
}

export const defaultNetworkPolicy: NetworkPolicy = { allowPrivate: false, timeoutMs: 15_000 };

export interface DeliveryInput<C, M, T> {
  /** The story and the change. */
  message: StoryMessage;
  /** The channel's config, already validated with the adapter's `configSchema`. */
  config: C;
  /** What this story's last `sent` outcome on this channel recorded, or null. */
  previous: M | null;
  /** The recipient for channels that send to one at a time; `undefined` for the others. */
  target: T;
  /** The outbox row's stable id; the same on every attempt. */
  deliveryId: string;
  /** Network setting and timeouts. */
  network: NetworkPolicy;
}

export type ChannelType = 'telegram' | 'whatsapp' | 'x' | 'webpush' | 'webhook' | 'websub';

export interface ChannelAdapter<C, M, T = undefined> {
  readonly type: ChannelType;
  /** Validates a channel's config (secrets already decrypted). */
  readonly configSchema: z.ZodType<C>;
  /** Validates what a previous delivery recorded. */
  readonly memorySchema: z.ZodType<M>;
  /** The kinds of change this channel acts on. */
  readonly handles: readonly ChangeKind[];
  deliver(input: DeliveryInput<C, M, T>): Promise<DeliveryOutcome<M>>;
}
