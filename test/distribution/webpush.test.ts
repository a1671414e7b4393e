// Web push through `web-push` to a local push service that checks VAPID; the test plays the
// browser: it holds the subscription's keys and decrypts what arrived (RFC 8291, http_ece).
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { decrypt } from 'http_ece';
import {
  generateVapidKeys,
  pushPayload,
  topicForStory,
  webpushAdapter,
  webpushConfigSchema,
  type PushPayload,
  type WebPushConfig,
  type WebPushTarget,
} from '../../src/distribution/channels/webpush.js';
import type { StoryMessage } from '../../src/distribution/channels/types.js';
import { FakePushService } from './fakes/push.js';
import { cleanCut, hardDek, hardHeadline, local, longGujarati, story } from './stories.js';

/** A browser's side of a subscription: its key pair and auth secret. */
function browser(endpoint: string): { target: WebPushTarget; ecdh: ECDH; auth: Buffer } {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { target: { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } }, ecdh, auth };
}

let push: FakePushService;
let config: WebPushConfig;
const deliver = (message: StoryMessage, target: WebPushTarget, network = local) =>
  webpushAdapter.deliver({ message, config, previous: null, target, deliveryId: 'd1', network });

describe('web push', () => {
  before(async () => {
    push = await new FakePushService().start();
    config = webpushConfigSchema.parse({ vapid: { subject: 'mailto:desk@khabar.example', ...(await generateVapidKeys()) } });
  });
  after(() => push.server.close());
  beforeEach(() => {
    push.received.length = 0;
  });

  test('VAPID keys are made in the shape the config stores', async () => {
    const keys = await generateVapidKeys();
    assert.equal(Buffer.from(keys.publicKey, 'base64url').length, 65);
    assert.equal(Buffer.from(keys.privateKey, 'base64url').length, 32);
    assert.equal(webpushConfigSchema.safeParse({ vapid: { subject: 'desk@khabar.example', ...keys } }).success, false, 'subject must be mailto: or https:');
  });
  test('the browser decrypts headline, dek and URL; Topic per story, TTL, urgency', async () => {
    const b = browser(push.endpoint('reader-1'));
    const o = await deliver(story(), b.target);
    assert.equal(o.status, 'sent', JSON.stringify(o));
    assert.ok(o.status === 'sent' && o.remoteId?.includes('/message/'));
    const [got] = push.received;
    const payload = JSON.parse(decrypt(got!.body, { version: 'aes128gcm', privateKey: b.ecdh, authSecret: b.auth }).toString('utf8')) as PushPayload;
    assert.equal(payload.title, hardHeadline);
    assert.equal(payload.body, hardDek);
    assert.equal(payload.url, story().url);
    assert.equal(payload.lang, 'gu');
    assert.equal(got!.topic, topicForStory('42'));
    assert.equal(payload.tag, got!.topic);
    assert.equal(got!.urgency, 'normal');
    assert.equal(got!.ttl, '86400');
  });
  test('breaking: urgency high, short TTL; the same story always has the same Topic, others differ', async () => {
    const b = browser(push.endpoint('reader-2'));
    await deliver(story({ breaking: true, kind: 'breaking' }), b.target);
    await deliver(story({ storyId: '43', breaking: true, kind: 'breaking' }), b.target);
    assert.deepEqual(push.received.map((r) => [r.urgency, r.ttl]), [['high', '3600'], ['high', '3600']]);
    assert.equal(push.received[0]!.topic, topicForStory('42'));
    assert.notEqual(push.received[1]!.topic, push.received[0]!.topic);
    assert.match(topicForStory('a long story id with ગુજરાતી and spaces that is longer than 32'), /^[A-Za-z0-9_-]{32}$/);
  });
  test('410 and 404 → failed with gone, so the subscription is removed', async () => {
    push.gone.add('old');
    push.notFound.add('lost');
    for (const id of ['old', 'lost']) {
      const o = await deliver(story(), browser(push.endpoint(id)).target);
      assert.deepEqual(o.status === 'failed' && [o.reason, o.gone], ['gone', true]);
    }
  });
  test('429 with Retry-After → retry; a wrong VAPID key → failed, not gone', async () => {
    push.rateLimit = { remaining: 1, retryAfter: '30' };
    let o = await deliver(story(), browser(push.endpoint('reader-3')).target);
    assert.deepEqual(o.status === 'retry' && o.retryAfterMs, 30_000);
    const other = await generateVapidKeys();
    const saved = config;
    config = { ...config, vapid: { ...config.vapid, privateKey: other.privateKey } };
    o = await deliver(story(), browser(push.endpoint('reader-3')).target);
    config = saved;
    assert.deepEqual(o.status === 'failed' && [o.reason, o.gone], ['forbidden', undefined]);
  });
  test('a malformed subscription is gone without a request; plain-HTTP endpoints only when private addresses are allowed', async () => {
    const before = push.server.requests.length;
    const o = await deliver(story(), { endpoint: push.endpoint('x'), keys: { p256dh: 'short', auth: 'x' } });
    assert.deepEqual(o.status === 'failed' && o.gone, true);
    const insecure = await deliver(story(), browser(push.endpoint('reader-4')).target, { allowPrivate: false, timeoutMs: 1000 });
    assert.deepEqual(insecure.status === 'failed' && insecure.reason, 'invalidConfig');
    assert.equal(push.server.requests.length, before);
  });
  test('an endpoint on a private address is refused by the guard', async () => {
    const o = await deliver(story(), browser('https://169.254.169.254/push/x').target, { allowPrivate: false, timeoutMs: 1000 });
    assert.deepEqual(o.status === 'failed' && o.reason, 'addressRefused');
  });
  test('payload fits the byte budget: Gujarati (3 bytes per code point) dek cut at a grapheme boundary', async () => {
    const dek = longGujarati(3000);
    const p = pushPayload(story({ dek }), 3000)!;
    assert.ok(Buffer.byteLength(JSON.stringify(p)) <= 3000);
    assert.ok(Buffer.byteLength(JSON.stringify(p)) > 2900);
    assert.ok(cleanCut(p.body, dek));
    const b = browser(push.endpoint('reader-5'));
    assert.equal((await deliver(story({ dek }), b.target)).status, 'sent');
    const got = JSON.parse(decrypt(push.received.at(-1)!.body, { version: 'aes128gcm', privateKey: b.ecdh, authSecret: b.auth }).toString('utf8')) as PushPayload;
    assert.equal(got.body, p.body);
  });
});
