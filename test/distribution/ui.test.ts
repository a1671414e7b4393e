// The newsroom's channels and deliveries pages and the readers' WhatsApp and push endpoints, over
// real HTTP against a real site: only admins manage channels, secrets never come back in an
// answer, a test message shows the service's own answer, the WhatsApp webhook checks its
// signature and STOP (or a Gujarati stop word) opts a reader out, push subscriptions are kept.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { signIn, post, type Session } from '../helpers/newsroom.js';
import { testDialect } from '../helpers/database.js';
import { generateSecretKey, parseSecretKey } from '../../src/distribution/secrets.js';
import { saveChannel } from '../../src/distribution/commands/saveChannel.js';
import { addRecipient } from '../../src/distribution/recipients.js';
import { readerPhone } from '../../src/web/reader/distribution.js';
import { FakeTelegram } from './fakes/telegram.js';
import { browser } from './newsroom.js';

const token = '123456:AAE-khabar_ui_token_0123456789xyz';
const appSecret = 'ઍપ-secret-0123456789';
const verifyToken = 'verify-ચકાસણી-42';

describe(`distribution pages (${testDialect})`, () => {
  let site: TestSite;
  let tg: FakeTelegram;
  let admin: Session;
  let editor: Session;
  const key = generateSecretKey();

  before(async () => {
    process.env.KHABAR_SECRET_KEY = key;
    tg = await new FakeTelegram().start();
    tg.tokens.add(token);
    tg.addChannel('khabar_gu', -1001234567890);
    site = await startTestSite();
    admin = await signIn(site, 'admin');
    editor = await signIn(site, 'editor');
  });
  after(async () => {
    delete process.env.KHABAR_SECRET_KEY;
    await site.close();
    await tg.server.close();
  });

  const get = (s: Session, path: string) => fetch(`${site.url}${path}`, { headers: { cookie: s.cookie } });

  test('an editor cannot open or change channels; an admin can', async () => {
    assert.equal((await get(editor, '/newsroom/channels')).status, 403);
    assert.equal((await post(site, editor, '/newsroom/channels', { type: 'telegram', name: 'x' })).status, 403);
    const page = await get(admin, '/newsroom/channels');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /ચૅનલો/);
    assert.match(html, /<a href="\/newsroom\/channels\/\d+">વેબ પુશ<\/a>/, 'the web push channel was made on first start');
  });

  test('a Telegram channel is added, its token never shown back (only •••• and the last 4), and a test message shows Telegram’s answer', async () => {
    const fields = { type: 'telegram', name: 'ખબર ટેલિગ્રામ', 'c.botToken': token, 'c.chatId': '@khabar_gu', 'c.apiBase': tg.url, 'c.template': '<b>{headline}</b>\n{url}', allowPrivate: 'on', kinds: 'published' };
    const saved = await post(site, admin, '/newsroom/channels', fields);
    const body = await saved.text();
    assert.equal(saved.status, 200, body.slice(0, 500));
    assert.ok(!body.includes(token), 'the token is not in the answer');
    assert.ok(!body.includes(token.slice(7)), 'no large part of it either');
    assert.match(body, /••••••••9xyz/);
    const id = Number(body.match(/action="\/newsroom\/channels\/(\d+)\/test"/)?.[1]);
    assert.ok(id > 0);
    const edit = await (await get(admin, `/newsroom/channels/${id}`)).text();
    assert.ok(!edit.includes(token));
    // Saving again without the token keeps it.
    const again = await post(site, admin, `/newsroom/channels/${id}`, { ...fields, 'c.botToken': '' });
    assert.equal(again.status, 200);
    const tested = await (await post(site, admin, `/newsroom/channels/${id}/test`)).text();
    assert.match(tested, /સેવાએ સ્વીકાર્યું/);
    assert.equal(tg.posts('khabar_gu').length, 1, 'the test message reached the fake Bot API');
    assert.ok(!tested.includes(token));
    // A channel Telegram refuses: the service's own words are shown.
    tg.addChannel('not_admin', -1009, 'member');
    await post(site, admin, `/newsroom/channels/${id}`, { ...fields, 'c.botToken': '', 'c.chatId': '@not_admin' });
    const refused = await (await post(site, admin, `/newsroom/channels/${id}/test`)).text();
    assert.match(refused, /need administrator rights in the channel chat/);
    assert.ok(!(await (await get(admin, '/newsroom/channels')).text()).includes(token));
  });

  test('bad input is a 400 in the person’s language, with what was typed kept', async () => {
    const r = await post(site, admin, '/newsroom/channels', { type: 'telegram', name: 'ખોટું', 'c.botToken': token, 'c.chatId': '@khabar_gu', 'c.template': '<b>{headline}', 'c.apiBase': tg.url });
    const html = await r.text();
    assert.equal(r.status, 400);
    assert.match(html, /સંદેશ ટેમ્પ્લેટ: &lt;b> ખોલ્યો છે પણ &lt;\/b> થી બંધ કર્યો નથી/);
    assert.match(html, /value="published" checked/, 'the kinds come back ticked');
    assert.match(html, /value="ખોટું"/);
    assert.ok(!html.includes(token), 'a typed secret is not echoed either');
    const badToken = await post(site, admin, '/newsroom/channels', { type: 'telegram', name: 'ટોકન', 'c.botToken': 'ખોટો-ટોકન', 'c.chatId': '@khabar_gu' });
    assert.equal(badToken.status, 400);
    assert.match(await badToken.text(), /„બોટ ટોકન \(@BotFather પાસેથી\)“ ખૂટે છે અથવા બરાબર નથી/);
    const delay = await post(site, admin, '/newsroom/channels', { type: 'websub', name: 'હબ', 'c.hubUrl': 'https://hub.example/', 'c.feedUrls': 'https://khabar.example/feed.xml', delaySeconds: '૯૦૦૦૦' });
    assert.equal(delay.status, 400);
  });

  test('feeds declare the hub once a WebSub channel is set', async () => {
    const before = await (await fetch(`${site.url}/feed.xml`)).text();
    assert.ok(!before.includes('rel="hub"'));
    const r = await post(site, admin, '/newsroom/channels', { type: 'websub', name: 'WebSub હબ', 'c.hubUrl': 'https://pubsubhubbub.example/', 'c.feedUrls': `${site.url}/feed.xml`, kinds: ['published', 'updated'] as unknown as string });
    assert.equal(r.status, 200);
    const rss = await (await fetch(`${site.url}/feed.xml`)).text();
    assert.match(rss, /<atom:link href="https:\/\/pubsubhubbub.example\/" rel="hub"\/>/);
    const atom = await (await fetch(`${site.url}/atom.xml`)).text();
    assert.match(atom, /<link rel="hub" href="https:\/\/pubsubhubbub.example\/"\/>/);
  });

  test('WhatsApp: opt-in page with consent, webhook verify, signature checked, STOP and બંધ opt out', async () => {
    const { id } = await saveChannel(
      { db: site.database.db },
      {
        actor: { id: admin.personId, role: 'admin' },
        type: 'whatsapp',
        name: 'વૉટ્સઍપ',
        config: { phoneNumberId: '106540352242922', accessToken: 'EAAG-ui-token', template: { name: 'breaking_news', language: 'gu' }, webhook: { appSecret, verifyToken } },
        secretKey: parseSecretKey(key),
      },
    );
    const page = await fetch(`${site.url}/whatsapp`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /હું સંમતિ આપું છું/);
    const form = (fields: Record<string, string>) =>
      fetch(`${site.url}/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
    assert.equal((await form({ phone: '૯૮૭૬૫ ૪૩૨૧૦' })).status, 400, 'no consent');
    const bad = await form({ phone: '12', consent: 'yes' });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /નંબર બરાબર નથી/);
    assert.equal((await form({ phone: '૯૮૭૬૫ ૪૩૨૧૦', consent: 'yes' })).status, 200);
    await addRecipient({ db: site.database.db }, { channelId: id, target: { to: '+447700900123' } });
    const readers = () => site.database.db.selectFrom('recipients').select('address').where('channel_id', '=', id).orderBy('address').execute();
    assert.deepEqual((await readers()).map((r) => r.address), ['447700900123', '919876543210']);

    const verify = await fetch(`${site.url}/whatsapp/webhook/${id}?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(verifyToken)}&hub.challenge=1158201444`);
    assert.equal(verify.status, 200);
    assert.equal(await verify.text(), '1158201444');
    assert.equal((await fetch(`${site.url}/whatsapp/webhook/${id}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status, 403);

    const reply = (from: string, text: string) =>
      JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messages: [{ from, timestamp: '1764590000', type: 'text', text: { body: text } }] } }] }] });
    const send = (body: string, signature: string) => fetch(`${site.url}/whatsapp/webhook/${id}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
    const sign = (body: string) => `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
    const stop = reply('919876543210', 'STOP');
    assert.equal((await send(stop, sign('something else'))).status, 401, 'a wrong signature is refused');
    assert.equal((await send(stop, 'sha256=zz')).status, 401);
    assert.equal((await readers()).length, 2, 'nothing changed by unsigned calls');
    const ok = await send(stop, sign(stop));
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { optedOut: 1, optedIn: 0 });
    const gu = reply('447700900123', 'બંધ કરો');
    assert.deepEqual(await (await send(gu, sign(gu))).json(), { optedOut: 1, optedIn: 0 });
    assert.deepEqual(await readers(), []);
  });

  test('push: the notifications page, the service worker at the root, subscriptions added and removed', async () => {
    const page = await (await fetch(`${site.url}/notifications`)).text();
    assert.match(page, /data-key="[A-Za-z0-9_-]{86,88}"/);
    assert.match(page, /<script src="\/assets\/push.js" defer/);
    const sw = await fetch(`${site.url}/sw.js`);
    assert.equal(sw.status, 200);
    assert.match(sw.headers.get('content-type') ?? '', /javascript/);
    assert.match(await sw.text(), /showNotification/);
    const { target } = browser('https://push.example/send/abc');
    const add = await fetch(`${site.url}/push/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subscription: target, topics: ['breaking'] }) });
    assert.equal(add.status, 201);
    const bad = await fetch(`${site.url}/push/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subscription: { endpoint: 'nope' } }) });
    assert.equal(bad.status, 400);
    const count = async () => (await site.database.db.selectFrom('recipients').innerJoin('channels', 'channels.id', 'recipients.channel_id').select('recipients.id').where('channels.type', '=', 'webpush').execute()).length;
    assert.equal(await count(), 1);
    await fetch(`${site.url}/push/subscriptions/remove`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: target.endpoint }) });
    assert.equal(await count(), 0);
  });

  test('reader phone numbers: Gujarati digits, spaces, Indian numbers without +91', () => {
    assert.equal(readerPhone('૯૮૭૬૫ ૪૩૨૧૦'), '+919876543210');
    assert.equal(readerPhone('+44 7700-900123'), '+447700900123');
    assert.equal(readerPhone('0091 98765 43210'), '+919876543210');
    assert.equal(readerPhone('12345'), null);
    assert.equal(readerPhone('ફોન'), null);
  });
});

describe(`channels page without KHABAR_SECRET_KEY (${testDialect})`, () => {
  test('says secrets cannot be stored and why, and a channel with a token is refused in words', async () => {
    delete process.env.KHABAR_SECRET_KEY;
    const site = await startTestSite();
    try {
      const admin = await signIn(site, 'admin');
      const html = await (await fetch(`${site.url}/newsroom/channels`, { headers: { cookie: admin.cookie } })).text();
      assert.match(html, /KHABAR_SECRET_KEY ગોઠવાયેલી નથી/);
      const r = await post(site, admin, '/newsroom/channels', { type: 'telegram', name: 'ટેલિગ્રામ', 'c.botToken': token, 'c.chatId': '@khabar_gu' });
      assert.equal(r.status, 400);
      const body = await r.text();
      assert.match(body, /ટોકન અને ચાવીઓ સાચવી શકાતી નથી/);
      assert.ok(!body.includes(token));
    } finally {
      await site.close();
    }
  });
});
