// Outgoing webhooks: a JSON body per story change, signed so receivers can trust it.
//
// Headers (document these for receivers):
//   Khabar-Delivery:  <delivery id>            the same on every retry of one delivery: dedupe on it
//   Khabar-Event:     story.published | story.updated | story.corrected | story.unpublished | story.breaking
//   Khabar-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]
// where each v1 is HMAC-SHA256(secret, `${t}.${raw body}`), one per active secret (two while a
// secret is being rotated). Receivers check any v1 against their secret over the raw bytes and
// refuse a t older than their replay window (`verifyWebhookSignature` does both).
// Redirects are not followed, and the address guard applies at every delivery.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { retryAfterMs, send, statusOutcome, unansweredOutcome } from './http.js';
import type { ChangeKind, ChannelAdapter, DeliveryOutcome, StoryMessage } from './types.js';

export const webhookHeaders = { delivery: 'Khabar-Delivery', event: 'Khabar-Event', signature: 'Khabar-Signature' } as const;

export const webhookConfigSchema = z.object({
  /** Where to POST. */
  url: z.url({ protocol: /^https?$/ }),
  /** Signing secrets, newest first; more than one only while rotating. */
  secrets: z.array(z.string().min(16)).min(1).max(2),
});
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

export const webhookMemorySchema = z.object({ deliveryId: z.string() });
export type WebhookMemory = z.infer<typeof webhookMemorySchema>;

export interface WebhookBody {
  /** The delivery id (also in Khabar-Delivery). */
  id: string;
  type: `story.${ChangeKind}`;
  story: {
    id: string;
    headline: string;
    dek: string;
    url: string;
    imageUrl: string | null;
    section: { slug: string; name: string };
    breaking: boolean;
    language: string;
  };
}

export function webhookBody(message: StoryMessage, deliveryId: string): WebhookBody {
  return {
    id: deliveryId,
    type: `story.${message.kind}`,
    story: {
      id: message.storyId,
      headline: message.headline,
      dek: message.dek,
      url: message.url,
      imageUrl: message.imageUrl,
      section: { slug: message.sectionSlug, name: message.sectionName },
      breaking: message.breaking,
      language: message.language,
    },
  };
}

const hmac = (secret: string, timestamp: number, body: string | Buffer) =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/** The Khabar-Signature value for a body sent at `timestamp` (unix seconds). */
export function signWebhook(body: string | Buffer, secrets: readonly string[], timestamp: number): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${hmac(s, timestamp, body)}`)].join(',');
}

export type WebhookVerification = { ok: true; timestamp: number } | { ok: false; problem: 'missing' | 'malformed' | 'expired' | 'mismatch' };

/**
 * For receivers: checks a Khabar-Signature header against the raw body with any of the
 * receiver's secrets, and refuses timestamps more than `toleranceSeconds` away from now.
 */
export function verifyWebhookSignature(options: {
  /** The request body exactly as received (never re-serialized JSON). */
  rawBody: string | Buffer;
  header: string | undefined;
  secrets: readonly string[];
  /** Replay window; 5 minutes unless told. */
  toleranceSeconds?: number;
  now?: number;
}): WebhookVerification {
  const { rawBody, header, secrets } = options;
  if (!header) return { ok: false, problem: 'missing' };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d+$/.test(v)) timestamp = Number(v);
    else if (k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)) signatures.push(v);
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, problem: 'malformed' };
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return { ok: false, problem: 'expired' };
  for (const secret of secrets) {
    const expected = Buffer.from(hmac(secret, timestamp, rawBody), 'hex');
    if (signatures.some((s) => timingSafeEqual(expected, Buffer.from(s, 'hex')))) return { ok: true, timestamp };
  }
  return { ok: false, problem: 'mismatch' };
}

export const webhookAdapter: ChannelAdapter<WebhookConfig, WebhookMemory> = {
  type: 'webhook',
  configSchema: webhookConfigSchema,
  memorySchema: webhookMemorySchema,
  handles: ['published', 'updated', 'corrected', 'unpublished', 'breaking'],
  async deliver({ message, config, deliveryId, network }): Promise<DeliveryOutcome<WebhookMemory>> {
    const body = JSON.stringify(webhookBody(message, deliveryId));
    const r = await send(
      {
        method: 'POST',
        url: config.url,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Khabar-Webhooks/1',
          [webhookHeaders.delivery]: deliveryId,
          [webhookHeaders.event]: `story.${message.kind}`,
          [webhookHeaders.signature]: signWebhook(body, config.secrets, Math.floor(Date.now() / 1000)),
        },
        body,
      },
      network,
    );
    if (r.kind !== 'answered') return unansweredOutcome(r);
    if (r.status >= 200 && r.status < 300) return { status: 'sent', remoteId: deliveryId, remoteUrl: null, memory: { deliveryId } };
    const detail = `HTTP ${r.status}${r.body ? `: ${r.body.slice(0, 200)}` : ''}`;
    if (r.status === 410) return { status: 'failed', reason: 'gone', detail, gone: true, httpStatus: r.status };
    return statusOutcome(r.status, detail, retryAfterMs(r.headers['retry-after']));
  },
};
