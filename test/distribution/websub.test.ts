// WebSub publish pings to a local hub: hub.mode=publish, hub.url=<feed>, one per feed; repeated
// pings are harmless, so an exchange that may have arrived is retried.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { websubAdapter, websubConfigSchema, type WebSubConfig } from '../../src/distribution/channels/websub.js';
import { FakeServer, requestParams, type Answer } from './fakes/server.js';
import { local, story } from './stories.js';

let hub: FakeServer;
let next: Answer[] = [];
let config: WebSubConfig;
const deliver = (network = local) => websubAdapter.deliver({ message: story(), config, previous: null, target: undefined, deliveryId: 'd', network });

before(async () => {
  hub = await new FakeServer(() => next.shift() ?? { status: 204 }).start();
});
after(() => hub.close());
beforeEach(() => {
  hub.requests.length = 0;
  next = [];
  config = websubConfigSchema.parse({ hubUrl: `${hub.url}/hub`, feedUrls: ['https://khabar.example/feed.xml', 'https://khabar.example/section/{section}/feed.xml'] });
});

test('pings the hub once per feed, form-encoded, with the section feed filled in', async () => {
  const o = await deliver();
  assert.equal(o.status, 'sent');
  assert.deepEqual(
    hub.requests.map((r) => [r.headers['content-type'], requestParams(r)]),
    [
      ['application/x-www-form-urlencoded', { 'hub.mode': 'publish', 'hub.url': 'https://khabar.example/feed.xml' }],
      ['application/x-www-form-urlencoded', { 'hub.mode': 'publish', 'hub.url': 'https://khabar.example/section/desh-videsh/feed.xml' }],
    ],
  );
});
test('a hub error stops the round: 5xx retries, 4xx fails with the hub’s words', async () => {
  next = [{ status: 503 }];
  assert.equal((await deliver()).status, 'retry');
  next = [{ status: 204 }, { status: 400, body: 'hub.url not allowed' }];
  const o = await deliver();
  assert.deepEqual(o.status === 'failed' && o.detail, 'HTTP 400: hub.url not allowed (https://khabar.example/section/desh-videsh/feed.xml)');
});
test('a reset after the ping arrived is retried (pings are idempotent)', async () => {
  hub.faults.push('reset');
  assert.deepEqual((await deliver()).status, 'retry');
});
test('a hub on a private address is refused without the admin flag', async () => {
  const o = await deliver({ allowPrivate: false, timeoutMs: 1000 });
  assert.deepEqual(o.status === 'failed' && o.reason, 'addressRefused');
  assert.equal(hub.requests.length, 0);
});
