// WhatsApp: template sends against a local Cloud API with its error objects; webhook signature,
// handshake and STOP parsing; the share-to-channel text and wa.me link.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  graphErrorOutcome,
  parseWhatsAppWebhook,
  templateParam,
  verifyWhatsAppSignature,
  whatsappAdapter,
  whatsappChallenge,
  whatsappConfigSchema,
  whatsappShareLink,
  whatsappShareText,
  type WhatsAppConfig,
  type WhatsAppMemory,
} from '../../src/distribution/channels/whatsapp.js';
import type { StoryMessage } from '../../src/distribution/channels/types.js';
import { FakeWhatsApp } from './fakes/whatsapp.js';
import { cleanCut, hardDek, hardHeadline, local, longGujarati, story, ZWJ } from './stories.js';

const token = 'EAAG-khabar-test-token';
let wa: FakeWhatsApp;
let config: WhatsAppConfig;
const deliver = (message: StoryMessage, to = '919812345678', previous: WhatsAppMemory | null = null, over: Partial<WhatsAppConfig> = {}) =>
  whatsappAdapter.deliver({ message: { ...message, kind: 'breaking', breaking: true }, config: { ...config, ...over }, previous, target: { to }, deliveryId: 'd1', network: local });

describe('WhatsApp Cloud API template messages', () => {
  before(async () => {
    wa = await new FakeWhatsApp('106540352242922', token).start();
    wa.templates.push({ name: 'breaking_news', language: 'gu', headerImage: true, bodyParams: 2, urlButton: true });
    wa.templates.push({ name: 'headline_only', language: 'gu', headerImage: false, bodyParams: 1, urlButton: false });
  });
  after(() => wa.server.close());
  beforeEach(() => {
    config = whatsappConfigSchema.parse({
      phoneNumberId: '106540352242922',
      accessToken: token,
      apiBase: wa.url,
      template: { name: 'breaking_news', language: 'gu', headerImage: true, body: ['headline', 'dek'], urlButton: { index: 0, base: 'https://khabar.example/' } },
    });
    wa.delivered.length = 0;
    wa.throttle = 0;
  });

  test('sends the template with image header, Gujarati params on one line, and the URL button suffix', async () => {
    const o = await deliver(story({ dek: `પહેલી લીટી\nબીજી\tલીટી     અંતર` }));
    assert.equal(o.status, 'sent', JSON.stringify(o));
    assert.ok(o.status === 'sent' && o.remoteId?.startsWith('wamid.'));
    const [{ at: _at, ...d }] = wa.delivered as [(typeof wa.delivered)[number]];
    assert.deepEqual(d, {
      to: '919812345678',
      template: 'breaking_news',
      params: [hardHeadline, 'પહેલી લીટી બીજી લીટી અંતર'],
      header: story().imageUrl,
      button: 'desh-videsh/mukhyamantri-rahat-42',
    });
  });
  test('a long headline is cut cleanly to the parameter limit', () => {
    const long = longGujarati(600);
    const p = templateParam(long, 250);
    assert.ok(p.length <= 250 && cleanCut(p, long));
    assert.equal(templateParam(`ક્ષ${ZWJ}ત્ર`, 250), `ક્ષ${ZWJ}ત્ર`);
  });
  test('a story without image and no fallback is a config problem, not a call', async () => {
    const before = wa.server.requests.length;
    const o = await deliver(story({ imageUrl: null }));
    assert.deepEqual(o.status === 'failed' && o.reason, 'invalidConfig');
    assert.equal(wa.server.requests.length, before);
  });
  test('error objects are classified by code: template missing, param mismatch, undeliverable, token, throttling', async () => {
    let o = await deliver(story(), undefined, null, { template: { ...config.template, name: 'nope' } });
    assert.deepEqual(o.status === 'failed' && [o.reason, o.httpStatus], ['rejected', 404]);
    assert.match(o.status === 'failed' ? o.detail : '', /132001.*does not exist/);

    o = await deliver(story(), undefined, null, { template: { ...config.template, body: ['headline'] } });
    assert.match(o.status === 'failed' ? o.detail : '', /132000.*localizable_params \(1\)/);

    wa.unreachable.add('919800000000');
    o = await deliver(story(), '919800000000');
    assert.deepEqual(o.status === 'failed' && o.reason, 'rejected');
    assert.match(o.status === 'failed' ? o.detail : '', /131026/);

    o = await deliver(story(), undefined, null, { accessToken: 'revoked' });
    assert.deepEqual(o.status === 'failed' && [o.reason, o.httpStatus], ['unauthorized', 401]);

    wa.throttle = 1;
    o = await deliver(story());
    assert.deepEqual(o.status === 'retry' && o.reason, 'rateLimited', 'code 130429 retries although the HTTP status is 400');
  });
  test('Graph error codes without a test service path', () => {
    const e = (code: number, status = 400) => {
      const o = graphErrorOutcome(status, JSON.stringify({ error: { message: `(#${code}) x`, code } }), null);
      return `${o.status}:${o.status === 'sent' ? '' : o.reason}`;
    };
    assert.equal(e(131000, 500), 'retry:serviceUnavailable');
    assert.equal(e(2, 503), 'retry:serviceUnavailable');
    assert.equal(e(131056), 'retry:rateLimited');
    assert.equal(e(368), 'failed:forbidden');
    assert.equal(e(200, 403), 'failed:forbidden');
    assert.equal(e(0, 401), 'failed:unauthorized');
    assert.equal(e(131009), 'failed:rejected');
    assert.deepEqual(graphErrorOutcome(502, '<html>', 3000), { status: 'retry', reason: 'serviceUnavailable', detail: 'HTTP 502: <html>', retryAfterMs: 3000 });
  });
  test('a repeated delivery to the same reader is not sent twice; other kinds are unsupported', async () => {
    const memory = { messageId: 'wamid.x', waId: '919812345678' };
    const o = await deliver(story(), undefined, memory);
    assert.ok(o.status === 'sent' && o.unchanged === true);
    assert.equal(wa.delivered.length, 0);
    const upd = await whatsappAdapter.deliver({ message: story({ kind: 'updated' }), config, previous: null, target: { to: '919812345678' }, deliveryId: 'd', network: local });
    assert.deepEqual(upd.status === 'failed' && upd.reason, 'unsupported');
  });
  test('reset after the request arrived → unknown', async () => {
    wa.server.faults.push('reset');
    const o = await deliver(story());
    assert.equal(o.status, 'unknown');
  });
});

