import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importWordPress } from '../../src/importers/wordpress/import.js';
import { exportSite } from '../../src/importers/export.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import type { DemoContent } from '../../src/demo/types.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { openTestDatabase, testDialect } from '../helpers/database.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'fixtures', 'wxr');
const origin = 'https://vartman.example';
const cdata = (s: string) => `<![CDATA[${s}]]>`;
const empty: DemoContent = { sections: [], authors: [], tags: {}, articles: [] };

interface Spec {
  id: number;
  type: 'post' | 'page';
  title: string;
  slug: string;
  link: string;
  parent?: number;
  body: string;
  category?: string;
}

/** A small export with pages written for this test: a nested page, one at a reserved address, and one post. */
const items: Spec[] = [
  { id: 501, type: 'page', title: 'અમારા વિશે', slug: 'about', link: `${origin}/about/`, body: 'અમે ૧૯૯૮થી ક્ષેત્રીય સમાચાર આપીએ છીએ.' },
  { id: 502, type: 'page', title: 'અમારી ટીમ', slug: 'team', link: `${origin}/about/team/`, parent: 501, body: 'દ્રષ્ટિ અને અભિષેક સંપાદક છે.' },
  { id: 503, type: 'page', title: 'શોધ', slug: 'search', link: `${origin}/search/`, body: 'શોધ વિશે માહિતી.' },
  { id: 601, type: 'post', title: 'નર્મદા ડેમ છલકાયો', slug: 'narmada-dam', link: `${origin}/2026/08/01/narmada-dam/`, body: 'ઉપરવાસમાં વરસાદ.', category: 'gujarat' },
];

function wxr(): string {
  const item = (s: Spec) => `
  <item>
    <title>${cdata(s.title)}</title>
    <link>${s.link}</link>
    <pubDate>Sat, 01 Aug 2026 05:00:00 +0000</pubDate>
    <dc:creator>${cdata('sampadak')}</dc:creator>
    <guid isPermaLink="false">${origin}/?${s.type === 'page' ? 'page_id' : 'p'}=${s.id}</guid>
    <content:encoded>${cdata(s.body)}</content:encoded>
    <excerpt:encoded>${cdata('')}</excerpt:encoded>
    <wp:post_id>${s.id}</wp:post_id>
    <wp:post_date>2026-08-01 10:30:00</wp:post_date>
    <wp:post_date_gmt>2026-08-01 05:00:00</wp:post_date_gmt>
    <wp:post_modified_gmt>2026-08-01 05:00:00</wp:post_modified_gmt>
    <wp:comment_status>closed</wp:comment_status>
    <wp:post_name>${cdata(s.slug)}</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_parent>${s.parent ?? 0}</wp:post_parent>
    <wp:post_type>${s.type}</wp:post_type>
    <wp:post_password></wp:post_password>${s.category ? `\n    <category domain="category" nicename="${s.category}">${cdata('ગુજરાત')}</category>` : ''}
  </item>`;
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>વર્તમાન</title>
  <link>${origin}</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>${origin}</wp:base_site_url>
  <wp:base_blog_url>${origin}</wp:base_blog_url>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('sampadak')}</wp:author_login><wp:author_email>${cdata('s@vartman.example')}</wp:author_email><wp:author_display_name>${cdata('સંપાદક')}</wp:author_display_name></wp:author>
  <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>gujarat</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${cdata('ગુજરાત')}</wp:cat_name></wp:category>
