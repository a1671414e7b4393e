// The newsroom in a real browser (Debian's Chromium through playwright-core): a contributor
// signs in, writes a Gujarati story in the Tiptap editor (keyboard, IME composition, a
// conjunct and a ZWJ), uploads an image and inserts it with alt and caption, autosave makes
// the draft, and submits it; the contributor cannot publish (no button; a forged post gets
// 403); an editor publishes it; the story shows on its page with the image, on its section
// front, on home and in the RSS feed. Editor screenshots go to test-output/screenshots/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserMissing, launchBrowser } from '../helpers/browser.js';
import { addPerson } from '../../src/newsroom/people.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

const screenshotDir = join('test-output', 'screenshots');

const password = 'સમાચાર-પાસવર્ડ-2026';
const headline = 'વડોદરામાં વિશ્વામિત્રી નદીનું જળસ્તર ઘટ્યું';
const dek = 'ત્રણ દિવસના વરસાદ પછી શહેરમાં રાહત';
// A conjunct (ક્ષ, દ્ર), a ZWJ (ર્‍ — eyelash ra) and a ZWNJ, typed as a reporter would.
const firstParagraph = 'શહેરના ક્ષેત્રીય અધિકારીએ કહ્યું કે નદી હવે ભયજનક સપાટીથી નીચે છે. ર્\u200dય ક\u200cષ';
const heading = 'નાગરિકોને સૂચના';
const secondParagraph = 'તંત્ર દ્વારા કાંઠા વિસ્તારમાં સતર્કતા ચાલુ રાખવામાં આવી છે.';
const composed = 'સમુદ્ર';
const imageAlt = 'વિશ્વામિત્રી નદી પરનો પુલ';
const imageCaption = 'વડોદરા, બુધવારે સવારે';

