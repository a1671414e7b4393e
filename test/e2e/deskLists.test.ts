// The desk's lists in Chromium at phone and desktop widths: the article list (pages, filters,
// bulk publish through its confirmation), the moderation queue (approve by keyboard), and a
// reader's view of the comment form and the share rows on a phone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { addPerson } from '../../src/newsroom/people.js';
import { createDraft } from '../../src/newsroom/commands/createDraft.js';
import { latestArticles } from '../../src/content/stories.js';
import { urls } from '../../src/content/urls.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { browserMissing, checkPage, desktop, launchBrowser, openPage, phone, signedInPage } from '../helpers/browser.js';

const editor = { email: 'desk-editor@example.com', password: 'ડેસ્ક-પાસવર્ડ-2026' };

describe(`the desk's lists in Chromium (${testDialect})`, () => {
  const missing = browserMissing();
  let site: TestSite;
  let browser: Browser;
  let articlePath = '';
  let articleId = 0;

  before(async () => {
    if (missing) return;
    site = await startTestSite();
    const { person } = await addPerson(site.database.db, { email: editor.email, name: 'ડેસ્ક સંપાદક', role: 'editor', password: editor.password });
    const deps = { db: site.database.db, feed: site.feed };
    const sectionId = (await site.database.db.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    for (let i = 0; i < 60; i++) {
      const headline = i % 3 === 0 ? `નર્મદામાં પાણીની આવક વધી: અહેવાલ ${i}` : `ક્ષેત્રીય સમાચાર, દ્રશ્ય ${i}`;
      await createDraft(deps, { actor: { id: person.id, role: 'editor' }, edit: { headline, sectionId, bodyHtml: '<p>લખાણ</p>' } });
    }
    const [a] = await latestArticles(site.database.db, { now: new Date(), limit: 1 });
    articleId = a!.id;
    articlePath = urls.article(a!.sectionSlug, a!.slug);
    for (const [i, text] of ['નર્મદા ડેમ વિશે સરસ માહિતી', 'ક્ષેત્રફળનો આંકડો ખોટો લાગે છે', 'દ્રષ્ટિકોણ ગમ્યો, આભાર'].entries()) {
      await fetch(`${site.url}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `203.0.113.${i + 10}` },
        body: new URLSearchParams({ article: String(articleId), name: `વાચક ${i + 1}`, text }),
      });
    }
    browser = await launchBrowser();
  });
  after(async () => {
    if (missing) return;
    await browser.close();
    await site.close();
  });

  for (const viewport of [phone, desktop]) {
    test(`article list and moderation at ${viewport.width}px`, async (t) => {
      if (missing) return t.skip(missing);
      const watched = await signedInPage(browser, site, editor, viewport);
      const { page } = watched;
      await page.goto(`${site.url}/newsroom/articles?status=draft`);
      assert.match((await page.textContent('.desk-count')) ?? '', /60 લેખ મળ્યા/);
      assert.equal(await page.locator('[data-article-id]').count(), 50);
      await checkPage(watched, 'desk-articles');
      await page.fill('#f-q', 'narmada');
      await Promise.all([page.waitForURL(/q=narmada/), page.click('.desk-filters button[type=submit]')]);
      assert.match((await page.textContent('.desk-count')) ?? '', /20 લેખ મળ્યા/);
      await checkPage(watched, 'desk-articles-search');
      await page.goto(`${site.url}/newsroom/comments`);
      await checkPage(watched, 'desk-moderation');
      await watched.context.close();
    });
  }

  test('bulk publish: choose, confirm, read the result', async (t) => {
    if (missing) return t.skip(missing);
    const watched = await signedInPage(browser, site, editor, desktop);
    const { page } = watched;
    await page.goto(`${site.url}/newsroom/articles?q=${encodeURIComponent('નર્મદામાં')}`);
    assert.ok(await page.locator('#bulk-section').isHidden(), 'the section field shows only for “move”');
    const boxes = page.locator('input[name=ids]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await boxes.nth(2).check();
    await page.selectOption('#bulk-action', 'publish');
    await Promise.all([page.waitForURL(/\/newsroom\/articles\/bulk/), page.click('.desk-bulk button[type=submit]')]);
    assert.match((await page.textContent('.desk-question')) ?? '', /આ 3 લેખ હમણાં જ વાચકો માટે પ્રકાશિત કરવા છે\?/);
    await checkPage(watched, 'desk-bulk-confirm');
    await page.click('.desk-confirm button[type=submit]');
    await page.waitForSelector('.notice');
    assert.equal((await page.textContent('.notice'))?.trim(), '3 લેખ પ્રકાશિત થયા.');
    await checkPage(watched, 'desk-bulk-result');
    await watched.context.close();
  });

  test('moderation by keyboard: j moves, a approves', async (t) => {
    if (missing) return t.skip(missing);
    const watched = await signedInPage(browser, site, editor, desktop);
    const { page } = watched;
    await page.goto(`${site.url}/newsroom/comments`);
    const before = await page.locator('[data-comment-row]').count();
    assert.ok(before >= 1);
    await page.keyboard.press('j');
    assert.equal(await page.locator('.mod-row.is-current').count(), 1);
    await Promise.all([page.waitForURL(/done=1/), page.keyboard.press('a')]);
    assert.equal((await page.textContent('.notice'))?.trim(), '1 પ્રતિભાવ બદલાયો.');
    assert.equal(await page.locator('[data-comment-row]').count(), before - 1);
    await page.keyboard.press('j');
    await Promise.all([page.waitForURL(/\/newsroom\/comments/), page.keyboard.press('s')]);
    assert.match((await page.textContent('.desk-question')) ?? '', /સ્પામ ગણવો છે\?/, 's asks before marking spam');
    await checkPage(watched, 'desk-moderation-confirm');
    await watched.context.close();
  });

  test('a reader on a phone: share rows under the headline and after the body, a comfortable comment form', async (t) => {
    if (missing) return t.skip(missing);
    const watched = await openPage(browser, phone);
    const { page } = watched;
    await page.goto(`${site.url}${articlePath}`);
    const top = page.locator('.share-top a');
    assert.equal(await top.first().textContent(), 'WhatsApp');
    const headlineBottom = (await page.locator('h1.headline').boundingBox())!.y;
    const topBox = (await top.first().boundingBox())!;
    assert.ok(topBox.y - headlineBottom < 400, 'the top share row is right under the headline block');
    assert.ok(topBox.height >= 44, `share links are ${topBox.height}px high`);
    assert.equal(await page.locator('.share').count(), 2);
    const form = page.locator('form.comment-form').first();
    for (const sel of ['input[name=name]', 'input[name=email]', 'textarea[name=text]', 'button[type=submit]']) {
      const el = form.locator(sel);
      const box = (await el.boundingBox())!;
      const style = await el.evaluate((e) => ({ size: parseFloat(getComputedStyle(e).fontSize), family: getComputedStyle(e).fontFamily }));
      assert.ok(box.height >= 44, `${sel} is ${box.height}px high`);
      assert.ok(style.size >= 16, `${sel} text is ${style.size}px`);
      assert.match(style.family, /Noto Sans Gujarati/, `${sel} uses the site's font`);
    }
    await form.scrollIntoViewIfNeeded();
    await checkPage(watched, 'desk-reader-article');
    await page.click('form.comment-form button[type=submit]');
    await page.waitForSelector('.comment-problems');
    const problems = await page.locator('.comment-problems li').allTextContents();
    assert.ok(problems.length >= 2 && problems.every((p) => /[\u0A80-\u0AFF]/.test(p)), `Gujarati messages: ${problems.join(' | ')}`);
    // The refusal is meant to be a 422: the form answer, not a failed request.
    watched.problems.splice(0, watched.problems.length, ...watched.problems.filter((p) => !/^HTTP 422 for .*\/comments$/.test(p)));
    await checkPage(watched, 'desk-reader-comment-refused');
    await watched.context.close();
  });
});
