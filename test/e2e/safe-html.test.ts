// Safe HTML (issue 3, point 6). Every payload in the shared XSS and naughty-strings lists is
// put into headline, dek, body, caption and alt through the editor's real save path (the
// JSON API, as the editor script calls it) on a published story, and must be stored inert
// and render inert: the stored body keeps no script, iframe, event handler or script URL;
// the server's page has only its own scripts; and in Chromium no dialog opens and no
// injected script runs. Payloads go in batches (as many as the field limits allow) to keep
// this fast. Skipped, with a message, when ../shared/fixtures is not there.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { chromiumPath, launchBrowser } from '../helpers/browser.js';
import { plainText } from '../../src/content/sanitize.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { isOwnScript, ownScriptSrcs } from '../helpers/ownScripts.js';
import { testDialect } from '../helpers/database.js';
import { api, post, signIn, type Session } from '../helpers/newsroom.js';
import { pendingSnapshot } from '../../src/newsroom/pendingChanges.js';

const fixtures = join(process.cwd(), '..', 'shared', 'fixtures', 'security');
const files = { xss: join(fixtures, 'xss-payload-list.txt'), blnsTxt: join(fixtures, 'blns.txt'), blnsJson: join(fixtures, 'blns.json') };
const haveFixtures = Object.values(files).every((f) => existsSync(f));
const noFixtures = `XSS fixtures not found under ${fixtures}: safe-HTML payload tests SKIPPED`;


function loadPayloads(): string[] {
  const lines = (f: string) => readFileSync(f, 'utf8').split('\n').map((l) => l.replace(/\r$/, ''));
  const all = [...lines(files.xss), ...lines(files.blnsTxt).filter((l) => !l.startsWith('#')), ...(JSON.parse(readFileSync(files.blnsJson, 'utf8')) as string[])];
  // Blank strings test nothing here (and an image may not be published without alt text).
  return [...new Set(all.filter((p) => /\S/.test(p)))];
}

/** Consecutive payloads joined into strings of at most `max` characters (longer ones cut). */
function batches(payloads: string[], max: number): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let len = 0;
  for (const raw of payloads) {
    const p = raw.slice(0, max - 3);
    if (len + p.length + 3 > max && cur.length > 0) {
      out.push(cur);
      cur = [];
      len = 0;
    }
    cur.push(p);
    len += p.length + 3;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The body the editor would send: each payload as raw HTML, then as an image's alt and caption. */
const bodyOf = (payloads: string[], imageSrc: string) =>
  payloads.map((p) => `<p>${p}</p><figure class="image"><img src="${imageSrc}" alt="${attr(p)}" width="40" height="30"><figcaption>${p}</figcaption></figure>`).join('\n');

const scriptUrl = /^(?:javascript|vbscript|data|livescript):/i;
/** How browsers read a URL attribute: entities decoded (cheerio did), control chars and spaces ignored. */
const isScriptUrl = (v: string) => scriptUrl.test(v.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''));
const urlAttrs = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'data-embed', 'lowsrc', 'dynsrc'];