describe(`newsroom in Chromium: write, submit, publish (${testDialect})`, () => {
  const missing = browserMissing();
  const ready = missing === null;
  let site: TestSite;
  let browser: Browser;
  let articleId = 0;
  const contributor = { email: 'lekhak@example.com', name: 'નવો લેખક' };
  const editor = { email: 'tantri@example.com', name: 'તંત્રી' };

  before(async () => {
    if (!ready) return;
    mkdirSync(screenshotDir, { recursive: true });
    site = await startTestSite();
    await addPerson(site.database.db, { ...contributor, role: 'contributor', password });
    await addPerson(site.database.db, { ...editor, role: 'editor', password });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  const skipMessage = () => missing ?? '';

  async function signedIn(who: { email: string }, viewport = { width: 1366, height: 900 }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport, locale: 'gu-IN', timezoneId: 'Asia/Kolkata' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // Failed loads are reported below with their URL.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
    });
    page.on('response', (r) => {
      // The newsroom has no favicon link; Chromium may ask for /favicon.ico on its own.
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
    await page.goto(`${site.url}/newsroom/login`);
    await page.fill('#email', who.email);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(`${site.url}/newsroom`), page.click('form[action="/newsroom/login"] button[type=submit]')]);
    return { context, page, problems };
  }

  const saveState = (page: Page) => page.locator('#save-state').getAttribute('data-state');
  const waitSaved = (page: Page) => page.waitForFunction(() => document.querySelector('#save-state')?.getAttribute('data-state') === 'saved', null, { timeout: 15_000 });

  test('a contributor writes a Gujarati story with an image and submits it', async (t) => {
    if (!ready) return t.skip(skipMessage());
    const { context, page, problems } = await signedIn(contributor);
    try {
      await page.goto(`${site.url}/newsroom/articles/new`);
      await page.waitForSelector('#editor .editor-body[contenteditable=true]');
      assert.equal(await page.locator('#body-html').isHidden(), true, 'the textarea gives way to the editor');
      assert.ok(await page.getByRole('toolbar').isVisible(), 'the toolbar is shown');
      for (const label of ['ઘાટા અક્ષર', 'ત્રાંસા અક્ષર', 'મોટું પેટા-મથાળું (H2)', 'બિંદુવાળી યાદી', 'અવતરણ (ક્વોટ)', 'છબી અપલોડ કરીને ઉમેરો']) {
        assert.ok(await page.getByRole('button', { name: label }).isVisible(), `toolbar button "${label}"`);
      }

      await page.click('#headline');
      await page.keyboard.type(headline);
      await page.fill('#dek', dek);
      await page.click('#editor .editor-body');
      await page.keyboard.type(firstParagraph);
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'મોટું પેટા-મથાળું (H2)' }).click();
      await page.keyboard.insertText(heading);
      await page.keyboard.press('Enter');
      await page.keyboard.type(secondParagraph);
      // An IME composition, as Gujarati phonetic keyboards type: interim text, then the commit.
      const cdp = await context.newCDPSession(page);
      await page.keyboard.type(' ');
      await cdp.send('Input.imeSetComposition', { text: 'સ', selectionStart: 1, selectionEnd: 1 });
      await cdp.send('Input.imeSetComposition', { text: 'સમુ', selectionStart: 3, selectionEnd: 3 });
      await cdp.send('Input.imeSetComposition', { text: 'સમુદ્', selectionStart: 5, selectionEnd: 5 });
      await cdp.send('Input.insertText', { text: composed });
      await page.getByRole('button', { name: 'ઘાટા અક્ષર' }).click();
      await page.keyboard.type(' ખાસ');

      // Autosave creates the draft and moves the address to its edit page.
      assert.notEqual(await saveState(page), null);
      await page.waitForURL(/\/newsroom\/articles\/\d+\/edit$/, { timeout: 15_000 });
      await waitSaved(page);
      articleId = Number(/articles\/(\d+)\/edit/.exec(page.url())?.[1]);
      assert.ok(articleId > 0);

      // Upload an image in the editor; alt text is asked for.
      const png = await sharp({ create: { width: 1200, height: 675, channels: 3, background: '#2f6f8f' } })
        .composite([{ input: await sharp({ create: { width: 400, height: 200, channels: 3, background: '#f2c14e' } }).png().toBuffer(), top: 240, left: 400 }])
        .png()
        .toBuffer();
      // The image tool opens the media picker: upload in place, then alt and caption, then insert.
      await page.getByRole('button', { name: 'છબી અપલોડ કરીને ઉમેરો' }).click();
      const dialog = page.locator('dialog.media-picker[open]');
      await dialog.locator('input[type=file]').setInputFiles({ name: 'વિશ્વામિત્રી.png', mimeType: 'image/png', buffer: png });
      await dialog.locator('.picker-status', { hasText: 'વિશ્વામિત્રી.png અપલોડ થઈ' }).waitFor();
      await dialog.getByLabel(/^વૈકલ્પિક લખાણ \(alt\)/).fill(imageAlt);
      await dialog.getByLabel('કૅપ્શન', { exact: true }).fill(imageCaption);
      await dialog.getByRole('button', { name: 'લખાણમાં મૂકો' }).click();
      await page.waitForSelector('#editor figure.image img[src^="/media/"]', { timeout: 15_000 });
      assert.equal(await page.locator('dialog.media-picker').count(), 0, 'the dialog closed');
      await page.waitForFunction(() => document.querySelector('#save-state')?.getAttribute('data-state') !== 'saved', null, { timeout: 5_000 }).catch(() => {});
      await waitSaved(page);

      // Screenshots of the editor at phone and desktop widths.
      await page.screenshot({ path: join(screenshotDir, 'newsroom-editor-1366.png'), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the editor is ${overflow}px wider than a phone`);
      await page.screenshot({ path: join(screenshotDir, 'newsroom-editor-390.png'), fullPage: true });
      await page.setViewportSize({ width: 1366, height: 900 });

      // What was stored: exactly what was typed, and the image as a safe figure.
      const row = await site.database.db.selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirstOrThrow();
      assert.equal(row.headline, headline);
      assert.equal(row.dek, dek);
      assert.equal(row.status, 'draft');
      assert.ok(row.body_html.includes(`<p>${firstParagraph}</p>`), `first paragraph with conjunct and ZWJ/ZWNJ kept: ${row.body_html}`);
      assert.ok(row.body_html.includes('\u200d') && row.body_html.includes('\u200c'), 'ZWJ and ZWNJ are stored');
      assert.ok(row.body_html.includes(`<h2>${heading}</h2>`), 'the heading');
      assert.ok(row.body_html.includes(`${secondParagraph} ${composed}<strong> ખાસ</strong>`), `the composed word and bold text: ${row.body_html}`);
      assert.match(row.body_html, new RegExp(`<figure class="image"><img src="/media/uploads/[^"]+-800\\.jpg" alt="${imageAlt}"[^>]* srcset="[^"]+" sizes="[^"]+" width="1200" height="675" /><figcaption>${imageCaption}</figcaption></figure>`));
      assert.equal(await page.locator('#body-html').inputValue(), (await page.evaluate(() => (document.querySelector('#body-html') as HTMLTextAreaElement).value)), 'textarea in sync');

      // Reload: the story opens as saved, with submit and without publish.
      await page.reload();
      await page.waitForSelector('#editor .editor-body[contenteditable=true]');
      assert.equal(await page.locator('#editor figure.image img').getAttribute('alt'), imageAlt);
      assert.equal(await page.locator('[data-action=publish]').count(), 0, 'no publish button for a contributor');
      await Promise.all([page.waitForURL(/edit\?done=submit$/), page.click('[data-action=submit]')]);
      assert.equal(await page.locator('.status-pill').first().getAttribute('data-status'), 'submitted');

      // A forged publish from the contributor's own session (with a valid CSRF token) is refused.
      const forged = await page.evaluate(async (id) => {
        const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content;
        const res = await fetch(`/newsroom/articles/${id}/publish`, { method: 'POST', headers: { 'x-csrf-token': token, accept: 'application/json' } });
        return res.status;
      }, articleId);
      assert.equal(forged, 403);
      const still = await site.database.db.selectFrom('articles').select('status').where('id', '=', articleId).executeTakeFirstOrThrow();
      assert.equal(still.status, 'submitted');
      assert.deepEqual(problems.filter((p) => !/403/.test(p)), [], 'no script errors in the editor');
    } finally {
      await context.close();
    }
  });

  test('an editor publishes it, and it shows on its page, its section, home and the feed', async (t) => {
    if (!ready) return t.skip(skipMessage());
    assert.ok(articleId > 0, 'the contributor test made an article');
    const { context, page, problems } = await signedIn(editor);
    try {
      await page.goto(`${site.url}/newsroom`);
      assert.ok(await page.locator(`[data-article-id="${articleId}"]`).first().isVisible(), 'the story awaits review on the dashboard');
      await page.goto(`${site.url}/newsroom/articles/${articleId}/edit`);
      await page.waitForSelector('#editor .editor-body[contenteditable=true]');
      await Promise.all([page.waitForURL(/edit\?done=publish$/), page.click('[data-action=publish]')]);
      assert.equal(await page.locator('.status-pill').first().getAttribute('data-status'), 'published');
      const publicPath = await page.locator('main p a[href^="/"]').first().getAttribute('href');
      assert.ok(publicPath, 'the editor links to the public page');
      assert.deepEqual(problems, []);

      const reader = await context.newPage();
      const res = await reader.goto(`${site.url}${publicPath}`);
      assert.equal(res?.status(), 200);
      assert.equal((await reader.locator('h1.headline').innerText()).trim(), headline);
      const body = reader.locator('.story .body');
      assert.ok((await body.innerText()).includes('ક્ષેત્રીય'), 'the conjunct renders');
      const img = body.locator('figure.image img');
      await img.scrollIntoViewIfNeeded();
      await reader.waitForFunction(() => {
        const i = document.querySelector<HTMLImageElement>('.story .body figure.image img');
        return !!i && i.complete && i.naturalWidth > 0;
      });
      assert.equal(await img.getAttribute('alt'), imageAlt);
      assert.equal((await body.locator('figure.image figcaption').innerText()).trim(), imageCaption);
      await reader.screenshot({ path: join(screenshotDir, 'newsroom-published-article-1366.png'), fullPage: true });

      const section = await site.database.db
        .selectFrom('articles')
        .innerJoin('sections', 'sections.id', 'articles.section_id')
        .select(['sections.slug', 'sections.parent_id'])
        .where('articles.id', '=', articleId)
        .executeTakeFirstOrThrow();
      const linkTo = `a[href="${publicPath}"]`;
      await reader.goto(`${site.url}/${section.slug}`);
      assert.ok((await reader.locator(linkTo).count()) > 0, 'listed on its section front');
      await reader.goto(`${site.url}/`);
      assert.ok((await reader.locator(linkTo).count()) > 0, 'listed on home');
      const rss = await (await fetch(`${site.url}/feed.xml`)).text();
      assert.ok(rss.includes(headline), 'in the RSS feed');
      assert.ok(rss.includes(`${site.url}${publicPath}`), 'the feed links to the story');
    } finally {
      await context.close();
    }
  });
});
