// OAuth 1.0a HMAC-SHA1 request signing (RFC 5849 §3.4), as X's user-context auth wants it.
// A JSON body is not signed (only query and form parameters are), which is why POST /2/tweets
// signs just the oauth_* parameters. Small enough to own; tested against published vectors.
import { createHmac, randomBytes } from 'node:crypto';

export interface OAuth1Credentials {
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
}

/** RFC 3986 percent-encoding: everything but unreserved characters, UTF-8, upper-case hex. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** scheme://host[:non-default port]/path, lower-case scheme and host (RFC 5849 §3.4.1.2). */
function baseUri(url: URL): string {
  const defaultPort = (url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443');
  return `${url.protocol.toLowerCase()}//${url.hostname.toLowerCase()}${url.port && !defaultPort ? `:${url.port}` : ''}${url.pathname}`;
}

/** The signature base string for a request with these (already decoded) parameters. */
export function signatureBaseString(method: string, url: string, params: Array<[string, string]>): string {
  const u = new URL(url);
  const all: Array<[string, string]> = [...u.searchParams, ...params].map(([k, v]) => [percentEncode(k), percentEncode(v)]);
  all.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const normalized = all.map(([k, v]) => `${k}=${v}`).join('&');
  return [method.toUpperCase(), percentEncode(baseUri(u)), percentEncode(normalized)].join('&');
}

export function hmacSha1Signature(base: string, consumerSecret: string, tokenSecret: string): string {
  return createHmac('sha1', `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`).update(base).digest('base64');
}

export interface SignOptions {
  method: string;
  url: string;
  /** Form-encoded body parameters (none for a JSON body). */
  formParams?: Array<[string, string]>;
  /** Fixed values for tests; random and current otherwise. */
  nonce?: string;
  timestamp?: number;
}

/** The `Authorization: OAuth …` header value for one request. */
export function oauth1Header(credentials: OAuth1Credentials, options: SignOptions): string {
  const oauth: Array<[string, string]> = [
    ['oauth_consumer_key', credentials.consumerKey],
    ['oauth_nonce', options.nonce ?? randomBytes(16).toString('hex')],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', String(options.timestamp ?? Math.floor(Date.now() / 1000))],
    ['oauth_token', credentials.token],
    ['oauth_version', '1.0'],
  ];
  const base = signatureBaseString(options.method, options.url, [...oauth, ...(options.formParams ?? [])]);
  oauth.push(['oauth_signature', hmacSha1Signature(base, credentials.consumerSecret, credentials.tokenSecret)]);
  return `OAuth ${oauth.map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`).join(', ')}`;
}
