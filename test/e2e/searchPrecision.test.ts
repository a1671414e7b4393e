// The reader's search page when no story has every word: the honest note is shown, readable
// at phone and desktop widths, with no axe problems.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserMissing, checkPage, desktop, launchBrowser, openPage, phone } from '../helpers/browser.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

describe(`search page, no story with all the words, in Chromium (${testDialect})`, () => {
  const missing = browserMissing();
  let site: TestSite;
  let browser: Browser;
  before(async () => {
    if (missing) return;
    site = await startTestSite();
    browser = await launchBrowser();
  });
  after(async () => {
    if (missing) return;
    await browser.close();
    await site.close();
  });

  for (const [name, viewport] of [['phone', phone], ['desktop', desktop]] as const) {
    test(`"ભારે modi" at ${name} width: the note says no story has all these words`, async (t: TestContext) => {
      if (missing) return t.skip(missing);
      const watched = await openPage(browser, viewport);
      await watched.page.goto(`${site.url}/search?q=${encodeURIComponent('ભારે modi')}`);
      const note = await watched.page.locator('.notice[role=status]').innerText();
      assert.match(note, /બધા શબ્દોવાળા સમાચાર મળ્યા નથી/u);
      assert.ok((await watched.page.locator('ol.hits li').count()) > 0, 'close stories are listed below the note');
      await checkPage(watched, 'search-not-all');
      await watched.context.close();
    });
  }
});
