// The beacon is answered in front of Fastify; whatever that path does not take (JSON, oversized
// or chunked bodies, bad ids, other methods) must still get the route's answers and counts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
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
