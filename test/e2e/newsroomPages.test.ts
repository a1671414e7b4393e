// Every page of the newsroom, as an admin sees it, on a phone (390 px) and a desktop (1366 px):
// no page is wider than the window, axe finds nothing serious or critical, nothing fails to
// load, and the Gujarati UI shows no stray English sentences (labels and messages come from
// the i18n tables; brand names, codes and examples such as "https://…" are allowed).
// Screenshots go to test-output/screenshots/newsroom-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { latestArticles } from '../../src/content/stories.js';
import { addPerson } from '../../src/newsroom/people.js';
import { browserMissing, checkPage, desktop, launchBrowser, phone, signedInPage } from '../helpers/browser.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

const admin = { email: 'sampadak-walk@example.com', password: 'ક્ષેત્રીય-પાસવર્ડ-૨૦૨૬' };

/**
 * Latin words a Gujarati newsroom page may show: names of services and formats, technical
 * codes, and the people and stories of the demo, whose names are data, not UI.
 */
const allowedLatin =
  /^(IST|UTC|SEO|URL|RSS|Atom|JSON|CSV|HTML|H2|H3|PNG|JPEG|JPG|WebP|GIF|MB|KB|px|ID|id|OK|Khabar|WordPress|Telegram|WhatsApp|Instagram|Facebook|YouTube|X|Web|push|Webhook|WebSub|Cloud|API|SMTP|favicon|alt|slug|Asia\/Kolkata|IANA|CLI|wa\.me|https?|www|example|com|khabar|Narmada|narmada|Gujarat|GIFT|City|UPI|ISRO|GST|Metro|AM|PM|am|pm|Wi-Fi)$/;

/**
 * Runs of three or more Latin words in the page's visible text that are not on the list above
 * (single letters are keyboard shortcuts, not words).
 */
function strayEnglish(text: string): string[] {
  const found: string[] = [];
  for (const run of text.match(/[A-Za-z][A-Za-z'’-]*(?:[ ,.:;]+[A-Za-z][A-Za-z'’-]*){2,}/g) ?? []) {
    const words = run.split(/[ ,.:;]+/).filter((w) => w.length > 1);
    if (words.filter((w) => !allowedLatin.test(w)).length >= 3) found.push(run);
  }
  return found;
}

describe(`every newsroom page at phone and desktop widths (${testDialect})`, () => {
  const missing = browserMissing();
  let site: TestSite;
  let browser: Browser;
  let pages: [name: string, path: string][] = [];

  before(async () => {
    if (missing) return;
    site = await startTestSite();
    await addPerson(site.database.db, { email: admin.email, name: 'સંપાદક દ્રષ્ટિ', role: 'admin', password: admin.password });
    const [story] = await latestArticles(site.database.db, { now: new Date(), limit: 1 });
    const person = await site.database.db.selectFrom('people').select('id').orderBy('id').executeTakeFirstOrThrow();
    pages = [
      ['dashboard', '/newsroom'],
      ['articles', '/newsroom/articles'],
      ['article-new', '/newsroom/articles/new'],
      ['article-edit', `/newsroom/articles/${story!.id}/edit`],
      ['revisions', `/newsroom/articles/${story!.id}/revisions`],
      ['deliveries', `/newsroom/articles/${story!.id}/deliveries`],
      ['page-new', '/newsroom/pages/new'],
      ['media', '/newsroom/media'],
      ['home-curation', '/newsroom/home'],
      ['comments', '/newsroom/comments'],
      ['analytics', '/newsroom/analytics'],
      ['article-analytics', `/newsroom/analytics/articles/${story!.id}`],
      ['people', '/newsroom/people'],
      ['person', `/newsroom/people/${person.id}`],
      ['account', '/newsroom/account'],
      ['settings', '/newsroom/settings'],
      ['settings-history', '/newsroom/settings/history'],
      ['sections', '/newsroom/sections'],
      ['tags', '/newsroom/tags'],
      ['menus', '/newsroom/menus'],
      ['channels', '/newsroom/channels'],
      ['channel-new', '/newsroom/channels/new?type=telegram'],
    ];
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const [label, viewport] of [
    ['phone', phone],
    ['desktop', desktop],
  ] as const) {
    test(`${label}: every page fits, passes axe, loads cleanly and speaks Gujarati`, { timeout: 300_000 }, async (t) => {
      if (missing) return t.skip(missing);
      const watched = await signedInPage(browser, site, admin, viewport);
      const failures: string[] = [];
      try {
        for (const [name, path] of pages) {
          watched.problems.length = 0;
          const res = await watched.page.goto(`${site.url}${path}`);
          if (res?.status() !== 200) {
            failures.push(`${name} (${path}): HTTP ${res?.status()}`);
            continue;
          }
          try {
            await checkPage(watched, `newsroom-${name}`);
          } catch (err) {
            failures.push(`${name} (${path}): ${(err as Error).message.split('\n').slice(0, 6).join(' ')}`);
          }
          const english = strayEnglish(await watched.page.locator('body').innerText());
          if (english.length > 0) failures.push(`${name} (${path}): English in the Gujarati UI: ${english.slice(0, 5).map((e) => JSON.stringify(e)).join(', ')}`);
        }
      } finally {
        await watched.context.close();
      }
      assert.deepEqual(failures, []);
    });
  }
});
