import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WPAPI from 'wpapi';
import { importWordPress } from '../../src/importers/wordpress/import.js';
import { urls } from '../../src/content/urls.js';
import { clampSlug, slugByteBudget } from '../../src/gujarati/slugify.js';
import { startTestSite, freePort, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { site as wpSite, writeGujaratiExport } from '../importers/gujaratiWxr.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { createDraft } from '../../src/newsroom/commands/createDraft.js';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { browserMissing, checkPage, desktop, launchBrowser, openPage, phone } from '../helpers/browser.js';

const enc = (s: string) => encodeURIComponent(s).toLowerCase();
const rainSlug = 'અમદાવાદમાં-ભારે-વરસાદ';
const rainPath = urls.article('અમદાવાદ', rainSlug);
const cdata = (s: string) => `<![CDATA[${s}]]>`;

/** A 120-character Gujarati slug with conjuncts (ક્ષ, દ્ર), a ZWJ and Gujarati digits: over 1,000 bytes percent-encoded. */
const longSlug = [...'ક્ષેત્રીય-દ્રષ્ટિએ-ગાંધીનગરમાં-મુખ્યમંત્રીની-અધ્યક્ષતામાં-યોજાયેલી-બેઠકમાં-ખેડૂતો-માટે-નવી-યોજનાની-જાહેરાત-ર‍્-૨૦૨૪-કરવામાં-આવી-રાજ્યના-દરેક-જિલ્લામાં'].slice(0, 120).join('');
/** 70 words, so WordPress's excerpt takes 55 and adds […]. */
const longBody = Array.from({ length: 70 }, (_, i) => `શબ્દ${i + 1}`).join(' ');

/** A second export of the same site: one story with a very long slug and no excerpt. */
function longSlugExport(dir: string): string {
  const file = join(dir, 'long.xml');
  writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>સમાચાર</title><link>${wpSite}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${wpSite}</wp:base_site_url>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('reporter1')}</wp:author_login><wp:author_display_name>${cdata('કિરણ પટેલ')}</wp:author_display_name></wp:author>
  <item>
    <title>${cdata('ખેડૂતો માટે નવી યોજના')}</title>
    <link>${wpSite}/2024/07/20/${enc(longSlug)}/</link>
    <pubDate>Sat, 20 Jul 2024 05:00:00 +0000</pubDate>
    <dc:creator>${cdata('reporter1')}</dc:creator>
    <guid isPermaLink="false">${wpSite}/?p=150</guid>
    <content:encoded>${cdata(longBody)}</content:encoded>
    <excerpt:encoded>${cdata('')}</excerpt:encoded>
    <wp:post_id>150</wp:post_id>
    <wp:post_date>2024-07-20 10:30:00</wp:post_date>
    <wp:post_date_gmt>2024-07-20 05:00:00</wp:post_date_gmt>
    <wp:post_name>${cdata(enc(longSlug))}</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
    <category domain="category" nicename="${enc('ગુજરાત')}">${cdata('ગુજરાત')}</category>
  </item>
</channel>
</rss>
`,
  );
  return file;
}

interface WpPost {
  id: number;
  guid: { rendered: string };
  link: string;
  slug: string;
  sticky: boolean;
  date: string;
  date_gmt: string;
  modified_gmt: string;
  content: { rendered: string };
  excerpt: { rendered: string };
  categories: number[];
  tags: number[];
  author: number;
  featured_media: number;
  _embedded?: Record<string, unknown>;
}

describe(`WordPress migration: ids, REST behaviour, old URLs, feeds (${testDialect})`, () => {
  let site: TestSite;
  let dir: string;
  let storedLongSlug = '';

  const get = (path: string, init?: RequestInit) => fetch(`${site.url}${path}`, { redirect: 'manual', ...init });
  const json = async <T = unknown>(path: string, init?: RequestInit): Promise<T> => {
    const res = await get(path, init);
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    return (await res.json()) as T;
  };

  before(async () => {
    site = await startTestSite();
    dir = mkdtempSync(join(tmpdir(), 'khabar-wpmigration-'));
    const { file, uploads } = await writeGujaratiExport(dir, { extraPosts: 3 });
    const deps = { db: site.database.db, feed: site.feed, media: new DiskMediaStore(join(site.database.dir, 'media')) };
    await importWordPress(deps, { file, uploadsDir: uploads });
    await importWordPress(deps, { file: longSlugExport(dir) });
    // Two stories a page, so the imported sections and authors have a second page.
    await site.changeSettings({ pageSize: 2 });
    const row = await site.database.db.selectFrom('articles').select('slug').where('headline', '=', 'ખેડૂતો માટે નવી યોજના').executeTakeFirstOrThrow();
    storedLongSlug = row.slug;
    for (let i = 0; i < 50 && (await fetch(`${site.url}${urls.section('અમદાવાદ')}`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 20));
  });
  after(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('WordPress ids answer with the object WordPress had; objects made here never take one', async () => {
    const rain = await json<WpPost>('/wp-json/wp/v2/posts/101');
    assert.equal(rain.slug, rainSlug);
    assert.deepEqual(rain.categories, [3]);
    assert.deepEqual([...rain.tags].sort((a, b) => a - b), [10, 11]);
    assert.equal(rain.author, 1);
    assert.equal(rain.featured_media, 201);
    assert.equal((await json<{ slug: string; parent: number }>('/wp-json/wp/v2/categories/3')).parent, 2);
    assert.equal((await json<{ slug: string }>('/wp-json/wp/v2/categories/5')).slug, 'cricket');
    assert.equal((await json<{ name: string }>('/wp-json/wp/v2/tags/11')).name, 'ચોમાસું');
    assert.equal((await json<{ name: string }>('/wp-json/wp/v2/users/2')).name, 'નીતા શાહ');
    assert.equal((await json<{ alt_text: string }>('/wp-json/wp/v2/media/201')).alt_text, 'વરસાદનો ફોટો');
    const comments = await json<{ id: number; parent: number; post: number; author_name: string }[]>('/wp-json/wp/v2/comments?post=101');
    assert.deepEqual(comments.map((c) => [c.id, c.parent, c.post]).sort(), [[1, 0, 101], [2, 1, 101]]);
    assert.equal((await json<{ author_name: string }>('/wp-json/wp/v2/comments/2')).author_name, 'સુરેશ');
    // Spam and held comments are not there, and nor is a draft.
    assert.equal((await get('/wp-json/wp/v2/comments/3')).status, 404);
    assert.equal((await get('/wp-json/wp/v2/posts/103')).status, 404);

    // The demo's stories were made here: numbered above every imported id (1003 with three extra posts), none collides.
    const all: WpPost[] = [];
    for (let page = 1; ; page++) {
      const res = await get(`/wp-json/wp/v2/posts?per_page=100&page=${page}`);
      all.push(...((await res.json()) as WpPost[]));
      if (page >= Number(res.headers.get('x-wp-totalpages'))) break;
    }
    const ids = all.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, 'every id names one story');
    const native = all.filter((p) => !p.guid.rendered.startsWith(wpSite));
    assert.ok(native.length > 0);
    for (const p of native) assert.ok(p.id > 1003, `${p.slug}: ${p.id}`);
    const one = native[0]!;
    assert.equal((await json<WpPost>(`/wp-json/wp/v2/posts/${one.id}`)).slug, one.slug);
    // guid and ?p= agree, for imported and native stories alike.
    assert.equal(one.guid.rendered, `${site.url}/?p=${one.id}`);
    const byP = await get(`/?p=${one.id}`);
    assert.equal(byP.status, 301);
    assert.equal(`${site.url}${byP.headers.get('location')}`, one.link);
    assert.equal(rain.guid.rendered, `${wpSite}/?p=101`);
    assert.equal((await get('/?p=101')).headers.get('location'), rainPath);
  });

  test('a story written after the import gets an id above every WordPress id, and ?p= and its GUID agree', async () => {
    const db = site.database.db;
    const admin = await db
      .insertInto('people')
      .values({ slug: 'sampadak', name: 'સંપાદક', bio: '', title: '', email: 'sampadak@example.com', created_at: new Date().toISOString(), role: 'admin', password_hash: null, locked_until: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const section = await db.selectFrom('sections').select('id').where('slug', '=', 'ગુજરાત').executeTakeFirstOrThrow();
    const actor = { id: admin.id, role: 'admin' as const };
    const deps = { db, feed: site.feed };
    const { id: local } = await createDraft(deps, { actor, edit: { headline: 'નર્મદા ડેમ છલકાયો, ૨૩ દરવાજા ખોલાયા', sectionId: section.id, bodyHtml: '<p>ઉપરવાસમાં ભારે વરસાદ.</p>' } });
    await publishArticle(deps, { actor, articleId: local });
    const [post] = await json<WpPost[]>(`/wp-json/wp/v2/posts?search=${encodeURIComponent('નર્મદા ડેમ છલકાયો')}`);
    assert.ok(post);
    // 1003 is the highest WordPress post or attachment id imported (three extra posts, 1001–1003).
    assert.equal(post.id, local + 1003);
    assert.equal(post.guid.rendered, `${site.url}/?p=${post.id}`);
    const res = await get(`/?p=${post.id}`);
    assert.equal(`${site.url}${res.headers.get('location')}`, post.link);
    // Its local id, a WordPress id of another story, still names that other story.
    if (local === 101 || local === 102) assert.notEqual((await json<WpPost>(`/wp-json/wp/v2/posts/${local}`)).id, post.id);
  });

  test('discovery: Link header on pages, the index, /wp/v2, WPAPI.discover()', async () => {
    const head = await fetch(`${site.url}/`, { method: 'HEAD' });
    assert.equal(head.headers.get('link'), `<${site.url}/wp-json/>; rel="https://api.w.org/"`);
    const story = await fetch(`${site.url}${rainPath}`);
    assert.match(story.headers.get('link') ?? '', /rel="https:\/\/api\.w\.org\/"/);
    const index = await json<{ namespaces: string[]; routes: Record<string, unknown>; timezone_string: string; gmt_offset: number }>('/wp-json/');
    assert.deepEqual(index.namespaces, ['wp/v2']);
    assert.equal(index.timezone_string, 'Asia/Kolkata');
    assert.equal(index.gmt_offset, 5.5);
    for (const r of ['/wp/v2/posts', '/wp/v2/posts/(?P<id>[\\d]+)', '/wp/v2/comments', '/wp/v2/search', '/wp/v2/types']) assert.ok(r in index.routes, r);
    const ns = await json<{ namespace: string; routes: Record<string, unknown> }>('/wp-json/wp/v2');
    assert.equal(ns.namespace, 'wp/v2');

    const wp = await WPAPI.discover(site.url);
    const post = (await wp.posts().id(101).get()) as unknown as WpPost;
    assert.equal(post.slug, rainSlug);
    const page = await wp.posts().perPage(2).get();
    assert.equal(page.length, 2);
  });

  test('types, taxonomies, statuses, search', async () => {
    const types = await json<Record<string, { rest_base: string }>>('/wp-json/wp/v2/types');
    assert.equal(types.post?.rest_base, 'posts');
    assert.equal(types.attachment?.rest_base, 'media');
    assert.equal((await get('/wp-json/wp/v2/types/ગીત')).status, 404);
    const taxonomies = await json<Record<string, { rest_base: string; hierarchical: boolean }>>('/wp-json/wp/v2/taxonomies');
    assert.equal(taxonomies.category?.hierarchical, true);
    assert.equal(taxonomies.post_tag?.rest_base, 'tags');
    const statuses = await json<Record<string, unknown>>('/wp-json/wp/v2/statuses');
    assert.deepEqual(Object.keys(statuses), ['publish']);
    const found = await json<{ id: number; type: string; subtype: string; url: string }[]>(`/wp-json/wp/v2/search?search=${encodeURIComponent('સાબરમતી નદી કિનારે')}`);
    assert.deepEqual(found.map((r) => [r.id, r.type, r.subtype]), [[101, 'post', 'post']]);
    const terms = await json<{ id: number; subtype: string }[]>(`/wp-json/wp/v2/search?type=term&search=${encodeURIComponent('અમદા')}`);
    assert.ok(terms.some((r) => r.id === 3 && r.subtype === 'category'));
    assert.ok(terms.every((r) => r.subtype === 'category' || r.subtype === 'post_tag'));
    assert.equal((await get('/wp-json/wp/v2/search?type=ગીત')).status, 400);
  });

  test('CORS as WordPress sends it, and the preflight', async () => {
    const origin = 'http://app.example:3000';
    const res = await get('/wp-json/wp/v2/posts?per_page=1', { headers: { origin } });
    assert.equal(res.headers.get('access-control-allow-origin'), origin);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /X-WP-Total/);
    const pre = await get('/wp-json/wp/v2/posts', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'content-type' } });
    assert.equal(pre.status, 200);
    assert.equal(pre.headers.get('access-control-allow-origin'), origin);
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Content-Type/);
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /GET/);
  });

  test('_fields, _embed (author, image, terms, replies), _envelope, context=embed', async () => {
    const [slim] = await json<Record<string, unknown>[]>(`/wp-json/wp/v2/posts?slug=${enc(rainSlug)}&_fields=id,title.rendered,link`);
    assert.deepEqual(Object.keys(slim ?? {}).sort(), ['id', 'link', 'title']);
    assert.deepEqual(slim?.title, { rendered: 'અમદાવાદમાં ભારે વરસાદ, રસ્તાઓ પર પાણી ભરાયાં' });

    const embedded = (await json<WpPost>('/wp-json/wp/v2/posts/101?_embed'))._embedded ?? {};
    assert.equal((embedded.author as { id: number; name: string }[])[0]?.name, 'કિરણ પટેલ');
    assert.equal((embedded['wp:featuredmedia'] as { id: number }[])[0]?.id, 201);
    const [cats, tags] = embedded['wp:term'] as { id: number }[][];
    assert.deepEqual(cats?.map((c) => c.id), [3]);
    assert.ok(tags?.some((t) => t.id === 10));
    const replies = (embedded.replies as { id: number; author_name: string }[][])[0] ?? [];
    assert.deepEqual(replies.map((r) => r.id).sort(), [1, 2]);
    // Embedded objects are in the embed context: no e-mail, no edit fields.
    assert.ok(!('email' in ((embedded.author as object[])[0] ?? {})));

    const env = await json<{ status: number; headers: Record<string, string>; body: unknown[] }>('/wp-json/wp/v2/posts?per_page=2&_envelope');
    assert.equal(env.status, 200);
    assert.equal(env.body.length, 2);
    assert.ok(Number(env.headers['X-WP-Total']) > 2);
    const missing = await json<{ status: number; body: { code: string } }>('/wp-json/wp/v2/posts/999999?_envelope');
    assert.deepEqual([missing.status, missing.body.code], [404, 'rest_post_invalid_id']);

    const small = await json<Record<string, unknown>>('/wp-json/wp/v2/posts/101?context=embed');
    assert.ok(!('content' in small) && !('modified' in small) && 'excerpt' in small);
  });

  test('orderby/order defaults, after/before in site time, sticky, refusals of status and context', async () => {
    const modified = await json<WpPost[]>('/wp-json/wp/v2/posts?orderby=modified&per_page=20');
    const stamps = modified.map((p) => p.modified_gmt);
    assert.deepEqual(stamps, [...stamps].sort().reverse(), 'newest change first, as WordPress');

    // The rain story was published at 10:00 IST (04:30 UTC): a zoneless time is the site's.
    const ids = async (qs: string) => (await json<WpPost[]>(`/wp-json/wp/v2/posts?${qs}&per_page=100`)).map((p) => p.id);
    assert.ok((await ids('after=2024-07-01T09:59:00&before=2024-07-01T10:01:00')).includes(101));
    assert.ok(!(await ids('after=2024-07-01T10:01:00&before=2024-07-02T00:00:00')).includes(101));
    assert.ok((await ids('after=2024-07-01T04:29:00Z&before=2024-07-01T04:31:00%2B00:00')).includes(101));
    for (const bad of ['2024-07-01', 'kal', '2024-13-01T00:00:00']) {
      const res = await get(`/wp-json/wp/v2/posts?after=${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal(((await res.json()) as { code: string }).code, 'rest_invalid_param');
    }

    const pinned = await site.database.db.selectFrom('articles').select('id').where('slug', '=', 'ભારતે-શ્રેણી-જીતી').executeTakeFirstOrThrow();
    await site.database.db.insertInto('home_pins').values({ article_id: pinned.id, position: 0 }).execute();
    assert.deepEqual(await ids('sticky=true'), [102]);
    assert.ok(!(await ids('sticky=false')).includes(102));
    assert.equal((await json<WpPost>('/wp-json/wp/v2/posts/102')).sticky, true);
    assert.equal((await json<WpPost>('/wp-json/wp/v2/posts/101')).sticky, false);

    const refused = async (qs: string, status: number, code: string) => {
      const res = await get(`/wp-json/wp/v2/posts?${qs}`);
      assert.equal(res.status, status, qs);
      assert.equal(((await res.json()) as { code: string }).code, code, qs);
    };
    await refused('status=draft', 401, 'rest_forbidden_status');
    await refused('status=publish,future', 401, 'rest_forbidden_status');
    await refused('context=edit', 401, 'rest_forbidden_context');
    await refused('status=ઝાંખું', 400, 'rest_invalid_param');
    assert.equal((await get('/wp-json/wp/v2/posts?status=publish')).status, 200);
    const gu = await get('/wp-json/wp/v2/posts?status=draft', { headers: { 'accept-language': 'gu' } });
    assert.match(((await gu.json()) as { message: string }).message, /પરવાનગી/);
  });

  test('content with absolute images and srcset, WordPress size names, automatic excerpts', async () => {
    const rain = await json<WpPost>('/wp-json/wp/v2/posts/101');
    const img = /<img[^>]*>/.exec(rain.content.rendered)?.[0] ?? '';
    assert.match(img, new RegExp(`src="${site.url}/media/wp/2024/07/rain`));
    assert.match(img, /srcset="[^"]*-400\.jpg 400w, [^"]*-800\.jpg 800w, [^"]*-1200\.jpg 1200w"/);
    assert.ok(!/(?:src|href)="\/(?!\/)/.test(rain.content.rendered), 'no relative URLs');
    const srcset = /srcset="([^"]+)"/.exec(img)?.[1] ?? '';
    const first = srcset.split(', ')[0]?.split(' ')[0] ?? '';
    assert.equal((await fetch(first)).status, 200, first);

    const media = await json<{ media_details: { sizes: Record<string, { width: number; source_url: string }> } }>('/wp-json/wp/v2/media/201');
    // 1000 px wide: no `large` (1200), as WordPress makes no size wider than the original.
    assert.deepEqual(Object.keys(media.media_details.sizes).sort(), ['full', 'medium', 'medium_large', 'thumbnail']);
    assert.equal(media.media_details.sizes.full?.width, 1000);
    assert.equal(media.media_details.sizes.medium_large?.width, 800);
    assert.equal((await fetch(media.media_details.sizes.thumbnail?.source_url ?? '')).status, 200);

    const long = await json<WpPost>('/wp-json/wp/v2/posts/150');
    assert.equal(long.excerpt.rendered, `<p>${Array.from({ length: 55 }, (_, i) => `શબ્દ${i + 1}`).join(' ')} [&hellip;]</p>\n`);
    const cricket = await json<WpPost>('/wp-json/wp/v2/posts/102');
    assert.match(cricket.excerpt.rendered, /^<p>.*અંતિમ મેચમાં ભારતનો વિજય\..*<\/p>\n$/s);
    assert.ok(!cricket.excerpt.rendered.includes('[&hellip;]'));
  });

  test('a 120-character Gujarati slug: clamped at import, the old URL redirects once, nothing loops', async () => {
    assert.equal([...longSlug].length, 120);
    assert.ok(encodeURIComponent(longSlug).length > 900, String(encodeURIComponent(longSlug).length));
    assert.equal(storedLongSlug, clampSlug(longSlug));
    assert.ok(encodeURIComponent(storedLongSlug).length <= slugByteBudget);
    // Cut at a grapheme boundary: the slug is the first graphemes of the original, whole.
    const graphemes = [...new Intl.Segmenter('gu', { granularity: 'grapheme' }).segment(longSlug)].map((g) => g.segment);
    const kept = [...new Intl.Segmenter('gu', { granularity: 'grapheme' }).segment(storedLongSlug)].map((g) => g.segment);
    assert.deepEqual(graphemes.slice(0, kept.length), kept);
    assert.ok(!storedLongSlug.endsWith('-') && !storedLongSlug.endsWith('\u0ACD'));
    const canonical = urls.article('ગુજરાત', storedLongSlug);
    assert.equal((await get(canonical)).status, 200);
    for (const old of [`/2024/07/20/${enc(longSlug)}/`, `/2024/07/20/${encodeURIComponent(longSlug)}`, `/${enc(longSlug)}/`]) {
      const res = await get(`${old}?utm_source=whatsapp`);
      assert.equal(res.status, 301, old);
      assert.equal(res.headers.get('location'), `${canonical}?utm_source=whatsapp`);
      assert.equal((await get(res.headers.get('location') ?? '')).status, 200);
    }
    // The story's own URL in any spelling answers directly, and an unknown long slug is a 404, not a 414 or a loop.
    assert.equal((await get(canonical.toLowerCase())).status, 200);
    assert.equal((await get(`/ગુજરાત/${encodeURIComponent(longSlug)}x`)).status, 404);
  });

  test('old URLs: one 301 to a page that answers 200, query strings kept; unknown ids are 404', async () => {
    const cases: [string, string][] = [
      ['/?p=101&utm_source=telegram', `${rainPath}?utm_source=telegram`],
      ['/index.php?p=101', rainPath],
      ['/page/2/', '/'],
      ['/?paged=2', '/'],
      [`/category/${enc('ગુજરાત')}/page/2/`, urls.section('ગુજરાત', 2)],
      [`/category/${enc('ગુજરાત')}/?paged=2`, urls.section('ગુજરાત', 2)],
      ['/author/reporter1/page/2/?utm_medium=x', `${urls.author('reporter1', 2)}&utm_medium=x`],
      [`/?s=${encodeURIComponent('વરસાદ')}`, `/search?q=${encodeURIComponent('વરસાદ')}`],
      [`/search/${enc('વરસાદ')}/`, `/search?q=${encodeURIComponent('વરસાદ')}`],
      ['/feed', urls.rss()],
      ['/feed/atom/', urls.atom()],
      ['/feed/rdf/', urls.rss()],
      ['/?feed=atom', urls.atom()],
      ['/?feed=rss2', urls.rss()],
      ['/comments/feed/', urls.rss()],
      [`/2024/07/01/${enc(rainSlug)}/feed/`, rainPath],
      [`/tag/${enc('વરસાદ')}/feed/`, urls.tagRss('વરસાદ')],
      ['/author/reporter1/feed/', urls.authorRss('reporter1')],
      [`/category/${enc('ગુજરાત')}/feed/atom/`, urls.sectionAtom('ગુજરાત')],
      ['/wp-sitemap.xml', urls.sitemapIndex()],
      [`/2024/07/01/${enc(rainSlug)}/embed/`, rainPath],
      [`/2024/07/01/${enc(rainSlug)}/2/`, rainPath],
      ['/wp-content/uploads/2024/07/rain.jpg', urls.media('wp/2024/07/rain.jpg')],
      ['/wp-content/uploads/2024/07/rain-300x225.jpg', urls.media('wp/2024/07/rain-400.jpg')],
      ['/wp-content/uploads/2024/07/rain-1024x768.jpg', urls.media('wp/2024/07/rain-1200.jpg')],
      ['/wp-content/uploads/2024/07/match-150x150.png', urls.media('wp/2024/07/match-400.jpg')],
      ['/?attachment_id=201', urls.media('wp/2024/07/rain.jpg')],
    ];
    for (const [from, to] of cases) {
      const res = await get(from);
      assert.equal(res.status, 301, from);
      assert.equal(res.headers.get('location'), to, from);
      const landed = await get(to);
      assert.equal(landed.status, 200, `${from} → ${to}`);
    }
    // Drafts (103), scheduled (105), unknown ids and missing uploads are 404, not the home page.
    for (const from of ['/?p=103', '/?p=105', '/?p=999999', '/?p=abc', '/?attachment_id=203', '/wp-content/uploads/2024/07/missing.jpg', '/tag/nothing/feed/']) {
      assert.equal((await get(from)).status, 404, from);
    }
  });

  test('RSS: WordPress GUIDs kept, content:encoded, dc:creator, categories, excerpt', async () => {
    const rss = await (await fetch(`${site.url}${urls.sectionRss('ગુજરાત')}`)).text();
    const items = [...rss.split('<item>').slice(1), ...(await (await fetch(`${site.url}${urls.rss()}`)).text()).split('<item>').slice(1)];
    const rain = items.find((i) => i.includes(`${wpSite}/?p=101<`));
    assert.ok(rain, 'the rain story is in the feed');
    assert.match(rain, new RegExp(`<guid isPermaLink="false">${wpSite}/\\?p=101</guid>`));
    assert.match(rain, /<content:encoded><!\[CDATA\[[\s\S]*શહેરમાં સવારથી વરસાદ[\s\S]*\]\]><\/content:encoded>/);
    assert.match(rain, /<dc:creator><!\[CDATA\[કિરણ પટેલ\]\]><\/dc:creator>/);
    assert.match(rain, /<category>(?:<!\[CDATA\[)?અમદાવાદ/);
    assert.match(rain, /<category>(?:<!\[CDATA\[)?વરસાદ/);
    assert.match(rain, /<description><!\[CDATA\[શહેરમાં સવારથી/);
    assert.match(rss, /xmlns:dc="http:\/\/purl\.org\/dc\/elements\/1\.1\/"/);
    const long = items.find((i) => i.includes(`${wpSite}/?p=150`));
    assert.match(long ?? '', /\[&hellip;\]/);
    // A story made here: its GUID is /?p=<its id>, which leads to it.
    const native = items.find((i) => !i.includes(wpSite));
    const guid = /<guid isPermaLink="false">([^<]+)<\/guid>/.exec(native ?? '')?.[1] ?? '';
    assert.match(guid, new RegExp(`^${site.url}/\\?p=\\d+$`));
    const link = /<link>([^<]+)<\/link>/.exec(native ?? '')?.[1] ?? '';
    assert.equal(`${site.url}${(await fetch(guid, { redirect: 'manual' })).headers.get('location')}`, link);
    // Tag and author feeds exist.
    assert.match(await (await fetch(`${site.url}${urls.tagRss('વરસાદ')}`)).text(), /<rss/);
    assert.match(await (await fetch(`${site.url}${urls.authorAtom('reporter1')}`)).text(), /<feed/);
  });

  test('a page on another origin reads /wp-json from Chromium', async (t) => {
    const missing = browserMissing();
    if (missing) return t.skip(missing);
    const port = await freePort();
    const page = `<!doctype html><html lang="gu"><title>બીજી સાઇટ</title><body><p id="out">…</p><script>
      fetch(${JSON.stringify(`${site.url}/wp-json/wp/v2/posts/101`)}, { headers: { 'content-type': 'application/json' } })
        .then((r) => r.json().then((j) => ({ total: r.headers.get('x-wp-total'), slug: j.slug })))
        .then((j) => { document.getElementById('out').textContent = JSON.stringify(j); })
        .catch((e) => { document.getElementById('out').textContent = 'failed: ' + e; });
      fetch(${JSON.stringify(`${site.url}/wp-json/wp/v2/posts?per_page=1`)}).then((r) => { document.title = 'total ' + r.headers.get('x-wp-total'); });
    </script></body></html>`;
    const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const browser = await launchBrowser();
    try {
      const tab = await browser.newPage();
      // localhost vs 127.0.0.1 and another port: a different origin.
      await tab.goto(`http://localhost:${port}/`);
      await tab.waitForFunction(() => document.getElementById('out')?.textContent !== '…' && document.title.startsWith('total'), null, { timeout: 10_000 });
      const out = JSON.parse((await tab.textContent('#out')) ?? '{}') as { slug: string };
      assert.equal(out.slug, rainSlug);
      assert.match(await tab.title(), /^total \d+$/);
    } finally {
      await browser.close();
      server.close();
    }
  });

  test('old URLs land on pages a reader can use (Chromium, phone and desktop)', async (t) => {
    const missing = browserMissing();
    if (missing) return t.skip(missing);
    const browser = await launchBrowser();
    try {
      for (const viewport of [phone, desktop]) {
        const landings: [name: string, from: string, expect: RegExp][] = [
          ['wp-long-slug-story', `/2024/07/20/${enc(longSlug)}/?utm_source=whatsapp`, /ખેડૂતો માટે નવી યોજના/],
          ['wp-search', `/?s=${encodeURIComponent('વરસાદ')}`, /વરસાદ/],
          ['wp-section-page-2', `/category/${enc('ગુજરાત')}/page/2/`, /ગુજરાત/],
        ];
        for (const [name, from, expect] of landings) {
          const watched = await openPage(browser, viewport);
          const res = await watched.page.goto(`${site.url}${from}`);
          assert.equal(res?.status(), 200, from);
          assert.match(await watched.page.textContent('body') ?? '', expect);
          await checkPage(watched, name);
          await watched.context.close();
        }
      }
    } finally {
      await browser.close();
    }
  });
});
