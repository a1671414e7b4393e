// Site administration in Chromium, on a phone (390) and a desktop (1366): an admin changes the
// site name and a social link on the settings page and sees the reader home change; a refused
// value is shown beside its field; an editor renames a section and its old URL 301s to the new.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { listSections } from '../../src/content/taxonomy.js';
import { browserMissing, checkPage, desktop, launchBrowser, phone, signedInPage } from '../helpers/browser.js';
import { signIn, testPassword } from '../helpers/newsroom.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

const missing = browserMissing();

describe(`site administration in the browser (${testDialect})`, () => {
  let site: TestSite;
  let browser: Browser;
  before(async () => {
    if (missing) return;
    site = await startTestSite();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const viewport of [phone, desktop]) {
    test(`settings change the reader home; a section rename leaves a 301 (${viewport.width}px)`, { skip: missing ?? false }, async () => {
      const email = `admin-${viewport.width}@example.com`;
      await signIn(site, 'admin', email);
      const watched = await signedInPage(browser, site, { email, password: testPassword }, viewport);
      const { page } = watched;
      const name = `ક્ષિતિજ ખબર ${viewport.width}`;
      const instagram = `https://instagram.com/kshitij_${viewport.width}`;

      await page.goto(`${site.url}/newsroom/settings`);
      await checkPage(watched, 'site-settings');

      await page.fill('#s-social-x', 'javascript:alert(1)');
      await Promise.all([page.waitForLoadState('load'), page.click('form.admin-form button[type=submit]')]);
      assert.match((await page.textContent('#s-social-x-error')) ?? '', /https:\/\//);
      assert.equal(await page.inputValue('#s-social-x'), 'javascript:alert(1)');
      await checkPage({ ...watched, problems: watched.problems.filter((p) => !p.includes('HTTP 400')) }, 'site-settings-errors');
      watched.problems.length = 0;

      await page.fill('#s-social-x', '');
      await page.fill('#s-name', name);
      await page.fill('#s-social-instagram', instagram);
      await Promise.all([page.waitForURL(/\/newsroom\/settings\?saved=1$/), page.click('form.admin-form button[type=submit]')]);
      await checkPage(watched, 'site-settings-saved');

      await page.goto(`${site.url}/`);
      assert.ok((await page.textContent('body'))?.includes(name), 'the reader home shows the new name');
      assert.equal(await page.locator(`a[href="${instagram}"]`).count() > 0, true, 'the follow-us link is on the home page');

      await page.goto(`${site.url}/newsroom/settings/history`);
      assert.ok((await page.textContent('.admin-log'))?.includes(name));
      await checkPage(watched, 'site-settings-history');

      const section = (await listSections(site.database.db)).find((s) => s.parent_id === null)!;
      const newSlug = `navo-vibhag-${viewport.width}`;
      await page.goto(`${site.url}/newsroom/sections`);
      await checkPage(watched, 'site-sections');
      const row = page.locator(`li.admin-row[data-id="${section.id}"]`).first();
      await row.locator('> details > summary').click();
      await row.locator(`#s${section.id}-name`).fill(`${section.name} ક્ષેત્ર`);
      await row.locator(`#s${section.id}-slug`).fill(newSlug);
      await checkPage(watched, 'site-sections-editing');
      await Promise.all([page.waitForURL(/\/newsroom\/sections\?done=/), row.locator('> details > form button[type=submit]').first().click()]);
      await checkPage(watched, 'site-sections-saved');

      const moved = await page.goto(`${site.url}/${section.slug}`);
      assert.equal(new URL(page.url()).pathname, `/${newSlug}`, 'the old front sends readers to the new one');
      assert.equal(await moved?.request().redirectedFrom()?.response().then((r) => r?.status()), 301, 'by a 301');

      await page.goto(`${site.url}/newsroom/tags`);
      await checkPage(watched, 'site-tags');
      await watched.context.close();
    });
  }
});
