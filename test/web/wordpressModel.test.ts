import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importWordPress } from '../../src/importers/wordpress/import.js';
import { urls } from '../../src/content/urls.js';
import { autoExcerpt } from '../../src/web/wordpressText.js';
import { sanitizeComment } from '../../src/content/sanitize.js';
import { saveArticle } from '../../src/newsroom/commands/saveArticle.js';
import { publishedArticleBySlug } from '../../src/content/stories.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { browserMissing, checkPage, desktop, launchBrowser, openPage, phone } from '../helpers/browser.js';

const site0 = 'https://khabarpatra.example';
const enc = (s: string) => encodeURIComponent(s).toLowerCase();
const cdata = (s: string) => `<![CDATA[${s}]]>`;

/** 70 words with conjuncts, a ZWJ (ર‍્) and Gujarati digits, and a lone danda that is not a word. */
const longBody = [...Array.from({ length: 30 }, (_, i) => `ક્ષેત્ર${i + 1}`), '।', 'ર‍્યાલી', ...Array.from({ length: 39 }, (_, i) => `દ્રષ્ટિ${i + 1}`)].join(' ');

interface Comment {
  id: number;
  parent: number;
  author: string;
  content: string;
}

function item(o: { id: number; title: string; slug: string; cats: string[]; format?: string; password?: string; commentStatus?: string; content: string; excerpt?: string; comments?: Comment[] }): string {
  return `<item>
    <title>${cdata(o.title)}</title>
    <link>${site0}/2024/08/0${o.id % 9}/${enc(o.slug)}/</link>
    <pubDate>Thu, 01 Aug 2024 05:00:00 +0000</pubDate>
    <dc:creator>${cdata('reporter')}</dc:creator>
    <guid isPermaLink="false">${site0}/?p=${o.id}</guid>
    <content:encoded>${cdata(o.content)}</content:encoded>
    <excerpt:encoded>${cdata(o.excerpt ?? '')}</excerpt:encoded>
    <wp:post_id>${o.id}</wp:post_id>
    <wp:post_date>2024-08-01 10:30:00</wp:post_date>
    <wp:post_date_gmt>2024-08-01 05:00:00</wp:post_date_gmt>
    <wp:comment_status>${o.commentStatus ?? 'open'}</wp:comment_status>
    <wp:post_name>${cdata(enc(o.slug))}</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
    <wp:post_password>${cdata(o.password ?? '')}</wp:post_password>
    ${o.cats.map((c) => `<category domain="category" nicename="${enc(c)}">${cdata(c)}</category>`).join('\n    ')}
    ${o.format ? `<category domain="post_format" nicename="post-format-${o.format}">${cdata(o.format)}</category>` : ''}
    ${(o.comments ?? [])
      .map(
        (c) => `<wp:comment><wp:comment_id>${c.id}</wp:comment_id><wp:comment_author>${cdata(c.author)}</wp:comment_author><wp:comment_author_email>a${c.id}@example.com</wp:comment_author_email><wp:comment_date>2024-08-01 11:0${c.id % 10}:00</wp:comment_date><wp:comment_date_gmt>2024-08-01 05:3${c.id % 10}:00</wp:comment_date_gmt><wp:comment_content>${cdata(c.content)}</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${c.parent}</wp:comment_parent></wp:comment>`,
      )
      .join('\n')}
  </item>`;
}

const thread: Comment[] = [
  { id: 51, parent: 0, author: 'પહેલા વાચક', content: 'સ્તર એક: સરસ વીડિયો.' },
  { id: 52, parent: 51, author: 'બીજા વાચક', content: 'સ્તર બે: સહમત.' },
  { id: 53, parent: 52, author: 'ત્રીજા વાચક', content: 'સ્તર ત્રણ: વધુ <a href="https://example.com/ahewal">અહેવાલ અહીં</a> અને <a href="javascript:alert(1)">ખરાબ કડી</a>.' },
  { id: 54, parent: 53, author: 'ચોથા વાચક', content: 'સ્તર ચાર: <strong>જરૂર</strong> જુઓ.' },
  { id: 55, parent: 54, author: 'પાંચમા વાચક', content: 'સ્તર પાંચ: છેલ્લો.' },
  { id: 56, parent: 55, author: 'છઠ્ઠા વાચક', content: 'સ્તર છ: ઊંડો જવાબ.' },
];

