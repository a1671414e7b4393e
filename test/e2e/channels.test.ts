// Distribution in a real browser: an admin adds a Telegram channel against the local fake Bot
// API, sends a test message and reads Telegram's answer; after a story is published its
// deliveries page shows the post (and a refused channel with Telegram's words and a retry
// button), the dashboard lists the failure; on the reader site a reader opts in to WhatsApp and
// the notifications button asks for the browser's permission only after it is pressed. At 390 and 1366 px, with checkPage.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { signIn, testPassword } from '../helpers/newsroom.js';
import { browserMissing, checkPage, desktop, launchBrowser, openPage, phone, signedInPage } from '../helpers/browser.js';
import { testDialect } from '../helpers/database.js';
import type { Browser } from 'playwright-core';
import { generateSecretKey, parseSecretKey } from '../../src/distribution/secrets.js';
import { dispatchPending } from '../../src/distribution/outbox.js';
import { fanoutHandler } from '../../src/distribution/fanout.js';
import { DeliveryWorker } from '../../src/distribution/deliveryWorker.js';
import { createDraft } from '../../src/newsroom/commands/createDraft.js';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { FakeTelegram } from '../distribution/fakes/telegram.js';
import { saveChannel } from '../../src/distribution/commands/saveChannel.js';

const token = '123456:AAE-khabar_e2e_token_0123456789abc';