${items.map(item).join('')}
</channel>
</rss>
`;
}

describe(`WordPress pages: import, old URLs, wp-json pages, export (${testDialect})`, () => {
  let site: TestSite;
  let dir: string;

  before(async () => {
    site = await startTestSite({ content: empty });
    dir = mkdtempSync(join(tmpdir(), 'khabar-pages-'));
    const file = join(dir, 'site.xml');
    writeFileSync(file, wxr());
    const report = await importWordPress({ db: site.database.db, feed: site.feed, media: new DiskMediaStore(join(site.database.dir, 'media')) }, { file });
    assert.equal(report.total('page'), 3);
    assert.ok(report.warnings.some((w) => /\/search" is reserved/.test(w.reason)), report.format());
    // The import announces a new site; the reader reloads its sections in the background.
    for (let i = 0; i < 50 && (await fetch(`${site.url}/gujarat`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 20));
  });
  after(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('pages import as pages: no section, and no "પાનાં" section is made', async () => {
    const rows = await site.database.db.selectFrom('articles').select(['slug', 'kind', 'section_id']).orderBy('slug').execute();
    assert.deepEqual(
      rows.map((r) => [r.slug, r.kind, r.section_id === null]),
      [['about', 'page', true], ['narmada-dam', 'story', false], ['search-503', 'page', true], ['team', 'page', true]],
    );
    const sections = await site.database.db.selectFrom('sections').select('name').execute();
    assert.deepEqual(sections.map((s) => s.name), ['ગુજરાત']);
    assert.equal((await fetch(`${site.url}/about`)).status, 200);
    const feed = await (await fetch(`${site.url}/feed.xml`)).text();
    assert.ok(feed.includes('narmada-dam') && !feed.includes('અમારા વિશે'));
  });

  test('old page URLs redirect in one hop: ?page_id=N, /slug/, nested /parent/child/', async () => {
    for (const [from, to] of [
      ['/?page_id=501', '/about'],
      ['/?page_id=502', '/team'],
      ['/about/', '/about'],
      ['/about/team/', '/team'],
      ['/about/team', '/team'],
      // The old page's own URL finds it at its new address…
      ['/search/', '/search-503'],
    ] as const) {
      const res = await fetch(`${site.url}${from}`, { redirect: 'manual' });
      assert.equal(res.status, 301, from);
      assert.equal(res.headers.get('location'), to, from);
      assert.equal((await fetch(`${site.url}${to}`, { redirect: 'manual' })).status, 200, to);
    }
    // …while /search stays the site's search page.
    assert.equal((await fetch(`${site.url}/search`, { redirect: 'manual' })).status, 200);
    assert.equal((await fetch(`${site.url}/?page_id=999`, { redirect: 'manual' })).status, 404, 'an unknown page id is 404, as in WordPress');
  });

  test('/wp-json/wp/v2/pages answers like WordPress: list, ?slug=, /pages/:id, 404 for posts and unknown ids', async () => {
    const res = await fetch(`${site.url}/wp-json/wp/v2/pages`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-wp-total'), '3');
    const list = (await res.json()) as { id: number; type: string; slug: string; link: string; title: { rendered: string }; parent: number; guid: { rendered: string } }[];
    assert.deepEqual(list.map((p) => p.type), ['page', 'page', 'page']);
    const bySlug = (await (await fetch(`${site.url}/wp-json/wp/v2/pages?slug=about`)).json()) as typeof list;
    assert.equal(bySlug.length, 1);
    assert.equal(bySlug[0]?.title.rendered, 'અમારા વિશે');
    assert.equal(bySlug[0]?.link, `${site.url}/about`);
    assert.equal(bySlug[0]?.parent, 0);
    assert.equal(bySlug[0]?.guid.rendered, `${site.url}/?page_id=${bySlug[0]?.id}`);
    // The REST API speaks WordPress's ids: the page WordPress had as 502 is 502.
    const one = await fetch(`${site.url}/wp-json/wp/v2/pages/502`);
    assert.equal(one.status, 200);
    assert.equal(((await one.json()) as { slug: string }).slug, 'team');
    const post = await fetch(`${site.url}/wp-json/wp/v2/pages/601`);
    assert.equal(post.status, 404);
    assert.equal(((await post.json()) as { code: string }).code, 'rest_post_invalid_id');
    const posts = (await (await fetch(`${site.url}/wp-json/wp/v2/posts`)).json()) as { slug: string }[];
    assert.deepEqual(posts.map((p) => p.slug), ['narmada-dam']);
    assert.deepEqual(await (await fetch(`${site.url}/wp-json/wp/v2/pages?parent=501`)).json(), []);
    const searched = (await (await fetch(`${site.url}/wp-json/wp/v2/pages?search=${encodeURIComponent('સંપાદક')}`)).json()) as typeof list;
    assert.deepEqual(searched.map((p) => p.slug), ['team']);
  });

  test('export --format wxr writes pages as pages, and they import back as pages', async () => {
    const out = join(dir, 'export.xml');
    const counts = await exportSite({ db: site.database.db, media: new DiskMediaStore(join(site.database.dir, 'media')), publicUrl: site.url }, out, 'wxr');
    assert.equal(counts.pages, 3);
    assert.equal(counts.posts, 1);
    const text = readFileSync(out, 'utf8');
    assert.equal(text.match(/<wp:post_type><!\[CDATA\[page\]\]><\/wp:post_type>/g)?.length, 3);
    assert.ok(text.includes(`<link>${site.url}/about</link>`));
    const target = await openTestDatabase();
    try {
      const report = await importWordPress({ db: target.db, feed: site.feed, media: new DiskMediaStore(join(target.dir, 'media')) }, { file: out });
      assert.equal(report.total('page'), 3);
      const kinds = await target.db.selectFrom('articles').select(['slug', 'kind']).where('kind', '=', 'page').orderBy('slug').execute();
      assert.deepEqual(kinds.map((k) => k.slug), ['about', 'search-503', 'team']);
    } finally {
      await target.drop();
    }
  });

  test("WordPress's theme unit test data: its 21 pages become pages, none a story", async (t) => {
    const wptt = join(fixtures, 'wptt', 'themeunittestdata.wordpress.xml');
    if (!existsSync(wptt)) return t.skip(`fixture not found: ${wptt}`);
    const database = await openTestDatabase();
    try {
      const report = await importWordPress({ db: database.db, feed: site.feed, media: new DiskMediaStore(join(database.dir, 'media')) }, { file: wptt });
      assert.equal(report.total('page'), 21);
      const pages = await database.db.selectFrom('articles').select(['section_id']).where('kind', '=', 'page').execute();
      assert.equal(pages.length, 21);
      assert.ok(pages.every((p) => p.section_id === null));
      assert.equal((await database.db.selectFrom('sections').select('id').where('slug', '=', 'pages').execute()).length, 0);
    } finally {
      await database.drop();
    }
  });
});
