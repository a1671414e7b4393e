// People in Chromium: an admin creates a byline-only person, gives them a Gujarati bio, a
// title, links and a photo (cropped square), invites them with mail off (the page shows the
// link to copy); the link sets a password once and they sign in; the reader's author page
// shows the bio and the photo, with Person JSON-LD. Every page at 390 and 1366 px through checkPage.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { addPerson } from '../../src/newsroom/people.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { browserMissing, checkPage, desktop, launchBrowser, openPage, phone, signedInPage } from '../helpers/browser.js';

const admin = { email: 'vyavastha@example.com', password: 'વ્યવસ્થાપક-પાસવર્ડ-૨૦૨૬' };
const name = 'ક્ષમા દ્રવિડ';
const title = 'વરિષ્ઠ ખબરપત્રી, ભુજ';
const bio = 'કચ્છના રણ, મીઠાના અગરિયાઓ અને સરહદી ગામો પર ૧૫ વર્ષથી લખે છે. ર્\u200dય ક\u200cષ\n\nઅગાઉ ‘ભૂકંપ પછીનું ભુજ’ શ્રેણી માટે સન્માનિત.';
const links = 'https://x.com/kshama_dravid\nhttps://www.instagram.com/kshama.dravid';
const newPassword = 'ક્ષમાનો-પોતાનો-પાસવર્ડ';

