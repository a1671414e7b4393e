// The notifications box on a story page, in Chromium at phone and desktop widths: hidden until
// the script knows the browser and the site can do notifications, no permission prompt before
// the click, and after it a subscription for breaking news and the story's section. The push
// service itself is out of reach here, so PushManager.subscribe hands back a test subscription.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { join } from 'node:path';
import { browserMissing, checkPage, desktop, launchBrowser, openPage, phone, screenshotDir } from '../helpers/browser.js';
import { generateSecretKey } from '../../src/distribution/secrets.js';
import { visibleNow } from '../../src/content/visibility.js';
import { browser as pushBrowser } from '../distribution/newsroom.js';
import type { Browser } from 'playwright-core';

const missing = browserMissing();
if (missing) console.log(`# SKIP story page notifications: ${missing}`);

describe(`story page notifications button (${testDialect})`, { skip: missing ?? false }, () => {
  let site: TestSite;
  let chromium: Browser;
  let story: { id: number; section_id: number; path: string };
  before(async () => {
    process.env.KHABAR_SECRET_KEY = generateSecretKey();
    site = await startTestSite();
    chromium = await launchBrowser();
    const row = await site.database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.id', 'articles.section_id', 'articles.slug', 'sections.slug as section'])
      .where(visibleNow())
      .orderBy('articles.id')
      .executeTakeFirstOrThrow();
    story = { id: row.id, section_id: row.section_id!, path: `/${row.section}/${encodeURIComponent(row.slug)}` };
  });
  after(async () => {
    delete process.env.KHABAR_SECRET_KEY;
    await chromium?.close();
    await site?.close();
  });

  for (const viewport of [phone, desktop]) {
    test(`at ${viewport.width} px: the prompt comes only after the click, and the reader is subscribed to breaking news and the section`, async () => {
      const watched = await openPage(chromium, viewport);
      const { page, context } = watched;
      await context.grantPermissions(['notifications'], { origin: site.url });
      const subscription = pushBrowser(`https://push.example/send/story-${viewport.width}`).target;
      // A string, not a function: tsx would add helpers to a function's source that the page lacks.
      await page.addInitScript({
        content: `
          window.prompts = 0;
          const ask = Notification.requestPermission.bind(Notification);
          Notification.requestPermission = () => { window.prompts++; return ask(); };
          const sub = ${JSON.stringify(subscription)};
          PushManager.prototype.getSubscription = async () => null;
          PushManager.prototype.subscribe = async () => ({ endpoint: sub.endpoint, toJSON: () => sub });`,
      });
      await page.goto(`${site.url}${story.path}`);
      await page.locator('#story-push').waitFor({ state: 'visible' });
      assert.equal(await page.evaluate(() => (window as unknown as { prompts: number }).prompts), 0, 'no prompt before the click');
      await checkPage(watched, 'story-push');
      await page.locator('#story-push').screenshot({ path: join(screenshotDir, `story-push-box-${viewport.width}.png`) });
      await page.click('#story-push-on');
      await page.waitForFunction(() => document.getElementById('story-push-status')?.textContent !== '');
      assert.equal(await page.locator('#story-push-status').textContent(), 'સૂચનાઓ ચાલુ છે.');
      assert.equal(await page.evaluate(() => (window as unknown as { prompts: number }).prompts), 1);
      assert.equal(await page.locator('#story-push-on').isVisible(), false);
      await page.locator('#story-push').screenshot({ path: join(screenshotDir, `story-push-box-on-${viewport.width}.png`) });
      const row = await site.database.db.selectFrom('recipients').select(['topics']).where('address', '=', subscription.endpoint).executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(row.topics ?? '[]'), ['breaking', `section:${story.section_id}`]);
      await context.close();
    });
  }

  test('without JavaScript the box stays hidden and the footer links to the notifications page', async () => {
    const context = await chromium.newContext({ viewport: phone, javaScriptEnabled: false, locale: 'gu-IN' });
    const page = await context.newPage();
    await page.goto(`${site.url}${story.path}`);
    assert.equal(await page.locator('#story-push').isVisible(), false);
    assert.equal(await page.locator('footer a[href="/notifications"]').count(), 1);
    await context.close();
  });
});
