// Editing a published story in Chromium: typing into its headline and body and letting
// autosave run changes nothing readers see (article page, RSS, /api/v1); the editor says the
// changes are unpublished; "Update" puts them live. Phone and desktop screenshots.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { browserMissing, launchBrowser } from '../helpers/browser.js';
import { demoContent } from '../../src/demo/content.js';
import { signIn } from '../helpers/newsroom.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

const missing = browserMissing();
const ready = missing === null;
const screenshotDir = join('test-output', 'screenshots');

describe(`a live story changes only on "Update", in Chromium (${testDialect})`, () => {
  let site: TestSite;
  let browser: Browser;
  before(async () => {
    if (!ready) return;
    mkdirSync(screenshotDir, { recursive: true });
    site = await startTestSite();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 900 }]) {
    test(`typing into a published story at ${viewport.width}px stays private until Update`, { skip: missing ?? false }, async () => {
      const story = demoContent.articles[viewport.width === 390 ? 1 : 2]!;
      const row = await site.database.db.selectFrom('articles').select(['id', 'headline']).where('slug', '=', story.slug).executeTakeFirstOrThrow();
      const path = `/${story.section}/${story.slug}`;
      const publicText = async () => {
        const page = await (await fetch(`${site.url}${path}`)).text();
        const rss = await (await fetch(`${site.url}/feed.xml`)).text();
        const api = (await (await fetch(`${site.url}/api/v1/articles/${encodeURIComponent(story.slug)}`)).json()) as { headline: string; bodyHtml: string };
        return { page, rss, api };
      };
      const editor = await signIn(site, 'editor');
      const [name, value] = editor.cookie.split('=') as [string, string];
      const context = await browser.newContext({ viewport, locale: 'gu-IN', timezoneId: 'Asia/Kolkata' });
      await context.addCookies([{ name, value, url: site.url }]);
      const page = await context.newPage();
      await page.goto(`${site.url}/newsroom/articles/${row.id}/edit`);
      await page.locator('.ProseMirror').waitFor();
      assert.equal(await page.locator('[data-pending]').first().isHidden(), true, 'no pending changes at first');

      const added = viewport.width === 390 ? ' — નવી વિગતો ઉમેરાઈ' : ' — બપોરે વધુ માહિતી મળી';
      await page.locator('#headline').click();
      await page.keyboard.press('End');
      await page.keyboard.type(added);
      await page.locator('.ProseMirror').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' તંત્રએ વધુ ૧૨ ટીમો મોકલી.');
      await page.waitForTimeout(4500);
      await page.locator('[data-pending]').first().waitFor({ state: 'visible' });
      await page.screenshot({ path: join(screenshotDir, `live-edit-pending-${viewport.width}.png`), fullPage: true });

      const during = await publicText();
      assert.ok(during.page.includes(row.headline) && !during.page.includes(added.trim()), 'the article page shows the published headline');
      assert.ok(!during.rss.includes(added.trim()), 'RSS shows the published headline');
      assert.equal(during.api.headline, row.headline, 'the API shows the published headline');
      assert.ok(!during.api.bodyHtml.includes('૧૨ ટીમો'), 'the API shows the published body');

      await page.locator('[data-action="update"]').click();
      await page.waitForURL(/\/edit/);
      await page.screenshot({ path: join(screenshotDir, `live-edit-updated-${viewport.width}.png`), fullPage: true });
      const afterUpdate = await publicText();
      assert.ok(afterUpdate.api.headline.endsWith(added.trim()), afterUpdate.api.headline);
      assert.ok(afterUpdate.api.bodyHtml.includes('૧૨ ટીમો'));
      assert.ok(afterUpdate.page.includes(added.trim()));
      assert.ok(afterUpdate.rss.includes(added.trim()));
      assert.equal(await page.locator('[data-pending]').first().isHidden(), true, 'nothing pending after Update');
      const byline = await site.database.db.selectFrom('article_authors').innerJoin('people', 'people.id', 'article_authors.person_id').select('people.slug').where('article_id', '=', row.id).orderBy('position').execute();
      assert.deepEqual(byline.map((b) => b.slug), story.authors, 'the byline of people without logins survives the edit');
      await context.close();
    });
  }
});