describe(`people in Chromium (${testDialect})`, () => {
  const missing = browserMissing();
  let site: TestSite;
  let browser: Browser;
  let personId = 0;
  let slug = '';

  before(async () => {
    if (missing) return;
    site = await startTestSite();
    await addPerson(site.database.db, { ...admin, name: 'વ્યવસ્થાપક', role: 'admin' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test('an admin makes a byline person with a Gujarati profile and photo, invites them; the link sets a password; they sign in', async (t) => {
    if (missing) return t.skip(missing);
    const w = await signedInPage(browser, site, admin);
    const { page } = w;
    await page.goto(`${site.url}/newsroom/people`);
    await page.fill('#p-name', name);
    await page.fill('#p-title', title);
    await page.click('form[method=post][action="/newsroom/people"] button[type=submit]');
    await page.waitForSelector('#pf-bio');
    personId = Number(page.url().match(/\/people\/(\d+)/)?.[1] ?? (await page.getAttribute('form[action$="/profile"]', 'action'))?.match(/people\/(\d+)/)?.[1]);
    assert.ok(personId > 0);
    await page.fill('#pf-bio', bio);
    await page.fill('#pf-links', links);
    await page.click('form[action$="/profile"] button[type=submit]');
    await page.waitForSelector('.notice-ok');
    // A wide photo: the stored one is its square middle.
    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#c8553d' } })
      .composite([{ input: Buffer.from('<svg width="900" height="600"><circle cx="450" cy="300" r="200" fill="#2d3047"/></svg>') }])
      .jpeg()
      .toBuffer();
    await page.setInputFiles('#pf-photo', { name: 'ક્ષમા.jpg', mimeType: 'image/jpeg', buffer: photo });
    await Promise.all([page.waitForLoadState('load'), page.click('form[action*="/photo?"] button[type=submit]')]);
    await page.waitForSelector('img.profile-photo');
    const stored = await site.database.db
      .selectFrom('people')
      .innerJoin('media', 'media.id', 'people.photo_media_id')
      .select(['media.width', 'media.height', 'people.slug'])
      .where('people.id', '=', personId)
      .executeTakeFirstOrThrow();
    assert.equal(stored.width, stored.height);
    slug = stored.slug;
    for (const viewport of [phone, desktop]) {
      await page.setViewportSize(viewport);
      await checkPage(w, 'people-person');
    }
    await page.fill('#inv-email', 'kshama@example.com');
    await page.selectOption('#inv-role', 'author');
    await page.click('form[action$="/invite"] button[type=submit]');
    const link = await page.inputValue('#handover-link');
    assert.match(link, /\/newsroom\/reset\?token=/);
    assert.match(await page.textContent('.people-notice') ?? '', /ઈમેલ બંધ છે/);
    for (const viewport of [phone, desktop]) {
      await page.setViewportSize(viewport);
      await checkPage(w, 'people-invited');
    }
    await page.goto(`${site.url}/newsroom/people`);
    for (const viewport of [phone, desktop]) {
      await page.setViewportSize(viewport);
      await checkPage(w, 'people-list');
    }
    await w.context.close();

    const invited = await openPage(browser, phone);
    await invited.page.goto(link);
    await checkPage(invited, 'people-set-password');
    await invited.page.fill('#password', newPassword);
    await invited.page.click('form[action="/newsroom/reset"] button[type=submit]');
    await invited.page.waitForSelector('.notice-ok');
    await invited.page.goto(link);
    await invited.page.fill('#password', 'બીજી-વાર-પાસવર્ડ');
    await invited.page.click('form[action="/newsroom/reset"] button[type=submit]');
    assert.match((await invited.page.textContent('.notice-error')) ?? '', /આ લિંક હવે ચાલતી નથી/);
    await invited.context.close();

    const signed = await signedInPage(browser, site, { email: 'kshama@example.com', password: newPassword }, phone);
    await signed.page.goto(`${site.url}/newsroom/account`);
    assert.equal(await signed.page.inputValue('#pf-name'), name);
    for (const viewport of [phone, desktop]) {
      await signed.page.setViewportSize(viewport);
      await checkPage(signed, 'people-account');
    }
    await signed.context.close();
  });

  test('the reader\'s author page shows the bio and the photo, with Person JSON-LD', async (t) => {
    if (missing) return t.skip(missing);
    assert.ok(slug, 'the first test made the person');
    // A byline on a published story, so the author page has something to list.
    const story = await site.database.db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    await site.database.db.insertInto('article_authors').values({ article_id: story.id, person_id: personId, position: 9 }).execute();
    site.cache.clear();
    for (const viewport of [phone, desktop]) {
      const r = await openPage(browser, viewport);
      await r.page.goto(`${site.url}/author/${slug}`);
      assert.equal(await r.page.textContent('h1'), name);
      assert.match((await r.page.textContent('.author-bio')) ?? '', /મીઠાના અગરિયાઓ/);
      assert.equal(await r.page.locator('.author-bio p').count(), 2);
      const img = r.page.locator('.author-photo img');
      assert.ok(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0 && el.naturalWidth === el.naturalHeight));
      assert.ok(await r.page.locator('.author-links a[href="https://x.com/kshama_dravid"]').isVisible());
      const ld = (await r.page.$$eval('script[type="application/ld+json"]', (s) => s.map((e) => e.textContent ?? ''))).map((j) => JSON.parse(j) as Record<string, unknown>);
      const profile = ld.find((o) => o['@type'] === 'ProfilePage') as { mainEntity: Record<string, unknown> } | undefined;
      assert.equal(profile?.mainEntity.jobTitle, title);
      assert.deepEqual(profile?.mainEntity.sameAs, ['https://x.com/kshama_dravid', 'https://www.instagram.com/kshama.dravid']);
      assert.match(String(profile?.mainEntity.image), /\/media\/uploads\/.+-1200\.jpg$/);
      await checkPage(r, 'people-author-page');
      await r.context.close();
    }
  });

  test('login and forgot-password pages (mail off: ask an admin)', async (t) => {
    if (missing) return t.skip(missing);
    for (const viewport of [phone, desktop]) {
      const r = await openPage(browser, viewport);
      await r.page.goto(`${site.url}/newsroom/login`);
      await r.page.click('a[href="/newsroom/forgot"]');
      assert.match((await r.page.textContent('.notice')) ?? '', /વ્યવસ્થાપકને કહો/);
      await checkPage(r, 'people-forgot');
      await r.context.close();
    }
  });
});
