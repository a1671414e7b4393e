// A local HTTP server that records every request in full and can be told how to misbehave on
// the next ones, so tests can reproduce what networks do: a reset after the request arrived,
// an answer that never comes, a peer that stops reading.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Recorded {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** When the whole request had arrived (ms since the epoch). */
  at: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

/**
 * - `reset`: read the whole request, then destroy the connection without answering;
 * - `hang`: read the whole request and never answer;
 * - `stall`: never read the request (the client cannot finish writing a large body).
 * The request is recorded (as received) in the first two cases, as a real service would have it.
 */
export type Fault = 'reset' | 'hang' | 'stall';

export type Handler = (req: Recorded) => Answer | Promise<Answer>;

export class FakeServer {
  readonly requests: Recorded[] = [];
  readonly faults: Fault[] = [];
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  url = '';

  constructor(private readonly handler: Handler) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const fault = this.faults.shift();
    if (fault === 'stall') {
      req.socket.pause();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: Recorded = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', this.url), headers: req.headers, body: Buffer.concat(chunks), at: Date.now() };
    this.requests.push(recorded);
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault === 'hang') return;
    let answer: Answer;
    try {
      answer = await this.handler(recorded);
    } catch (e) {
      answer = { status: 500, body: { error: String(e) } };
    }
    const body = answer.body === undefined ? '' : typeof answer.body === 'string' || Buffer.isBuffer(answer.body) ? answer.body : JSON.stringify(answer.body);
    const type = answer.body !== undefined && typeof answer.body === 'object' && !Buffer.isBuffer(answer.body) ? { 'content-type': 'application/json' } : {};
    res.writeHead(answer.status, { ...type, ...answer.headers });
    res.end(body);
  }
}

/** Parses a JSON or form-encoded request body into an object of strings and values. */
export function requestParams(req: Recorded): Record<string, unknown> {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
  if (type.includes('application/x-www-form-urlencoded')) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) out[k] = v;
    return out;
  }
  return Object.fromEntries(req.url.searchParams);
}
