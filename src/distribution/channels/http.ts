// One HTTP exchange with an outside service, told apart by how far it got: whether the request
// was completely written before something went wrong decides between "retry" (the service
// cannot have acted on an incomplete request) and "unknown" (it may have). node:http is used
// rather than fetch because fetch does not say when the body was written, and because its
// `lookup` hook lets us connect to exactly the address we checked.
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import { isPrivateAddress } from './address.js';
import type { DeliveryOutcome, NetworkPolicy, OutcomeReason } from './types.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type HttpResult =
  | { kind: 'answered'; status: number; headers: IncomingHttpHeaders; body: string; complete: boolean }
  | { kind: 'notSent'; reason: Extract<OutcomeReason, 'network' | 'timeoutBeforeSend' | 'addressRefused' | 'invalidConfig'>; detail: string }
  | { kind: 'maybeSent'; reason: Extract<OutcomeReason, 'timeoutAfterSend' | 'connectionLostAfterSend'>; detail: string };

/** Answers longer than this are cut: no service we call answers with more. */
const maxAnswerBytes = 1024 * 1024;

class AddressRefusedError extends Error {
  readonly code = 'KHABAR_ADDRESS_REFUSED';
}

async function systemResolve(hostname: string): Promise<Array<{ address: string; family: 4 | 6 }>> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) reject(err);
      else resolve(addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })));
    });
  });
}

/**
 * A `lookup` for node:http that resolves once, refuses the whole host when any of its addresses
 * is private (unless allowed), and hands the checked addresses to the connection itself, so a
 * second, different DNS answer (rebinding) is never asked for.
 */
function guardedLookup(policy: NetworkPolicy): LookupFunction {
  const resolve = policy.resolve ?? systemResolve;
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        if (wanted.length === 0) {
          callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4);
          return;
        }
        const refused = wanted.find((a) => isPrivateAddress(a.address));
        if (refused && !policy.allowPrivate) {
          callback(new AddressRefusedError(`${hostname} resolves to ${refused.address}, a private or local address`), '', 4);
          return;
        }
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 4),
    );
  };
}

const agents = { 'http:': new http.Agent({ keepAlive: false }), 'https:': new https.Agent({ keepAlive: false }) };

/** Sends one request under the network policy and says how far it got. Never throws. */
export function send(request: HttpRequest, policy: NetworkPolicy): Promise<HttpResult> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return Promise.resolve({ kind: 'notSent', reason: 'invalidConfig', detail: `not a URL: ${request.url}` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.resolve({ kind: 'notSent', reason: 'invalidConfig', detail: `unsupported scheme ${url.protocol}` });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && isPrivateAddress(host) && !policy.allowPrivate) {
    return Promise.resolve({ kind: 'notSent', reason: 'addressRefused', detail: `${host} is a private or local address` });
  }
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
  const headers: Record<string, string> = { ...request.headers };
  if (body !== undefined) headers['content-length'] = String(body.length);

  return new Promise<HttpResult>((resolve) => {
    let written = false;
    let settled = false;
    const settle = (result: HttpResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const lost = (err: Error & { code?: string }): HttpResult => {
      if (err.code === 'KHABAR_ADDRESS_REFUSED') return { kind: 'notSent', reason: 'addressRefused', detail: err.message };
      const detail = err.code ? `${err.code}: ${err.message}` : err.message;
      return written ? { kind: 'maybeSent', reason: 'connectionLostAfterSend', detail } : { kind: 'notSent', reason: 'network', detail };
    };
    const req = (url.protocol === 'https:' ? https : http).request({
      protocol: url.protocol,
      hostname: host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers,
      agent: agents[url.protocol as 'http:' | 'https:'],
      lookup: guardedLookup(policy),
    });
    const timer = setTimeout(() => {
      const detail = written
        ? `no answer within ${policy.timeoutMs} ms after the request was sent`
        : `the request could not be sent within ${policy.timeoutMs} ms`;
      settle(written ? { kind: 'maybeSent', reason: 'timeoutAfterSend', detail } : { kind: 'notSent', reason: 'timeoutBeforeSend', detail });
      req.destroy();
    }, policy.timeoutMs);
    req.on('finish', () => {
      written = true;
    });
    req.on('error', (err) => settle(lost(err)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxAnswerBytes) chunks.push(chunk);
      });
      const done = (complete: boolean) =>
        settle({ kind: 'answered', status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), complete });
      res.on('end', () => done(true));
      res.on('aborted', () => done(false));
      res.on('error', () => done(false));
      res.on('close', () => done(res.complete));
    });
    req.end(body);
  });
}

/** Milliseconds from an HTTP `Retry-After` (seconds or a date), or null. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return null;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The outcome of an exchange that never got an answer the adapter can read. */
export function unansweredOutcome<M>(result: Exclude<HttpResult, { kind: 'answered' }>): DeliveryOutcome<M> {
  if (result.kind === 'maybeSent') return { status: 'unknown', reason: result.reason, detail: result.detail };
  if (result.reason === 'addressRefused' || result.reason === 'invalidConfig') return { status: 'failed', reason: result.reason, detail: result.detail };
  return { status: 'retry', reason: result.reason, detail: result.detail, retryAfterMs: null };
}

/**
 * The usual reading of an HTTP status for services without a richer error scheme: 429 and 5xx
 * (and 408) are temporary, 3xx is a redirect we never follow, other 4xx are permanent.
 */
export function statusOutcome<M>(status: number, detail: string, retryAfter: number | null): DeliveryOutcome<M> {
  if (status === 429) return { status: 'retry', reason: 'rateLimited', detail, retryAfterMs: retryAfter };
  if (status >= 500 || status === 408) return { status: 'retry', reason: 'serviceUnavailable', detail, retryAfterMs: retryAfter };
  if (status >= 300 && status < 400) return { status: 'failed', reason: 'redirected', detail, httpStatus: status };
  if (status === 401) return { status: 'failed', reason: 'unauthorized', detail, httpStatus: status };
  if (status === 403) return { status: 'failed', reason: 'forbidden', detail, httpStatus: status };
  return { status: 'failed', reason: 'rejected', detail, httpStatus: status };
}

/** Parses a JSON answer; undefined when it is not JSON. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