describe(`channels and deliveries in Chromium (${testDialect})`, () => {
  const missing = browserMissing();
  let site: TestSite;
  let tg: FakeTelegram;
  let browser: Browser;
  const key = generateSecretKey();
  let admin: { email: string; password: string; id: number };

  before(async () => {
    if (missing) return;
    process.env.KHABAR_SECRET_KEY = key;
    tg = await new FakeTelegram().start();
    tg.tokens.add(token);
    tg.addChannel('khabar_gu', -1001234567890);
    tg.addChannel('not_admin', -1009, 'member');
    site = await startTestSite();
    const email = `admin-${Date.now()}@example.com`;
    const s = await signIn(site, 'admin', email);
    admin = { email, password: testPassword, id: s.personId };
    browser = await launchBrowser();
  });
  after(async () => {
    delete process.env.KHABAR_SECRET_KEY;
    await browser?.close();
    await site?.close();
    await tg?.server.close();
  });

  /** The outbox and one delivery run, as `serve` does every second. */
  async function pump(): Promise<void> {
    const db = site.database;
    await dispatchPending({ db: db.db, dialect: db.dialect }, [fanoutHandler]);
    await new DeliveryWorker({ db: db.db, dialect: db.dialect, publicUrl: site.url, secretKey: parseSecretKey(key), options: { timeoutMs: 3000 }, log: () => undefined }).deliverDue();
  }

  let whatsappChannel = 0;
  async function whatsapp(): Promise<number> {
    if (whatsappChannel === 0) {
      const config = { phoneNumberId: '106540352242922', accessToken: 'EAAG-e2e-token', template: { name: 'breaking_news', language: 'gu' } };
      whatsappChannel = (await saveChannel({ db: site.database.db }, { actor: { id: admin.id, role: 'admin' }, type: 'whatsapp', name: 'વૉટ્સઍપ', config, secretKey: parseSecretKey(key) })).id;
    }
    return whatsappChannel;
  }

  for (const viewport of [phone, desktop]) {
    test(`a reader opts in to WhatsApp with a Gujarati-digit number and consent (${viewport.width} px)`, async (t) => {
      if (missing) return t.skip(missing);
      const channelId = await whatsapp();
      const watched = await openPage(browser, viewport);
      const { page, context } = watched;
      try {
        await page.goto(`${site.url}/whatsapp`);
        await checkPage(watched, 'reader-whatsapp');
        const number = viewport.width === 390 ? '૯૮૭૬૫ ૪૩૨૧૦' : '+44 7700 900123';
        await page.fill('#wa-phone', number);
        await page.check('input[name=consent]');
        await page.click('.reader-form button[type=submit]');
        await page.waitForSelector('.form-ok');
        await checkPage(watched, 'reader-whatsapp-done');
        const readers = await site.database.db.selectFrom('recipients').select('address').where('channel_id', '=', channelId).execute();
        assert.ok(readers.some((r) => r.address === (viewport.width === 390 ? '919876543210' : '447700900123')));
      } finally {
        await context.close();
      }
    });

    test(`an admin adds a Telegram channel, tests it, and sees a story's deliveries (${viewport.width} px)`, async (t) => {
      if (missing) return t.skip(missing);
      const watched = await signedInPage(browser, site, admin, viewport);
      const { page } = watched;
      try {
        await page.goto(`${site.url}/newsroom/channels`);
        await checkPage(watched, 'channels-list');
        await page.click('a[href="/newsroom/channels/new?type=telegram"]');
        const name = `ખબર ટેલિગ્રામ ${viewport.width}`;
        await page.fill('#ch-name', name);
        await page.fill('#ch-botToken', token);
        await page.fill('#ch-chatId', '@khabar_gu');
        await page.fill('#ch-apiBase', tg.url);
        await page.check('input[name=allowPrivate]');
        await page.click('form.channel-form button[type=submit]');
        await page.waitForSelector('text=ચૅનલ સચવાઈ.');
        assert.ok(!(await page.content()).includes(token), 'the token is not shown back');
        assert.match(await page.textContent('#ch-botToken-help') ?? '', /••••••••9abc/);
        await checkPage(watched, 'channel-saved');

        const before = tg.posts('khabar_gu').length;
        await page.click('text=પરીક્ષણ સંદેશ મોકલો');
        await page.waitForSelector('.test-answer');
        assert.match(await page.textContent('.test-answer') ?? '', /સેવાએ સ્વીકાર્યું/);
        assert.equal(tg.posts('khabar_gu').length, before + 1, 'the fake Bot API received the test message');
        await checkPage(watched, 'channel-test-answer');

        // A second channel Telegram refuses (the bot is not an administrator there).
        await page.goto(`${site.url}/newsroom/channels/new?type=telegram`);
        await page.fill('#ch-name', `બોટ ઍડમિન નથી ${viewport.width}`);
        await page.fill('#ch-botToken', token);
        await page.fill('#ch-chatId', '@not_admin');
        await page.fill('#ch-apiBase', tg.url);
        await page.check('input[name=allowPrivate]');
        await page.click('form.channel-form button[type=submit]');
        await page.waitForSelector('text=ચૅનલ સચવાઈ.');

        const deps = { db: site.database.db, feed: site.feed };
        const sectionId = (await site.database.db.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
        const actor = { id: admin.id, role: 'admin' as const };
        const draft = await createDraft(deps, { actor, edit: { headline: `સુરતમાં દ્રાક્ષની નવી જાત: ક્ષેત્ર ${viewport.width}`, dek: 'ખેડૂતોને ૨૦૨૬માં સારો ભાવ મળવાની આશા.', sectionId, bodyHtml: '<p>ખેતરમાં પાક તૈયાર.</p>' } });
        await publishArticle(deps, { actor, articleId: draft.id });
        await pump();

        await page.goto(`${site.url}/newsroom/articles/${draft.id}/edit`);
        await page.click(`a[href="/newsroom/articles/${draft.id}/deliveries"]`);
        await page.waitForSelector('table.deliveries');
        const rows = await page.textContent('table.deliveries');
        assert.match(rows ?? '', new RegExp(name));
        assert.match(rows ?? '', /મોકલાયું/);
        assert.match(rows ?? '', /need administrator rights in the channel chat/);
        assert.ok(await page.isVisible('a:has-text("પોસ્ટ જુઓ")'), 'a link to the post');
        assert.match(await page.inputValue('#wa-text'), /^\*સુરતમાં દ્રાક્ષની નવી જાત/);
        await checkPage(watched, 'story-deliveries');

        await page.goto(`${site.url}/newsroom`);
        await page.waitForSelector('.delivery-problems');
        await checkPage(watched, 'dashboard-delivery-problems');

        await page.goto(`${site.url}/newsroom/articles/${draft.id}/deliveries`);
        await page.click('table.deliveries button:has-text("ફરી પ્રયત્ન કરો")');
        await page.waitForSelector('text=ફરી કતારમાં મૂક્યું');
        assert.match(await page.textContent('table.deliveries') ?? '', /બાકી/);
      } finally {
        await watched.context.close();
      }
    });

    test(`the reader's notifications button asks permission only after a click (${viewport.width} px)`, async (t) => {
      if (missing) return t.skip(missing);
      const watched = await openPage(browser, viewport);
      const { page, context } = watched;
      try {
        await context.addInitScript(() => {
          const w = window as unknown as { permissionAsks: number };
          w.permissionAsks = 0;
          if ('Notification' in window) {
            const ask = Notification.requestPermission.bind(Notification);
            Notification.requestPermission = (() => {
              w.permissionAsks += 1;
              return ask();
            }) as typeof Notification.requestPermission;
          }
        });
        await page.goto(`${site.url}/`);
        await page.click('footer a[href="/notifications"]');
        await page.waitForSelector('#push-on:not([hidden])');
        assert.equal(await page.evaluate(() => (window as unknown as { permissionAsks: number }).permissionAsks), 0, 'no prompt on load');
        assert.equal(await page.evaluate(() => Notification.permission), 'default');
        await checkPage(watched, 'reader-notifications');
        await context.grantPermissions(['notifications'], { origin: site.url });
        await page.click('#push-on');
        await page.waitForFunction(() => (document.getElementById('push-status')?.textContent ?? '') !== '' && (window as unknown as { permissionAsks: number }).permissionAsks === 1);
        assert.equal(await page.evaluate(() => (window as unknown as { permissionAsks: number }).permissionAsks), 1, 'asked once, after the click');
      } finally {
        await context.close();
      }
    });
  }
});
