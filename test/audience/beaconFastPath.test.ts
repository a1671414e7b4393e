// The beacon is answered in front of Fastify; whatever that path does not take (JSON, oversized
// or chunked bodies, bad ids, other methods) must still get the route's answers and counts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { countsOf } from '../../src/audience/counters.js';
import { latestArticles } from '../../src/content/stories.js';
import { testDialect } from '../helpers/database.js';
import { browserUa, waitFor } from './beacons.js';

describe(`beacons in front of Fastify (${testDialect})`, () => {
  let site: TestSite;
  let id: number;
  const views = async () => (await countsOf(site.database.db, id)).views;
  const post = (headers: Record<string, string>, body?: string | ReadableStream, path = `/api/v1/articles/${id}/views`) =>
    fetch(`${site.url}${path}`, { method: 'POST', headers: { 'user-agent': browserUa, ...headers }, body, ...(body instanceof ReadableStream && { duplex: 'half' }) } as RequestInit);

  before(async () => {
    site = await startTestSite();
    const [newest] = await latestArticles(site.database.db, { now: new Date(), limit: 1 });
    id = newest!.id;
    await site.database.db.updateTable('article_counters').set({ views: 0 }).execute();
  });
  after(() => site.close());

  test('form, text, empty, JSON and chunked beacons are all counted once per reader; referrers kept by host', async () => {
    const cases: [string, Record<string, string>, string | ReadableStream | undefined][] = [
      ['form', { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', 'x-forwarded-for': '203.0.113.1' }, `r=${encodeURIComponent('https://www.ગુજરાત.example/સમાચાર')}`],
      ['text', { 'content-type': 'text/plain;charset=UTF-8', 'x-forwarded-for': '203.0.113.2' }, 'r=https%3A%2F%2Fwww.google.co.in%2F'],
      ['empty', { 'x-forwarded-for': '203.0.113.3' }, undefined],
      ['json', { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.4' }, JSON.stringify({ r: 'https://news.google.com/' })],
      [
        'chunked',
        { 'content-type': 'text/plain', 'x-forwarded-for': '203.0.113.5' },
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('r=https%3A%2F%2Ft.co%2F'));
            c.close();
          },
        }),
      ],
      ['repeat', { 'content-type': 'text/plain', 'x-forwarded-for': '203.0.113.1' }, 'r='],
    ];
    for (const [name, headers, body] of cases) assert.equal((await post(headers, body)).status, 204, name);
    assert.equal(await waitFor(views, 5), 5);
    const domains = await site.database.db.selectFrom('referrer_views_daily').select('domain').where('article_id', '=', id).orderBy('domain').execute();
    assert.deepEqual(
      domains.map((d) => d.domain),
      ['(direct)', 'google.co.in', 'news.google.com', 't.co', new URL('https://ગુજરાત.example/').hostname].sort(),
    );
  });

  test('a body arriving in pieces is read whole; proxies named in X-Forwarded-For are judged per hop', async () => {
    const before = await views();
    const { port } = new URL(site.url);
    const body = Buffer.from(`r=${encodeURIComponent('https://ખબર.example/સમાચાર')}`);
    // Three readers behind the same proxy chain: the first and third through a hop that is not trusted.
    const send = (forwardedFor: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1');
        let answer = '';
        socket.on('data', (d) => (answer += d.toString('latin1')));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
        socket.write(
          `POST /api/v1/articles/${id}/views HTTP/1.1\r\nHost: x\r\nConnection: close\r\nUser-Agent: ${browserUa}\r\n` +
            `X-Forwarded-For: ${forwardedFor}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`,
        );
        socket.write(body.subarray(0, 9));
        setTimeout(() => socket.end(body.subarray(9)), 50);
      });
    // 198.51.100.7 is not loopback: the reader is that hop, whatever it claims to forward for.
    for (const chain of ['203.0.113.40, 198.51.100.7', '203.0.113.41, 198.51.100.7', '203.0.113.42, 127.0.0.1']) {
      assert.match(await send(chain), /^HTTP\/1\.1 204/, chain);
    }
    assert.equal(await waitFor(views, before + 2), before + 2, 'two readers: 198.51.100.7 and 203.0.113.42');
    const domains = await site.database.db.selectFrom('referrer_views_daily').select('domain').where('article_id', '=', id).execute();
    assert.ok(domains.some((d) => d.domain === new URL('https://ખબર.example/').hostname), 'the referrer from the two-piece body');
  });

  test('bad ids, oversized bodies and other methods get the route’s answers, and count nothing', async () => {
    const before = await views();
    assert.equal((await post({ 'x-forwarded-for': '203.0.113.9' }, undefined, '/api/v1/articles/0/views')).status, 400);
    assert.equal((await post({ 'x-forwarded-for': '203.0.113.9' }, undefined, '/api/v1/articles/99999999999/views')).status, 400);
    assert.equal((await post({ 'content-type': 'text/plain', 'x-forwarded-for': '203.0.113.9' }, `r=${'ક'.repeat(3000)}`)).status, 413);
    const get = await fetch(`${site.url}/api/v1/articles/${id}/views`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    assert.equal(get.status, 404);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await views(), before);
  });
});
