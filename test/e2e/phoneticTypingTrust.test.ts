// Phonetic typing in Chromium (test/helpers/browser.ts): Space puts a Gujarati word in only when
// the server is sure of it; an unsure word stays in Latin with its candidates shown, and a click
// on one puts it in (issue #17). Screenshots at 390 and 1366 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addPerson } from '../../src/newsroom/people.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { browserMissing, checkPage, desktop, launchBrowser, phone, signedInPage } from '../helpers/browser.js';

const editorBundle = join('src', 'web', 'assets', 'build', 'editor.js');
const password = 'ટાઇપિંગ-પાસવર્ડ-2026';
const reporter = { email: 'typing@example.com', password };

interface Candidate {
  word: string;
  autoReplace: boolean;
}

describe(`phonetic typing that a reporter trusts, in Chromium (${testDialect})`, () => {
  const missing = browserMissing() ?? (existsSync(editorBundle) ? null : `${editorBundle} is missing: run \`npm run build\` first`);
  let site: TestSite;
  let browser: Browser;

  before(async () => {
    if (missing) return;
    site = await startTestSite();
    await addPerson(site.database.db, { email: reporter.email, name: 'ટાઇપિંગ લેખક', role: 'contributor', password });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  const candidatesFor = (page: Page, q: string) =>
    page.evaluate(async (word) => {
      const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
      const res = await fetch(`/newsroom/api/transliterate?q=${encodeURIComponent(word)}&limit=6`, { headers: { 'x-csrf-token': csrf, accept: 'application/json' } });
      return ((await res.json()) as { candidates: Candidate[] }).candidates;
    }, q);

  for (const viewport of [desktop, phone]) {
    test(`an unsure word stays as typed with candidates; a sure one is put in (${viewport.width} px)`, async (t) => {
      if (missing) return t.skip(missing);
      const watched = await signedInPage(browser, site, reporter, viewport);
      const { page, problems } = watched;
      try {
        await page.goto(`${site.url}/newsroom/articles/new`);
        await page.waitForSelector('#editor .editor-body[contenteditable=true]');
        await page.getByRole('button', { name: /ગુજરાતી ટાઇપિંગ/ }).click();

        const chamak = await candidatesFor(page, 'chamak');
        assert.ok(chamak.length > 0, 'candidates for chamak');
        assert.equal(chamak[0]!.autoReplace, false, `the demo site has no ચમક: ${chamak[0]!.word} must not be put in`);
        await page.click('#editor .editor-body');
        await page.keyboard.type('chamak ');
        const shown = page.getByRole('listbox', { name: /chamak/ });
        await shown.waitFor({ timeout: 10_000 });
        await page.waitForTimeout(300);
        assert.equal((await page.locator('#editor .editor-body').innerText()).trim(), 'chamak', 'the word stays as typed');
        assert.deepEqual(await shown.getByRole('option').allTextContents(), chamak.map((c) => c.word));
        await checkPage(watched, 'phonetic-unsure');
        // A click on a candidate puts it in place of the Latin word.
        const pick = chamak.find((c) => c.word === 'ચમક') ?? chamak[0]!;
        await shown.getByRole('option', { name: pick.word, exact: true }).click();
        await page.waitForFunction((w) => document.querySelector('#editor .editor-body')?.textContent?.startsWith(w), pick.word, { timeout: 10_000 });

        // A sure word (the exonym table) is put in by Space alone.
        const gujarat = await candidatesFor(page, 'gujarat');
        assert.equal(gujarat[0]!.autoReplace, true);
        await page.click('#editor .editor-body');
        await page.keyboard.press('End');
        await page.keyboard.type('gujarat ');
        await page.waitForFunction((w) => document.querySelector('#editor .editor-body')?.textContent?.includes(w), gujarat[0]!.word, { timeout: 10_000 });
        assert.equal((await page.locator('#editor .editor-body').innerText()).trim(), `${pick.word} ${gujarat[0]!.word}`);
        assert.deepEqual(problems, []);
      } finally {
        await page.context().close();
      }
    });
  }
});
