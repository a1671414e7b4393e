import type { IncomingMessage, ServerResponse } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { ViewBeacon, ViewOutcome } from '../../../audience/views.js';

/** Who may set X-Forwarded-For, as Fastify's `trustProxy` takes it. */
export type TrustSetting = boolean | string[] | ((address: string, hop: number) => boolean);

export interface BeaconFastPathDeps {
  trust: TrustSetting;
  record: (beacon: ViewBeacon) => ViewOutcome | Promise<ViewOutcome>;
  onError: (err: unknown) => void;
  /** Told of every beacon answered here (metrics), as Fastify's onResponse hook would be. */
  observe?: (status: number, seconds: number) => void;
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

/** A small map that starts over when full: the values repeat (a spike has few referrers and proxies). */
function memo<V>(compute: (key: string) => V, limit = 1000): (key: string) => V {
  const known = new Map<string, V>();
  return (key) => {
    let v = known.get(key);
    if (v === undefined && !known.has(key)) {
      v = compute(key);
      if (known.size >= limit) known.clear();
      known.set(key, v);
    }
    return v as V;
  };
}

/**
 * The trust test proxy-addr runs on each hop. A compiled address list parses every address it is
 * asked about (a share of each beacon's cost), and it asks about the same few proxies each time:
 * remembered per address. It does not depend on the hop; a function setting (hop counts) may.
 */
function trustTest(trust: TrustSetting): ((address: string, hop: number) => boolean) | undefined {
  if (typeof trust === 'function') return trust;
  if (trust === true) return () => true;
  if (trust === false) return undefined;
  const compiled = proxyAddr.compile(trust);
  const known = memo((address) => compiled(address, 0));
  return (address) => known(address);
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
  const { trust, record, onError, observe } = deps;
  const trustFn = trustTest(trust);
  const knownReferrer = memo(referrerOf);
  // Bodies are short in practice; a long one is parsed each time rather than kept.
  const referrer = (body: string) => (body.length <= 1024 ? knownReferrer(body) : referrerOf(body));
  let closing = false;

  const count = (req: IncomingMessage, id: number, body: string) => {
    const outcome = record({
      articleId: id,
      ip: trustFn ? proxyAddr(req, trustFn) : (req.socket.remoteAddress ?? ''),
      userAgent: header(req, 'user-agent'),
      referrer: referrer(body),
      purpose: header(req, 'sec-purpose') ?? header(req, 'purpose'),
    });
    if (outcome instanceof Promise) outcome.catch(onError);
  };

  const answer = (res: ServerResponse, started: number) => {
    res.writeHead(204, { 'cache-control': 'no-store' });
    res.end();
    if (observe) observe(204, (performance.now() - started) / 1000);
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
      const started = observe ? performance.now() : 0;
      const id = Number(m[1]);
      if (id > maxId) return false;
      const type = header(req, 'content-type') ?? '';
      if (type !== '' && !/^(application\/x-www-form-urlencoded|text\/plain)\s*(;|$)/i.test(type)) return false;
      if (req.headers['transfer-encoding'] !== undefined) return false;
      const length = Number(req.headers['content-length'] ?? 0);
      if (!Number.isInteger(length) || length > bodyLimit) return false;
      if (length === 0) {
        count(req, id, '');
        answer(res, started);
        req.resume();
        return true;
      }
      // A beacon's body is one small chunk: kept as is, joined only when it came in pieces.
      let first: Buffer | undefined;
      let rest: Buffer[] | undefined;
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > bodyLimit) return;
        if (first === undefined) first = chunk;
        else (rest ??= [first]).push(chunk);
      });
      req.on('end', () => {
        const body = rest ? Buffer.concat(rest) : first;
        count(req, id, body === undefined ? '' : body.toString('utf8'));
        answer(res, started);
      });
      req.on('error', () => res.destroy());
      return true;
    },
  };
}