function exportFile(dir: string): string {
  const file = join(dir, 'model.xml');
  writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>ખબરપત્ર</title><link>${site0}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${site0}</wp:base_site_url>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('reporter')}</wp:author_login><wp:author_display_name>${cdata('કિરણ પટેલ')}</wp:author_display_name></wp:author>
  <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>${cdata(enc('ગુજરાત'))}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata('ગુજરાત')}</wp:cat_name></wp:category>
  <wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>${cdata(enc('રમતગમત'))}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata('રમતગમત')}</wp:cat_name></wp:category>
  ${item({ id: 301, title: 'રથયાત્રાનો વીડિયો', slug: 'રથયાત્રા-વીડિયો', cats: ['ગુજરાત', 'રમતગમત'], format: 'video', content: `શરૂઆતનો ફકરો.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n${longBody}`, comments: thread })}
  ${item({ id: 302, title: 'ગુપ્ત બેઠકની વિગતો', slug: 'ગુપ્ત-બેઠક', cats: ['ગુજરાત'], password: 'ગુપ્ત૧૨૩', content: 'બેઠકમાં નક્કી થયેલી યોજના અણધારી છે.', excerpt: 'ખાનગી સાર' })}
  ${item({ id: 303, title: 'પ્રતિભાવ બંધ છે', slug: 'પ્રતિભાવ-બંધ', cats: ['રમતગમત'], format: 'gallery', commentStatus: 'closed', content: 'ફોટાઓ.' })}
  ${item({ id: 304, title: 'લોકગીતનો ઑડિયો', slug: 'લોકગીત', cats: ['ગુજરાત'], format: 'audio', content: 'સાંભળો.' })}
