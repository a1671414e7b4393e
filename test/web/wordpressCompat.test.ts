import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WPAPI from 'wpapi';
import { importWordPress } from '../../src/importers/wordpress/import.js';
import { urls } from '../../src/content/urls.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { writeGujaratiExport } from '../importers/gujaratiWxr.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';

const rainSlug = 'અમદાવાદમાં-ભારે-વરસાદ';
const enc = (s: string) => encodeURIComponent(s).toLowerCase();

describe(`WordPress compatibility: REST API and old URLs (${testDialect})`, () => {
  let site: TestSite;
  let dir: string;
  let wp: WPAPI;
  const ids = { rain: 0, cricket: 0, ahmedabad: 0, gujarat: 0, rainTag: 0, reporter1: 0, image: 0 };

  before(async () => {
    site = await startTestSite();
    dir = mkdtempSync(join(tmpdir(), 'khabar-wpcompat-'));
    const { file, uploads } = await writeGujaratiExport(dir, { extraPosts: 12 });
    await importWordPress({ db: site.database.db, feed: site.feed, media: new DiskMediaStore(join(site.database.dir, 'media')) }, { file, uploadsDir: uploads });
    // The REST API answers with the ids WordPress gave them (the export's wp:post_id, wp:term_id, …).
    Object.assign(ids, { rain: 101, cricket: 102, ahmedabad: 3, gujarat: 2, rainTag: 10, reporter1: 1, image: 201 });
    // The import announces `taxonomy`; the site reloads its sections in the background.
    for (let i = 0; i < 50 && (await fetch(`${site.url}${urls.section('અમદાવાદ')}`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 20));
    wp = new WPAPI({ endpoint: `${site.url}/wp-json` });
  });
  after(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function publishedCount(): Promise<number> {
    const rows = await site.database.db
      .selectFrom('articles')
      .select('id')
      .where('status', '=', 'published')
      .where('published_at', '<=', new Date().toISOString())
      // Static pages are answered by /pages, not /posts.
      .where('kind', '=', 'story')
      .execute();
    return rows.length;
  }

  test('posts: paged with X-WP-Total / X-WP-TotalPages, read by wpapi', async () => {
    const total = await publishedCount();
    const page1 = await wp.posts().perPage(5).get();
    assert.equal(page1.length, 5);
    assert.equal(page1._paging?.total, total);
    assert.equal(page1._paging?.totalPages, Math.ceil(total / 5));
    const page2 = await page1._paging?.next?.get();
    assert.equal(page2?.length, 5);
    assert.notDeepEqual(page2?.map((p) => p.id), page1.map((p) => p.id));
    const res = await fetch(`${site.url}/wp-json/wp/v2/posts?per_page=3`);
    assert.equal(res.headers.get('x-wp-total'), String(total));
    assert.equal(res.headers.get('x-wp-totalpages'), String(Math.ceil(total / 3)));
    // Newest first by default.
    const dates = page1.map((p) => String(p.date_gmt));
    assert.deepEqual(dates, [...dates].sort().reverse());
  });

  test('posts: slug (Gujarati), search, categories, tags, orderby, after/before', async () => {
    const bySlug = await wp.posts().slug(rainSlug).get();
    assert.equal(bySlug.length, 1);
    const rain = bySlug[0] as { id: number; title: { rendered: string }; categories: number[]; tags: number[]; excerpt: { rendered: string }; link: string; date_gmt: string; author: number; featured_media: number };
    assert.equal(rain.id, ids.rain);
    assert.equal(rain.title.rendered, 'અમદાવાદમાં ભારે વરસાદ, રસ્તાઓ પર પાણી ભરાયાં');
    assert.deepEqual(rain.categories, [ids.ahmedabad]);
    assert.ok(rain.tags.includes(ids.rainTag));
    assert.match(rain.excerpt.rendered, /શહેરમાં સવારથી વરસાદ/);
    assert.equal(rain.link, `${site.url}${urls.article('અમદાવાદ', rainSlug)}`);
    assert.equal(rain.date_gmt, '2024-07-01T04:30:00');
    assert.equal(rain.author, ids.reporter1);
    assert.equal(rain.featured_media, ids.image);

    const found = await wp.posts().search('સાબરમતી નદી કિનારે').get();
    assert.deepEqual(found.map((p) => p.id), [ids.rain]);
    const broad = await wp.posts().search('સાબરમતી').perPage(100).get();
    assert.ok(broad.some((p) => p.id === ids.rain));
    assert.ok(broad.every((p) => JSON.stringify(p).includes('સાબરમતી')));

    const inSection = await wp.posts().categories(ids.gujarat).perPage(100).get();
    assert.ok(inSection.length > 0);
    assert.ok(inSection.every((p) => (p.categories as number[])[0] === ids.gujarat));

    const tagged = await wp.posts().tags(ids.rainTag).perPage(100).get();
    assert.ok(tagged.some((p) => p.id === ids.rain));
    assert.ok(tagged.every((p) => (p.tags as number[]).includes(ids.rainTag)));

    const byTitle = await wp.posts().orderby('title').order('asc').perPage(100).get();
    const titles = byTitle.map((p) => (p.title as { rendered: string }).rendered);
    assert.equal(titles.length, Math.min(100, await publishedCount()));

    const window = await wp.posts().after('2024-06-30T00:00:00Z').before('2024-07-01T23:59:59Z').get();
    assert.deepEqual(window.map((p) => p.id), [ids.rain]);
  });

  test('posts: _embed brings author, featured image and terms', async () => {
    const [post] = await wp.posts().slug(rainSlug).embed().get();
    const embedded = (post as { _embedded: Record<string, unknown> })._embedded;
    const author = (embedded.author as { name: string }[])[0];
    assert.equal(author?.name, 'કિરણ પટેલ');
    const media = (embedded['wp:featuredmedia'] as { source_url: string; alt_text: string }[])[0];
    assert.equal(media?.source_url, `${site.url}${urls.media('wp/2024/07/rain.jpg')}`);
    assert.equal(media?.alt_text, 'વરસાદનો ફોટો');
    const [cats, tags] = embedded['wp:term'] as { name: string; taxonomy: string }[][];
    assert.deepEqual(cats?.map((c) => [c.name, c.taxonomy]), [['અમદાવાદ', 'category']]);
    assert.ok(tags?.some((t) => t.name === 'વરસાદ' && t.taxonomy === 'post_tag'));
  });

  test('posts: single, unknown and non-public ids, bad paging', async () => {
    const one = await wp.posts().id(ids.cricket).get();
    assert.equal(one.slug, 'ભારતે-શ્રેણી-જીતી');
    // 103 is a draft in the export.
    const res = await fetch(`${site.url}/wp-json/wp/v2/posts/103`);
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { code: string }).code, 'rest_post_invalid_id');
    const beyond = await fetch(`${site.url}/wp-json/wp/v2/posts?page=9999`);
    assert.equal(beyond.status, 400);
    assert.equal(((await beyond.json()) as { code: string }).code, 'rest_post_invalid_page_number');
    assert.equal((await fetch(`${site.url}/wp-json/wp/v2/posts?per_page=101`)).status, 400);
    assert.equal((await fetch(`${site.url}/wp-json/wp/v2/nothing`)).status, 404);
  });

  test('categories, tags, users and media', async () => {
    const cats = await wp.categories().perPage(100).get();
    const ahmedabad = cats.find((c) => c.id === ids.ahmedabad) as { slug: string; parent: number; count: number; taxonomy: string };
    assert.equal(ahmedabad.slug, 'અમદાવાદ');
    assert.equal(ahmedabad.parent, ids.gujarat);
    assert.equal(ahmedabad.count, 1);
    const bySlug = await wp.categories().slug('ગુજરાત').get();
    assert.deepEqual(bySlug.map((c) => c.id), [ids.gujarat]);

    const tags = await wp.tags().search('વરસા').get();
    assert.deepEqual(tags.map((t) => t.slug), ['વરસાદ']);
    assert.ok(((tags[0] as { count: number }).count) > 0);

    const users = await wp.users().perPage(100).get();
    const kiran = users.find((u) => u.id === ids.reporter1) as { name: string; slug: string; link: string };
    assert.equal(kiran.name, 'કિરણ પટેલ');
    assert.equal(kiran.link, `${site.url}${urls.author('reporter1')}`);
    assert.ok(!JSON.stringify(users).includes('@samachar.example'), 'emails are never exposed');

    const media = await wp.media().id(ids.image).get();
    assert.equal(media.media_type, 'image');
    assert.equal((media.media_details as { width: number }).width, 1000);
    const list = await wp.media().perPage(1).get();
    assert.ok((list._paging?.total ?? 0) >= 2);
  });

  test('old URLs answer 301 with the canonical URL', async () => {
    const canonical = urls.article('અમદાવાદ', rainSlug);
    const cases: [string, string][] = [
      ['/?p=101', canonical],
      [`/2024/07/01/${enc(rainSlug)}/`, canonical],
      [`/2024/07/${enc(rainSlug)}/`, canonical],
      [`/${enc(rainSlug)}/`, canonical],
      [`/${encodeURIComponent(rainSlug)}`, canonical],
      [`/category/${enc('ગુજરાત')}/${enc('અમદાવાદ')}/`, urls.section('અમદાવાદ')],
      [`/category/${enc('ગુજરાત')}/`, urls.section('ગુજરાત')],
      [`/tag/${enc('વરસાદ')}/`, urls.tag('વરસાદ')],
      ['/author/reporter1/', urls.author('reporter1')],
      ['/?cat=3', urls.section('અમદાવાદ')],
      ['/?author=1', urls.author('reporter1')],
      ['/feed/', urls.rss()],
      [`/category/${enc('ગુજરાત')}/feed/`, urls.sectionRss('ગુજરાત')],
    ];
    for (const [from, to] of cases) {
      const res = await fetch(`${site.url}${from}`, { redirect: 'manual' });
      assert.equal(res.status, 301, from);
      assert.equal(res.headers.get('location'), to, from);
    }
    // The target is a real page.
    assert.equal((await fetch(`${site.url}${canonical}`)).status, 200);
  });

  test('old URLs of things that are not public, or not there, do not redirect', async () => {
    for (const from of ['/2024/07/01/no-such-story/', `/${enc('ખાનગી-નોંધ')}/`, '/category/nothing/', '/?p=999999']) {
      const res = await fetch(`${site.url}${from}`, { redirect: 'manual' });
      assert.notEqual(res.status, 301, from);
    }
    // The site's own pages are untouched.
    const home = await fetch(`${site.url}/`, { redirect: 'manual' });
    assert.equal(home.status, 200);
    const section = await fetch(`${site.url}${urls.section('ગુજરાત')}`, { redirect: 'manual' });
    assert.equal(section.status, 200);
  });
});
