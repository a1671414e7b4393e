import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { api, post, signIn, type Session } from '../helpers/newsroom.js';
import { publishDueArticles } from '../../src/newsroom/scheduler.js';

describe(`editorial workflow (${testDialect})`, () => {
  let site: TestSite;
  let contributor: Session;
  let author: Session;
  let editor: Session;
  let sectionId: number;
  let sectionSlug: string;
  before(async () => {
    site = await startTestSite();
    [contributor, author, editor] = [await signIn(site, 'contributor'), await signIn(site, 'author'), await signIn(site, 'editor')];
    const s = await site.database.db.selectFrom('sections').select(['id', 'slug']).where('slug', '=', 'gujarat').executeTakeFirstOrThrow();
    sectionId = s.id;
    sectionSlug = s.slug;
  });
  after(async () => site.close());

  const create = async (s: Session, headline: string, extra: Record<string, unknown> = {}) => {
    const res = await api(site, s, 'POST', '/newsroom/api/articles', { headline, sectionId, bodyHtml: '<p>કચ્છના રણમાં ઉત્સવ શરૂ થયો.</p>', ...extra });
    assert.equal(res.status, 200);
    return (await res.json()) as { id: number; version: number; slug: string };
  };
  const status = async (id: number) => (await site.database.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const publicStatus = async (slug: string) => (await fetch(`${site.url}/${sectionSlug}/${slug}`)).status;

  test('draft → submitted → published; a contributor cannot publish, an editor can', async () => {
    const a = await create(contributor, 'ગિર જંગલમાં સિંહોની વસ્તી ગણતરી પૂરી');
    assert.match(a.slug, /^[a-z0-9-]+$/);
    assert.equal(await status(a.id), 'draft');
    assert.equal((await post(site, contributor, `/newsroom/articles/${a.id}/submit`)).status, 303);
    assert.equal(await status(a.id), 'submitted');
    const forged = await post(site, contributor, `/newsroom/articles/${a.id}/publish`);
    assert.equal(forged.status, 403);
    assert.equal(await publicStatus(a.slug), 404, 'not public while submitted');
    const page = await (await fetch(`${site.url}/newsroom/articles/${a.id}/edit`, { headers: { cookie: contributor.cookie } })).text();
    assert.equal(load(page)('[data-action=publish]').length, 0, 'no publish button for a contributor');
    assert.equal((await post(site, editor, `/newsroom/articles/${a.id}/publish`)).status, 303);
    assert.equal(await status(a.id), 'published');
    assert.equal(await publicStatus(a.slug), 200);
    const home = await (await fetch(`${site.url}/`)).text();
    assert.ok(home.includes('ગિર જંગલમાં સિંહોની વસ્તી ગણતરી પૂરી'), 'home shows it at once');
  });

  test('an author publishes their own story but not someone else’s', async () => {
    const own = await create(author, 'સાબરમતી રિવરફ્રન્ટ પર નવો પુલ');
    assert.equal((await post(site, author, `/newsroom/articles/${own.id}/publish`)).status, 303);
    const other = await create(contributor, 'વડોદરામાં વરસાદ');
    assert.equal((await post(site, author, `/newsroom/articles/${other.id}/publish`)).status, 403);
    assert.equal((await api(site, author, 'PUT', `/newsroom/api/articles/${other.id}`, { version: 1, edit: { dek: 'બદલાવ' } })).status, 403);
  });

  test('publishing needs alt text on images', async () => {
    const a = await create(editor, 'ચિત્ર વિનાનો વૈકલ્પિક લખાણ', { bodyHtml: '<figure class="image"><img src="https://example.com/a.jpg"><figcaption>તસવીર</figcaption></figure>' });
    const res = await post(site, editor, `/newsroom/articles/${a.id}/publish`);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /લેખની ૧ તસવીરમાં વૈકલ્પિક લખાણ \(alt\) નથી/);
    assert.equal(await status(a.id), 'draft');
  });

  test('a later save on an old version is refused with what the other person changed', async () => {
    const a = await create(contributor, 'રાજકોટમાં ઍરપોર્ટનું નવું ટર્મિનલ');
    const first = await api(site, editor, 'PUT', `/newsroom/api/articles/${a.id}`, { version: 1, edit: { headline: 'રાજકોટમાં ઍરપોર્ટનું ભવ્ય નવું ટર્મિનલ' } });
    assert.equal(first.status, 200);
    const late = await api(site, contributor, 'PUT', `/newsroom/api/articles/${a.id}`, { version: 1, edit: { dek: 'મારો ફેરફાર' } });
    assert.equal(late.status, 409);
    const body = (await late.json()) as { changedBy: string; changes: { field: string; words: { value: string; added: boolean }[] }[] };
    assert.equal(body.changedBy, 'editor પરીક્ષક');
    const headline = body.changes.find((c) => c.field === 'headline');
    assert.ok(headline?.words.some((w) => w.added && w.value.includes('ભવ્ય')));
    const stored = await site.database.db.selectFrom('articles').select(['dek', 'version']).where('id', '=', a.id).executeTakeFirstOrThrow();
    assert.equal(stored.dek, '', 'the late save wrote nothing');
    assert.equal(stored.version, 2);
  });

  test('revisions: every save is kept, two can be compared, an old one restored', async () => {
    const a = await create(editor, 'પહેલું શીર્ષક');
    await api(site, editor, 'PUT', `/newsroom/api/articles/${a.id}`, { version: 1, edit: { headline: 'બીજું શીર્ષક' } });
    await api(site, editor, 'PUT', `/newsroom/api/articles/${a.id}`, { version: 2, edit: { headline: 'ત્રીજું શીર્ષક' } });
    const page = await (await fetch(`${site.url}/newsroom/articles/${a.id}/revisions?from=1&to=3`, { headers: { cookie: editor.cookie } })).text();
    const $ = load(page);
    assert.equal($('tbody tr').length, 3);
    assert.ok($('.diff del').text().includes('પહેલું'));
    assert.ok($('.diff ins').text().includes('ત્રીજું'));
    assert.equal((await post(site, editor, `/newsroom/articles/${a.id}/restore`, { version: '1', baseVersion: '3', confirmed: '1' })).status, 303);
    const row = await site.database.db.selectFrom('articles').select(['headline', 'version']).where('id', '=', a.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { headline: 'પહેલું શીર્ષક', version: 4 });
  });

  test('a published story keeps its URL on edit; a slug change leaves a 301', async () => {
    const a = await create(editor, 'અમદાવાદ મેટ્રોનો બીજો તબક્કો');
    await post(site, editor, `/newsroom/articles/${a.id}/publish`);
    await api(site, editor, 'PUT', `/newsroom/api/articles/${a.id}`, { version: 1, edit: { dek: 'નવો સાર' } });
    assert.equal(await publicStatus(a.slug), 200);
    const moved = await api(site, editor, 'PUT', `/newsroom/api/articles/${a.id}`, { version: 2, edit: { slug: 'metro-phase-two' } });
    assert.deepEqual(await moved.json(), { id: a.id, version: 3, slug: 'metro-phase-two', pending: true });
    assert.equal(await publicStatus(a.slug), 200, 'a pending change moves nothing');
    assert.equal((await post(site, editor, `/newsroom/articles/${a.id}/update`)).status, 303);
    const old = await fetch(`${site.url}/${sectionSlug}/${a.slug}`, { redirect: 'manual' });
    assert.equal(old.status, 301);
    assert.equal(old.headers.get('location'), `/${sectionSlug}/metro-phase-two`);
  });

  test('corrections are shown on the story and kept in a log; unpublish and archive hide it', async () => {
    const a = await create(editor, 'ભાવનગર બંદરે નવી જેટી');
    await post(site, editor, `/newsroom/articles/${a.id}/publish`);
    assert.equal((await post(site, editor, `/newsroom/articles/${a.id}/correct`, { note: 'જેટીની લંબાઈ ૩૦૦ મીટર છે, ૩૦ નહીં.' })).status, 303);
    const page = await (await fetch(`${site.url}/${sectionSlug}/${a.slug}`)).text();
    assert.ok(load(page)('.note').text().includes('૩૦૦ મીટર'));
    const log = await site.database.db.selectFrom('corrections').select('note').where('article_id', '=', a.id).execute();
    assert.equal(log.length, 1);
    assert.equal((await post(site, contributor, `/newsroom/articles/${a.id}/unpublish`)).status, 403);
    const asked = await post(site, editor, `/newsroom/articles/${a.id}/unpublish`);
    assert.equal(asked.status, 200, 'unpublishing asks first');
    assert.equal(load(await asked.text())('.confirm-step input[name=confirmed]').attr('value'), '1');
    assert.equal(await status(a.id), 'published', 'nothing happened before the yes');
    assert.equal((await post(site, editor, `/newsroom/articles/${a.id}/unpublish`, { confirmed: '1' })).status, 303);
    assert.equal(await publicStatus(a.slug), 404);
    assert.equal((await post(site, editor, `/newsroom/articles/${a.id}/archive`, { confirmed: '1' })).status, 303);
    assert.equal(await status(a.id), 'archived');
  });

  test('scheduled and embargoed stories go out when due, exactly once; a blocked one shows as overdue with the reason', async () => {
    const future = new Date(Date.now() + 3600_000);
    const ist = new Date(future.getTime() + 5.5 * 3600_000).toISOString().slice(0, 16);
    const s = await create(editor, 'નિર્ધારિત સમયે પ્રકાશિત થનાર સમાચાર');
    const e = await create(editor, 'એમ્બાર્ગો હેઠળનો અહેવાલ');
    assert.equal((await post(site, editor, `/newsroom/articles/${s.id}/schedule`, { at: ist })).status, 303);
    assert.equal((await post(site, editor, `/newsroom/articles/${e.id}/embargo`, { at: ist })).status, 303);
    assert.equal(await status(s.id), 'scheduled');
    assert.equal(await status(e.id), 'embargoed');
    assert.equal(await publicStatus(s.slug), 404);
    const past = (await post(site, editor, `/newsroom/articles/${s.id}/schedule`, { at: '2020-01-01T10:00' }));
    assert.equal(past.status, 400, 'a time in the past is refused');

    const deps = { db: site.database.db, dialect: site.database.dialect, feed: site.feed };
    assert.deepEqual((await publishDueArticles(deps, new Date())).published, [], 'nothing is due yet');
    const later = new Date(future.getTime() + 1000);
    const run = await publishDueArticles(deps, later);
    assert.deepEqual(run.published.sort(), [s.id, e.id].sort());
    assert.deepEqual((await publishDueArticles(deps, later)).published, [], 'a second run publishes nothing again');
    assert.equal(await status(s.id), 'published');
    assert.equal(await status(e.id), 'published');

    // A story that became unpublishable after scheduling (image alt removed) is reported, not skipped silently.
    const b = await create(editor, 'અટકેલો નિર્ધારિત લેખ');
    await post(site, editor, `/newsroom/articles/${b.id}/schedule`, { at: ist });
    await site.database.db.updateTable('articles').set({ body_html: '<img src="https://example.com/x.jpg">' }).where('id', '=', b.id).execute();
    const blocked = await publishDueArticles(deps, later);
    assert.deepEqual(blocked.blocked.map((x) => x.id), [b.id]);
    await site.database.db.updateTable('articles').set({ scheduled_for: new Date(Date.now() - 3600_000).toISOString() }).where('id', '=', b.id).execute();
    const dash = load(await (await fetch(`${site.url}/newsroom`, { headers: { cookie: editor.cookie } })).text());
    assert.ok(dash('#overdue-h').length === 1, 'the dashboard has an overdue list');
    assert.ok(dash(`tr[data-article-id=${b.id}]`).text().includes('વૈકલ્પિક લખાણ (alt)'), 'with the reason, in the person’s language');
  });

  test('the dashboard and lists: awaiting review, filters by status, section, author and text', async () => {
    const a = await create(contributor, 'પાટણની પટોળા કળાને નવું બજાર');
    await post(site, contributor, `/newsroom/articles/${a.id}/submit`);
    const dash = load(await (await fetch(`${site.url}/newsroom`, { headers: { cookie: editor.cookie } })).text());
    assert.ok(dash(`tr[data-article-id=${a.id}]`).length >= 1);
    const list = async (qs: string) =>
      load(await (await fetch(`${site.url}/newsroom/articles?${qs}`, { headers: { cookie: editor.cookie } })).text())('tbody tr')
        .toArray()
        .map((el) => Number(load(el)('tr').attr('data-article-id')));
    assert.ok((await list('status=submitted')).includes(a.id));
    assert.ok(!(await list('status=published')).includes(a.id));
    assert.ok((await list(`section=${sectionId}`)).includes(a.id));
    assert.ok((await list(`author=${contributor.personId}`)).includes(a.id));
    assert.ok((await list(`q=${encodeURIComponent('પટોળા')}`)).includes(a.id));
    assert.ok(!(await list(`q=${encodeURIComponent('ક્રિકેટ')}`)).includes(a.id));
  });

  test('while one person edits, others see who holds the story', async () => {
    const a = await create(contributor, 'જામનગરમાં નવું તારામંડળ');
    await fetch(`${site.url}/newsroom/articles/${a.id}/edit`, { headers: { cookie: contributor.cookie } });
    const page = load(await (await fetch(`${site.url}/newsroom/articles/${a.id}/edit`, { headers: { cookie: editor.cookie } })).text());
    assert.ok(page('.notice-error').text().includes('contributor પરીક્ષક'));
  });

  test('home curation: pins lead the home page and the banner shows at once', async () => {
    const a = await create(editor, 'ટોચે પિન કરેલો લેખ');
    await post(site, editor, `/newsroom/articles/${a.id}/publish`);
    assert.equal((await post(site, contributor, '/newsroom/home', { pins: String(a.id) })).status, 403);
    assert.equal((await post(site, editor, '/newsroom/home', { pins: String(a.id), bannerText: 'ભારે વરસાદની ચેતવણી', bannerUrl: '/gujarat' })).status, 303);
    const $ = load(await (await fetch(`${site.url}/`)).text());
    assert.equal($('.lead .card-title a').text(), 'ટોચે પિન કરેલો લેખ');
    assert.ok($('.banner').text().includes('ભારે વરસાદની ચેતવણી'));
    await post(site, editor, '/newsroom/home', { pins: '', bannerText: '' });
    const $2 = load(await (await fetch(`${site.url}/`)).text());
    assert.equal($2('.banner').length, 0);
  });
});
