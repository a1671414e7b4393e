// A local push service (RFC 8030) with VAPID checks (RFC 8292): `Authorization: vapid t=<JWT>,
// k=<key>` with an ES256 JWT whose aud is this origin; aes128gcm bodies (RFC 8188/8291), TTL,
// Urgency and Topic headers; 201 with a Location, 404/410 for subscriptions that are gone.
import { createPublicKey, verify } from 'node:crypto';
import { FakeServer, type Answer, type Recorded } from './server.js';

export interface PushReceived {
  subscription: string;
  body: Buffer;
  ttl: string | undefined;
  urgency: string | undefined;
  topic: string | undefined;
  at: number;
}

/** Null when the VAPID header is valid for this origin, else why not. */
export function checkVapid(req: Recorded, origin: string): string | null {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
  if (!m) return 'no vapid authorization';
  const [head, body, sig] = m[1]!.split('.');
  if (!head || !body || !sig) return 'malformed JWT';
  const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { aud?: string; exp?: number; sub?: string };
  if (header.alg !== 'ES256') return 'not ES256';
  if (claims.aud !== origin) return `aud ${claims.aud} is not ${origin}`;
  const now = Date.now() / 1000;
  if (!claims.exp || claims.exp < now || claims.exp > now + 24 * 3600) return 'bad exp';
  if (!claims.sub || !/^(mailto:|https:)/.test(claims.sub)) return 'bad sub';
  const point = Buffer.from(m[2]!, 'base64url');
  if (point.length !== 65 || point[0] !== 4) return 'bad key';
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') }, format: 'jwk' });
  const ok = verify('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url'));
  return ok ? null : 'bad signature';
}

export class FakePushService {
  readonly server: FakeServer;
  readonly received: PushReceived[] = [];
  /** Subscriptions the service no longer knows: 410 Gone (or 404 when listed in `notFound`). */
  readonly gone = new Set<string>();
  readonly notFound = new Set<string>();
  /** Answer the next N with 429 and this Retry-After. */
  rateLimit = { remaining: 0, retryAfter: '30' };
  private nextMessage = 1;

  constructor() {
    this.server = new FakeServer((req) => this.answer(req));
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  endpoint(id: string): string {
    return `${this.server.url}/push/${id}`;
  }

  private answer(req: Recorded): Answer {
    const m = /^\/push\/([\w-]+)$/.exec(req.url.pathname);
    if (req.method !== 'POST' || !m) return { status: 404, body: 'no such subscription' };
    const id = m[1]!;
    if (this.gone.has(id)) return { status: 410, body: 'push subscription has unsubscribed or expired.' };
    if (this.notFound.has(id)) return { status: 404, body: 'subscription not found' };
    const vapid = checkVapid(req, this.server.url);
    if (vapid !== null) return { status: 403, body: vapid };
    if (req.headers.ttl === undefined || !/^\d+$/.test(req.headers.ttl as string)) return { status: 400, body: 'TTL header required' };
    const topic = req.headers.topic as string | undefined;
    if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) return { status: 400, body: 'bad Topic' };
    if (req.body.length > 0 && req.headers['content-encoding'] !== 'aes128gcm') return { status: 415, body: 'aes128gcm only' };
    if (req.body.length > 4096) return { status: 413, body: 'payload too large' };
    if (this.rateLimit.remaining > 0) {
      this.rateLimit.remaining -= 1;
      return { status: 429, headers: { 'retry-after': this.rateLimit.retryAfter }, body: 'slow down' };
    }
    this.received.push({ subscription: id, body: req.body, ttl: req.headers.ttl as string, urgency: req.headers.urgency as string | undefined, topic, at: Date.now() });
    return { status: 201, headers: { location: `${this.server.url}/message/${this.nextMessage++}` } };
  }
}
