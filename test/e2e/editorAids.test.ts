// The editor aids in a real browser (Debian's Chromium through playwright-core), over the
// Gujarati demo content: tag suggestions from an inflected form of an existing tag, phonetic
// typing (Latin in, Gujarati out) in the body and the headline, and spell-check marks when
// the hunspell-gu dictionary is installed (no marks and no errors when it is not).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { addPerson } from '../../src/newsroom/people.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

const chromiumPath = '/usr/bin/chromium';
// The same flags as test/e2e/newsroom.test.ts.
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const noChromium = `${chromiumPath} not found: install chromium (apt-get install chromium) to run the browser tests`;
const editorBundle = join('src', 'web', 'assets', 'build', 'editor.js');
const noBundle = `${editorBundle} is missing: run \`npm run build\` (or node scripts/build-editor.mjs) first`;
const dictionary = '/usr/share/hunspell/gu_IN.dic';
const hasDictionary = existsSync(dictionary);

const password = 'સમાચાર-પાસવર્ડ-2026';
const phoneticLabel = /ગુજરાતી ટાઇપિંગ/;

interface Candidate {
  word: string;
}

describe(`newsroom editor aids in Chromium (${testDialect})`, () => {
  const ready = existsSync(chromiumPath) && existsSync(editorBundle);
  let site: TestSite;
  let browser: Browser;
  const reporter = { email: 'sahayak@example.com', name: 'સહાયક લેખક' };

  before(async () => {
    if (!ready) return;
    site = await startTestSite();
    await addPerson(site.database.db, { ...reporter, role: 'contributor', password });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  const skipMessage = () => (existsSync(chromiumPath) ? noBundle : noChromium);

  async function newStory(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'gu-IN', timezoneId: 'Asia/Kolkata' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
    await page.goto(`${site.url}/newsroom/login`);
    await page.fill('#email', reporter.email);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(`${site.url}/newsroom`), page.click('form[action="/newsroom/login"] button[type=submit]')]);
    await page.goto(`${site.url}/newsroom/articles/new`);
    await page.waitForSelector('#editor .editor-body[contenteditable=true]');
    return { context, page, problems };
  }

  /** The endpoint's own candidates, asked from the page with its session and CSRF token. */
  const candidatesFor = (page: Page, q: string) =>
    page.evaluate(async (word) => {
      const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
      const res = await fetch(`/newsroom/api/transliterate?q=${encodeURIComponent(word)}&limit=6`, { headers: { 'x-csrf-token': csrf, accept: 'application/json' } });
      return ((await res.json()) as { candidates: Candidate[] }).candidates.map((c) => c.word);
    }, q);

  const bodyText = (page: Page) => page.locator('#editor .editor-body').innerText();

  test('an inflected form of an existing tag is suggested, and a click adds the tag', async (t) => {
    if (!ready) return t.skip(skipMessage());
    const { context, page, problems } = await newStory();
    try {
      // શિક્ષણ and પર્યાવરણ are demo tags; the story only has શિક્ષણનો and પર્યાવરણની.
      await page.click('#editor .editor-body');
      await page.keyboard.type('ગામની શાળામાં શિક્ષણનો પ્રશ્ન અને પર્યાવરણની ચિંતા.');
      const chip = page.locator('.tag-suggestions button[data-tag="શિક્ષણ"]');
      await chip.waitFor({ timeout: 10_000 });
      assert.equal(await chip.getAttribute('aria-label'), 'ટૅગ ઉમેરો: શિક્ષણ');
      assert.ok(await page.locator('.tag-suggestions button[data-tag="પર્યાવરણ"]').isVisible(), 'the second tag is suggested too');
      await chip.click();
      assert.equal(await page.inputValue('#tagNames'), 'શિક્ષણ');
      assert.equal(await chip.count(), 0, 'the added tag is no longer suggested');
      await page.locator('.tag-suggestions button[data-tag="પર્યાવરણ"]').click();
      assert.equal(await page.inputValue('#tagNames'), 'શિક્ષણ, પર્યાવરણ');
      // A later refresh (the story changes) does not bring the added tags back.
      await page.click('#editor .editor-body');
      await page.keyboard.type(' શિક્ષણમાં સુધારો.');
      await page.waitForTimeout(1_500);
      assert.equal(await page.locator('.tag-suggestions button[data-tag="શિક્ષણ"]').count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('phonetic typing turns a Latin word into Gujarati in the body and the headline', async (t) => {
    if (!ready) return t.skip(skipMessage());
    const { context, page, problems } = await newStory();
    try {
      const toggle = page.getByRole('button', { name: phoneticLabel });
      assert.equal(await toggle.textContent(), 'ગુજરાતી ટાઇપિંગ');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');

      const [first] = await candidatesFor(page, 'gujarat');
      assert.ok(first, 'the endpoint has a candidate for "gujarat"');
      await page.click('#editor .editor-body');
      // Typed fast: the space may come before the candidates; the word is converted when they arrive.
      await page.keyboard.type('gujarat ');
      await page.waitForFunction((w) => document.querySelector('#editor .editor-body')?.textContent?.includes(w), first, { timeout: 10_000 });
      assert.equal((await bodyText(page)).trim(), first);

      // The popup: a listbox of the candidates; ArrowDown and Enter take the second one.
      const words = await candidatesFor(page, 'bharat');
      await page.keyboard.type('bharat');
      // The authors select is a listbox too: find this one by its name.
      const listbox = page.getByRole('listbox', { name: /bharat/ });
      await listbox.waitFor({ timeout: 10_000 });
      const options = await listbox.getByRole('option').allTextContents();
      assert.deepEqual(options, words);
      assert.equal(await listbox.getByRole('option', { selected: true }).textContent(), words[0]);
      assert.equal(await page.locator('#editor .editor-body').getAttribute('aria-activedescendant'), 'phonetic-candidate-0');
      const pick = words.length > 1 ? 1 : 0;
      if (pick) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForFunction((w) => document.querySelector('#editor .editor-body')?.textContent?.endsWith(w), words[pick]!, { timeout: 10_000 });
      assert.equal(await listbox.isHidden(), true);
      assert.equal((await bodyText(page)).trim(), `${first} ${words[pick]}`);

      // Escape keeps the Latin word, also after the following space.
      await page.keyboard.type(' khabar');
      const khabar = page.getByRole('listbox', { name: /khabar/ });
      await khabar.waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
      assert.equal(await khabar.isHidden(), true);
      await page.keyboard.type(' ');
      await page.waitForTimeout(500);
      assert.match(await bodyText(page), /khabar\s*$/);

      // The form's body is plain Gujarati: no popup or mark leaks into the HTML.
      assert.equal(await page.locator('#body-html').inputValue(), `<p>${first} ${words[pick]} khabar </p>`);

      // The headline works the same way.
      await page.click('#headline');
      await page.keyboard.type('gujarat ');
      await page.waitForFunction((w) => (document.querySelector('#headline') as HTMLInputElement).value.startsWith(w), first, { timeout: 10_000 });
      assert.equal(await page.inputValue('#headline'), `${first} `);

      // Off again: Latin stays Latin.
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await page.click('#headline');
      await page.keyboard.type('gujarat ');
      await page.waitForTimeout(500);
      assert.equal(await page.inputValue('#headline'), `${first} gujarat `);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
  const spellWhich = hasDictionary
    ? `${dictionary} found: a misspelt word must be marked`
    : `${dictionary} absent (apt-get install hunspell-gu): no marks and no errors expected`;
  test(`Gujarati spell-check marks (${spellWhich})`, async (t) => {
    if (!ready) return t.skip(skipMessage());
    t.diagnostic(`spell-check: ${spellWhich}`);
    const { context, page, problems } = await newStory();
    try {
      const misspelt = 'સમાચારર'; // સમાચાર with a doubled ર
      const server = await page.evaluate(async (text) => {
        const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
        const res = await fetch('/newsroom/api/spellcheck', {
          method: 'POST',
          headers: { 'x-csrf-token': csrf, accept: 'application/json', 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
        });
        return (await res.json()) as { available: boolean; misspelt: { word: string; suggestions: string[] }[] };
      }, misspelt);
      assert.equal(server.available, hasDictionary, 'the endpoint agrees about the dictionary');
      await page.click('#editor .editor-body');
      await page.keyboard.type(`ગામમાં ${misspelt} છે.`);
      const marks = page.locator('#editor .editor-body .spell-error');
      if (!hasDictionary) {
        await page.waitForTimeout(2_500);
        assert.equal(await marks.count(), 0, 'no marks without a dictionary');
        assert.deepEqual(problems, [], 'no errors without a dictionary');
        return;
      }
      const suggestions = server.misspelt[0]?.suggestions ?? [];
      const mark = marks.filter({ hasText: misspelt });
      await mark.waitFor({ timeout: 10_000 });
      assert.equal(await mark.textContent(), misspelt);
      // The marks are view-only decorations: the form's HTML is the text as typed.
      assert.equal(await page.locator('#body-html').inputValue(), `<p>ગામમાં ${misspelt} છે.</p>`);

      // The context menu on the word offers the server's suggestions.
      await mark.click({ button: 'right' });
      const menu = page.getByRole('menu', { name: new RegExp(misspelt) });
      await menu.waitFor({ timeout: 5_000 });
      const items = await menu.getByRole('menuitem').allTextContents();
      assert.deepEqual(items, suggestions);
      await page.keyboard.press('Escape');
      assert.equal(await menu.count(), 0, 'Escape closes the menu');
      // A plain click offers them too; choosing one replaces the word and its mark goes.
      await mark.click();
      await menu.waitFor({ timeout: 5_000 });
      if (suggestions.length > 0) {
        await menu.getByRole('menuitem', { name: suggestions[0]!, exact: true }).click();
        await page.waitForFunction((w) => document.querySelector('#editor .editor-body')?.textContent?.includes(w), `ગામમાં ${suggestions[0]} છે.`);
        assert.equal(await marks.filter({ hasText: misspelt }).count(), 0);
        assert.equal(await page.locator('#body-html').inputValue(), `<p>ગામમાં ${suggestions[0]} છે.</p>`);
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
  test('without a dictionary (the endpoint answers available: false) there are no marks, no errors and no more checks', async (t) => {
    if (!ready) return t.skip(skipMessage());
    // Whatever this machine has installed, the browser sees a server without hunspell-gu.
    const { context, page, problems } = await newStory();
    try {
      let calls = 0;
      await page.route('**/newsroom/api/spellcheck', (route) => {
        calls++;
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ available: false, misspelt: [] }) });
      });
      await page.click('#editor .editor-body');
      await page.keyboard.type('ગામમાં સમાચારર છે.');
      await page.waitForTimeout(2_000);
      await page.keyboard.type(' બીજું વાક્ય સમાચારર.');
      await page.waitForTimeout(2_000);
      assert.equal(await page.locator('#editor .editor-body .spell-error').count(), 0);
      assert.equal(calls, 1, 'checking stops once the server says it has no dictionary');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
