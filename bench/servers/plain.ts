/**
 * The baseline: a bare node:http server answering each captured path with the exact status,
 * headers and body bytes it was given. Usage: plain.ts CAPTURE.json, where the file is
 * {"pages": {"/path": {"status", "headers": {name: value}, "bodyBase64"}}}. Unknown paths get 404.
 * Prints {"port"} on stdout when listening on 127.0.0.1; stops on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Captured {
  status: number;
  headers: OutgoingHttpHeaders;
  bodyBase64: string;
}

const file = process.argv[2];
if (!file) throw new Error('usage: plain.ts CAPTURE.json');
const capture = JSON.parse(readFileSync(file, 'utf8')) as { pages: Record<string, Captured> };
const pages = new Map(
  Object.entries(capture.pages).map(([path, p]) => [path, { status: p.status, headers: p.headers, body: Buffer.from(p.bodyBase64, 'base64') }]),
);

const server = createServer((req, res) => {
  const page = pages.get(req.url ?? '');
  if (!page) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(page.status, page.headers).end(page.body);
});
// Same keep-alive timeout as Fastify's default, so idle handling does not differ.
server.keepAliveTimeout = 72_000;

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
