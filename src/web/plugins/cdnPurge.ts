import type { CdnPurgeSettings } from '../../config.js';
import type { ChangeFeed } from '../../content/changes.js';
import { changesEveryPage } from '../site.js';

/** Keys gathered this long are sent in one request; a publish touches several at once. */
const batchMs = 250;
/** Fastly takes at most 256 keys in one batch purge. */
const keysPerRequest = 256;

/**
 * Tells a CDN which pages changed, by the same content keys the pages carry in their
 * `Surrogate-Key` header: `POST CDN_PURGE_URL` with `Surrogate-Key: article:12 home …` (Fastly's
 * batch purge; a Varnish with xkey takes the same with the VCL in docs/deploying.md). A change
 * every page shows purges `site`, which every page carries. Each instance purges what it hears,
 * so with several instances a purge may be sent more than once, which does no harm. A failed
 * purge is logged; the CDN then serves the old page until its `s-maxage` (5 minutes) runs out.
 */
export function followWithCdnPurge(feed: ChangeFeed, settings: CdnPurgeSettings, log: (message: string, err?: unknown) => void): () => Promise<void> {
  let waiting = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> = Promise.resolve();

  const send = async (keys: string[]) => {
    for (let i = 0; i < keys.length; i += keysPerRequest) {
      const batch = keys.slice(i, i + keysPerRequest);
      try {
        const res = await fetch(settings.url, {
          method: 'POST',
          headers: { 'surrogate-key': batch.join(' '), ...(settings.token && { 'fastly-key': settings.token, authorization: `Bearer ${settings.token}` }) },
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        if (!res.ok) log(`CDN purge of ${batch.length} key(s) answered ${res.status}`);
      } catch (err) {
        log(`CDN purge of ${batch.length} key(s) failed`, err);
      }
    }
  };
  const flush = () => {
    timer = undefined;
    const keys = [...waiting];
    waiting = new Set();
    sending = sending.then(() => send(keys));
  };
  const stop = feed.subscribe((event) => {
    for (const key of changesEveryPage(event) ? ['site'] : event.pages) waiting.add(key);
    if (waiting.size > 0 && timer === undefined) timer = setTimeout(flush, batchMs);
  });
  return async () => {
    stop();
    if (timer !== undefined) {
      clearTimeout(timer);
      flush();
    }
    await sending;
  };
}
