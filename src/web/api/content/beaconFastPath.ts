import type { IncomingMessage, ServerResponse } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { ViewBeacon, ViewOutcome } from '../../../audience/views.js';

/** Who may set X-Forwarded-For, as Fastify's `trustProxy` takes it. */
export type TrustSetting = boolean | string[] | ((address: string, hop: number) => boolean);

export interface BeaconFastPathDeps {
  trust: TrustSetting;
  record: (beacon: ViewBeacon) => ViewOutcome | Promise<ViewOutcome>;
  onError: (err: unknown) => void;
}

const path = /^\/api\/v1\/articles\/([1-9][0-9]{0,9})\/views\/?$/;
const bodyLimit = 4096;
const maxId = 2_147_483_647;

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `r=<document.referrer>` form-encoded (sendBeacon with URLSearchParams) or the same as text. */
function referrerOf(body: string): string | undefined {
  if (!body.startsWith('r=')) return undefined;
  return new URLSearchParams(body).get('r')?.slice(0, 2000) ?? undefined;
}

/**
 * The view beacon (`POST /api/v1/articles/:id/views`) answered before Fastify's routing, hooks
 * and reply decoration: a spike sends tens of thousands a second and each is a hash and a set
 * lookup, so the framework's per-request work was most of its cost. It counts exactly what the
 * route counts (same client address rules, same body) and answers the same 204. Anything else —
 * another method, a bad id, a JSON or oversized or chunked body, a closing server — returns
 * false and goes through Fastify, which answers it (400, 413, 503) as before.
 */
export function beaconFastPath(deps: BeaconFastPathDeps) {
  const { trust, record, onError } = deps;
  const trustFn = typeof trust === 'function' ? trust : trust === true ? () => true : trust === false ? undefined : proxyAddr.compile(trust);
  let closing = false;

  const count = (req: IncomingMessage, id: number, body: string) => {
    const outcome = record({
      articleId: id,
      ip: trustFn ? proxyAddr(req, trustFn) : (req.socket.remoteAddress ?? ''),
      userAgent: header(req, 'user-agent'),
      referrer: referrerOf(body),
      purpose: header(req, 'sec-purpose') ?? header(req, 'purpose'),
    });
    if (outcome instanceof Promise) outcome.catch(onError);
  };

  const answer = (res: ServerResponse) => {
    res.writeHead(204, { 'cache-control': 'no-store' });
    res.end();
  };

  return {
    /** From the server's close onwards, beacons go to Fastify, which answers 503 on a closing server. */
    close(): void {
      closing = true;
    },
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      if (closing || req.method !== 'POST') return false;
      const url = req.url ?? '';
      const m = path.exec(url);
      if (!m) return false;
      const id = Number(m[1]);
      if (id > maxId) return false;
      const type = header(req, 'content-type') ?? '';
      if (type !== '' && !/^(application\/x-www-form-urlencoded|text\/plain)\s*(;|$)/i.test(type)) return false;
      if (req.headers['transfer-encoding'] !== undefined) return false;
      const length = Number(req.headers['content-length'] ?? 0);
      if (!Number.isInteger(length) || length > bodyLimit) return false;
      if (length === 0) {
        count(req, id, '');
        answer(res);
        req.resume();
        return true;
      }
      const parts: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= bodyLimit) parts.push(chunk);
      });
      req.on('end', () => {
        count(req, id, Buffer.concat(parts).toString('utf8'));
        answer(res);
      });
      req.on('error', () => res.destroy());
      return true;
    },
  };
}
