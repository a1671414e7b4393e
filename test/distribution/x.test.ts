// X adapter: OAuth 1.0a signing checked against published vectors and by a local API that
// verifies every signature; the 280 limit counted as X counts (URL = 23, Gujarati = 1 per code point).
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hmacSha1Signature, oauth1Header, percentEncode, signatureBaseString } from '../../src/distribution/channels/oauth1.js';
import { composeXText, xAdapter, xConfigSchema, xWeightedLength, type XConfig, type XMemory } from '../../src/distribution/channels/x.js';
import type { StoryMessage } from '../../src/distribution/channels/types.js';
import { FakeX, xCount } from './fakes/x.js';
import { cleanCut, hardHeadline, local, longGujarati, story, ZWJ, ZWNJ } from './stories.js';

describe('OAuth 1.0a signer', () => {
  test('X’s documented example (POST statuses/update with a form body)', () => {
    const base = signatureBaseString('post', 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true', [
      ['status', 'Hello Ladies + Gentlemen, a signed OAuth request!'],
      ['oauth_consumer_key', 'xvz1evFS4wEEPTGEFPHBog'],
      ['oauth_nonce', 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '1318622958'],
      ['oauth_token', '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'],
      ['oauth_version', '1.0'],
    ]);
    assert.equal(
      base,
      'POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521',
    );
    assert.equal(hmacSha1Signature(base, 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw', 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE'), 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });
  test('OAuth Core 1.0 appendix example (GET with query, default port dropped)', () => {
    const header = oauth1Header(
      { consumerKey: 'dpf43f3p2l4k3l03', consumerSecret: 'kd94hf93k423kf44', token: 'nnch734d00sl2jdk', tokenSecret: 'pfkkdhi9sl3r4s00' },
      { method: 'GET', url: 'http://photos.example.net:80/photos?file=vacation.jpg&size=original', nonce: 'kllo9940pd9333jh', timestamp: 1191242096 },
    );
    assert.match(header, /oauth_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D"/);
  });
  test('percent-encoding: RFC 3986 unreserved only, UTF-8 for Gujarati', () => {
    assert.equal(percentEncode("a b!*'()~._-"), 'a%20b%21%2A%27%28%29~._-');
    assert.equal(percentEncode('ગુ'), '%E0%AA%97%E0%AB%81');
  });
});

describe('X length (twitter-text config v3)', () => {
  test('Latin 1, CJK 2, Gujarati 1 per code point, ZWJ/ZWNJ 1, Gujarati digits 1, emoji sequences 2, URLs 23', () => {
    assert.equal(xWeightedLength('a'.repeat(280)), 280);
    assert.equal(xWeightedLength('Hi http://test.co'), 26);
    assert.equal(xWeightedLength('你好'), 4);
    assert.equal(xWeightedLength('ગુજરાત'), 6);
    assert.equal(xWeightedLength(`ક્ષ${ZWJ}ત્ર`), 7);
    assert.equal(xWeightedLength(`ર${ZWNJ}ફ઼`), 4);
    assert.equal(xWeightedLength('૧૨'), 2);
    assert.equal(xWeightedLength('👨‍👩‍👧 🇮🇳 ❤️'), 8);
    assert.equal(xWeightedLength('“x” …'), 6, 'curly quotes weigh 1, the ellipsis U+2026 weighs 2');
    assert.equal(xWeightedLength('₹૫૦૦'), 5);
    assert.equal(xWeightedLength('જુઓ https://khabar.example/ગુજરાત/લાંબો-સમાચાર-૪૨।'), 4 + 23 + 1);
  });
  test('agrees with the fake’s independent count on the hard headline and long Gujarati', () => {
    for (const text of [hardHeadline, longGujarati(400), `${hardHeadline}\n\nhttps://khabar.example/a`]) assert.equal(xWeightedLength(text), xCount(text));
  });
});

describe('X composing', () => {
  test('a short story fits whole: headline, dek, link', () => {
    const text = composeXText(story({ headline: 'વરસાદ', dek: 'આજે ભારે વરસાદ.' }), '{breaking}{headline}\n\n{dek}\n\n{url}')!;
    assert.equal(text, `વરસાદ\n\nઆજે ભારે વરસાદ.\n\n${story().url}`);
  });
  test('a long dek is cut cleanly to fit 280; the URL counts 23 and stays whole', () => {
    const dek = longGujarati(1000);
    const text = composeXText(story({ dek }), '{headline}\n\n{dek}\n\n{url}')!;
    assert.ok(xWeightedLength(text) <= 280 && xWeightedLength(text) >= 270, String(xWeightedLength(text)));
    assert.ok(text.endsWith(story().url));
    assert.ok(cleanCut(text.split('\n\n')[1]!, dek));
  });
  test('a dek that would be cut to a stub is left out; a headline too long is cut', () => {
    const headline = longGujarati(250);
    const text = composeXText(story({ headline, dek: longGujarati(300) }), '{headline}\n\n{dek}\n\n{url}')!;
    assert.equal(text.split('\n\n').length, 2);
    const long = composeXText(story({ headline: longGujarati(600), dek: '' }), '{headline}\n\n{url}')!;
    assert.ok(xWeightedLength(long) <= 280);
    assert.ok(cleanCut(long.split('\n\n')[0]!, longGujarati(600)));
  });
});

const app = { consumerKey: 'ck-khabar', consumerSecret: 'cs-ગુપ્ત-secret', token: '1234-tok', tokenSecret: 'ts-secret' };
let fake: FakeX;
let config: XConfig;
const deliver = (message: StoryMessage, previous: XMemory | null = null, over: Partial<XConfig> = {}) =>
  xAdapter.deliver({ message, config: { ...config, ...over }, previous, target: undefined, deliveryId: 'd1', network: local });

describe('X adapter against a local API that verifies signatures', () => {
  before(async () => {
    fake = await new FakeX(app).start();
  });
  after(() => fake.server.close());
  beforeEach(() => {
    config = xConfigSchema.parse({ consumerKey: app.consumerKey, consumerSecret: app.consumerSecret, accessToken: app.token, accessTokenSecret: app.tokenSecret, username: 'khabar_gu', apiBase: fake.url });
    fake.rateLimit.remaining = 0;
  });

  test('posts once, signed; the Gujarati text arrives as composed and within 280', async () => {
    const o = await deliver(story({ storyId: 'x1', dek: longGujarati(900) }));
    assert.equal(o.status, 'sent', JSON.stringify(o));
    assert.ok(o.status === 'sent' && o.remoteUrl === `https://x.com/khabar_gu/status/${o.remoteId}`);
    const posted = fake.posts.get(o.status === 'sent' ? o.remoteId! : '')!;
    assert.ok(posted.text.startsWith(hardHeadline));
    assert.ok(xCount(posted.text) <= 280);
  });
  test('a wrong secret is refused by the signature check → failed, unauthorized', async () => {
    const o = await deliver(story({ headline: 'બીજું' }), null, { consumerSecret: 'wrong' });
    assert.deepEqual(o.status === 'failed' && [o.reason, o.detail], ['unauthorized', 'Unauthorized']);
  });
  test('429 → retry after the window resets (x-rate-limit-reset)', async () => {
    fake.rateLimit = { remaining: 1, resetIn: 60 };
    const o = await deliver(story({ headline: 'ત્રીજું' }));
    assert.equal(o.status, 'retry');
    assert.ok(o.status === 'retry' && o.retryAfterMs !== null && o.retryAfterMs > 55_000 && o.retryAfterMs <= 60_000, JSON.stringify(o));
  });
  test('duplicate content → failed (forbidden) in X’s words', async () => {
    const s = story({ headline: 'એક જ વાત', dek: '' });
    assert.equal((await deliver(s)).status, 'sent');
    const o = await deliver(s);
    assert.deepEqual(o.status === 'failed' && [o.reason, o.detail], ['forbidden', 'You are not allowed to create a Tweet with duplicate content.']);
  });
  test('updates leave the post as it is (no call); unpublish deletes it', async () => {
    const first = await deliver(story({ headline: 'ચોથું' }));
    assert.ok(first.status === 'sent' && first.memory);
    const calls = fake.server.requests.length;
    const upd = await deliver(story({ kind: 'updated', headline: 'ચોથું (સુધારો)' }), first.memory);
    assert.ok(upd.status === 'sent' && upd.unchanged === true);
    assert.equal(fake.server.requests.length, calls);
    const del = await deliver(story({ kind: 'unpublished' }), first.memory);
    assert.deepEqual(del, { status: 'sent', remoteId: null, remoteUrl: null, memory: null });
    assert.equal(fake.posts.get(first.memory.postId)!.deleted, true);
  });
  test('reset after the request arrived → unknown', async () => {
    fake.server.faults.push('reset');
    const o = await deliver(story({ headline: 'પાંચમું' }));
    assert.deepEqual(o.status === 'unknown' && o.reason, 'connectionLostAfterSend');
  });
});
