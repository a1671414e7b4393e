import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { demoContent } from '../../src/demo/content.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { post, signIn, type Session } from '../helpers/newsroom.js';

const pages = demoContent.pages ?? [];

function jsonLdTypes(html: string): unknown[] {
  const $ = load(html);
  return $('script[type="application/ld+json"]')
    .toArray()
    .map((el) => (JSON.parse($(el).text()) as { '@type': unknown })['@type']);
}

describe(`static pages and menus on the site (${testDialect})`, () => {
  let site: TestSite;
  let editor: Session;
  before(async () => {
    site = await startTestSite();
    editor = await signIn(site, 'editor');
  });
  after(async () => site.close());

  test('a page answers at /{slug}: breadcrumb, title, body, WebPage JSON-LD, no section, date or byline', async () => {
    const about = pages.find((p) => p.slug === 'about')!;
    const res = await fetch(`${site.url}/about`);
    assert.equal(res.status, 200);
    const html = await res.text();
    const $ = load(html);
    assert.equal($('h1.headline').text(), about.title);
    assert.deepEqual($('nav.crumbs li').toArray().map((el) => $(el).text()), ['ખબર', about.title]);
    assert.equal($('main time').length, 0);
    assert.equal($('main .byline').length, 0);
    const types = jsonLdTypes(html);
    assert.ok(types.includes('WebPage'));
    assert.ok(!types.includes('NewsArticle'));
    assert.equal($('meta[property="article:published_time"]').length, 0);
  });

  test('the footer lists the published pages by default; the header stays the section menu', async () => {
    const $ = load(await (await fetch(`${site.url}/`)).text());
    assert.deepEqual($('.footer-nav a').toArray().map((el) => $(el).attr('href')), pages.map((p) => `/${p.slug}`));
    const top = demoContent.sections.filter((s) => !s.parent).map((s) => `/${s.slug}`);
    assert.deepEqual($('nav.nav a').toArray().map((el) => $(el).attr('href')), ['/', ...top]);
  });

  test('pages are not in feeds, home lists, the news sitemap or the story sitemaps, nor in wp-json posts', async () => {
    const bodies = await Promise.all(
      ['/feed.xml', '/atom.xml', `/${demoContent.sections[0]!.slug}/feed.xml`, '/sitemaps/news.xml', '/sitemaps/articles-1.xml', '/api/v1/articles?per_page=100', '/wp-json/wp/v2/posts?per_page=100'].map(async (path) => {
        const res = await fetch(`${site.url}${path}`);
        assert.equal(res.status, 200, path);
        return [path, await res.text()] as const;
      }),
    );
    for (const [path, body] of bodies) {
      for (const p of pages) assert.ok(!body.includes(`/${p.slug}<`) && !body.includes(`/${p.slug}"`) && !body.includes(p.title), `${path} leaves out ${p.slug}`);
    }
    const $ = load(await (await fetch(`${site.url}/`)).text());
    assert.equal($('main a[href="/about"]').length, 0);
  });

  test('pages are in the pages sitemap and in site search', async () => {
    const sitemap = await (await fetch(`${site.url}/sitemaps/pages.xml`)).text();
    for (const p of pages) assert.ok(sitemap.includes(`${site.url}/${p.slug}</loc>`), `pages sitemap has ${p.slug}`);
    const res = await fetch(`${site.url}/search?q=${encodeURIComponent('ગોપનીયતા નીતિ')}`);
    const $ = load(await res.text());
    const hit = $('.hit h2 a').toArray().find((el) => $(el).attr('href') === '/privacy');
    assert.ok(hit, 'search finds the privacy page');
    assert.equal($(hit).closest('.hit').find('.meta').length, 0, 'a page hit shows no section or date');
  });

  test('a reserved page address is refused in the editor with a message in Gujarati, and nothing is created', async () => {
    const res = await post(site, editor, '/newsroom/pages', { headline: 'વિશેષ પાનું', slug: 'wp-json', bodyHtml: '<p>પરીક્ષણ</p>' });
    assert.equal(res.status, 400);
    const $ = load(await res.text());
    assert.match($('.notice-error').text(), /\/wp-json સરનામું .*અનામત/);
    assert.equal($('#headline').val(), 'વિશેષ પાનું', 'what was typed is kept');
    assert.equal($('#sectionId').length, 0, 'no section field for a page');
    const rows = await site.database.db.selectFrom('articles').select('id').where('headline', '=', 'વિશેષ પાનું').execute();
    assert.equal(rows.length, 0);
  });

  test('an editor creates and publishes a page; the newsroom list filters stories and pages', async () => {
    const created = await post(site, editor, '/newsroom/pages', { headline: 'જાહેરાત માટે', slug: 'jaherat', bodyHtml: '<p>દર સાથે સંપર્ક કરો.</p>' });
    assert.equal(created.status, 303);
    const id = Number(/articles\/(\d+)\/edit/.exec(created.headers.get('location') ?? '')?.[1]);
    assert.equal((await post(site, editor, `/newsroom/articles/${id}/publish`)).status, 303);
    const page = await fetch(`${site.url}/jaherat`);
    assert.equal(page.status, 200);
    const footer = load(await (await fetch(`${site.url}/`)).text())('.footer-nav a').toArray().map((el) => load(el).text());
    assert.ok(footer.includes('જાહેરાત માટે'), 'the cached home page follows: the new page is in the footer');

    const list = async (kind: string) => load(await (await fetch(`${site.url}/newsroom/articles?kind=${kind}`, { headers: { cookie: editor.cookie } })).text());
    const onlyPages = (await list('page'))('tbody tr a').toArray().map((el) => load(el).text());
    assert.ok(onlyPages.includes('જાહેરાત માટે') && onlyPages.includes('અમારા વિશે'));
    assert.ok(!onlyPages.includes(demoContent.articles[0]!.headline));
    const onlyStories = (await list('story'))('tbody tr a').toArray().map((el) => load(el).text());
    assert.ok(!onlyStories.includes('અમારા વિશે'));
  });

  test('menus: an editor adds, reorders and removes items; every page follows; others are refused', async () => {
    const get = await fetch(`${site.url}/newsroom/menus`, { headers: { cookie: editor.cookie } });
    assert.equal(get.status, 200);
    const sectionId = (await site.database.db.selectFrom('sections').select('id').where('slug', '=', demoContent.sections[1]!.slug).executeTakeFirstOrThrow()).id;
    const aboutId = (await site.database.db.selectFrom('articles').select('id').where('slug', '=', 'about').executeTakeFirstOrThrow()).id;
    // Warm the cache, then change the menu: the cached page must not be served stale.
    await fetch(`${site.url}/about`);
    assert.equal((await post(site, editor, '/newsroom/menus/header/add', { target: `section:${sectionId}`, label: '' })).status, 303);
    assert.equal((await post(site, editor, '/newsroom/menus/header/add', { target: `page:${aboutId}`, label: 'અમે કોણ' })).status, 303);
    assert.equal((await post(site, editor, '/newsroom/menus/header/add', { target: '', url: 'https://t.me/khabar_gujarati', label: 'ટેલિગ્રામ ચૅનલ' })).status, 303);
    let nav = load(await (await fetch(`${site.url}/about`)).text())('nav.nav a').toArray().map((el) => load(el).text());
    assert.deepEqual(nav, ['હોમ', demoContent.sections[1]!.name, 'અમે કોણ', 'ટેલિગ્રામ ચૅનલ'].slice(nav[0] === 'હોમ' ? 0 : 1));

    const items = await site.database.db.selectFrom('menu_items').select('id').where('menu', '=', 'header').orderBy('position').execute();
    assert.equal((await post(site, editor, '/newsroom/menus/header/move', { itemId: String(items[2]!.id), direction: 'up' })).status, 303);
    nav = load(await (await fetch(`${site.url}/about`)).text())('nav.nav a').toArray().map((el) => load(el).text());
    assert.deepEqual(nav.slice(-3), [demoContent.sections[1]!.name, 'ટેલિગ્રામ ચૅનલ', 'અમે કોણ']);
    assert.equal((await post(site, editor, '/newsroom/menus/header/remove', { itemId: String(items[0]!.id) })).status, 303);
    nav = load(await (await fetch(`${site.url}/about`)).text())('nav.nav a').toArray().map((el) => load(el).text());
    assert.deepEqual(nav.slice(-2), ['ટેલિગ્રામ ચૅનલ', 'અમે કોણ']);

    const bad = await post(site, editor, '/newsroom/menus/footer/add', { target: '', url: 'ftp://example.com/x', label: 'x' });
    assert.equal(bad.status, 400);
    assert.match(load(await bad.text())('.notice-error').text(), /http:\/\/ કે https:\/\//);
    const nothing = await post(site, editor, '/newsroom/menus/footer/add', { target: '', url: '', label: '' });
    assert.equal(nothing.status, 400);

    const author = await signIn(site, 'author');
    assert.equal((await fetch(`${site.url}/newsroom/menus`, { headers: { cookie: author.cookie } })).status, 403);
    assert.equal((await post(site, author, '/newsroom/menus/header/remove', { itemId: String(items[1]!.id) })).status, 403);
    const contributor = await signIn(site, 'contributor');
    assert.equal((await fetch(`${site.url}/newsroom/pages/new`, { headers: { cookie: contributor.cookie } })).status, 403);
  });
});
