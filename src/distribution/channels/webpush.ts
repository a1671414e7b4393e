// Web push: the `web-push` library builds the request (VAPID JWT, RFC 8291 aes128gcm payload,
// TTL, Urgency, Topic) and it is sent through our own HTTP exchange, so push endpoints — which
// readers' browsers hand us — pass the same address guard and outcome classification as every
// other delivery. One Topic per story: a repeat replaces a notification still waiting at the
// push service instead of adding a second one.
import { createHash } from 'node:crypto';
import type WebPush from 'web-push';
import { z } from 'zod';
import { retryAfterMs, send, statusOutcome, unansweredOutcome } from './http.js';
import { oneLine, truncate, utf8Bytes } from './text.js';
import type { ChannelAdapter, DeliveryOutcome, StoryMessage } from './types.js';

/** A new VAPID key pair, base64url, to be stored (the private key encrypted) and kept for good. */
export async function generateVapidKeys(): Promise<{ publicKey: string; privateKey: string }> {
  return (await loadWebPush()).generateVAPIDKeys();
}

let loading: Promise<typeof WebPush> | undefined;
/** web-push costs about 11 MB resident; a site without push never loads it. */
function loadWebPush(): Promise<typeof WebPush> {
  return (loading ??= import('web-push').then((m) => m.default));
}

/** The push `Topic` for a story: at most 32 URL-safe base64 characters, the same on every send. */
export function topicForStory(storyId: string): string {
  return createHash('sha256').update(`khabar-story:${storyId}`).digest('base64url').slice(0, 32);
}

export const webpushConfigSchema = z.object({
  vapid: z.object({
    /** Contact for push services: mailto: or https: URL. */
    subject: z.string().regex(/^(mailto:.+|https:\/\/.+)$/),
    /** VAPID public key (base64url, 65 bytes). */
    publicKey: z.string().regex(/^[A-Za-z0-9_-]{86,88}$/),
    /** VAPID private key (base64url, 32 bytes). */
    privateKey: z.string().regex(/^[A-Za-z0-9_-]{42,44}$/),
  }),
  /** How long a push service keeps an undelivered notification (seconds). */
  ttlSeconds: z.number().int().min(0).max(2_419_200).default(86_400),
  /** The same for breaking stories: stale breaking news is worse than none. */
  breakingTtlSeconds: z.number().int().min(0).max(2_419_200).default(3_600),
  /** Largest plaintext payload; push services take about 4 KB encrypted. */
  maxPayloadBytes: z.number().int().min(256).max(3_993).default(3_000),
});
export type WebPushConfig = z.infer<typeof webpushConfigSchema>;

/** A browser's PushSubscription as JSON. */
export const webpushTargetSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }),
  keys: z.object({
    /** The browser's P-256 public key: 65 bytes, uncompressed. */
    p256dh: z.base64url().refine((k) => { const b = Buffer.from(k, 'base64url'); return b.length === 65 && b[0] === 4; }),
    /** The 16-byte authentication secret. */
    auth: z.base64url().refine((k) => Buffer.from(k, 'base64url').length === 16),
  }),
});
export type WebPushTarget = z.infer<typeof webpushTargetSchema>;

export const webpushMemorySchema = z.object({ messageUrl: z.string().nullable() });
export type WebPushMemory = z.infer<typeof webpushMemorySchema>;

/** What the service worker receives (JSON). */
export interface PushPayload {
  title: string;
  body: string;
  url: string;
  image: string | null;
  /** Same as the Topic: the service worker uses it as the notification tag, so a repeat replaces. */
  tag: string;
  breaking: boolean;
  lang: string;
  storyId: string;
}

/** The payload, its dek and then headline shortened at grapheme boundaries to fit `maxBytes` of UTF-8 JSON. */
export function pushPayload(message: StoryMessage, maxBytes: number): PushPayload | null {
  const base: PushPayload = {
    title: oneLine(message.headline),
    body: oneLine(message.dek),
    url: message.url,
    image: message.imageUrl,
    tag: topicForStory(message.storyId),
    breaking: message.breaking,
    lang: message.language,
    storyId: message.storyId,
  };
  const size = (p: PushPayload) => utf8Bytes(JSON.stringify(p));
  const over = size(base) - maxBytes;
  if (over <= 0) return base;
  const withoutBody = { ...base, body: '' };
  const room = maxBytes - size(withoutBody);
  if (room > 0) {
    const body = truncate(base.body, room, (s) => utf8Bytes(JSON.stringify(s)) - 2);
    return { ...base, body };
  }
  const titleRoom = maxBytes - size({ ...withoutBody, title: '' });
  const title = truncate(base.title, titleRoom, (s) => utf8Bytes(JSON.stringify(s)) - 2);
  return title === '' ? null : { ...withoutBody, title };
}

export const webpushAdapter: ChannelAdapter<WebPushConfig, WebPushMemory, WebPushTarget> = {
  type: 'webpush',
  configSchema: webpushConfigSchema,
  memorySchema: webpushMemorySchema,
  handles: ['published', 'breaking'],
  async deliver({ message, config, previous, target, network }): Promise<DeliveryOutcome<WebPushMemory>> {
    if (previous !== null) return { status: 'sent', remoteId: previous.messageUrl, remoteUrl: null, memory: previous, unchanged: true };
    const subscription = webpushTargetSchema.safeParse(target);
    if (!subscription.success) return { status: 'failed', reason: 'invalidConfig', detail: 'not a push subscription', gone: true };
    // Push services are HTTPS; a plain-HTTP endpoint is only for local test services.
    if (!subscription.data.endpoint.startsWith('https:') && !network.allowPrivate) {
      return { status: 'failed', reason: 'invalidConfig', detail: 'push endpoints must be https', gone: true };
    }
    const payload = pushPayload(message, config.maxPayloadBytes);
    if (payload === null) return { status: 'failed', reason: 'tooLong', detail: `the notification does not fit ${config.maxPayloadBytes} bytes` };
    const webpush = await loadWebPush();
    let details: ReturnType<typeof WebPush.generateRequestDetails>;
    try {
      details = webpush.generateRequestDetails(subscription.data, JSON.stringify(payload), {
        vapidDetails: config.vapid,
        TTL: message.breaking ? config.breakingTtlSeconds : config.ttlSeconds,
        urgency: message.breaking ? 'high' : 'normal',
        topic: payload.tag,
      });
    } catch (e) {
      // The subscription was checked above, so this is the channel's VAPID config.
      return { status: 'failed', reason: 'invalidConfig', detail: e instanceof Error ? e.message : String(e) };
    }
    const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    delete headers['content-length'];
    const r = await send({ method: 'POST', url: details.endpoint, headers, body: details.body ?? undefined }, network);
    if (r.kind !== 'answered') return unansweredOutcome(r);
    if (r.status >= 200 && r.status < 300) {
      const location = typeof r.headers.location === 'string' ? r.headers.location : null;
      return { status: 'sent', remoteId: location, remoteUrl: null, memory: { messageUrl: location } };
    }
    const detail = `HTTP ${r.status}${r.body ? `: ${r.body.slice(0, 200)}` : ''}`;
    // 404 and 410: the subscription expired or the reader unsubscribed; remove it.
    if (r.status === 404 || r.status === 410) return { status: 'failed', reason: 'gone', detail, gone: true, httpStatus: r.status };
    if (r.status === 413) return { status: 'failed', reason: 'tooLong', detail, httpStatus: r.status };
    return statusOutcome(r.status, detail, retryAfterMs(r.headers['retry-after']));
  },
};