describe('WhatsApp webhook (pure)', () => {
  const secret = 'app-secret-ગુપ્ત';
  const raw = Buffer.from(JSON.stringify({ object: 'whatsapp_business_account', entry: [] }));
  const sign = (body: Buffer, key = secret) => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;

  test('X-Hub-Signature-256 over the raw body', () => {
    assert.equal(verifyWhatsAppSignature(raw, sign(raw), secret), true);
    assert.equal(verifyWhatsAppSignature(raw, sign(raw, 'other'), secret), false);
    assert.equal(verifyWhatsAppSignature(Buffer.concat([raw, Buffer.from(' ')]), sign(raw), secret), false, 're-serialized bodies do not pass');
    assert.equal(verifyWhatsAppSignature(raw, undefined, secret), false);
    assert.equal(verifyWhatsAppSignature(raw, 'sha256=zz', secret), false);
  });
  test('verification handshake', () => {
    assert.equal(whatsappChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': 'tok', 'hub.challenge': '1158201444' }, 'tok'), '1158201444');
    assert.equal(whatsappChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': 'bad', 'hub.challenge': '1' }, 'tok'), null);
    assert.equal(whatsappChallenge({ 'hub.mode': 'unsubscribe', 'hub.verify_token': 'tok', 'hub.challenge': '1' }, 'tok'), null);
  });
  test('STOP in any case, Gujarati બંધ, the "Stop promotions" button and error 131050 opt out; START opts in', () => {
    const msg = (from: string, m: object) => ({ from, id: `wamid.${from}`, timestamp: '1718000000', ...m });
    const payload = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                messages: [
                  msg('911', { type: 'text', text: { body: '  Stop! ' } }),
                  msg('912', { type: 'text', text: { body: 'બંધ કરો' } }),
                  msg('913', { type: 'button', button: { text: 'Stop promotions', payload: 'Stop promotions' } }),
                  msg('914', { type: 'text', text: { body: 'START' } }),
                  msg('915', { type: 'text', text: { body: 'please stop sending me cricket news' } }),
                  msg('916', { type: 'image' }),
                ],
                statuses: [
                  { id: 'wamid.s', status: 'failed', timestamp: '1718000100', recipient_id: '917', errors: [{ code: 131050, title: 'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business' }] },
                  { id: 'wamid.t', status: 'delivered', timestamp: '1718000100', recipient_id: '918' },
                ],
              },
            },
          ],
        },
      ],
    };
    const { optOuts, optIns } = parseWhatsAppWebhook(payload);
    assert.deepEqual(optOuts.map((o) => [o.waId, o.via]), [['911', 'reply'], ['912', 'reply'], ['913', 'reply'], ['917', 'stoppedMarketing']]);
    assert.deepEqual(optIns.map((o) => o.waId), ['914']);
    assert.equal(optOuts[0]!.at.toISOString(), '2024-06-10T06:13:20.000Z');
    assert.deepEqual(parseWhatsAppWebhook({ hello: 'world' }), { optOuts: [], optIns: [] });
  });
});

describe('share to our WhatsApp channel (pure)', () => {
  test('bold headline, dek, link; wa.me link carries it all, Gujarati and & intact', () => {
    const text = whatsappShareText(story());
    assert.equal(text, `*${hardHeadline}*\n\n${hardDek}\n\n${story().url}`);
    const link = whatsappShareLink(text);
    assert.ok(link.startsWith('https://wa.me/?text='));
    assert.equal(new URL(link).searchParams.get('text'), text);
  });
  test('no dek: no blank block; a * in the headline drops the bold rather than breaking it', () => {
    assert.equal(whatsappShareText({ headline: 'ભાવ ૫* ઘટ્યા', dek: '', url: 'https://k.example/a' }), 'ભાવ ૫* ઘટ્યા\n\nhttps://k.example/a');
  });
});
