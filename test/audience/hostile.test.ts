// Hostile input: every string of the naughty-strings and XSS lists in ../shared/fixtures,
// posted as a comment's name and as its text (auto-approve on, so stored ones are shown), is
// either refused with a message or stored and shown inert: the served pages hold no markup
// from readers, and in Chromium no dialog opens, no injected script runs, nothing overflows.
// Skipped with a message when the fixtures or /usr/bin/chromium are missing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import type { Browser } from 'playwright-core';
import { chromiumPath, launchBrowser } from '../helpers/browser.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { isOwnScript, ownScriptSrcs } from '../helpers/ownScripts.js';
import { latestArticles, type ArticleCard } from '../../src/content/stories.js';
import { updateCommentSettings } from '../../src/audience/commentSettings.js';
import { urls } from '../../src/content/urls.js';
import { visitorIp } from './beacons.js';

const fixtures = join(process.cwd(), '..', 'shared', 'fixtures', 'security');
const files = { xss: join(fixtures, 'xss-payload-list.txt'), blnsTxt: join(fixtures, 'blns.txt'), blnsJson: join(fixtures, 'blns.json') };
const haveFixtures = Object.values(files).every((f) => existsSync(f));

function payloads(): string[] {
  const lines = (f: string) => readFileSync(f, 'utf8').split('\n').map((l) => l.replace(/\r$/, ''));
  const all = [...lines(files.xss), ...lines(files.blnsTxt).filter((l) => !l.startsWith('#')), ...(JSON.parse(readFileSync(files.blnsJson, 'utf8')) as string[])];
  return [...new Set(all.filter((s) => s.trim() !== ''))];
}

describe(`hostile comment input (${testDialect})`, { skip: haveFixtures ? false : `SKIPPED: fixtures not found under ${fixtures}` }, () => {
  let site: TestSite;
  let stories: ArticleCard[];
  const outcomes = { stored: 0, refused: 0 };

  before(async () => {
    site = await startTestSite();
    await updateCommentSettings(site.database.db, { autoApprove: true });
    stories = await latestArticles(site.database.db, { now: new Date(), limit: 100 });
  });
  after(() => site?.close());

  test('every payload as name and as text is refused with a message or stored', async () => {
    const list = payloads();
    const posts = list.flatMap((s, i) => [
      { name: s, text: `પરીક્ષણ પ્રતિભાવ ${i}` },
      { name: `વાચક ${i}`, text: s },
    ]);
    let next = 0;
    const worker = async () => {
      while (next < posts.length) {
        const n = next++;
        const p = posts[n]!;
        const story = stories[n % stories.length]!;
        const res = await fetch(`${site.url}/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-forwarded-for': visitorIp(n + 1) },
          body: new URLSearchParams({ article: String(story.id), ...p }),
        });
        const body = (await res.json()) as { status?: string; problems?: { code: string; message: string }[] };
        if (res.status === 201) {
          assert.equal(body.status, 'approved');
          outcomes.stored++;
        } else {
          assert.equal(res.status, 422, `${JSON.stringify(p).slice(0, 120)} → ${res.status}`);
          assert.ok(body.problems && body.problems.length > 0 && body.problems.every((x) => x.message.length >= 5), 'a refusal explains itself');
          outcomes.refused++;
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    console.log(`# ${list.length} payloads, ${posts.length} posts: ${outcomes.stored} stored and shown, ${outcomes.refused} refused with a message`);
    assert.ok(outcomes.stored > posts.length / 2);
  });

  test('served pages hold no reader markup: only our scripts, no event handlers, links are http(s) nofollow ugc', async () => {
    for (const story of stories) {
      const html = await (await fetch(`${site.url}${urls.article(story.sectionSlug, story.slug)}`)).text();
      const $ = load(html);
      const approved = await site.database.db.selectFrom('comments').select('id').where('article_id', '=', story.id).where('status', '=', 'approved').execute();
      const shown = new Set($('#comments .comment').map((_, el) => Number(($(el).attr('id') ?? '').replace('comment-', ''))).get());
      const missing = approved.filter((c) => !shown.has(c.id)).map((c) => c.id);
      assert.deepEqual(missing, [], `${story.slug}: comments not shown`);
      assert.equal($('#comments .comment').length, approved.length, `${story.slug}: every comment is one .comment, none split or swallowed`);
      $('script').each((_, el) => {
        const type = $(el).attr('type');
        const src = $(el).attr('src');
        assert.ok(isOwnScript(type, src), `unexpected script ${$.html(el).slice(0, 100)}`);
      });
      $('#comments *').each((_, el) => {
        for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) assert.ok(!/^on/i.test(name), `event handler ${name}`);
        const tag = (el as { tagName?: string }).tagName ?? '';
        assert.ok(!['script', 'iframe', 'object', 'embed', 'img', 'svg', 'style', 'link', 'meta', 'base'].includes(tag), `element <${tag}> in comments`);
      });
      $('#comments .comment-text a').each((_, a) => {
        assert.match($(a).attr('href') ?? '', /^https?:\/\//);
        assert.equal($(a).attr('rel'), 'nofollow ugc');
      });
    }
  });

  test('in Chromium: no dialog, no injected script, no horizontal overflow', { skip: existsSync(chromiumPath) ? false : `SKIPPED: ${chromiumPath} not found` }, async () => {
    const browser: Browser = await launchBrowser();
    try {
      for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        const dialogs: string[] = [];
        const errors: string[] = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        page.on('pageerror', (e) => errors.push(e.message));
        // Anything injected that runs would most likely call one of these or write the document.
        await page.addInitScript(() => {
          const w = window as unknown as Record<string, unknown>;
          w.__hits = 0;
          for (const name of ['alert', 'confirm', 'prompt']) {
            const original = w[name] as (...a: unknown[]) => unknown;
            w[name] = (...a: unknown[]) => {
              (w.__hits as number)++;
              return original.apply(window, a);
            };
          }
        });
        const pages = viewport.width > 1000 ? stories : stories.slice(0, 4);
        for (const story of pages) {
          await page.goto(`${site.url}${urls.article(story.sectionSlug, story.slug)}`, { waitUntil: 'load' });
          await page.waitForTimeout(50);
          const state = await page.evaluate((own) => ({
            hits: (window as unknown as { __hits: number }).__hits,
            scripts: [...document.querySelectorAll('script')].filter((s) => s.type !== 'application/ld+json' && !own.includes(s.getAttribute('src') ?? '')).length,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            handlers: [...document.querySelectorAll('#comments *')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
          }), ownScriptSrcs);
          assert.deepEqual(state, { hits: 0, scripts: 0, overflow: 0, handlers: 0 }, `${story.slug} at ${viewport.width}px`);
        }
        assert.deepEqual(dialogs, [], 'no dialog opened');
        assert.deepEqual(errors, [], 'no script error on the pages');
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });
});
