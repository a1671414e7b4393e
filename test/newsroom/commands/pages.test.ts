import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPage } from '../../../src/newsroom/commands/createPage.js';
import { saveArticle } from '../../../src/newsroom/commands/saveArticle.js';
import { publishArticle } from '../../../src/newsroom/commands/publishArticle.js';
import { publishChanges } from '../../../src/newsroom/commands/publishChanges.js';
import { editMenu, MenuError } from '../../../src/newsroom/commands/editMenu.js';
import { PageSlugError } from '../../../src/newsroom/articleInput.js';
import { NotAllowedError } from '../../../src/content/policies.js';
import { siteMenus } from '../../../src/content/menus.js';
import { publishedPageBySlug } from '../../../src/content/pages.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

describe(`static pages and menus (${testDialect})`, () => {
  let n: Newsroom;
  before(async () => (n = await newsroom()));
  after(() => n.close());

  test('an editor creates a page: no section, kind page, a draft with no public event', async () => {
    const r = await createPage(n.deps, { actor: n.people.editor, edit: { headline: 'અમારા વિશે', slug: 'about', bodyHtml: '<p>ક્ષેત્રીય સમાચાર, ૨૦૨૬થી.</p>' } });
    assert.equal(r.slug, 'about');
    const row = await n.db.db.selectFrom('articles').select(['kind', 'section_id', 'status']).where('id', '=', r.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { kind: 'page', section_id: null, status: 'draft' });
    assert.deepEqual(n.heard, []);
  });

  test('contributors and authors may not create pages', async () => {
    for (const who of [n.people.contributor, n.people.author]) {
      await assert.rejects(createPage(n.deps, { actor: who, edit: { headline: 'સંપર્ક' } }), NotAllowedError);
    }
  });

  test('reserved addresses and section slugs are refused when typed; a headline that makes one skips to a free form', async () => {
    for (const slug of ['newsroom', 'wp-json', 'feed', 'search', 'tag', 'page', 'sitemap', 'rajkaran']) {
      await assert.rejects(createPage(n.deps, { actor: n.people.admin, edit: { headline: 'ગોપનીયતા નીતિ', slug } }), (err: unknown) => err instanceof PageSlugError && err.slug === slug);
    }
    const r = await createPage(n.deps, { actor: n.people.admin, edit: { headline: 'Search' } });
    assert.equal(r.slug, 'search-2');
  });

  test('publishing a page touches only the page, the menus and the pages sitemap; later edits wait as pending changes', async () => {
    const r = await createPage(n.deps, { actor: n.people.editor, edit: { headline: 'સંપર્ક', slug: 'sampark', bodyHtml: '<p>ફોન: ૦૭૯ ૨૬૫૦ ૦૦૦૦</p>' } });
    n.heard.length = 0;
    await publishArticle(n.deps, { actor: n.people.editor, articleId: r.id });
    const published = n.heard.find((e) => e.type === 'article.published');
    assert.ok(published);
    assert.deepEqual([...published.pages].sort(), [`article:${r.id}`, 'menus', 'pages'].sort());
    assert.ok(!published.pages.includes('home') && !published.pages.includes('feeds'));

    const version = (await n.db.db.selectFrom('articles').select('version').where('id', '=', r.id).executeTakeFirstOrThrow()).version;
    // Section, tags and breaking sent by a form are ignored for a page.
    const saved = await saveArticle(n.deps, { actor: n.people.editor, articleId: r.id, baseVersion: version, edit: { headline: 'સંપર્ક કરો', sectionId: n.sectionId, tagNames: ['દ્રષ્ટિ'], isBreaking: true } });
    assert.equal(saved.pending, true);
    assert.equal((await publishedPageBySlug(n.db.db, 'sampark'))?.headline, 'સંપર્ક');
    await publishChanges(n.deps, { actor: n.people.editor, articleId: r.id, baseVersion: saved.version });
    const row = await n.db.db.selectFrom('articles').select(['headline', 'section_id', 'is_breaking']).where('id', '=', r.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { headline: 'સંપર્ક કરો', section_id: null, is_breaking: 0 });
    const tags = await n.db.db.selectFrom('article_tags').select('tag_id').where('article_id', '=', r.id).execute();
    assert.deepEqual(tags, []);
  });

  test('a typed reserved slug on save is refused and nothing changes', async () => {
    const r = await createPage(n.deps, { actor: n.people.editor, edit: { headline: 'સુધારા નીતિ', slug: 'sudhara' } });
    await assert.rejects(saveArticle(n.deps, { actor: n.people.editor, articleId: r.id, baseVersion: 1, edit: { slug: 'api' } }), PageSlugError);
    const row = await n.db.db.selectFrom('articles').select(['slug', 'version']).where('id', '=', r.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { slug: 'sudhara', version: 1 });
  });

  test('with no menus set the header is the sections and the footer lists published pages', async () => {
    const menus = await siteMenus(n.db.db);
    assert.equal(menus.header, null);
    assert.deepEqual(menus.footer.map((m) => m.href), ['/sampark']);
  });

  test('menus: add, move, order and remove, each recorded as menus.changed; bad input refused', async () => {
    n.heard.length = 0;
    const page = (await n.db.db.selectFrom('articles').select('id').where('slug', '=', 'sampark').executeTakeFirstOrThrow()).id;
    await editMenu(n.deps, { actor: n.people.editor, menu: 'footer', edit: { op: 'add', target: { kind: 'page', id: page }, label: '' } });
    await editMenu(n.deps, { actor: n.people.editor, menu: 'footer', edit: { op: 'add', target: { kind: 'section', id: n.sectionId }, label: 'રાજકારણ સમાચાર' } });
    await editMenu(n.deps, { actor: n.people.editor, menu: 'footer', edit: { op: 'add', target: { kind: 'link', url: 'https://t.me/khabar_gu' }, label: 'ટેલિગ્રામ' } });
    assert.deepEqual((await siteMenus(n.db.db)).footer.map((m) => m.label), ['સંપર્ક કરો', 'રાજકારણ સમાચાર', 'ટેલિગ્રામ']);
    const ids = (await n.db.db.selectFrom('menu_items').select('id').where('menu', '=', 'footer').orderBy('position').execute()).map((r) => r.id);
    await editMenu(n.deps, { actor: n.people.editor, menu: 'footer', edit: { op: 'move', itemId: ids[2] as number, direction: 'up' } });
    assert.deepEqual((await siteMenus(n.db.db)).footer.map((m) => m.label), ['સંપર્ક કરો', 'ટેલિગ્રામ', 'રાજકારણ સમાચાર']);
    await editMenu(n.deps, { actor: n.people.admin, menu: 'footer', edit: { op: 'order', itemIds: [ids[1] as number, ids[0] as number, ids[2] as number] } });
    assert.deepEqual((await siteMenus(n.db.db)).footer.map((m) => m.href), ['/rajkaran', '/sampark', 'https://t.me/khabar_gu']);
    await editMenu(n.deps, { actor: n.people.editor, menu: 'footer', edit: { op: 'remove', itemId: ids[2] as number } });
    assert.equal((await siteMenus(n.db.db)).footer.length, 2);
    assert.equal(n.heard.filter((e) => e.type === 'menus.changed').length, 6);
    assert.ok(n.heard.every((e) => e.pages.includes('menus')));

    await assert.rejects(editMenu(n.deps, { actor: n.people.editor, menu: 'header', edit: { op: 'add', target: { kind: 'link', url: 'javascript:alert(1)' }, label: 'x' } }), (e: unknown) => e instanceof MenuError && e.reason === 'bad_url');
    await assert.rejects(editMenu(n.deps, { actor: n.people.editor, menu: 'header', edit: { op: 'add', target: { kind: 'tag', id: 99999 }, label: '' } }), (e: unknown) => e instanceof MenuError && e.reason === 'unknown_target');
    await assert.rejects(editMenu(n.deps, { actor: n.people.editor, menu: 'footer', edit: { op: 'order', itemIds: [ids[0] as number] } }), (e: unknown) => e instanceof MenuError && e.reason === 'bad_order');
    await assert.rejects(editMenu(n.deps, { actor: n.people.author, menu: 'header', edit: { op: 'add', target: { kind: 'section', id: n.sectionId }, label: '' } }), NotAllowedError);
  });

  test('an unpublished page drops out of a menu that names it', async () => {
    await n.db.db.updateTable('articles').set({ status: 'unpublished' }).where('slug', '=', 'sampark').execute();
    assert.deepEqual((await siteMenus(n.db.db)).footer.map((m) => m.href), ['/rajkaran']);
  });
});
