// Static pages and menus in Chromium, at phone and desktop widths: a page as readers see it,
// the page editor (no section, tags or breaking flag), and the menu editor, with items added
// through its form, moved by keyboard (↑ ↓ buttons, focus kept) and by dragging.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { addPerson } from '../../src/newsroom/people.js';
import { demoContent } from '../../src/demo/content.js';
import { browserMissing, checkPage, desktop, launchBrowser, openPage, phone, signedInPage } from '../helpers/browser.js';
import { testPassword } from '../helpers/newsroom.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

const missing = browserMissing();

describe(`static pages and menus in Chromium (${testDialect})`, () => {
  let site: TestSite;
  let browser: Browser;
  const editor = { email: 'sampadak@example.com', password: testPassword };
  before(async () => {
    if (missing) return;
    site = await startTestSite();
    await addPerson(site.database.db, { email: editor.email, name: 'દ્રષ્ટિ સંપાદક', role: 'editor', password: testPassword });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  const headerOrder = async () =>
    (await site.database.db.selectFrom('menu_items').select('label').where('menu', '=', 'header').orderBy('position').execute()).map((r) => r.label);

  for (const viewport of [phone, desktop]) {
    test(`menus are built, reordered by keyboard and by drag at ${viewport.width}px; pages render them`, { skip: missing ?? false }, async () => {
      await site.database.db.deleteFrom('menu_items').execute();
      const watched = await signedInPage(browser, site, editor, viewport);
      const { page } = watched;
      await page.goto(`${site.url}/newsroom/menus`);
      const section = demoContent.sections.find((s) => !s.parent)!;
      const add = async (target: string, label: string) => {
        const form = page.locator('form[action="/newsroom/menus/header/add"]');
        await form.locator('select[name=target]').selectOption({ label: target });
        await form.locator('input[name=label]').fill(label);
        await Promise.all([page.waitForURL(/saved=1/), form.locator('button[type=submit]').click()]);
      };
      await add(section.name, 'મુખ્ય સમાચાર');
      await add('અમારા વિશે', 'અમે કોણ');
      await add('સંપર્ક', 'સંપર્ક કરો');
      assert.deepEqual(await headerOrder(), ['મુખ્ય સમાચાર', 'અમે કોણ', 'સંપર્ક કરો']);
      await checkPage(watched, 'menus-editor');

      // Keyboard: focus the first item's "down" button and press Enter, twice; focus stays on it.
      const firstDown = page.locator('#menu-header .menu-item').first().locator('[data-move=down] button');
      await firstDown.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('#menu-header .menu-item strong')?.textContent === 'અમે કોણ');
      assert.equal(await page.evaluate(() => document.activeElement?.closest('.menu-item')?.querySelector('strong')?.textContent), 'મુખ્ય સમાચાર');
      assert.equal(await page.locator('#menu-status').textContent(), 'મુખ્ય સમાચાર હવે ક્રમ 2 પર (સચવાયું).');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('#menu-header .menu-item strong')[2]?.textContent === 'મુખ્ય સમાચાર');
      assert.deepEqual(await headerOrder(), ['અમે કોણ', 'સંપર્ક કરો', 'મુખ્ય સમાચાર']);
      assert.equal(await page.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.closest('[data-move]')?.getAttribute('data-move')), 'up', 'at the bottom, focus moves to the enabled "up" button');

      // Drag: the last item onto the first.
      const items = page.locator('#menu-header .menu-item');
      await items.nth(2).dragTo(items.nth(0));
      for (let i = 0; i < 50 && (await headerOrder())[0] !== 'મુખ્ય સમાચાર'; i++) await page.waitForTimeout(50);
      assert.deepEqual(await headerOrder(), ['મુખ્ય સમાચાર', 'અમે કોણ', 'સંપર્ક કરો']);
      await checkPage(watched, 'menus-editor-reordered');

      // Readers: the header menu as set, the footer listing the pages, on a static page.
      const reader = await openPage(browser, viewport);
      await reader.page.goto(`${site.url}/about`);
      assert.deepEqual(await reader.page.locator('nav.nav a').allTextContents(), ['હોમ', 'મુખ્ય સમાચાર', 'અમે કોણ', 'સંપર્ક કરો']);
      assert.equal(await reader.page.locator('nav.nav a[aria-current=page]').textContent(), 'અમે કોણ');
      assert.deepEqual(await reader.page.locator('.footer-nav a').allTextContents(), (demoContent.pages ?? []).map((p) => p.title));
      await checkPage(reader, 'static-page');
      await reader.context.close();

      // The page editor: no section, tags or breaking flag.
      await page.goto(`${site.url}/newsroom/pages/new`);
      assert.equal(await page.locator('#sectionId').count(), 0);
      assert.equal(await page.locator('#tagNames').count(), 0);
      assert.equal(await page.locator('input[name=isBreaking]').count(), 0);
      await checkPage(watched, 'page-editor');
      await watched.context.close();
    });
  }
});
