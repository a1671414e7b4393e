// The reader site in a real browser: Debian's Chromium driven by playwright-core (never a
// downloaded browser). Home, a section front and an article at phone and desktop widths:
// the chrome readers rely on is visible, nothing errors, axe finds nothing serious, the page
// reads without JavaScript, and the page script refreshes counters on a cached page.
// Full-page screenshots land in test-output/screenshots/ (git-ignored) for a human to look at.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumPath, launchBrowser } from '../helpers/browser.js';
import { demoContent } from '../../src/demo/content.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { countsOf, setCounts } from '../../src/audience/counters.js';

const noChromium = `${chromiumPath} not found: install chromium (apt-get install chromium) to run the browser tests`;

const screenshotDir = join('test-output', 'screenshots');

const widths = [
  { name: 'phone', width: 390, height: 844, isMobile: true },
  { name: 'desktop', width: 1366, height: 900, isMobile: false },
] as const;
type Width = (typeof widths)[number];

// The pages: the busiest top-level section and its newest story that lives in a sub-section
// (so the breadcrumb has every level), falling back to the newest story overall.
const topSections = demoContent.sections.filter((s) => !s.parent);
const inFamily = (top: string) => (a: { section: string }) =>
  a.section === top || demoContent.sections.find((s) => s.slug === a.section)?.parent === top;
const sectionFront = [...topSections].sort(
  (a, b) => demoContent.articles.filter(inFamily(b.slug)).length - demoContent.articles.filter(inFamily(a.slug)).length,
)[0]!;
const byRecency = [...demoContent.articles].sort((a, b) => a.hoursAgo - b.hoursAgo);
const story = byRecency.find((a) => demoContent.sections.find((s) => s.slug === a.section)?.parent) ?? byRecency[0]!;

// `follow`: where the follow-us links are (a story ends with them, so its footer leaves them out).
const pages = [
  { name: 'home', path: '/', breadcrumb: false, counters: false, follow: 'footer .follow' },
  { name: 'section', path: `/${sectionFront.slug}`, breadcrumb: true, counters: false, follow: 'footer .follow' },
  { name: 'article', path: `/${story.section}/${story.slug}`, breadcrumb: true, counters: true, follow: 'main .follow-box .follow' },
] as const;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Scrolls to the bottom and back so lazy images load before a full-page screenshot. */
async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const step = Math.max(200, window.innerHeight - 100);
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForLoadState('networkidle');
  await page.evaluate(() =>
    Promise.all(
      Array.from(document.images)
        .filter((img) => !img.complete)
        .map(
          (img) =>
            new Promise((done) => {
              img.addEventListener('load', done, { once: true });
              img.addEventListener('error', done, { once: true });
            }),
        ),
    ),
  );
}

