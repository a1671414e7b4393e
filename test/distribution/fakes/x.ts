// A local X API v2 for POST /2/tweets and DELETE /2/tweets/:id. It checks OAuth 1.0a signatures
// itself (RFC 5849, written here independently of the client's signer), refuses reused nonces and
// stale timestamps, counts text as X does, and answers errors in X's problem format.
import { createHmac } from 'node:crypto';
import { FakeServer, type Answer, type Recorded } from './server.js';

export interface XApp {
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
}

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/** Weighted length by twitter-text config v3, counted the simple way (one code point at a time). */
export function xCount(text: string): number {
  let weight = 0;
  const urls = text.normalize('NFC').split(/(https?:\/\/\S+)/);
  for (const [i, part] of urls.entries()) {
    if (i % 2 === 1) {
      weight += 23;
      continue;
    }
    const graphemes = Array.from(new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(part), (s) => s.segment);
    for (const g of graphemes) {
      if (/\p{Extended_Pictographic}/u.test(g) && (g.codePointAt(0)! > 0x10ff || g.includes('\uFE0F'))) {
        weight += 2;
        continue;
      }
      for (const ch of g) {
        const cp = ch.codePointAt(0)!;
        const light = cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037);
        weight += light ? 1 : 2;
      }
    }
  }
  return weight;
}

const problem = (status: number, title: string, detail: string, extra: object = {}): Answer => ({
  status,
  body: { title, detail, type: 'about:blank', status, ...extra },
});

export class FakeX {
  readonly server: FakeServer;
  readonly posts = new Map<string, { text: string; deleted: boolean; at: number }>();
  readonly nonces = new Set<string>();
  /** Answer the next N posts with 429, window resetting in `resetIn` seconds. */
  rateLimit = { remaining: 0, resetIn: 60 };
  private nextId = 1850000000000000000n;

  constructor(private readonly app: XApp) {
    this.server = new FakeServer((req) => this.answer(req));
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  get url(): string {
    return this.server.url;
  }

  /** Null when the request is signed right, else why not. */
  verify(req: Recorded): string | null {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('OAuth ')) return 'no OAuth header';
    const params = new Map<string, string>();
    for (const m of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) params.set(m[1]!, decodeURIComponent(m[2]!));
    if (params.get('oauth_consumer_key') !== this.app.consumerKey || params.get('oauth_token') !== this.app.token) return 'unknown key or token';
    if (params.get('oauth_signature_method') !== 'HMAC-SHA1' || params.get('oauth_version') !== '1.0') return 'wrong method or version';
    const ts = Number(params.get('oauth_timestamp'));
    if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > 300) return 'stale timestamp';
    const nonce = params.get('oauth_nonce') ?? '';
    if (nonce === '' || this.nonces.has(nonce)) return 'nonce reused';
    const signature = params.get('oauth_signature');
    params.delete('oauth_signature');
    const pairs = [...params, ...req.url.searchParams].map(([k, v]) => `${enc(k)}=${enc(v)}`).sort();
    const base = `${req.method}&${enc(`http://${req.headers.host}${req.url.pathname}`)}&${enc(pairs.join('&'))}`;
    const expected = createHmac('sha1', `${enc(this.app.consumerSecret)}&${enc(this.app.tokenSecret)}`).update(base).digest('base64');
    if (signature !== expected) return 'bad signature';
    this.nonces.add(nonce);
    return null;
  }

  private answer(req: Recorded): Answer {
    if (this.verify(req) !== null) return problem(401, 'Unauthorized', 'Unauthorized');
    const del = /^\/2\/tweets\/(\d+)$/.exec(req.url.pathname);
    if (req.method === 'DELETE' && del) {
      const post = this.posts.get(del[1]!);
      if (!post || post.deleted) return problem(404, 'Not Found Error', `Could not find tweet with id: [${del[1]}].`);
      post.deleted = true;
      return { status: 200, body: { data: { deleted: true } } };
    }
    if (req.method !== 'POST' || req.url.pathname !== '/2/tweets') return problem(404, 'Not Found', 'Not Found');
    if (this.rateLimit.remaining > 0) {
      this.rateLimit.remaining -= 1;
      const reset = Math.floor(Date.now() / 1000) + this.rateLimit.resetIn;
      return { ...problem(429, 'Too Many Requests', 'Too Many Requests'), headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) } };
    }
    const { text } = JSON.parse(req.body.toString('utf8')) as { text?: string };
    if (typeof text !== 'string' || text === '') {
      return { status: 400, body: { errors: [{ message: 'text must not be empty' }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' } };
    }
    if (xCount(text) > 280) return problem(400, 'Invalid Request', 'Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.');
    if ([...this.posts.values()].some((p) => p.text === text && !p.deleted)) return problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
    const id = String(this.nextId++);
    this.posts.set(id, { text, deleted: false, at: Date.now() });
    return { status: 201, body: { data: { id, text, edit_history_tweet_ids: [id] } } };
  }
}
