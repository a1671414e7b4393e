// The HTTP exchange every adapter uses: how far a request got decides retry vs unknown, and the
// address guard refuses private networks after resolving, connecting only to what it checked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isPrivateAddress, parseIPv6 } from '../../src/distribution/channels/address.js';
import { retryAfterMs, send } from '../../src/distribution/channels/http.js';
import { FakeServer } from './fakes/server.js';
import { closedPort, local } from './stories.js';

describe('address classification', () => {
  test('private, loopback, link-local, unique-local and special ranges are refused; public ones pass', () => {
    for (const a of ['127.0.0.1', '127.8.9.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '198.18.0.1']) {
      assert.equal(isPrivateAddress(a), true, a);
    }
    for (const a of ['::1', '::', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd12:3456::1', 'ff02::1', '2001:db8::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::1', '::127.0.0.1']) {
      assert.equal(isPrivateAddress(a), true, a);
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8', '64:ff9b::808:808']) {
      assert.equal(isPrivateAddress(a), false, a);
    }
    assert.equal(isPrivateAddress('not-an-ip'), true);
  });
  test('IPv6 parsing: compressed forms, embedded IPv4, rejects malformed', () => {
    assert.equal(parseIPv6('::1'), 1n);
    assert.equal(parseIPv6('::ffff:1.2.3.4'), 0xffff01020304n);
    assert.equal(parseIPv6('1:2:3:4:5:6:7:8'), 0x00010002000300040005000600070008n);
    assert.equal(parseIPv6('1::2::3'), null);
    assert.equal(parseIPv6('1:2:3:4:5:6:7:8:9'), null);
    assert.equal(parseIPv6('12345::'), null);
  });
});

describe('send', () => {
  let server: FakeServer;
  before(async () => {
    server = await new FakeServer(() => ({ status: 200, body: { ok: true } })).start();
  });
  after(() => server.close());

  test('answered: status, headers and body', async () => {
    const r = await send({ method: 'POST', url: `${server.url}/x`, body: 'ગુજરાતી' }, local);
    assert.deepEqual(r.kind === 'answered' && [r.status, JSON.parse(r.body), r.complete], [200, { ok: true }, true]);
    assert.equal(server.requests.at(-1)!.body.toString('utf8'), 'ગુજરાતી');
  });
  test('connection refused → notSent (retry is safe)', async () => {
    const r = await send({ method: 'POST', url: `http://127.0.0.1:${await closedPort()}/`, body: 'x' }, local);
    assert.deepEqual(r.kind === 'notSent' && r.reason, 'network');
  });
  test('a peer that never reads a large body → timeoutBeforeSend (the request was never complete)', async () => {
    server.faults.push('stall');
    const r = await send({ method: 'POST', url: `${server.url}/big`, body: Buffer.alloc(64 * 1024 * 1024) }, { ...local, timeoutMs: 500 });
    assert.deepEqual(r.kind === 'notSent' && r.reason, 'timeoutBeforeSend');
  });
  test('reset after the whole request arrived → maybeSent', async () => {
    server.faults.push('reset');
    const r = await send({ method: 'POST', url: `${server.url}/r`, body: 'x' }, local);
    assert.deepEqual(r.kind === 'maybeSent' && r.reason, 'connectionLostAfterSend');
  });
  test('no answer after the whole request arrived → maybeSent (timeoutAfterSend)', async () => {
    server.faults.push('hang');
    const r = await send({ method: 'POST', url: `${server.url}/h`, body: 'x' }, { ...local, timeoutMs: 300 });
    assert.deepEqual(r.kind === 'maybeSent' && r.reason, 'timeoutAfterSend');
  });
  test('localhost (resolving to 127.0.0.1 / ::1) is refused without the flag, allowed with it', async () => {
    const port = new URL(server.url).port;
    const count = server.requests.length;
    const refused = await send({ method: 'GET', url: `http://localhost:${port}/` }, { allowPrivate: false, timeoutMs: 1000 });
    assert.deepEqual(refused.kind === 'notSent' && refused.reason, 'addressRefused');
    assert.equal(server.requests.length, count, 'nothing reached the server');
    const allowed = await send({ method: 'GET', url: `http://localhost:${port}/` }, { allowPrivate: true, timeoutMs: 1000, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    assert.equal(allowed.kind, 'answered');
  });
  test('IP literals in every spelling are refused before any connection', async () => {
    const port = new URL(server.url).port;
    for (const host of ['127.0.0.1', '[::1]', '[::ffff:127.0.0.1]', '2130706433', '0x7f.1', '0', '[fe80::1]', '169.254.169.254']) {
      const r = await send({ method: 'GET', url: `http://${host}:${port}/` }, { allowPrivate: false, timeoutMs: 500 });
      assert.deepEqual(r.kind === 'notSent' && r.reason, 'addressRefused', host);
    }
  });
  test('a host with one private address among public ones is refused whole', async () => {
    const r = await send(
      { method: 'GET', url: 'http://mixed.example/' },
      { allowPrivate: false, timeoutMs: 500, resolve: async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }] },
    );
    assert.deepEqual(r.kind === 'notSent' && r.reason, 'addressRefused');
  });
  test('DNS rebinding: the name is resolved once and the connection goes to that checked answer', async () => {
    // A rebinding resolver answers the check with one address and the connection with another.
    // Here the first answer is where the server listens and the second where nothing does:
    // reaching the server proves the connection used the answer that was checked.
    const port = new URL(server.url).port;
    const answers = ['127.0.0.1', '127.0.0.3'];
    let calls = 0;
    const r = await send(
      { method: 'GET', url: `http://rebind.example:${port}/` },
      { allowPrivate: true, timeoutMs: 1000, resolve: async () => [{ address: answers[Math.min(calls++, 1)]!, family: 4 }] },
    );
    assert.equal(r.kind, 'answered');
    assert.equal(calls, 1);
    assert.equal(server.requests.at(-1)!.headers.host, `rebind.example:${port}`);
  });
  test('unsupported schemes and malformed URLs are config problems', async () => {
    assert.deepEqual(await send({ method: 'GET', url: 'ftp://x.example/' }, local), { kind: 'notSent', reason: 'invalidConfig', detail: 'unsupported scheme ftp:' });
    assert.equal((await send({ method: 'GET', url: 'not a url' }, local)).kind, 'notSent');
  });
});

describe('Retry-After', () => {
  test('seconds, HTTP date, absent', () => {
    assert.equal(retryAfterMs('120'), 120_000);
    assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 30_000);
    assert.equal(retryAfterMs(undefined), null);
    assert.equal(retryAfterMs('soon'), null);
  });
});