describe(`reader pages in Chromium (${testDialect})`, () => {
  const haveChromium = existsSync(chromiumPath);
  let site: TestSite;
  let browser: Browser;

  before(async () => {
    if (!haveChromium) return;
    mkdirSync(screenshotDir, { recursive: true });
    site = await startTestSite();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  async function open(w: Width, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
    return browser.newContext({
      viewport: { width: w.width, height: w.height },
      isMobile: w.isMobile,
      hasTouch: w.isMobile,
      locale: 'gu-IN',
      timezoneId: 'Asia/Kolkata',
      ...options,
    });
  }

  for (const p of pages) {
    for (const w of widths) {
      test(`${p.name} at ${w.name} width (${w.width}×${w.height})`, async (t: TestContext) => {
        if (!haveChromium) return t.skip(noChromium);
        const context = await open(w);
        try {
          const page = await context.newPage();
          const problems: string[] = [];
          page.on('console', (m) => {
            if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`);
          });
          page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
          page.on('response', (r) => {
            if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
          });
          page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));

          const res = await page.goto(`${site.url}${p.path}`, { waitUntil: 'load' });
          assert.equal(res?.status(), 200);
          await page.waitForLoadState('networkidle');

          // What readers look for.
          assert.ok(await page.locator('h1').first().isVisible(), 'a heading is visible');
          if (p.breadcrumb) {
            const crumbs = page.locator('nav.crumbs');
            assert.ok(await crumbs.isVisible(), 'the breadcrumb is visible');
            assert.ok((await crumbs.locator('li').count()) >= 2, 'the breadcrumb has at least two steps');
            assert.ok(await crumbs.locator('a').first().isVisible(), 'the breadcrumb links home');
          }
          if (p.counters) {
            const counters = page.locator('.counters');
            assert.ok(await counters.isVisible(), 'the counters are visible');
            assert.ok(await counters.getByText('💬').isVisible(), 'the 💬 counter is visible');
            assert.ok(await counters.getByText('👁').isVisible(), 'the 👁 counter is visible');
            assert.match((await counters.locator('[data-count=views]').innerText()).trim(), /^[0-9૦-૯,]+$/);
          }
          const follow = page.locator(p.follow);
          assert.equal(await page.locator('.follow').count(), 1, 'one follow-us block');
          assert.ok(await follow.isVisible(), `the follow-us block (${p.follow}) is visible`);
          const followLinks = follow.locator('a');
          assert.ok((await followLinks.count()) >= 1, 'there are follow-us links');
          for (const link of await followLinks.all()) assert.ok(await link.isVisible(), `${await link.innerText()} is visible`);

          // Nothing wider than the screen (a sideways-scrolling page on a phone is broken).
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `the page is ${overflow}px wider than the ${w.width}px viewport`);

          // Every Gujarati heading is drawn with a Gujarati font, not a fallback box.
          const fonts = await page.evaluate(() => {
            const h = document.querySelector('h1:not(.sr), .card-title, .block-title');
            return h ? getComputedStyle(h).fontFamily : '';
          });
          assert.match(fonts, /Noto Sans Gujarati/);
          assert.ok(
            await page.evaluate(() => document.fonts.check('16px "Noto Sans Gujarati"', 'ગુજરાતી')),
            'Noto Sans Gujarati is available to the page',
          );

          await scrollThrough(page);
          await page.screenshot({ path: join(screenshotDir, `${p.name}-${w.width}.png`), fullPage: true });

          // Accessibility: nothing serious or critical.
          // Evaluated through the DevTools protocol: the page's CSP (no inline scripts) stays on.
          await page.evaluate(axe.source);
          const violations = (await page.evaluate(async () => {
            const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
            return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
          })) as AxeViolation[];
          const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          assert.deepEqual(
            serious.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`),
            [],
            'axe found serious or critical violations',
          );
          const minor = violations.filter((v) => !serious.includes(v));
          if (minor.length > 0) t.diagnostic(`axe (minor/moderate): ${minor.map((v) => `${v.impact} ${v.id}`).join(', ')}`);

          assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
        } finally {
          await context.close();
        }
      });
    }
  }

  test('the article reads fully with JavaScript disabled', async (t) => {
    if (!haveChromium) return t.skip(noChromium);
    for (const w of widths) {
      const context = await open(w, { javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        const res = await page.goto(`${site.url}/${story.section}/${story.slug}`);
        assert.equal(res?.status(), 200);
        const headline = page.locator('h1.headline');
        assert.ok(await headline.isVisible(), `the headline is visible at ${w.name} width`);
        assert.equal((await headline.innerText()).trim(), story.headline);
        const paragraphs = page.locator('.story .body p');
        assert.ok((await paragraphs.count()) >= 2, 'the body has paragraphs');
        assert.ok(await paragraphs.first().isVisible(), `the body is visible at ${w.name} width`);
        const firstPlain = story.paragraphs.find((x) => !x.startsWith('## ') && !x.startsWith('> '))!;
        assert.equal((await paragraphs.first().innerText()).trim(), firstPlain.trim());
        assert.ok(await page.locator('.story .hero img').isVisible(), 'the lead image is visible');
        assert.ok(await page.locator('nav.crumbs').isVisible(), 'the breadcrumb is visible');
        assert.ok(await page.locator('.counters').isVisible(), 'the counters show their server-rendered values');
        await page.screenshot({ path: join(screenshotDir, `article-nojs-${w.width}.png`), fullPage: false });
      } finally {
        await context.close();
      }
    }
  });

  test('the page script refreshes the counters on a cached page', async (t) => {
    if (!haveChromium) return t.skip(noChromium);
    const path = `/${story.section}/${story.slug}`;
    const viewsIn = (html: string) => /data-count="views">([^<]*)</.exec(html)?.[1];

    // Render once so the page cache holds it.
    const first = await (await fetch(`${site.url}${path}`)).text();
    const before = viewsIn(first);
    assert.ok(before, 'the page shows a view count');

    // Change the count behind the cache's back: no content event, so the cached page stays.
    const row = await site.database.db.selectFrom('articles').select(['id']).where('slug', '=', story.slug).executeTakeFirstOrThrow();
    const fresh = (await countsOf(site.database.db, row.id)).views + 123_457;
    await setCounts(site.database.db, row.id, { views: fresh });
    const cached = await (await fetch(`${site.url}${path}`)).text();
    assert.equal(viewsIn(cached), before, 'the server still sends the cached page with the old count');
    const counters = (await (await fetch(`${site.url}/api/v1/articles/${row.id}/counters`)).json()) as { views: number; viewsText: string };
    assert.equal(counters.views, fresh);
    assert.notEqual(counters.viewsText, before);

    const context = await open(widths[0]);
    try {
      const page = await context.newPage();
      await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
      const views = page.locator('.counters [data-count=views]');
      await page.waitForFunction((expected) => document.querySelector('.counters [data-count=views]')?.textContent === expected, counters.viewsText, {
        timeout: 5000,
      });
      assert.equal(await views.innerText(), counters.viewsText);
    } finally {
      await context.close();
    }
  });
});
