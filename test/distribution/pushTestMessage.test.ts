// "Send test message" for web push: the admin's own browser subscription (read by the page
// script) receives the newest story, decrypted here as the browser would; the page shows the
// push service's real answer, also a refusal.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decrypt } from 'http_ece';
import * as cheerio from 'cheerio';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { signIn, post, type Session } from '../helpers/newsroom.js';
import { testDialect } from '../helpers/database.js';
import { generateSecretKey } from '../../src/distribution/secrets.js';
import type { PushPayload } from '../../src/distribution/channels/webpush.js';
import { FakePushService } from './fakes/push.js';
import { browser } from './newsroom.js';

describe(`web push test message on the channels page (${testDialect})`, () => {
  let site: TestSite;
  let push: FakePushService;
  let admin: Session;
  let channelId: number;
  before(async () => {
    process.env.KHABAR_SECRET_KEY = generateSecretKey();
    push = await new FakePushService().start();
    site = await startTestSite();
    admin = await signIn(site, 'admin');
    const row = await site.database.db.selectFrom('channels').select('id').where('type', '=', 'webpush').executeTakeFirstOrThrow();
    channelId = row.id;
    // The fake push service listens on loopback, which channels refuse unless an admin allows it.
    await site.database.db.updateTable('channels').set({ allow_private: 1 }).where('id', '=', channelId).execute();
  });
  after(async () => {
    delete process.env.KHABAR_SECRET_KEY;
    await site.close();
    await push.server.close();
  });

  test('the page offers the test for this browser, the button waiting for the script to find its subscription', async () => {
    const $ = cheerio.load(await (await fetch(`${site.url}/newsroom/channels/${channelId}`, { headers: { cookie: admin.cookie } })).text());
    const form = $('#push-test');
    assert.equal(form.attr('action'), `/newsroom/channels/${channelId}/test`);
    assert.equal(form.find('input[name=subscription]').length, 1);
    assert.notEqual(form.find('button[type=submit]').attr('disabled'), undefined);
    assert.match(form.text(), /પરીક્ષણ સૂચના ફક્ત આ બ્રાઉઝરને જશે/);
  });

  test("the admin's browser receives the newest story and the page shows the service's answer", async () => {
    const b = browser(push.endpoint('admin-browser'));
    const html = await (await post(site, admin, `/newsroom/channels/${channelId}/test`, { subscription: JSON.stringify(b.target) })).text();
    assert.match(cheerio.load(html)('.test-answer').text(), /સેવાએ સ્વીકાર્યું/);
    assert.equal(push.received.length, 1);
    const payload = JSON.parse(decrypt(push.received[0]!.body, { version: 'aes128gcm', privateKey: b.ecdh, authSecret: b.auth }).toString('utf8')) as PushPayload;
    const newest = await site.database.db.selectFrom('articles').select('headline').where('status', '=', 'published').orderBy('published_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(payload.title, newest.headline);
    assert.equal(await site.database.db.selectFrom('deliveries').select('id').execute().then((r) => r.length), 0, 'a test is not a delivery');
  });

  test('a subscription the push service has dropped: its 410 is shown; no subscription: said in Gujarati', async () => {
    push.gone.add('old-browser');
    const gone = await post(site, admin, `/newsroom/channels/${channelId}/test`, { subscription: JSON.stringify(browser(push.endpoint('old-browser')).target) });
    const answer = cheerio.load(await gone.text())('.test-answer').text();
    assert.match(answer, /410/);
    const none = await post(site, admin, `/newsroom/channels/${channelId}/test`, { subscription: 'not json' });
    assert.equal(none.status, 400);
    assert.match(await none.text(), /પરીક્ષણ માટે એક વાચક/);
  });
});