</channel>
</rss>
`,
  );
  return file;
}

interface WpPost {
  id: number;
  categories: number[];
  format: string;
  comment_status: string;
  content: { rendered: string; protected: boolean };
  excerpt: { rendered: string; protected: boolean };
}

describe(`WordPress content model: categories, formats, passwords, threads, comments closed (${testDialect})`, () => {
  let site: TestSite;
  let dir: string;
  const get = (path: string, init?: RequestInit) => fetch(`${site.url}${path}`, { redirect: 'manual', ...init });
  const json = async <T,>(path: string): Promise<T> => {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    return (await res.json()) as T;
  };
  const videoPath = urls.article('ગુજરાત', 'રથયાત્રા-વીડિયો');
  const secretPath = urls.article('ગુજરાત', 'ગુપ્ત-બેઠક');

  before(async () => {
    site = await startTestSite();
    dir = mkdtempSync(join(tmpdir(), 'khabar-wpmodel-'));
    const deps = { db: site.database.db, feed: site.feed, media: new DiskMediaStore(join(site.database.dir, 'media')) };
    await importWordPress(deps, { file: exportFile(dir) });
    await importWordPress(deps, { file: '/work/shared/fixtures/wxr/wptt/themeunittestdata.wordpress.xml' });
    for (let i = 0; i < 50 && (await fetch(`${site.url}${videoPath}`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 20));
  });
  after(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a post keeps all its categories: REST lists them, ?categories= finds it by any, both section pages list it', async () => {
    const post = await json<WpPost>('/wp-json/wp/v2/posts/301');
    assert.deepEqual(post.categories, [2, 4]);
    const bySecond = await json<{ id: number }[]>('/wp-json/wp/v2/posts?categories=4&per_page=100');
    assert.ok(bySecond.some((p) => p.id === 301), 'found by its second category');
    const notFirst = await json<{ id: number }[]>('/wp-json/wp/v2/posts?categories_exclude=4&per_page=100');
    assert.ok(!notFirst.some((p) => p.id === 301));
    const sports = await (await get(urls.section('રમતગમત'))).text();
    assert.match(sports, /રથયાત્રાનો વીડિયો/);
    const page = await (await get(videoPath)).text();
    // The URL and breadcrumb stay the primary section's; the page says where else it is listed.
    assert.match(page, /class="also-in"[^]*રમતગમત/);
    const count = (await json<{ count: number }>('/wp-json/wp/v2/categories/4')).count;
    assert.equal(count, 2, 'the closed-comments story and the video story');
  });

  test('post formats come from the post_format taxonomy; a video story leads with its player', async () => {
    assert.equal((await json<WpPost>('/wp-json/wp/v2/posts/301')).format, 'video');
    assert.equal((await json<WpPost>('/wp-json/wp/v2/posts/303')).format, 'gallery');
    assert.equal((await json<WpPost>('/wp-json/wp/v2/posts/304')).format, 'audio');
    const page = await (await get(videoPath)).text();
    const lead = page.indexOf('class="lead-embed"');
    const body = page.indexOf('class="body"');
    assert.ok(lead > 0 && lead < body, 'the player comes before the body');
    assert.match(page.slice(lead, body), /youtube/);
    assert.doesNotMatch(page.slice(body), /youtube-nocookie\.com\/embed\/dQw4w9WgXcQ/, 'not shown twice');
    // WordPress's theme unit test data: each format it has arrives as that format.
    const formats = await site.database.db.selectFrom('articles').select(['format']).where('format', '!=', 'standard').execute();
    const n = (f: string) => formats.filter((r) => r.format === f).length;
    assert.ok(n('video') >= 3 && n('gallery') >= 2 && n('audio') >= 2, JSON.stringify(formats));
  });

  test('a protected story hides its text behind a password form until the right password is typed', async () => {
    const locked = await get(secretPath);
    assert.equal(locked.status, 200);
    const html = await locked.text();
    assert.match(html, /આ સમાચાર પાસવર્ડથી સુરક્ષિત છે/);
    assert.doesNotMatch(html, /અણધારી/);
    assert.doesNotMatch(html, /ખાનગી સાર/);
    const articleId = /name="article" value="(\d+)"/.exec(html)?.[1];
    assert.ok(articleId);
    const post = (password: string) =>
      get('/story-password', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ article: articleId, password }).toString() });
    const wrong = await post('ગુપ્ત');
    assert.equal(wrong.status, 403);
    assert.match(await wrong.text(), /પાસવર્ડ ખોટો છે/);
    assert.equal(wrong.headers.get('set-cookie'), null);
    const right = await post('ગુપ્ત૧૨૩');
    assert.equal(right.status, 303);
    assert.equal(right.headers.get('location'), secretPath);
    const cookie = (right.headers.get('set-cookie') ?? '').split(';')[0]!;
    assert.match(cookie, /^khabar-postpass=/);
    const open = await get(secretPath, { headers: { cookie } });
    assert.equal(open.headers.get('cache-control'), 'private, no-store');
    const openHtml = await open.text();
    assert.match(openHtml, /અણધારી/);
    assert.match(openHtml, /ખાનગી સાર/);
    // Everyone else still gets the form (the cached page never holds the text).
    assert.doesNotMatch(await (await get(secretPath)).text(), /અણધારી/);
    // A forged cookie opens nothing.
    assert.doesNotMatch(await (await get(secretPath, { headers: { cookie: 'khabar-postpass=abc' } })).text(), /અણધારી/);
    // A comment needs the story opened, as in WordPress, even when the post is made by hand.
    const comment = (headers: Record<string, string>) =>
      get('/comments', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers }, body: new URLSearchParams({ article: articleId, name: 'વાચક', text: 'ખુલ્લી બેઠક કેમ નહીં?' }).toString() });
    const refused = await comment({ cookie: 'khabar-postpass=abc' });
    assert.equal(refused.status, 422);
    const problems = ((await refused.json()) as { problems: { code: string; message: string }[] }).problems;
    assert.deepEqual(problems.map((p) => p.code), ['storyLocked']);
    assert.match(problems[0]!.message, /પાસવર્ડ લખીને સમાચાર ખોલો/);
    assert.equal((await comment({ cookie })).status, 201);

    const rest = await json<WpPost>('/wp-json/wp/v2/posts/302');
    assert.equal(rest.content.protected, true);
    assert.equal(rest.content.rendered, '');
    assert.equal(rest.excerpt.rendered, '');
    assert.match((await json<WpPost>(`/wp-json/wp/v2/posts/302?password=${encodeURIComponent('ગુપ્ત૧૨૩')}`)).content.rendered, /અણધારી/);
    assert.equal((await get(`/wp-json/wp/v2/posts/302?password=x`)).status, 403);

    const rss = await (await get(urls.sectionRss('ગુજરાત'))).text();
    assert.match(rss, /ગુપ્ત બેઠકની વિગતો/);
    assert.doesNotMatch(rss, /અણધારી|ખાનગી સાર/);
    const search = await (await get(`/search?q=${encodeURIComponent('અણધારી')}`)).text();
    assert.doesNotMatch(search, /ગુપ્ત બેઠકની વિગતો/, 'its words do not find it');
  });

  test('threads nest to depth 5, keep their links as nofollow ugc, and deeper replies stay at depth 5', async () => {
    const html = await (await get(videoPath)).text();
    for (const c of thread) assert.match(html, new RegExp(c.author), c.author);
    assert.match(html, /<a href="https:\/\/example.com\/ahewal" rel="nofollow ugc">અહેવાલ અહીં<\/a>/);
    assert.doesNotMatch(html, /javascript:/);
    assert.match(html, /<strong>જરૂર<\/strong>/);
    assert.equal((html.match(/class="depth-5"/g) ?? []).length, 2, 'the fifth and the over-deep sixth');
    const ids = await site.database.db.selectFrom('wp_ids').select(['wp_id', 'local_id']).where('kind', '=', 'comment').where('wp_id', 'in', [54, 55]).execute();
    const local = (wp: number) => ids.find((r) => r.wp_id === wp)!.local_id;
    // A reader may answer the fourth level (a reply page, no JavaScript needed), not the fifth.
    assert.equal((await get(`/comments/${local(54)}/reply`)).status, 200);
    assert.equal((await get(`/comments/${local(55)}/reply`)).status, 404);
    const articleId = /name="article" value="(\d+)"/.exec(html)?.[1] ?? '';
    const reply = (parent: number) =>
      get('/comments', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ article: articleId, parent: String(parent), name: 'નવા વાચક', text: `જવાબ ${parent}` }).toString() });
    assert.equal((await reply(local(54))).status, 201);
    const deep = await reply(local(55));
    assert.equal(deep.status, 422);
    assert.match(await deep.text(), /5 સ્તરથી ઊંડી/);
  });

  test('comments closed on a story: the page says so and a post is refused in words', async () => {
    const page = await (await get(urls.article('રમતગમત', 'પ્રતિભાવ-બંધ'))).text();
    assert.match(page, /આ સમાચાર પર પ્રતિભાવ બંધ છે/);
    assert.doesNotMatch(page, /class="comment-form"/);
    assert.equal((await json<WpPost>('/wp-json/wp/v2/posts/303')).comment_status, 'closed');
    assert.equal((await json<WpPost>('/wp-json/wp/v2/posts/301')).comment_status, 'open');
    const id = (await site.database.db.selectFrom('wp_ids').select('local_id').where('kind', '=', 'article').where('wp_id', '=', 303).executeTakeFirstOrThrow()).local_id;
    const res = await get('/comments', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: new URLSearchParams({ article: String(id), name: 'વાચક', text: 'મારો મત' }).toString() });
    assert.equal(res.status, 422);
    const body = (await res.json()) as { problems: { code: string; message: string }[] };
    assert.deepEqual(body.problems.map((p) => p.code), ['closedHere']);
    assert.match(body.problems[0]!.message, /પ્રતિભાવ બંધ/);
    // WordPress's own data: its closed posts arrive closed.
    const closed = await site.database.db.selectFrom('articles').select('id').where('comments_open', '=', 0).execute();
    assert.ok(closed.length >= 5, `${closed.length} closed`);
  });

  test('auto excerpts: the first 55 Gujarati words of the body, for REST and RSS', async () => {
    const post = await json<WpPost>('/wp-json/wp/v2/posts/301');
    const text = post.excerpt.rendered.replace(/^<p>|<\/p>\n$/g, '');
    assert.ok(text.endsWith(' [&hellip;]'), text);
    const words = text.replace(' [&hellip;]', '').split(' ');
    // Opening paragraph (2 words), 30 ક્ષેત્ર, the danda (not counted), the ZWJ word, 22 more.
    assert.equal(words.filter((w) => /[\p{L}\p{M}\p{N}]/u.test(w)).length, 55);
    assert.ok(words.includes('ર‍્યાલી'), 'the ZWJ word is whole');
    assert.ok(!text.includes('youtube'), 'the embed is no part of it');
    const rss = await (await get(urls.sectionRss('રમતગમત'))).text();
    assert.match(rss, /<description><!\[CDATA\[શરૂઆતનો ફકરો\. ક્ષેત્ર1/);
  });

  test('the editor sets other sections, a format, a password and closes comments (a command)', async () => {
    const db = site.database.db;
    const row = await db.selectFrom('articles').select(['id', 'version', 'section_id']).where('slug', '=', 'લોકગીત').executeTakeFirstOrThrow();
    const sports = await db.selectFrom('sections').select('id').where('slug', '=', 'રમતગમત').executeTakeFirstOrThrow();
    const admin = await db
      .insertInto('people')
      .values({ slug: 'sampadak', name: 'સંપાદક', bio: '', title: '', email: 'sampadak@example.com', created_at: new Date().toISOString(), role: 'editor', password_hash: null, locked_until: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const actor = { id: admin.id, role: 'editor' as const };
    await saveArticle({ db, feed: site.feed }, { actor, articleId: row.id, baseVersion: row.version, edit: { secondarySectionIds: [sports.id, row.section_id!], format: 'video', password: 'નવો‌પાસ', commentsOpen: false } });
    // A live story's edit waits for "Update": the published row is unchanged until then.
    assert.equal((await publishedArticleBySlug(db, 'લોકગીત'))?.isProtected, false);
    const { publishChanges } = await import('../../src/newsroom/commands/publishChanges.js');
    await publishChanges({ db, feed: site.feed }, { actor, articleId: row.id });
    const a = await publishedArticleBySlug(db, 'લોકગીત');
    assert.deepEqual(a?.otherSections.map((s) => s.id), [sports.id], 'the own section is not listed twice');
    assert.equal(a?.format, 'video');
    assert.equal(a?.isProtected, true);
    assert.equal(a?.commentsOpen, false);
    const v = (await db.selectFrom('articles').select('version').where('id', '=', row.id).executeTakeFirstOrThrow()).version;
    await saveArticle({ db, feed: site.feed }, { actor, articleId: row.id, baseVersion: v, edit: { password: '', secondarySectionIds: [] } });
    await publishChanges({ db, feed: site.feed }, { actor, articleId: row.id });
    const b = await publishedArticleBySlug(db, 'લોકગીત');
    assert.equal(b?.isProtected, false);
    assert.deepEqual(b?.otherSections, []);
  });

  test('a nested thread and the password form read well on a phone and a desktop (Chromium)', async (t) => {
    const missing = browserMissing();
    if (missing) return t.skip(missing);
    const browser = await launchBrowser();
    try {
      for (const viewport of [phone, desktop]) {
        for (const [name, path] of [['wp-nested-thread', `${videoPath}#comments`], ['wp-password-form', secretPath]] as const) {
          const watched = await openPage(browser, viewport);
          const res = await watched.page.goto(`${site.url}${path}`);
          assert.equal(res?.status(), 200);
          if (name === 'wp-nested-thread') await watched.page.locator('#comments').scrollIntoViewIfNeeded();
          await checkPage(watched, name);
          if (name === 'wp-password-form') {
            await watched.page.fill('input[name=password]', 'ગુપ્ત૧૨૩');
            await Promise.all([watched.page.waitForNavigation(), watched.page.click('.protected-form button')]);
            assert.match((await watched.page.textContent('.body')) ?? '', /અણધારી/);
          }
          await watched.context.close();
        }
      }
    } finally {
      await browser.close();
    }
  });
});

