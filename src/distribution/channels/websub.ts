// WebSub (PubSubHubbub) publish pings: tell the hub that a feed changed, so it fetches the feed
// and pushes it to subscribers. The hub only learns "this topic changed", so a repeated ping is
// harmless: here, unlike other channels, an exchange that may have arrived is simply retried.
import { z } from 'zod';
import { retryAfterMs, send, statusOutcome } from './http.js';
import type { ChannelAdapter, DeliveryOutcome } from './types.js';

export const websubConfigSchema = z.object({
  /** The hub the feeds declare in <link rel="hub">. */
  hubUrl: z.url({ protocol: /^https?$/ }),
  /** Feed URLs (topics) to ping; `{section}` is replaced by the story's section slug. */
  feedUrls: z.array(z.string().regex(/^https?:\/\//)).min(1).max(10),
});
export type WebSubConfig = z.infer<typeof websubConfigSchema>;

export const websubMemorySchema = z.object({ pinged: z.array(z.string()) });
export type WebSubMemory = z.infer<typeof websubMemorySchema>;

export const websubAdapter: ChannelAdapter<WebSubConfig, WebSubMemory> = {
  type: 'websub',
  configSchema: websubConfigSchema,
  memorySchema: websubMemorySchema,
  handles: ['published', 'updated', 'corrected', 'unpublished', 'breaking'],
  async deliver({ message, config, network }): Promise<DeliveryOutcome<WebSubMemory>> {
    const topics = [...new Set(config.feedUrls.map((f) => f.replaceAll('{section}', encodeURIComponent(message.sectionSlug))))];
    for (const topic of topics) {
      const r = await send(
        {
          method: 'POST',
          url: config.hubUrl,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
        },
        network,
      );
      if (r.kind === 'notSent') {
        if (r.reason === 'addressRefused' || r.reason === 'invalidConfig') return { status: 'failed', reason: r.reason, detail: r.detail };
        return { status: 'retry', reason: r.reason, detail: r.detail, retryAfterMs: null };
      }
      if (r.kind === 'maybeSent') return { status: 'retry', reason: r.reason, detail: r.detail, retryAfterMs: null };
      if (r.status < 200 || r.status >= 300) {
        return statusOutcome(r.status, `HTTP ${r.status}${r.body ? `: ${r.body.slice(0, 200)}` : ''} (${topic})`, retryAfterMs(r.headers['retry-after']));
      }
    }
    return { status: 'sent', remoteId: null, remoteUrl: null, memory: { pinged: topics } };
  },
};
