/**
 * A small round-robin HTTP proxy for load runs of several instances: `proxy.ts PORT…` forwards
 * each request to the next upstream port on 127.0.0.1 over kept-alive connections, adding the
 * client's address to X-Forwarded-For as nginx's `proxy_add_x_forwarded_for` does. Prints
 * {"port"} on stdout when listening; stops on SIGTERM.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

const upstreams = process.argv.slice(2).map(Number);
if (upstreams.length === 0 || upstreams.some((p) => !Number.isInteger(p))) throw new Error('usage: proxy.ts PORT [PORT…]');
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
let turn = 0;

const server = createServer((req, res) => {
  const port = upstreams[turn++ % upstreams.length]!;
  const forwarded = req.headers['x-forwarded-for'];
  const headers = { ...req.headers, 'x-forwarded-for': forwarded ? `${String(forwarded)}, ${req.socket.remoteAddress}` : req.socket.remoteAddress };
  const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers, agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.once('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('bad gateway');
  });
  req.pipe(upstream);
});
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
