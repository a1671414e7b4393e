// The desk's workflow in Chromium, at phone and desktop widths: a contributor writes a story
// (its actions and preview link appear with the first autosave, no reload), submits it and is
// told so; an editor sends it back with a Gujarati note; the writer sees the note on the
// dashboard and in the editor, and resubmits; the editor previews it (the reader's article
// page, without signing in), publishes it ("પ્રકાશિત થયું — જુઓ"), and then the editor offers
// only what fits a live story; unpublishing asks first, in a dialog answered with the keyboard.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { addPerson } from '../../src/newsroom/people.js';
import { browserMissing, checkPage, desktop, launchBrowser, openPage, phone, signedInPage } from '../helpers/browser.js';
import { testPassword } from '../helpers/newsroom.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

const missing = browserMissing();

/** The blocks of the story on an article page, as tag.class, the view beacon aside. */
const storyLayout = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('article.story > *')].filter((el) => !el.matches('[data-beacon], noscript')).map((el) => `${el.tagName}.${el.className}`),
  );

describe(`workflow in Chromium: submit, send back with a note, preview, publish, unpublish (${testDialect})`, () => {
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
    test(`at ${viewport.width}px`, { skip: missing ?? false }, async () => {
      const w = viewport.width;
      const writer = { email: `lekhak-${w}@example.com`, password: testPassword };
      const chief = { email: `tantri-${w}@example.com`, password: testPassword };
      await addPerson(site.database.db, { ...writer, name: 'કાજલ ત્રિવેદી', role: 'contributor' });
      await addPerson(site.database.db, { ...chief, name: 'રાજેન્દ્ર મહેતા', role: 'editor' });
      const headline = w === 390 ? 'દ્વારકામાં દરિયાકાંઠે ક્ષારનું પ્રમાણ વધ્યું' : 'સુરતમાં હીરાના કારખાનાંમાં દિવાળી પછી કામ શરૂ';
      const note = 'પહેલા ફકરામાં સ્રોત ઉમેરો; આંકડો ૧૨૩ ટકા છે કે ૧૨.૩? ક્ષમા કરજો, ફોટો પણ જોઈએ.';

      // The contributor writes: the first autosave makes the story, and its actions show at once.
      const contributor = await signedInPage(browser, site, writer, viewport);
      const cp = contributor.page;
      await cp.goto(`${site.url}/newsroom/articles/new`);
      await cp.locator('.ProseMirror').waitFor();
      assert.equal(await cp.locator('[data-action=submit]').isVisible(), false, 'no actions before the story exists');
      await cp.fill('#headline', headline);
      await cp.fill('#dek', 'કાંઠાના ગામોમાં પીવાના પાણીની તકલીફ; Gujarat Water Board તપાસ કરશે.');
      await cp.locator('.ProseMirror').click();
      await cp.keyboard.type('ગામલોકોએ જણાવ્યું કે કૂવાનું પાણી ખારું થઈ ગયું છે. તંત્રએ ૨૦ નમૂના લીધા.');
      await cp.waitForURL(/\/newsroom\/articles\/\d+\/edit$/, { timeout: 15_000 });
      const id = Number(/articles\/(\d+)\/edit/.exec(cp.url())![1]);
      await cp.locator('[data-action=submit]').waitFor({ state: 'visible' });
      await cp.locator('#preview-button').waitFor({ state: 'visible' });
      assert.match(await cp.locator('#word-count').textContent() ?? '', /^૧૩ શબ્દ · આશરે ૧ મિનિટનું વાંચન$/, 'Gujarati words counted whole');
      assert.equal(await cp.locator('[data-card-title]').textContent(), headline, 'the social card follows the headline');
      assert.equal(await cp.locator('[data-action=publish]').count(), 0, 'a contributor cannot publish');
      await checkPage(contributor, 'workflow-new-story');

      await Promise.all([cp.waitForURL(/done=submit$/), cp.click('[data-action=submit]')]);
      assert.ok((await cp.locator('.notice-ok').first().textContent())?.includes('સમીક્ષા માટે મોકલ્યું'));
      await checkPage(contributor, 'workflow-submitted');

      // The editor sends it back with a note.
      const editor = await signedInPage(browser, site, chief, viewport);
      const ep = editor.page;
      await ep.goto(`${site.url}/newsroom/articles/${id}/edit`);
      await ep.locator('.send-back summary').click();
      await ep.fill('#send-back-note', note);
      await checkPage(editor, 'workflow-send-back');
      await Promise.all([ep.waitForURL(/done=sendBack$/), ep.click('[data-action=sendBack]')]);
      assert.ok((await ep.locator('.notice-ok').first().textContent())?.includes('નોંધ સાથે લેખકને પાછું મોકલ્યું'));

      // The writer finds it on the dashboard and in the editor, and submits again.
      await cp.goto(`${site.url}/newsroom`);
      const item = cp.locator(`.sent-back-list li[data-article-id="${id}"]`);
      assert.equal(await item.locator('.sent-back-note').textContent(), note);
      assert.ok((await item.textContent())?.includes('રાજેન્દ્ર મહેતા'));
      await checkPage(contributor, 'workflow-dashboard-sent-back');
      await cp.click(`.sent-back-list li[data-article-id="${id}"] a`);
      await cp.locator('.ProseMirror').waitFor();
      assert.equal(await cp.locator('.sent-back .sent-back-note').textContent(), note);
      await checkPage(contributor, 'workflow-editor-sent-back');
      await Promise.all([cp.waitForURL(/done=submit$/), cp.click('[data-action=submit]')]);
      assert.equal(await cp.locator('.sent-back').count(), 0, 'the note is answered');

      // The editor previews it: a page anyone with the link can open, laid out as the reader page.
      await ep.goto(`${site.url}/newsroom/articles/${id}/edit`);
      const previewUrl = await ep.locator('#preview-url').inputValue();
      assert.match(previewUrl, new RegExp(`^${site.url}/preview/${id}\\.`));
      const outsider = await openPage(browser, viewport);
      await outsider.page.goto(previewUrl);
      assert.equal(await outsider.page.locator('h1.headline').textContent(), headline);
      assert.equal(await outsider.page.locator('meta[name=robots]').getAttribute('content'), 'noindex, nofollow');
      const previewLayout = await storyLayout(outsider.page);
      await checkPage(outsider, 'workflow-preview');

      // Publish: said in words, with a link to the story; then the actions of a live story only.
      await Promise.all([ep.waitForURL(/done=publish$/), ep.click('[data-action=publish]')]);
      const done = ep.locator('.notice-ok').first();
      assert.ok((await done.textContent())?.includes('પ્રકાશિત થયું'));
      const publicPath = await done.locator('a').getAttribute('href');
      assert.equal(await done.locator('a').textContent(), 'જુઓ');
      const visible = await ep.locator('.actions [data-action]').evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => el.getAttribute('data-action')));
      assert.deepEqual(visible, ['correct', 'unpublish', 'archive'], 'a live story is corrected or taken down, not published again');
      assert.equal(await ep.locator('.actions [data-action=update]').count(), 1, 'Update waits for a pending change');
      assert.equal(await ep.locator('label[for=correct-note]').count(), 1, 'one correction input, labelled');
      await checkPage(editor, 'workflow-published');

      await outsider.page.goto(`${site.url}${publicPath}`);
      assert.deepEqual(await storyLayout(outsider.page), previewLayout, 'the preview was the reader page');

      // Unpublish asks first: Escape says no, then yes from the keyboard.
      await ep.click('[data-action=unpublish]');
      const dialog = ep.locator('dialog.confirm-dialog[open]');
      await dialog.waitFor();
      assert.ok((await dialog.textContent())?.includes('અપ્રકાશિત કરવું છે?'));
      await checkPage(editor, 'workflow-confirm-unpublish');
      await ep.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.equal((await site.database.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'published');
      await ep.click('[data-action=unpublish]');
      await dialog.waitFor();
      await ep.keyboard.press('Shift+Tab');
      await Promise.all([ep.waitForURL(/done=unpublish$/), ep.keyboard.press('Enter')]);
      assert.ok((await ep.locator('.notice-ok').first().textContent())?.includes('અપ્રકાશિત કર્યું'));
      assert.equal((await site.database.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'unpublished');

      for (const p of [contributor, editor, outsider]) await p.context.close();
    });
  }
});
