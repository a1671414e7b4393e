// Request timeouts (issue 18, finding 12): a client that drips its body or its headers a byte
// a second is cut off (408, connection closed) once REQUEST_TIMEOUT has passed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { buildApp, type App } from '../../src/web/server.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { freePort } from '../helpers/site.js';

/**
 * Opens a raw connection, writes `head`, then one byte of `drip` a second. Resolves when the
 * server closes the connection (with what it answered and after how long), or when `giveUpMs`
 * passes with the connection still open.
 */
function drip(port: number, head: string, dripText: string, giveUpMs: number): Promise<{ closedAfterMs: number | undefined; answer: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let i = 0;
    const timer = setInterval(() => {
      if (i < dripText.length && !socket.destroyed) socket.write(dripText[i++]!);
    }, 1000);
    const finish = (closedAfterMs: number | undefined) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ closedAfterMs, answer });
    };
    const giveUp = setTimeout(() => finish(undefined), giveUpMs);
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => finish(Date.now() - started));
    socket.write(head);
  });
}

describe(`request and header timeouts (${testDialect})`, () => {
  let database: TestDatabase;
  let site: App;
  let port: number;
  const timeoutS = 2;

  before(async () => {
    database = await openTestDatabase();
    port = await freePort();
    const config = loadConfig({ DATA_DIR: database.dir, LOG_LEVEL: 'silent', REQUEST_TIMEOUT: String(timeoutS) }, { port, host: '127.0.0.1' });
    site = await buildApp({ config, database, feed: new LocalChangeFeed() });
    await site.app.listen({ port, host: '127.0.0.1' });
  });
  after(async () => {
    await site.app.close();
    await database.drop();
  });

  test('REQUEST_TIMEOUT (60 s by default) sets the request and header limits of the server', () => {
    const config = loadConfig({});
    assert.equal(config.requestTimeoutMs, 60_000);
    assert.equal(site.app.server.requestTimeout, timeoutS * 1000);
    assert.equal(site.app.server.headersTimeout, timeoutS * 1000);
  });

  test('a body sent one byte a second is cut off with 408', async () => {
    const body = 'article=1&name=x&text='.padEnd(200, 'x');
    const head = `POST /comments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`;
    const r = await drip(port, head, body, (timeoutS + 6) * 1000);
    assert.ok(r.closedAfterMs !== undefined, `the connection was still open after ${timeoutS + 6} s`);
    assert.ok(r.closedAfterMs < (timeoutS + 2) * 1000, `closed after ${r.closedAfterMs} ms`);
    assert.match(r.answer, /^HTTP\/1\.1 408 /);
    console.log(`slow-body-cut-off-ms: ${r.closedAfterMs}`);
  });

  test('headers sent one byte a second are cut off with 408', async () => {
    const r = await drip(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: '.padEnd(100, 'y'), (timeoutS + 6) * 1000);
    assert.ok(r.closedAfterMs !== undefined, `the connection was still open after ${timeoutS + 6} s`);
    assert.ok(r.closedAfterMs < (timeoutS + 2) * 1000, `closed after ${r.closedAfterMs} ms`);
    assert.match(r.answer, /^HTTP\/1\.1 408 /);
    console.log(`slow-headers-cut-off-ms: ${r.closedAfterMs}`);
  });

  test('a client that sends in time is answered on the same kind of connection', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(res.status, 200);
  });
});