/** Problems in an HTML fragment or page: every element and attribute looked at. */
function unsafeIn(html: string, allowed: { scripts?: (el: cheerio.Cheerio<never>) => boolean } = {}): string[] {
  const $ = cheerio.load(html);
  const problems: string[] = [];
  $('*').each((_, node) => {
    const el = $(node as never);
    const name = (node as { tagName?: string }).tagName?.toLowerCase() ?? '';
    if (name === 'script' && !(allowed.scripts?.(el) ?? false)) problems.push(`<script> ${$.html(el).slice(0, 120)}`);
    // Stored content lands in the story (a page also has its own head and comment form).
    const inContent = !allowed.scripts || el.closest('.story').length > 0;
    if (name === 'base' || (inContent && ['iframe', 'frame', 'object', 'embed', 'applet', 'svg', 'math', 'form', 'input', 'style', 'link', 'meta'].includes(name))) {
      problems.push(`<${name}> ${$.html(el).slice(0, 120)}`);
    }
    for (const [k, v] of Object.entries((node as { attribs?: Record<string, string> }).attribs ?? {})) {
      if (/^on/i.test(k)) problems.push(`${k}= on <${name}>`);
      if (k.toLowerCase() === 'style' && /expression|url\s*\(|javascript/i.test(v)) problems.push(`style= on <${name}>`);
      if (urlAttrs.includes(k.toLowerCase()) && isScriptUrl(v)) problems.push(`${k}="${v.slice(0, 60)}" on <${name}>`);
      if (k.toLowerCase() === 'http-equiv') problems.push(`http-equiv on <${name}>`);
    }
  });
  return problems;
}

const ownScripts = (el: cheerio.Cheerio<never>) => isOwnScript(el.attr('type'), el.attr('src'));

describe(`safe HTML: XSS and naughty-string payloads stored and rendered inert (${testDialect})`, () => {
  let site: TestSite;
  let editor: Session;
  let payloads: string[] = [];
  let imageSrc = '';
  let mediaId = 0;
  let sectionId = 0;
  let sectionSlug = '';

  before(async () => {
    if (!haveFixtures) return;
    payloads = loadPayloads();
    site = await startTestSite();
    editor = await signIn(site, 'editor');
    const form = new FormData();
    form.append('alt', 'પરીક્ષણ છબી');
    form.append('file', new Blob([await sharp({ create: { width: 40, height: 30, channels: 3, background: '#446688' } }).png().toBuffer()]), 'x.png');
    const res = await fetch(`${site.url}/newsroom/media`, { method: 'POST', headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, accept: 'application/json' }, body: form });
    const m = (await res.json()) as { id: number; src: string };
    imageSrc = m.src;
    mediaId = m.id;
    // A demo section: the site keeps its sections in memory, so one made behind its back would not show.
    const section = await site.database.db.selectFrom('sections').select(['id', 'slug']).where('parent_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    sectionId = section.id;
    sectionSlug = section.slug;
  });
  after(async () => site?.close());

  /**
   * A published story, then edited with `edit`. Publishing comes first because payload bodies
   * hold images without alt text (`<img src=x onerror=…>` keeps its img), which blocks publishing.
   */
  async function publishedWith(edit: Record<string, unknown>): Promise<{ id: number; path: string }> {
    const res = await api(site, editor, 'POST', '/newsroom/api/articles', { sectionId, featuredMediaId: mediaId, featuredAlt: 'છબી', headline: 'સુરક્ષા પરીક્ષણ', bodyHtml: '<p>શરૂઆત</p>' });
    assert.equal(res.status, 200, await res.clone().text());
    const { id, version } = (await res.json()) as { id: number; version: number };
    const pub = await post(site, editor, `/newsroom/articles/${id}/publish`);
    assert.equal(pub.status, 303, `publish ${id}: ${pub.status}`);
    const v = (await site.database.db.selectFrom('articles').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version ?? version;
    if (Object.keys(edit).length > 0) {
      const saved = await api(site, editor, 'PUT', `/newsroom/api/articles/${id}`, { version: v, edit });
      assert.equal(saved.status, 200, await saved.clone().text());
    }
    const row = await site.database.db.selectFrom('articles').select(['slug', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'published');
    return { id, path: `/${sectionSlug}/${row.slug}` };
  }

  test('every payload in every field, saved through the editor API on a published story: stored inert, served inert', async (t) => {
    if (!haveFixtures) return t.skip(noFixtures);
    const groups = batches(payloads, 480);
    t.diagnostic(`${payloads.length} payloads in ${groups.length} saves`);
    const story = await publishedWith({});
    let version = (await site.database.db.selectFrom('articles').select('version').where('id', '=', story.id).executeTakeFirstOrThrow()).version;
    const problems: string[] = [];
    for (const group of groups) {
      const text = group.join(' ␟ ');
      const res = await api(site, editor, 'PUT', `/newsroom/api/articles/${story.id}`, {
        version,
        edit: { headline: text, dek: text, bodyHtml: bodyOf(group, imageSrc), featuredCaption: text, featuredAlt: text, seoTitle: text.slice(0, 300), seoDescription: text },
      });
      if (res.status !== 200) {
        // A headline that is only markup is empty once cleaned: refused, and so not stored.
        const body = (await res.json()) as { message?: string; problem?: { code: string } };
        if (res.status === 400 && body.problem?.code === 'emptyHeadline') continue;
        assert.fail(`save refused (${res.status}): ${JSON.stringify(body)} for ${text.slice(0, 200)}`);
      }
      const saved = (await res.json()) as { version: number; pending: boolean };
      assert.equal(saved.pending, true, 'an edit of a live story waits for Update');
      // The waiting edit's body has been through the allow-list already; its plain-text fields are
      // cleaned once, when Update applies them (checked on the stored row below).
      const waiting = await pendingSnapshot(site.database.db, story.id);
      assert.ok(waiting, 'the edit is waiting');
      for (const p of unsafeIn(waiting.bodyHtml)) problems.push(`pending body: ${p}`);
      // Update goes through the publishing checks: an image left without alt text is refused with the reason
      // (warnings such as a long or empty field are confirmed: they are not what this test is about).
      const update = await post(site, editor, `/newsroom/articles/${story.id}/update`, { version: String(saved.version), confirmed: '1' });
      if (update.status !== 303) {
        assert.equal(update.status, 400);
        assert.match(await update.text(), /alt/);
        const discard = await post(site, editor, `/newsroom/articles/${story.id}/discard`, { confirmed: '1' });
        assert.equal(discard.status, 303);
        version = saved.version + 1;
        continue;
      }
      version = saved.version + 1;
      const row = await site.database.db.selectFrom('articles').selectAll().where('id', '=', story.id).executeTakeFirstOrThrow();
      for (const p of unsafeIn(row.body_html)) problems.push(`stored body: ${p}`);
      for (const field of ['headline', 'dek', 'featured_caption', 'featured_alt', 'seo_title', 'seo_description'] as const) {
        const expected = plainText(field === 'seo_title' ? text.slice(0, 300) : text);
        if (row[field] !== expected) problems.push(`stored ${field} is not its plain text: ${row[field].slice(0, 120)}`);
      }
      const page = await fetch(`${site.url}/${sectionSlug}/${row.slug}`);
      assert.equal(page.status, 200, `page for ${text.slice(0, 100)}`);
      const html = await page.text();
      for (const p of unsafeIn(html, { scripts: ownScripts })) problems.push(`served page: ${p} (from ${text.slice(0, 80)})`);
      // The JSON-LD must stay JSON: a headline cannot close the script early.
      for (const m of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
        try {
          JSON.parse(m[1]!);
        } catch {
          problems.push(`JSON-LD broken by ${text.slice(0, 80)}`);
        }
      }
      if (problems.length > 20) break;
    }
    assert.deepEqual(problems, []);
  });

  test('in Chromium the published pages open no dialog and run no injected script', async (t) => {
    if (!haveFixtures) return t.skip(noFixtures);
    if (!existsSync(chromiumPath)) return t.skip(`${chromiumPath} not found: browser part SKIPPED`);
    // A few stories carry every payload between them: in the body (raw, as alt, as caption),
    // and as many as fit in headline, dek, caption and alt.
    const perStory = Math.ceil(payloads.length / 8);
    const stories: string[] = [];
    for (let i = 0; i < payloads.length; i += perStory) {
      const slice = payloads.slice(i, i + perStory);
      const head = batches(slice, 480)[0]!.join(' ␟ ');
      const long = batches(slice, 980)[0]!.join(' ␟ ');
      const story = await publishedWith({
        headline: /\S/.test(head.replace(/<[^>]*>/g, '')) ? head : `પરીક્ષણ ${i}`,
        dek: batches(slice, 1980)[0]!.join(' ␟ '),
        bodyHtml: bodyOf(slice, imageSrc),
        featuredCaption: long,
        featuredAlt: long,
      });
      stories.push(story.path);
    }
    const browser: Browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'gu-IN' });
      // The trap: anything that calls alert/confirm/prompt/print is recorded, and every dialog
      // that still opens is recorded and dismissed.
      await context.addInitScript(() => {
        const w = window as unknown as { __xss: string[] } & Record<string, unknown>;
        w.__xss = [];
        for (const name of ['alert', 'confirm', 'prompt', 'print']) {
          w[name] = (...args: unknown[]) => {
            w.__xss.push(`${name}(${args.map(String).join(',')})`);
          };
        }
      });
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(`${d.type()}: ${d.message()}`);
        void d.dismiss();
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      for (const path of [...stories, `/${sectionSlug}`, '/']) {
        const res = await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
        assert.equal(res?.status(), 200, path);
        await page.evaluate(async () => {
          for (let y = 0; y < document.documentElement.scrollHeight; y += 2000) {
            window.scrollTo(0, y);
            await new Promise((r) => setTimeout(r, 5));
          }
        });
        await page.waitForTimeout(100);
        const found = await page.evaluate((own) => {
          const bad: string[] = [...(window as unknown as { __xss: string[] }).__xss];
          for (const el of document.querySelectorAll('*')) {
            for (const a of el.getAttributeNames()) if (/^on/i.test(a)) bad.push(`${a}= on <${el.tagName}>`);
          }
          for (const s of document.querySelectorAll('script')) {
            if (s.type !== 'application/ld+json' && !own.includes(s.getAttribute('src') ?? '')) bad.push(`script ${s.outerHTML.slice(0, 80)}`);
          }
          for (const f of document.querySelectorAll('.story :is(iframe, object, embed, svg, form, input), base')) bad.push(`<${f.tagName}>`);
          for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href]')) if (/^(javascript|data|vbscript):/i.test(a.protocol)) bad.push(`link ${a.href.slice(0, 60)}`);
          return bad;
        }, ownScriptSrcs);
        assert.deepEqual(found, [], `injected behaviour on ${path}`);
      }
      assert.deepEqual(dialogs, [], 'no dialog opened');
      assert.deepEqual(errors, [], 'no page errors');
      t.diagnostic(`${payloads.length} payloads across ${stories.length} stories checked in Chromium`);
    } finally {
      await browser.close();
    }
  });
});
