// In Chromium at phone and desktop widths: the home page's pinned stories reordered by keyboard
// (the ↑ ↓ buttons, plain forms) and by drag, each saying what moved where; the people list in
// pages with search; and, with JavaScript off, a featured image chosen and removed through the
// media library, the editor showing a thumbnail, never an id. Screenshots: test-output/screenshots/rest-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addPerson } from '../../src/newsroom/people.js';
import { setHomePins } from '../../src/newsroom/commands/setHomePins.js';
import { latestArticles } from '../../src/content/stories.js';
import { pinnedArticleIds } from '../../src/content/home.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { browserMissing, checkPage, desktop, launchBrowser, phone, screenshotDir, signedInPage } from '../helpers/browser.js';

/**
 * With JavaScript off the page cannot run axe (checkPage does, on the same pages with it on):
 * a screenshot, and the page's width as the browser lays it out, read through DevTools.
 */
async function noScriptCheck(page: Page, name: string): Promise<void> {
  const width = page.viewportSize()!.width;
  await page.screenshot({ path: join(screenshotDir, `${name}-${width}.png`), fullPage: true });
  const cdp = await page.context().newCDPSession(page);
  const metrics = (await cdp.send('Page.getLayoutMetrics')) as { cssContentSize: { width: number } };
  assert.ok(metrics.cssContentSize.width <= width, `${name}: the page is ${metrics.cssContentSize.width}px wide in a ${width}px window`);
}

const admin = { email: 'rest-admin@example.com', password: 'વ્યવસ્થાપક-પાસવર્ડ-2026' };

