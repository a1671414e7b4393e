// Every page type under the Content-Security-Policy the server sends, in Chromium: the
// reader pages (home, section, article with a YouTube embed, tag, author, search, a 404),
// the login page and the newsroom pages including the editor bundle. Any violation fails.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserMissing, launchBrowser } from '../helpers/browser.js';
import { demoContent } from '../../src/demo/content.js';
import { updateArticle, writeArticles } from '../../src/newsroom/articleWriter.js';
import { signIn } from '../helpers/newsroom.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

const missing = browserMissing();
const ready = missing === null;

describe(`Content-Security-Policy on every page type, in Chromium (${testDialect})`, () => {
  let site: TestSite;
  let browser: Browser;
  before(async () => {
    if (!ready) return;
    site = await startTestSite();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test('no page breaks the policy; the newsroom cannot be framed', { skip: missing ?? false }, async () => {
    const story = demoContent.articles[0]!;
    const row = await site.database.db.selectFrom('articles').select(['id', 'body_html']).where('slug', '=', story.slug).executeTakeFirstOrThrow();
    const withVideo = `${row.body_html}<figure class="embed" data-embed="https://www.youtube.com/watch?v=dQw4w9WgXcQ"></figure>`;
    await writeArticles({ db: site.database.db, feed: site.feed }, 'newsroom', (scope) => updateArticle(scope, row.id, { bodyHtml: withVideo }));
    const editor = await signIn(site, 'editor');
    const [name, value] = editor.cookie.split('=') as [string, string];
    const author = demoContent.authors[0]!;
    const reader = ['/', `/${story.section}`, `/${story.section}/${story.slug}`, `/tag/${story.tags[0]}`, `/author/${author.slug}`, '/search?q=ગુજરાત', '/no-such-page'];
    const newsroom = ['/newsroom', '/newsroom/articles', '/newsroom/articles/new', `/newsroom/articles/${row.id}/edit`, `/newsroom/articles/${row.id}/revisions`, '/newsroom/media', '/newsroom/people', '/newsroom/home', '/newsroom/comments', '/newsroom/analytics', '/newsroom/account'];

    const context = await browser.newContext({ locale: 'gu-IN' });
    await context.addCookies([{ name, value, url: site.url }]);
    await context.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const violations: string[] = [];
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
    });
    for (const path of [...reader, '/newsroom/login', ...newsroom]) {
      const response = await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
      assert.ok(response, path);
      const csp = response.headers()['content-security-policy'] ?? '';
      assert.match(csp, /script-src 'self'(;|$)/, `${path} has a CSP without inline scripts`);
      assert.equal(response.headers()['x-content-type-options'], 'nosniff', path);
      assert.equal(response.headers()['referrer-policy'], 'strict-origin-when-cross-origin', path);
      if (path.startsWith('/newsroom')) assert.match(csp, /frame-ancestors 'none'/, path);
      await page.waitForTimeout(path.endsWith('/edit') || path.endsWith('/new') ? 800 : 100);
      const seen = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
      violations.push(...seen.map((v) => `${path}: ${v}`));
    }
    assert.ok(await page.goto(`${site.url}/newsroom/articles/${row.id}/edit`).then(() => page.locator('.ProseMirror').count()) > 0, 'the editor bundle ran under the policy');
    assert.deepEqual(violations, []);
    await context.close();
  });
});
