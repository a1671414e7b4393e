// Webhooks to a local receiver: JSON body, Khabar-Signature over `t.body`, a stable
// Khabar-Delivery id, the receiver-side check with a replay window, redirects not followed, and
// the address guard (localhost refused unless private addresses are allowed).
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature, webhookAdapter, webhookConfigSchema, type WebhookBody, type WebhookConfig } from '../../src/distribution/channels/webhook.js';
import type { NetworkPolicy, StoryMessage } from '../../src/distribution/channels/types.js';
import { FakeServer, type Answer } from './fakes/server.js';
import { hardDek, hardHeadline, local, story } from './stories.js';

const secret = 'whsec_ગુપ્ત_0123456789abcdef';
let receiver: FakeServer;
let next: Answer[] = [];
let config: WebhookConfig;
const deliver = (message: StoryMessage, deliveryId = 'dlv_1', network: NetworkPolicy = local, over: Partial<WebhookConfig> = {}) =>
  webhookAdapter.deliver({ message, config: { ...config, ...over }, previous: null, target: undefined, deliveryId, network });

before(async () => {
  receiver = await new FakeServer(() => next.shift() ?? { status: 204 }).start();
});
after(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
  next = [];
  config = webhookConfigSchema.parse({ url: `${receiver.url}/hooks/khabar`, secrets: [secret] });
});

describe('webhook delivery', () => {
  test('JSON body with the story, event and delivery headers, a signature the receiver can check', async () => {
    const o = await deliver(story({ kind: 'corrected' }), 'dlv_42');
    assert.deepEqual(o, { status: 'sent', remoteId: 'dlv_42', remoteUrl: null, memory: { deliveryId: 'dlv_42' } });
    const [req] = receiver.requests;
    assert.equal(req!.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(req!.headers['khabar-delivery'], 'dlv_42');
    assert.equal(req!.headers['khabar-event'], 'story.corrected');
    const body = JSON.parse(req!.body.toString('utf8')) as WebhookBody;
    assert.deepEqual(body.story, {
      id: '42',
      headline: hardHeadline,
      dek: hardDek,
      url: story().url,
      imageUrl: story().imageUrl,
      section: { slug: 'desh-videsh', name: 'દેશ-વિદેશ' },
      breaking: false,
      language: 'gu',
    });
    assert.equal(body.id, 'dlv_42');
    const header = req!.headers['khabar-signature'] as string;
    assert.deepEqual(verifyWebhookSignature({ rawBody: req!.body, header, secrets: [secret] }).ok, true);
    // Independently: v1 is HMAC-SHA256 over "<t>.<raw body>".
    const t = /t=(\d+)/.exec(header)![1]!;
    const v1 = createHmac('sha256', secret).update(`${t}.${req!.body.toString('utf8')}`).digest('hex');
    assert.equal(header, `t=${t},v1=${v1}`);
  });
  test('a retry carries the same delivery id', async () => {
    next = [{ status: 503 }];
    assert.deepEqual((await deliver(story(), 'dlv_7')).status, 'retry');
    assert.equal((await deliver(story(), 'dlv_7')).status, 'sent');
    assert.deepEqual(receiver.requests.map((r) => r.headers['khabar-delivery']), ['dlv_7', 'dlv_7']);
  });
  test('answers: 410 gone, 429 with Retry-After, 400 failed, redirects not followed', async () => {
    next = [{ status: 410 }, { status: 429, headers: { 'retry-after': '12' } }, { status: 400, body: 'bad' }, { status: 301, headers: { location: `${receiver.url}/elsewhere` } }];
    assert.deepEqual(await deliver(story()), { status: 'failed', reason: 'gone', detail: 'HTTP 410', gone: true, httpStatus: 410 });
    assert.deepEqual(await deliver(story()), { status: 'retry', reason: 'rateLimited', detail: 'HTTP 429', retryAfterMs: 12_000 });
    assert.deepEqual(await deliver(story()), { status: 'failed', reason: 'rejected', detail: 'HTTP 400: bad', httpStatus: 400 });
    const redirected = await deliver(story());
    assert.deepEqual(redirected.status === 'failed' && redirected.reason, 'redirected');
    assert.equal(receiver.requests.filter((r) => r.url.pathname === '/elsewhere').length, 0);
  });
  test('no answer after sending → unknown', async () => {
    receiver.faults.push('hang');
    const o = await deliver(story(), 'dlv_9', { ...local, timeoutMs: 300 });
    assert.deepEqual(o.status === 'unknown' && o.reason, 'timeoutAfterSend');
  });
  test('a hostname resolving to 127.0.0.1 (localhost) is refused; allowed with the admin flag', async () => {
    const port = new URL(receiver.url).port;
    const url = `http://localhost:${port}/hooks/khabar`;
    const refused = await deliver(story(), 'dlv_10', { allowPrivate: false, timeoutMs: 1000 }, { url });
    assert.deepEqual(refused.status === 'failed' && refused.reason, 'addressRefused');
    assert.equal(receiver.requests.length, 0);
    const allowed = await deliver(story(), 'dlv_11', { allowPrivate: true, timeoutMs: 1000, resolve: async () => [{ address: '127.0.0.1', family: 4 }] }, { url });
    assert.equal(allowed.status, 'sent');
    assert.equal(receiver.requests.length, 1);
  });
});

describe('webhook signature check (for receivers)', () => {
  const body = JSON.stringify({ id: 'd', type: 'story.published', story: { headline: hardHeadline } });
  const now = 1_718_000_000_000;
  const t = now / 1000;
  test('accepts within the window, refuses old, tampered, wrong secret, malformed, missing', () => {
    const header = signWebhook(body, [secret], t);
    assert.deepEqual(verifyWebhookSignature({ rawBody: body, header, secrets: [secret], now }), { ok: true, timestamp: t });
    assert.deepEqual(verifyWebhookSignature({ rawBody: body, header, secrets: [secret], now: now + 301_000 }), { ok: false, problem: 'expired' });
    assert.deepEqual(verifyWebhookSignature({ rawBody: body, header, secrets: [secret], now: now + 3_600_000, toleranceSeconds: 7200 }).ok, true);
    assert.deepEqual(verifyWebhookSignature({ rawBody: body.replace('ક', 'ખ'), header, secrets: [secret], now }), { ok: false, problem: 'mismatch' });
    assert.deepEqual(verifyWebhookSignature({ rawBody: body, header, secrets: ['another-secret-0000'], now }), { ok: false, problem: 'mismatch' });
    assert.deepEqual(verifyWebhookSignature({ rawBody: body, header: 'v1=abc', secrets: [secret], now }), { ok: false, problem: 'malformed' });
    assert.deepEqual(verifyWebhookSignature({ rawBody: body, header: undefined, secrets: [secret], now }), { ok: false, problem: 'missing' });
  });
  test('rotation: two v1 signatures, either secret verifies', () => {
    const header = signWebhook(body, ['new-secret-000000000', 'old-secret-000000000'], t);
    assert.equal(header.split(',').length, 3);
    assert.equal(verifyWebhookSignature({ rawBody: body, header, secrets: ['old-secret-000000000'], now }).ok, true);
    assert.equal(verifyWebhookSignature({ rawBody: body, header, secrets: ['new-secret-000000000'], now }).ok, true);
  });
  test('config: short secrets and non-HTTP URLs are refused', () => {
    assert.equal(webhookConfigSchema.safeParse({ url: 'https://hooks.example/x', secrets: ['short'] }).success, false);
    assert.equal(webhookConfigSchema.safeParse({ url: 'file:///etc/passwd', secrets: [secret] }).success, false);
  });
});
