// The media picker and the media library in Chromium: open the editor, open the picker, upload
// by drag and drop and by the file button, write Gujarati alt and caption, choose the featured
// image (its thumbnail shows), put one in the body; an oversized file is refused before it is
// sent; the library at phone and desktop widths.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPerson } from '../../src/newsroom/people.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { join } from 'node:path';
import { browserMissing, checkPage, desktop, launchBrowser, phone, screenshotDir, signedInPage } from '../helpers/browser.js';
import { picture } from '../media/images.js';
import type { Browser, Page } from 'playwright-core';

const password = 'છબી-પાસવર્ડ-2026';
const who = { email: 'chhabi@example.com', password };

/** Drops a file on the picker as a person dragging it from the desktop would. */
async function dropFile(page: Page, selector: string, name: string, bytes: Buffer, type: string): Promise<void> {
  const data = await page.evaluateHandle(
    ({ b64, name, type }) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bin], name, { type }));
      return transfer;
    },
    { b64: bytes.toString('base64'), name, type },
  );
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: data });
  await page.dispatchEvent(selector, 'drop', { dataTransfer: data });
}

describe(`media picker and library in Chromium (${testDialect})`, () => {
  const missing = browserMissing();
  let site: TestSite;
  let browser: Browser;

  before(async () => {
    if (missing) return;
    site = await startTestSite();
    await addPerson(site.database.db, { email: who.email, name: 'છબી સંપાદક', role: 'editor', password });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test('picker: drop and file uploads, Gujarati alt and caption, featured thumbnail, body image', { timeout: 120_000 }, async (t) => {
    if (missing) return t.skip(missing);
    const watched = await signedInPage(browser, site, who, desktop);
    const { page } = watched;
    await page.goto(`${site.url}/newsroom/articles/new`);
    await page.fill('#headline', 'નર્મદા ડેમના ૨૩ દરવાજા ખોલાયા');
    // No bare id field: only a hidden input and a button.
    assert.equal(await page.locator('input[name=featuredMediaId]').getAttribute('type'), 'hidden');
    await page.click('[data-featured=choose]');
    const dialog = page.locator('dialog.media-picker');
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('aria-labelledby'), await dialog.locator('h2').getAttribute('id'));
    await page.locator('.picker-item').first().waitFor();

    // Drag and drop.
    await dropFile(page, 'dialog.media-picker', 'kevadiya-dam.jpg', await picture('jpeg', 1200, 800), 'image/jpeg');
    await page.locator('.picker-status', { hasText: 'kevadiya-dam.jpg અપલોડ થઈ' }).waitFor();
    await page.locator('.picker-detail').waitFor();
    await page.fill('.picker-detail input[name=alt]', 'નર્મદા ડેમના ખુલ્લા દરવાજામાંથી વહેતું પાણી');
    await page.fill('.picker-detail input[name=caption]', 'કેવડિયા, ૧૨ ઑગસ્ટ');
    // A focal point to the left and a wide crop.
    const stage = page.locator('.picker-stage');
    const box = (await stage.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.5);
    await page.selectOption('.picker-detail select', '16:9');
    await checkPage(watched, 'media-picker');
    await page.click('.picker-choose');
    await dialog.waitFor({ state: 'detached' });
    const thumb = page.locator('#featured-image .featured-thumb img');
    await thumb.waitFor({ state: 'visible' });
    assert.equal(await thumb.getAttribute('alt'), 'નર્મદા ડેમના ખુલ્લા દરવાજામાંથી વહેતું પાણી');
    assert.match((await page.locator('#featured-image .featured-alt').textContent()) ?? '', /વહેતું પાણી/);
    const mediaId = Number(await page.locator('input[name=featuredMediaId]').inputValue());
    assert.ok(mediaId > 0);
    const row = await site.database.db.selectFrom('media').selectAll().where('id', '=', mediaId).executeTakeFirstOrThrow();
    assert.equal(row.caption, 'કેવડિયા, ૧૨ ઑગસ્ટ');
    assert.equal(row.aspect, '16:9');
    assert.ok(row.focus_x > 0.15 && row.focus_x < 0.35, `focus ${row.focus_x}`);
    assert.equal(row.width, 1200);
    assert.equal(row.height, 675);

    // Autosave carries the featured image to the story.
    await page.waitForFunction(() => document.getElementById('article-form')?.dataset.articleId !== '');
    const articleId = Number(await page.locator('#article-form').getAttribute('data-article-id'));
    await page.waitForFunction(() => document.getElementById('save-state')?.dataset.state === 'saved');
    await page.waitForTimeout(300);

    // The file button, from the body's image tool; a file over the limit is refused first.
    await page.click('.editor-body');
    await page.click('[data-tool=image]');
    await dialog.waitFor();
    await site.changeSettings({ maxUploadBytes: 1_000_000 });
    const input = page.locator('dialog.media-picker input[type=file]');
    // The limit the page was given is the one checked: this page says 10 MB, so test with a 12 MB file.
    await input.setInputFiles({ name: 'ખૂબ-મોટી.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(12_000_000, 1) });
    await page.locator('dialog.media-picker [role=alert]', { hasText: 'ખૂબ-મોટી.jpg: ફાઇલ 12 MBની છે; વધુમાં વધુ 10 MB ચાલે' }).waitFor();
    await site.changeSettings({ maxUploadBytes: 10_000_000 });
    await input.setInputFiles({ name: 'sabarmati.png', mimeType: 'image/png', buffer: await picture('png', 900, 600) });
    await page.locator('.picker-status', { hasText: 'sabarmati.png અપલોડ થઈ' }).waitFor();
    // Alt is required for a body image.
    await page.click('.picker-choose');
    await page.locator('dialog.media-picker [role=alert]', { hasText: 'વૈકલ્પિક લખાણ' }).waitFor();
    await page.fill('.picker-detail input[name=alt]', 'સાબરમતી નદી પર સવારનું ઝાકળ');
    await page.fill('.picker-detail input[name=caption]', 'રિવરફ્રન્ટ');
    await page.click('.picker-choose');
    await dialog.waitFor({ state: 'detached' });
    const figure = page.locator('.editor-body figure.image img');
    await figure.waitFor();
    assert.equal(await figure.getAttribute('alt'), 'સાબરમતી નદી પર સવારનું ઝાકળ');
    assert.match((await page.locator('.editor-body figure.image figcaption').textContent()) ?? '', /રિવરફ્રન્ટ/);
    await page.waitForFunction(() => document.getElementById('save-state')?.dataset.state === 'saved', undefined, { timeout: 20_000 });
    const saved = await site.database.db.selectFrom('articles').select(['featured_media_id', 'body_html']).where('id', '=', articleId).executeTakeFirstOrThrow();
    assert.equal(saved.featured_media_id, mediaId);
    assert.match(saved.body_html, /સાબરમતી નદી પર સવારનું ઝાકળ/);

    // Searching in Latin letters finds the Gujarati alt; a pasted image uploads; Escape closes.
    await page.click('[data-featured=choose]');
    await dialog.waitFor();
    const png = (await picture('png', 300, 200)).toString('base64');
    await page.evaluate((b64) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'clipboard.png', { type: 'image/png' }));
      document.querySelector('dialog.media-picker')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }));
    }, png);
    await page.locator('.picker-status', { hasText: 'clipboard.png અપલોડ થઈ' }).waitFor();
    await page.fill('dialog.media-picker input[type=search]', 'narmada');
    await page.press('dialog.media-picker input[type=search]', 'Enter');
    await page.locator('.picker-item', { hasText: 'નર્મદા ડેમના ખુલ્લા' }).waitFor();
    // In a search field the first Escape clears the field (the browser's own); the next closes the dialog.
    await page.keyboard.press('Escape');
    if (await dialog.count()) await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await watched.context.close();
  });

  test('the picker on a phone: fits the window, nothing hidden behind its edges', { timeout: 60_000 }, async (t) => {
    if (missing) return t.skip(missing);
    const watched = await signedInPage(browser, site, who, phone);
    const { page } = watched;
    await page.goto(`${site.url}/newsroom/articles/new`);
    await page.click('[data-featured=choose]');
    await page.locator('.picker-item').first().click();
    await page.locator('.picker-detail').waitFor();
    const box = (await page.locator('dialog.media-picker').boundingBox())!;
    assert.ok(box.x >= 0 && box.x + box.width <= phone.width, `dialog from ${box.x} to ${box.x + box.width}`);
    // What the person sees (the full-page shot shows the page behind the dialog).
    await page.screenshot({ path: join(screenshotDir, 'media-picker-phone-view-390.png') });
    await page.locator('.picker-list').evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: join(screenshotDir, 'media-picker-phone-list-390.png') });
    await checkPage(watched, 'media-picker-phone');
    await watched.context.close();
  });

  test('the media library at 390 and 1366: no overflow, search, in-use images name their stories', { timeout: 120_000 }, async (t) => {
    if (missing) return t.skip(missing);
    for (const viewport of [phone, desktop]) {
      const watched = await signedInPage(browser, site, who, viewport);
      const { page } = watched;
      await page.goto(`${site.url}/newsroom/media`);
      await page.locator('.media-card').first().waitFor();
      await checkPage(watched, 'media-library');
      // The library's own upload form refuses an oversized file before sending it.
      let posted = false;
      page.on('request', (r) => {
        if (r.method() === 'POST') posted = true;
      });
      await page.setInputFiles('#file', { name: 'ખૂબ-મોટી.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(12_000_000, 1) });
      await page.click('form.media-upload button[type=submit]');
      await page.locator('form.media-upload [role=alert]', { hasText: 'ખૂબ-મોટી.jpg: ફાઇલ 12 MBની છે; વધુમાં વધુ 10 MB ચાલે' }).waitFor();
      assert.equal(posted, false, 'nothing was sent');
      await page.setInputFiles('#file', []);
      await page.fill('#media-q', 'narmada');
      await Promise.all([page.waitForURL(/q=narmada/), page.click('.media-search button')]);
      const card = page.locator('.media-card').first();
      assert.match((await card.textContent()) ?? '', /નર્મદા ડેમના ખુલ્લા/);
      assert.match((await card.locator('.media-uses').textContent()) ?? '', /નર્મદા ડેમના ૨૩ દરવાજા ખોલાયા/);
      await card.locator('summary').click();
      await checkPage(watched, 'media-library-search');
      await watched.context.close();
    }
  });
});