describe('auto excerpt and comment markup (pure)', () => {
  test('55 words, Gujarati words whole, lone punctuation not counted, figures left out', () => {
    const words = Array.from({ length: 60 }, (_, i) => `શબ્દ${i}`);
    const html = `<p>${words.slice(0, 10).join(' ')} — ${words.slice(10).join(' ')}</p><figure class="image"><img src="/media/a.jpg" alt=""><figcaption>કૅપ્શન</figcaption></figure>`;
    const out = autoExcerpt(html);
    assert.equal(out, `${words.slice(0, 10).join(' ')} — ${words.slice(10, 55).join(' ')} [&hellip;]`);
    assert.equal(autoExcerpt('<p>ટૂંકો લેખ.</p><figure class="image"><figcaption>કૅપ્શન</figcaption></figure>'), 'ટૂંકો લેખ.');
  });

  test('comment markup: http(s) links only, always nofollow ugc; scripts and handlers gone', () => {
    assert.equal(sanitizeComment('<a href="https://x.example/ગ" target="_blank" onclick="x()">કડી</a>'), '<a href="https://x.example/ગ" rel="nofollow ugc">કડી</a>');
    assert.equal(sanitizeComment('<a href="javascript:alert(1)">ખરાબ</a><script>x</script><img src=x onerror=y>'), '<a rel="nofollow ugc">ખરાબ</a>');
  });
});
