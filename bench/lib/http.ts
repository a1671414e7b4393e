import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes on the wire (still compressed: node:http does not decode, unlike fetch). */
  body: Buffer;
}

/** One GET with node:http, returning the raw body bytes and headers. */
export function getRaw(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Headers that belong to one connection or moment, not to the page. */
const perConnection = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** A response's page headers, for replaying them elsewhere (drops date and connection headers). */
export function replayableHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !perConnection.has(name)) out[name] = value;
  }
  return out;
}
