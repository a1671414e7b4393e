/**
 * The beacon baseline: a bare node:http server that reads the request body and answers 204 with
 * the headers Khabar's beacon sends. Prints {"port"} when listening on 127.0.0.1; stops on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((req, res) => {
  // Drain the body as a real endpoint must before answering on a keep-alive connection.
  req.resume();
  req.on('end', () => res.writeHead(204, { 'cache-control': 'no-store' }).end());
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
