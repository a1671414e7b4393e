// TRUST_PROXY (issue 18, finding 4): X-Forwarded-For is ignored unless it comes from a proxy
// the operator named, so a client cannot pick a new address per request to dodge the login
// and comment limits or to count itself as thousands of readers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, parseTrustProxy } from '../../src/config.js';
import { latestArticles } from '../../src/content/stories.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { buildApp } from '../../src/web/server.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { browserUa, sendBeacons, visitorIp, waitFor } from '../audience/beacons.js';
import { countsOf, setCounts } from '../../src/audience/counters.js';

test('TRUST_PROXY: off by default; a hop count or addresses, CIDRs and proxy-addr range names', () => {
  assert.equal(loadConfig({}).trustProxy, false);
  for (const off of [undefined, '', 'off', 'false', '0']) assert.equal(parseTrustProxy(off), false);
  assert.equal(parseTrustProxy('2'), 2);
  assert.deepEqual(parseTrustProxy(' 10.0.0.5, 10.1.0.0/16 ,loopback,2001:db8::/32'), ['10.0.0.5', '10.1.0.0/16', 'loopback', '2001:db8::/32']);
  for (const bad of ['true', 'on', 'all', '10.0.0.0/33', 'proxy.example.com', '2001:db8::/129', ',']) {
    assert.throws(() => parseTrustProxy(bad), ConfigError, bad);
  }
  assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), /TRUST_PROXY=true would let any client choose its address/);
});

describe(`request.ip under each TRUST_PROXY (${testDialect})`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.drop());

  /** The address the app believes for a request from `from` carrying `xff`. */
  async function ipSeen(trust: string | undefined, from: string, xff?: string): Promise<string> {
    const config = loadConfig({ DATA_DIR: database.dir, LOG_LEVEL: 'silent', ...(trust !== undefined && { TRUST_PROXY: trust }) });
    const { app } = await buildApp({ config, database, feed: new LocalChangeFeed() });
    app.get('/test/ip', (request) => ({ ip: request.ip }));
    try {
      const res = await app.inject({ url: '/test/ip', remoteAddress: from, ...(xff && { headers: { 'x-forwarded-for': xff } }) });
      return (res.json() as { ip: string }).ip;
    } finally {
      await app.close();
    }
  }

  test('by default X-Forwarded-For is ignored, from anyone', async () => {
    assert.equal(await ipSeen(undefined, '198.51.100.4', '203.0.113.7'), '198.51.100.4');
    assert.equal(await ipSeen(undefined, '127.0.0.1', '203.0.113.7'), '127.0.0.1');
  });

  test('a listed proxy is believed; anyone else is not, and the chain is believed only through listed proxies', async () => {
    const trust = '10.0.0.5,10.1.0.0/16';
    assert.equal(await ipSeen(trust, '10.0.0.5', '203.0.113.7'), '203.0.113.7');
    assert.equal(await ipSeen(trust, '10.1.2.3', '203.0.113.7'), '203.0.113.7');
    assert.equal(await ipSeen(trust, '198.51.100.4', '203.0.113.7'), '198.51.100.4', 'not a listed proxy');
    // The client wrote "1.2.3.4" itself; the listed proxy appended who really connected to it.
    assert.equal(await ipSeen(trust, '10.0.0.5', '1.2.3.4, 203.0.113.7'), '203.0.113.7');
    assert.equal(await ipSeen(trust, '10.0.0.5', '1.2.3.4, 10.1.0.9'), '1.2.3.4', 'two listed proxies in a row');
  });

  test('a hop count believes that many hops and no more', async () => {
    assert.equal(await ipSeen('1', '10.9.9.9', '1.2.3.4, 203.0.113.7'), '203.0.113.7');
    assert.equal(await ipSeen('2', '10.9.9.9', '1.2.3.4, 203.0.113.7'), '1.2.3.4');
  });
});

describe(`limits hold against rotating X-Forwarded-For (${testDialect})`, () => {
  let site: TestSite;
  let article: number;
  before(async () => {
    // The product's default (TRUST_PROXY unset), reached over real HTTP from 127.0.0.1.
    site = await startTestSite({ env: { TRUST_PROXY: '' } });
    const [a] = await latestArticles(site.database.db, { now: new Date(), limit: 1 });
    article = a!.id;
  });
  after(() => site.close());

  test('the comment limit (5 a minute) counts the real address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${site.url}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}` },
        body: new URLSearchParams({ article: String(article), name: 'વાચક', text: `ટિપ્પણી નંબર ${i}` }),
      });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses.slice(5), [429, 429], statuses.join(','));
    assert.ok(statuses.slice(0, 5).every((s) => s === 201), statuses.join(','));
  });

  test('the login limit (10 a minute) counts the real address', async () => {
    const form = await fetch(`${site.url}/newsroom/login`);
    const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await fetch(`${site.url}/newsroom/login`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.51.100.${i + 1}` },
        // A different account each time: no lockout, only the address limit can refuse.
        body: new URLSearchParams({ _csrf: csrf, email: `nobody${i}@example.com`, password: 'not-the-password' }),
      });
      statuses.push(res.status);
    }
    assert.ok(statuses.slice(0, 10).every((s) => s === 401), statuses.join(','));
    assert.equal(statuses[10], 429);
  });

  test('one client with made-up addresses is one reader', async () => {
    await setCounts(site.database.db, article, { views: 0 });
    const beacons = Array.from({ length: 50 }, (_, n) => ({ ip: visitorIp(n + 1), ua: browserUa }));
    const statuses = await sendBeacons(`${site.url}/api/v1/articles/${article}/views`, beacons, 8);
    assert.deepEqual([...statuses], [[204, 50]]);
    const count = async () => (await countsOf(site.database.db, article)).views;
    assert.equal(await waitFor(count, 1), 1);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await count(), 1, 'still one after the next flush');
  });
});