describe(`curation, people pages and the featured image without JavaScript (${testDialect})`, () => {
  const missing = browserMissing();
  let site: TestSite;
  let browser: Browser;
  let adminId = 0;
  let stories: { id: number; headline: string }[] = [];
  let imageId = 0;

  before(async () => {
    if (missing) return;
    site = await startTestSite();
    adminId = (await addPerson(site.database.db, { email: admin.email, name: 'વ્યવસ્થાપક ક્ષિતિજ', role: 'admin', password: admin.password })).person.id;
    stories = (await latestArticles(site.database.db, { now: new Date(), limit: 3 })).map((a) => ({ id: a.id, headline: a.headline }));
    const now = new Date().toISOString();
    await site.database.db
      .insertInto('people')
      .values([
        ...Array.from({ length: 64 }, (_, i) => ({ slug: `jilla-${i}`, name: `જિલ્લા પ્રતિનિધિ ${String(i).padStart(2, '0')}`, title: 'ક્ષેત્રીય ખબરપત્રી', bio: '', email: null, created_at: now, role: null, password_hash: null, locked_until: null })),
        { slug: 'rajesh-desai', name: 'રાજેશ દેસાઈ', title: 'સુરત બ્યૂરો', bio: '', email: null, created_at: now, role: null, password_hash: null, locked_until: null },
      ])
      .execute();
    // A demo image (its files are in the store), given an alt to find it by.
    imageId = (await site.database.db.selectFrom('media').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    await site.database.db.updateTable('media').set({ alt: 'અમદાવાદ મેટ્રોનો નવો ડબ્બો' }).where('id', '=', imageId).execute();
    browser = await launchBrowser();
  });
  after(async () => {
    if (missing) return;
    await browser.close();
    await site.close();
  });

  const pin = (ids: number[]) => setHomePins({ db: site.database.db, feed: site.feed }, { actor: { id: adminId, role: 'admin' }, articleIds: ids });

  for (const viewport of [phone, desktop]) {
    test(`home curation: reorder by keyboard and by drag at ${viewport.width}px`, async (t) => {
      if (missing) return t.skip(missing);
      const [a, b, c] = stories as [(typeof stories)[0], (typeof stories)[0], (typeof stories)[0]];
      await pin([a.id, b.id, c.id]);
      const watched = await signedInPage(browser, site, admin, viewport);
      const { page } = watched;
      await page.goto(`${site.url}/newsroom/home`);
      await checkPage(watched, 'rest-curation');
      // Keyboard: focus the first story's ↓ and press Enter.
      await page.locator('ol.pin-rows li').first().locator('button[aria-label$="નીચે ખસેડો"]').focus();
      await Promise.all([page.waitForURL(/did=moved/), page.keyboard.press('Enter')]);
      assert.equal((await page.textContent('.notice'))?.trim(), `“${a.headline}” સ્થાન 1 પરથી સ્થાન 2 પર ખસેડ્યો.`);
      assert.deepEqual(await pinnedArticleIds(site.database.db), [b.id, a.id, c.id]);
      // Drag: the third row up onto the first. Where a drag lands depends on the rows it
      // passes (their heights differ by width): what must hold is that it saved a new order
      // and the page names the story that moved, from and to the places it now has.
      await page.goto(`${site.url}/newsroom/home`);
      await Promise.all([page.waitForURL(/did=moved/), page.dragAndDrop('ol.pin-rows li:nth-child(3)', 'ol.pin-rows li:nth-child(1)', { targetPosition: { x: 10, y: 2 } })]);
      const order = await pinnedArticleIds(site.database.db);
      assert.notDeepEqual(order, [b.id, a.id, c.id], 'the drag saved a new order');
      assert.deepEqual(await page.locator('ol.pin-rows li a').allTextContents(), order.map((id) => stories.find((s) => s.id === id)!.headline));
      const notice = (await page.textContent('.notice'))?.trim() ?? '';
      const named = stories.find((s) => notice.startsWith(`“${s.headline}”`));
      assert.ok(named, `the notice names a story: ${notice}`);
      assert.match(notice, new RegExp(`સ્થાન \\d પરથી સ્થાન ${order.indexOf(named.id) + 1} પર ખસેડ્યો\\.$`));
      await checkPage(watched, 'rest-curation-moved');
      await watched.context.close();
    });

    test(`people list: pages and search at ${viewport.width}px`, async (t) => {
      if (missing) return t.skip(missing);
      const watched = await signedInPage(browser, site, admin, viewport);
      const { page } = watched;
      await page.goto(`${site.url}/newsroom/people`);
      assert.equal(await page.locator('ul.people-list > li').count(), 50);
      await checkPage(watched, 'rest-people');
      await Promise.all([page.waitForURL(/page=2/), page.click('nav.pager a[rel=next]')]);
      assert.ok((await page.locator('ul.people-list > li').count()) > 0);
      await page.fill('#people-q', 'rajesh');
      await Promise.all([page.waitForURL(/q=rajesh/), page.press('#people-q', 'Enter')]);
      assert.deepEqual(await page.locator('ul.people-list .person-name').allTextContents(), ['રાજેશ દેસાઈ']);
      await checkPage(watched, 'rest-people-search');
      await watched.context.close();
    });

    test(`featured image chosen and removed with JavaScript off at ${viewport.width}px`, async (t) => {
      if (missing) return t.skip(missing);
      const context = await browser.newContext({ viewport, locale: 'gu-IN', timezoneId: 'Asia/Kolkata', javaScriptEnabled: false });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()} for ${r.url()}`);
      });
      await page.goto(`${site.url}/newsroom/login`);
      await page.fill('#email', admin.email);
      await page.fill('#password', admin.password);
      await Promise.all([page.waitForURL(`${site.url}/newsroom`), page.click('form[action="/newsroom/login"] button[type=submit]')]);
      const story = stories[2]!;
      await site.database.db.updateTable('articles').set({ featured_media_id: null }).where('id', '=', story.id).execute();
      await page.goto(`${site.url}/newsroom/articles/${story.id}/edit`);
      const link = page.locator('#featured-image [data-featured=nojs] a');
      assert.ok(await link.isVisible(), 'the way without a script is shown');
      await Promise.all([page.waitForURL(/for=/), link.click()]);
      await noScriptCheck(page, 'rest-featured-choose-nojs');
      // The library's own search, in the same mode, brings the image to the first page.
      await page.fill('#media-q', 'મેટ્રોનો ડબ્બો');
      await Promise.all([page.waitForURL(/q=/), page.press('#media-q', 'Enter')]);
      assert.match(page.url(), new RegExp(`for=${story.id}`));
      const card = page.locator('li.media-card', { hasText: 'અમદાવાદ મેટ્રોનો નવો ડબ્બો' });
      await Promise.all([page.waitForURL(/featured=chosen/), card.locator('button', { hasText: 'આ છબી પસંદ કરો' }).click()]);
      assert.match((await page.textContent('.notice')) ?? '', /ફીચર્ડ છબી પસંદ કરી/);
      const thumb = page.locator('#featured-image .featured-thumb img');
      assert.ok(await thumb.isVisible(), 'a thumbnail');
      assert.match((await thumb.getAttribute('src')) ?? '', /-400\.webp$/);
      // A live story's choice is its pending change: the editor shows it, readers do not yet.
      assert.equal(await page.locator('#featured-image input[name=featuredMediaId]').getAttribute('value'), String(imageId));
      assert.doesNotMatch((await page.locator('#featured-image').innerText()) ?? '', /#\d+|\b\d{1,6}\b/, 'no id shown');
      await noScriptCheck(page, 'rest-featured-chosen-nojs');
      await Promise.all([page.waitForURL(/for=/), page.locator('#featured-image [data-featured=nojs] a').click()]);
      await Promise.all([page.waitForURL(/featured=cleared/), page.click('.featured-choice button')]);
      assert.match((await page.textContent('.notice')) ?? '', /ફીચર્ડ છબી કાઢી/);
      assert.equal(await page.locator('#featured-image input[name=featuredMediaId]').getAttribute('value'), '');
      assert.deepEqual(problems, []);
      await context.close();
      // The same pages with the script on: axe, overflow, failed requests; the no-script link gives way to the picker.
      const watched = await signedInPage(browser, site, admin, viewport);
      await watched.page.goto(`${site.url}/newsroom/media?for=${story.id}`);
      await checkPage(watched, 'rest-featured-choose');
      await watched.page.goto(`${site.url}/newsroom/articles/${story.id}/edit`);
      assert.equal(await watched.page.locator('#featured-image [data-featured=nojs]').isVisible(), false);
      await watched.context.close();
    });
  }
});
